"""What scenario select says, as plain data: each playable scenario with its
difficulty (in words as well as dots), time, summary and the player's best
so far; each broken file with its first error."""
from __future__ import annotations

from dataclasses import dataclass

from game.app.briefing import minutes_words
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
    minutes: str  # 'about 5 min': briefing.minutes_words, as the briefing (and window and terminal) say
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
                                minutes_words(s),
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
    return unlike_words(own)


def unlike_words(own: str) -> str:
    """Whose style is whose: the trainee's own style is named as theirs, not the customer's."""
    if own:
        return (f"Your style is {STYLE_NAMES[own].lower()}: play a scenario with a customer whose style is the "
                "most unlike yours.")
    return "Take the short self-check first, so we know what \u201cunlike you\u201d means."
