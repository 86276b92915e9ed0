"""A choice a screen offers, as plain data: what it says and what choosing
it asks for. A shell draws it (a button, a numbered line) and hands the
`action` back to the screen; it never works out a label itself."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Choice:
    label: str
    action: object  # handed back when chosen: a word ('back') or a tuple (('answer', 2))
    detail: str = ""  # a second, smaller line
    number: int | None = None  # the key that chooses it, when it has one
    enabled: bool = True
