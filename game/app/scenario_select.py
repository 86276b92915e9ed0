"""What scenario select says, as plain data: each playable scenario with its
difficulty (in words as well as dots), time, summary and the player's best
so far; each broken file with its first error."""
from __future__ import annotations

from dataclasses import dataclass

from game.core.styles import STYLE_NAMES

UNLIKE_LABEL = "Practise with customers unlike you"


@dataclass(frozen=True)
class ScenarioRow:
    id: str
    title: str
    summary: str
    difficulty: int  # 1-5
    difficulty_words: str  # 'Difficulty 2 of 5'
    dots: str  # '●●○○○'
    minutes: str  # 'about 5 min', '' when not given
    best: str  # 'Best so far: 84 (B)' or 'Not played yet'


@dataclass(frozen=True)
class BrokenRow:
    file: str
    problem: str  # the first error, compiler-style


def scenario_rows(library, bests: dict) -> list[ScenarioRow]:
    """The playable scenarios in the library's order; `bests` is the
    scoreboard's {scenario id: (best score, grade)} for the player."""
    rows = []
    for entry in library.playable():
        s = entry.scenario
        best = bests.get(s.id)
        rows.append(ScenarioRow(s.id, s.title, s.summary, s.difficulty, f"Difficulty {s.difficulty} of 5",
                                "\u25cf" * s.difficulty + "\u25cb" * (5 - s.difficulty),
                                f"about {s.estimated_minutes} min" if s.estimated_minutes else "",
                                f"Best so far: {best[0]} ({best[1]})" if best else "Not played yet"))
    return rows


def broken_rows(library) -> list[BrokenRow]:
    return [BrokenRow(str(e.path).replace("\\", "/").split("/")[-1], (e.errors or e.diagnostics)[0].format())
            for e in library.entries if not e.ok]


def unlike_detail(library, own: str) -> str | None:
    """What the 'customers unlike you' choice says for a player of style
    `own` ('' when the self-check is not taken); None when no scenario has
    a customer with a style."""
    if not any(p.style for e in library.playable() for p in e.scenario.personas.values()):
        return None
    if own:
        return f"A scenario and a customer whose style is most unlike yours ({STYLE_NAMES[own].lower()})."
    return "Take the short self-check first, so we know what \u201cunlike you\u201d means."
