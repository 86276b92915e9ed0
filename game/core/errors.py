"""One exception family and the diagnostics the validator returns.

A `Diagnostic` is one problem found in a file: a stable code, a severity,
where it is (file, 1-based line and column) and a message. The validator
collects them instead of stopping at the first; the CLI prints each as
``file:line:col: error: message``.
"""
from __future__ import annotations

import re

from game.core.frozen import Frozen, frozen, set_field

# Characters that would split a diagnostic over two lines, or hide text, in a terminal or an editor.
# Patterns, not compiled ones: `re` compiles each the first time a message needs it (and keeps it),
# so a command that reports nothing does not pay for them at start-up.
_UNPRINTABLE = r"[\x00-\x1f\x7f-\x9f\u2028\u2029]"
_LONG_QUOTE = r"'([^'\n]{%d,})'" % 81
QUOTE_LIMIT = 80


def one_line(text: str) -> str:
    """`text` with newlines and other control characters escaped (\\n, \\x1b…)."""
    def escape(m: re.Match) -> str:
        c = m.group(0)
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c, f"\\x{ord(c):02x}" if ord(c) < 256
                                                          else f"\\u{ord(c):04x}")
    return re.sub(_UNPRINTABLE, escape, text)


def _shorten_quotes(text: str) -> str:
    return re.sub(_LONG_QUOTE, lambda m: f"'{m.group(1)[:QUOTE_LIMIT - 1]}…' ({len(m.group(1)):,} characters)", text)


@frozen
class Diagnostic(Frozen):
    """One problem, on exactly one line: text quoted from a file has its
    newlines and control characters escaped, and a quoted value longer than
    80 characters is shortened (a 5 MB id is not echoed whole)."""
    code: str
    severity: str  # "error" or "warning"
    file: str
    line: int
    column: int
    message: str

    def __init__(self, code, severity, file, line, column, message):
        set_field(self, "code", code)
        set_field(self, "severity", severity)
        set_field(self, "file", one_line(str(file)))
        set_field(self, "line", line)
        set_field(self, "column", column)
        set_field(self, "message", _shorten_quotes(one_line(message)))

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def format(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


class FiveLeversError(Exception):
    """Base of every error the game raises on purpose."""


class ScenarioError(FiveLeversError):
    """A scenario file could not be loaded; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = list(diagnostics)
        errors = [d for d in self.diagnostics if d.is_error] or self.diagnostics
        first = errors[0] if errors else None
        self.file = first.file if first else ""
        self.line = first.line if first else 0
        self.column = first.column if first else 0
        self.message = first.message if first else "invalid scenario"
        extra = len(errors) - 1
        suffix = f" (and {extra} more)" if extra > 0 else ""
        super().__init__((first.format() if first else self.message) + suffix)


class ConditionError(FiveLeversError):
    """An `if:` expression that does not parse; `column` is 1-based within it."""

    def __init__(self, message: str, column: int):
        self.message = message
        self.column = column
        super().__init__(f"column {column}: {message}")


class PlayError(FiveLeversError):
    """A playthrough was asked to do something it cannot."""


class ChoiceNotShown(PlayError):
    """A choice number that is not among the choices shown at this step."""

    def __init__(self, step: int, node: str, number: int, shown: int):
        self.step = step
        self.node = node
        self.number = number
        self.shown = shown
        super().__init__(
            f"step {step}: choice {number} does not exist at node '{node}' "
            f"({shown} choice{'s' if shown != 1 else ''} shown: pick 1..{shown})"
        )


class SnapshotError(FiveLeversError):
    """A saved playthrough does not match the scenario or is malformed."""
