"""Conditions in a scenario file, checked as a whole: each `if` is parsed
where it is written, and once every flag's `set` and `add` is known, each
comparison is checked for a number compared with a string (a validation
error, never a silent false) and each name read is matched with the flags
that are set (warnings for names read but never set, and set but never read).
"""
from __future__ import annotations

from game.core import conditions
from game.core.errors import ConditionError
from game.core.model import BEHAVIOUR_NAMES, LEVERS, QUARTER_NAMES, RULES
from game.core.suggest import Suggester

# what each read-only behaviour name holds
_BEHAVIOUR_KINDS = {**{name: "number" for name in ("breaches", *RULES, *LEVERS, *QUARTER_NAMES)}, "persona": "text"}
_QUARTER = frozenset(QUARTER_NAMES)
_QUARTER_RULE = ("what the quarter told may change what the customer says, never which replies show, how one "
                 "scores or how the conversation ends (it must score the same in and out of a quarter)")


def quarter_names_in(tree) -> list[str]:
    """The quarter's names a parsed condition reads, sorted."""
    return sorted(conditions.names(tree) & _QUARTER) if tree is not None else []


class ConditionChecks:
    def __init__(self, ck):
        self.ck = ck
        self.set_at: dict[str, tuple[int, int]] = {}  # flag -> where it is first set or added to
        self.kinds: dict[str, set[str]] = {}  # flag -> "number" and/or "text"
        self.tested: dict[str, tuple[int, int]] = {}  # name -> where it is first read
        self.parsed: list[tuple] = []  # (tree, source, position of the value, quoted)
        self.persona_ids: tuple[str, ...] = ()

    def parse(self, m, key: str, where: str):
        """Parse the condition at m[key]; record it; return (tree, source)."""
        source = self.ck.text(m, key, where, required=True) or ""
        if not source:
            return None, ""
        pos = self.ck.value_pos(m, key)
        quoted = key in m.quoted
        try:
            tree = conditions.parse(source)
        except ConditionError as exc:
            col = pos[1] + exc.column - 1 + (1 if quoted else 0)
            self.ck.error("FL060", (pos[0], col), f"condition '{_one_line(source)}' does not parse: {exc.message}")
            return None, source
        for name in sorted(conditions.names(tree)):
            self.tested.setdefault(name, pos)
        self.parsed.append((tree, source, pos, quoted))
        return tree, source

    def quarter_in_reply(self, tree, m, where: str) -> None:
        """FL066 (warning): a reply's `if` reads the quarter's story."""
        names = quarter_names_in(tree)
        if names:
            self.ck.warning("FL066", self.ck.value_pos(m, "if"),
                            f"the condition of {where} reads {', '.join(names)}: {_QUARTER_RULE}; "
                            "read the quarter names only in node variants or in the text of an ending")

    def quarter_in_ending(self, variants, positions, where: str) -> None:
        """FL066 (warning): an ending variant that reads the quarter's story changes the outcome, or comes before
        a variant that does (in a quarter it would then hide that outcome)."""
        for i, (variant, pos) in enumerate(zip(variants, positions)):
            names = quarter_names_in(variant.condition)
            if not names:
                continue
            if variant.outcome is not None:
                why = "and changes the outcome"
            elif any(later.outcome is not None for later in variants[i + 1:]):
                why = "and comes before a variant that changes the outcome (in a quarter it would hide it)"
            else:
                continue
            self.ck.warning("FL066", pos, f"variant {i + 1} of {where} reads {', '.join(names)} {why}: "
                            f"{_QUARTER_RULE}; change only its text and put it after the variants that change the outcome")

    def assigned(self, name: str, value, pos) -> None:
        self.set_at.setdefault(name, pos)
        kind = "text" if isinstance(value, str) else "number"  # true/false count as 0/1
        self.kinds.setdefault(name, set()).add(kind)

    def _kinds_of(self, side) -> set[str] | None:
        kind, value = side[0], side[1]
        if kind == "lit":
            return {"text"} if isinstance(value, str) else {"number"}
        if value in _BEHAVIOUR_KINDS:
            return {_BEHAVIOUR_KINDS[value]}
        return self.kinds.get(value)  # None when never set: only warned about (FL062)

    def finish(self) -> None:
        """Type checks and the flag warnings, once every choice has been read."""
        for tree, source, pos, quoted in self.parsed:
            for op, left, right, column in conditions.comparisons(tree):
                a, b = self._kinds_of(left), self._kinds_of(right)
                if not a or not b or (a & b):
                    continue
                where = (pos[0], pos[1] + column - 1 + (1 if quoted else 0))
                text_side = left if "text" in a else right
                other = right if text_side is left else left
                self.ck.error("FL064", where,
                              f"condition '{_one_line(source)}' compares {_describe(other)} (a number) with "
                              f"{_describe(text_side)} (text) using '{op}'; write both as numbers or both as "
                              "quoted text")
        flags_set = Suggester(self.set_at)
        for name, pos in self.tested.items():
            if name not in self.set_at and name not in BEHAVIOUR_NAMES:
                hint = flags_set.hint(name)
                if name in self.persona_ids:
                    hint = f" (to test the persona, write persona == '{name}')"
                self.ck.warning("FL062", pos, f"flag '{name}' is tested in a condition but never set{hint}")
        for name, pos in self.set_at.items():
            if name not in self.tested:
                self.ck.warning("FL063", pos, f"flag '{name}' is set but never tested")


def _describe(side) -> str:
    if side[0] == "lit":
        return repr(side[1]) if isinstance(side[1], str) else str(side[1]).lower()
    return f"'{side[1]}'"


def _one_line(text: str) -> str:
    return text.replace("\n", "\\n")
