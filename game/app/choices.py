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


def number_keys(count: int) -> str:
    """What the number keys do on a page with `count` numbered choices, in English that fits every count (trial B9:
    '1 to 2 pick a numbered choice at once'): '' for none, '1 picks the numbered choice', '1 or 2 pick a choice',
    '1 to 5 pick a numbered choice'."""
    if count <= 0:
        return ""
    if count == 1:
        return "1 picks the numbered choice"
    if count == 2:
        return "1 or 2 pick a choice"
    return f"1 to {count} pick a numbered choice"
