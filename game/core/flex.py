"""What flexing meant in one playthrough: how the replies the trainee chose
would have landed with the scenario's other personas, side by side.

For each reply taken whose points, rule breaks or effect on the mood differ
between personas, a `FlexNote` holds its landing with the customer the
trainee met and with each other persona (at the same moment: same node,
same mood). Where the reply that lands best on a node differs between
personas, a `BestNote` says which was best for whom. No pygame, no storage.
"""
from __future__ import annotations

from dataclasses import dataclass

from game.core.engine import Playthrough
from game.core.turns import rules_broken
from game.core.errors import FiveLeversError
from game.core.model import LEVERS, RULE_TITLES, STYLE_TITLES
from game.core.styles import STYLE_NAMES, flex_tip

MOOD_EFFECTS = {"soothe": "calmed them", "steady": "", "escalate": "upset them more"}


@dataclass(frozen=True)
class Landing:
    """How one reply lands with one persona."""
    persona: str
    label: str
    style: str
    points: int
    breaks: tuple[str, ...]
    mood: str  # soothe | steady | escalate

    @property
    def verdict(self) -> str:
        if self.breaks or self.points < 0 or self.mood == "escalate":
            return "cost"
        if self.points > 0 or self.mood == "soothe":
            return "helped"
        return "neutral"

    def rank(self) -> tuple:
        return (-len(self.breaks), self.points, {"soothe": 1, "steady": 0, "escalate": -1}[self.mood])

    def effects(self, would: bool = False) -> str:
        """What the reply did, in plain words: 'it broke “Shut up and listen”
        and earned no points' (`would`: 'it would have broken …')."""
        parts = [f"{'broken' if would else 'broke'} \u201c{RULE_TITLES[r]}\u201d" for r in self.breaks]
        n = abs(self.points)
        points = f"{n} point{'s' if n != 1 else ''}"
        mood = MOOD_EFFECTS[self.mood]
        if not self.points and not self.breaks and self.mood == "soothe":  # 'it calmed them, though for no points'
            return ("it would have " if would else "it ") + f"{mood}, though for no points"
        parts.append(f"earned {points}" if self.points > 0 else (f"lost {points}" if self.points else "earned no points"))
        if mood:
            parts.append(mood)
        said = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        return ("it would have " if would else "it ") + said

    def same_value(self, other: "Landing") -> bool:
        return (self.points, self.breaks, self.mood) == (other.points, other.breaks, other.mood)


@dataclass(frozen=True)
class FlexNote:
    step: int  # 1-based
    node: str
    text: str
    yours: Landing
    others: tuple[Landing, ...]

    def sentences(self) -> list[str]:
        out = [f"With this customer, {who(self.yours)}, it {_VERDICT[self.yours.verdict]}: {self.yours.effects()}."]
        out += [f"With the {who(o)} customer, the same reply {o.effects(True)[3:]}." for o in self.others]
        return out


@dataclass(frozen=True)
class BestNote:
    step: int
    node: str
    best: dict[str, str]  # persona id -> the text of the reply that landed best with it


@dataclass(frozen=True)
class FlexReport:
    persona: str
    label: str
    style: str
    notes: tuple[FlexNote, ...]
    bests: tuple[BestNote, ...]


_VERDICT = {"cost": "cost you", "helped": "helped", "neutral": "made little difference"}


def who(landing: Landing) -> str:
    style = f" ({landing.style})" if landing.style else ""
    return f"\u201c{landing.label}\u201d{style}"


def landing(scenario, node, choice, persona: str, mood: str) -> Landing:
    p = scenario.personas[persona]
    landed = choice.for_persona(persona)
    points = sum(int(landed.levers.get(lever, 0)) for lever in LEVERS)
    return Landing(persona, p.label, p.style, points, rules_broken(node, landed, mood), landed.mood)


def flex_report(run: Playthrough) -> FlexReport | None:
    """The side-by-side comparison for a playthrough of a scenario with
    personas; None when the scenario has none."""
    scenario = run.scenario
    if not scenario.personas or run.persona not in scenario.personas:
        return None
    others = [p for p in scenario.personas if p != run.persona]
    replay = Playthrough(scenario, seed=run.seed, start=run.start, persona=run.persona)
    notes, bests = [], []
    for number, step in enumerate(run.steps, 1):
        node = scenario.nodes.get(step.node)
        if node is None or replay.state != step.node:
            break
        shown = [node.choices[c.index] for c in replay.shown_choices()]
        chosen = node.choices[step.index]
        yours = landing(scenario, node, chosen, run.persona, step.mood_before)
        theirs = tuple(landing(scenario, node, chosen, p, step.mood_before) for p in others)
        if any(not yours.same_value(o) for o in theirs):
            notes.append(FlexNote(number, node.id, step.text, yours, theirs))
        if len(shown) > 1:
            best = {p: max(shown, key=lambda c, p=p: landing(scenario, node, c, p, step.mood_before).rank()).text
                    for p in scenario.personas}
            if len(set(best.values())) > 1:
                bests.append(BestNote(number, node.id, best))
        try:
            replay.choose(step.choice)
        except FiveLeversError:  # the file changed under a stored attempt: compare what still fits
            break
    p = scenario.personas[run.persona]
    return FlexReport(run.persona, p.label, p.style, tuple(notes), tuple(bests))


def report_lines(report: FlexReport, scenario, own_style: str = "") -> list[str]:
    """The comparison as plain lines, reply by reply (the window's debrief,
    the report card, the terminal). Lines starting with two spaces belong
    to the reply above them."""
    style = f": {STYLE_NAMES[report.style]} ({STYLE_TITLES[report.style].split(': ', 1)[1]})" if report.style else ""
    lines = [f"This customer was \u201c{report.label}\u201d{style}."]
    if own_style and report.style:
        lines.append(f"Your style is {STYLE_NAMES[own_style]}. Tip for this pairing: {flex_tip(own_style, report.style)}")
    elif not own_style:
        lines.append("Take the self-check (\u201cYour style\u201d) to get a tip for this pairing.")
    notes = {note.step: note for note in report.notes}
    bests = {best.step: best for best in report.bests}
    if not notes:
        lines.append("None of your replies would have landed differently with the other customers.")
    for step in sorted({*notes, *bests}):
        note, best = notes.get(step), bests.get(step)
        if note is not None:
            lines.append(f"Reply {step}: \u201c{note.text}\u201d")
            lines += [f"  {sentence}" for sentence in note.sentences()]
        else:
            lines.append(f"Reply {step}: the best reply here depended on the customer.")
        if best is not None:
            lines.append("  Best here: " + "; ".join(
                f"\u201c{text}\u201d with \u201c{scenario.personas[p].label}\u201d" for p, text in best.best.items())
                + ".")
    return lines
