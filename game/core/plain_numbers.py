"""Numbers typed by a person: ASCII digits only.

`str.isdigit()` also accepts superscripts and other digits ('²', '٣') that
`int()` then refuses or reads differently; every prompt and option that
takes a number asks this instead."""
from __future__ import annotations

ASCII_DIGITS = frozenset("0123456789")


def is_plain_number(text: str) -> bool:
    """True for one or more ASCII digits and nothing else."""
    return bool(text) and all(c in ASCII_DIGITS for c in text)
