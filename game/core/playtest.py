"""A playtest's start: flags and a mood set before the first reply.

`play FILE --from NODE --set flag=value --mood upset` starts a conversation
where a trainer wants to test a branch behind a condition. The preset is
part of the playthrough's data (its snapshot), so a saved playtest resumes
as it was; a playthrough with a preset, or started anywhere but the
scenario's `start`, is a playtest and is never recorded (see
`Playthrough.playtest`).
"""
from __future__ import annotations

from dataclasses import dataclass

from game.core import conditions
from game.core.errors import PlayError
from game.core.field_checks import did_you_mean
from game.core.model import BEHAVIOUR_NAMES, MOODS, QUARTER_NAMES
from game.core.plain_numbers import is_plain_number


@dataclass(frozen=True)
class Preset:
    """Flags (name, value pairs, sorted) and a starting mood (None: the customer's own)."""
    flags: tuple[tuple[str, object], ...] = ()
    mood: str | None = None

    def __bool__(self) -> bool:
        return bool(self.flags) or self.mood is not None

    def to_dict(self) -> dict:
        out: dict = {}
        if self.flags:
            out["flags"] = dict(self.flags)
        if self.mood is not None:
            out["mood"] = self.mood
        return out

    @classmethod
    def from_dict(cls, data) -> "Preset":
        """From a snapshot's `preset` (None or {} gives no preset)."""
        if not data:
            return cls()
        if not isinstance(data, dict):
            raise PlayError("the save's 'preset' must be a mapping")
        flags = data.get("flags") or {}
        mood = data.get("mood")
        if not isinstance(flags, dict) or not all(isinstance(k, str) for k in flags):
            raise PlayError("the save's preset flags must be a mapping of names")
        if mood is not None and mood not in MOODS:
            raise PlayError(f"the save's preset mood '{mood}' is not one of {', '.join(MOODS)}")
        return cls(tuple(sorted(flags.items())), mood)

    def words(self) -> str:
        """'mood upset, apologised = true' for a playtest note ('' for none)."""
        parts = [f"mood {self.mood}"] if self.mood else []
        parts += [f"{name} = {_shown(value)}" for name, value in self.flags]
        return ", ".join(parts)


def _shown(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, str) else str(value)


def scenario_flags(scenario) -> list[str]:
    """Every flag a scenario sets, adds to or tests, sorted."""
    found: set[str] = set()
    for node in scenario.nodes.values():
        for variant in node.variants:
            found |= conditions.names(variant.condition)
        for choice in node.choices:
            found |= set(choice.set) | set(choice.add)
            if choice.condition is not None:
                found |= conditions.names(choice.condition)
    for ending in scenario.endings.values():
        for variant in ending.variants:
            found |= conditions.names(variant.condition)
    return sorted(found - set(BEHAVIOUR_NAMES))


def parse_value(text: str):
    """'true'/'false' are booleans, a whole number is a number, anything
    else (quotes optional) is text, as a flag's value in the file would be."""
    text = text.strip()
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    sign = text[1:] if text[:1] in "+-" else text
    if sign and is_plain_number(sign):
        return int(text)
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def build(scenario, settings: list[str] | None, mood: str | None) -> Preset:
    """The preset from `--set name=value` texts and `--mood`; PlayError
    (naming the option, with a did-you-mean) for a bad one."""
    flags: dict[str, object] = {}
    known = scenario_flags(scenario)
    for text in settings or ():
        name, eq, value = text.partition("=")
        name = name.strip()
        if not eq or not name or not value.strip():
            raise PlayError(f"--set {text}: write it as name=value (e.g. --set apologised=true)")
        if name in BEHAVIOUR_NAMES or name == "mood":
            raise PlayError(f"--set {text}: '{name}' is worked out by the game, not a flag"
                            + (" (use --mood)" if name == "mood" else
                               " (use --quarter, e.g. --quarter week=5)" if name in QUARTER_NAMES else ""))
        if name not in known:
            listed = f"its flags are: {', '.join(known)}" if known else "it has no flags"
            raise PlayError(f"--set {text}: scenario '{scenario.id}' has no flag '{name}'"
                            f"{did_you_mean(name, known)}; {listed}")
        flags[name] = parse_value(value)
    if mood is not None and mood not in MOODS:
        raise PlayError(f"--mood {mood}: not a mood{did_you_mean(mood, MOODS)}; the moods are: {', '.join(MOODS)}")
    return Preset(tuple(sorted(flags.items())), mood)
