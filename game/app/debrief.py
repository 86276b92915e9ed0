"""What the debrief says, as plain data: the outcome in words, score and
grade, each lever's percent (or "not assessed"), each rule broken with the
reply that broke it, the conversation with the coaching on each reply, the
ending, the persona pairing and the flex comparison, and the three most
useful coaching notes. The window's debrief scene, the report card and the
terminal's debrief all draw this; none of them works any of it out."""
from __future__ import annotations

from dataclasses import dataclass

from game.app.dialogue import judgement, said
from game.app.text import LEVER_SHORT
from game.core.closing_words import closing_words
from game.core.flex import flex_report, report_lines
from game.core.model import LEVER_TITLES, LEVERS, OUTCOME_TITLES, RULE_TITLES
from game.core.scoring import LeverScore
from game.core.styles import STYLE_NAMES

NO_RULE_BROKEN = "No rule broken. Well done."


@dataclass(frozen=True)
class LeverLine:
    lever: str
    percent: int | None  # None: not assessed in this scenario (or with this customer)
    points: int
    ceiling: int
    other_customer: bool = False  # not assessed with this persona, but with another of the scenario's


    @property
    def assessed(self) -> bool:
        return self.percent is not None

    @property
    def title(self) -> str:
        return LEVER_TITLES[self.lever]

    @property
    def short(self) -> str:
        return LEVER_SHORT.get(self.lever, self.title)

    @property
    def chart_value(self) -> str:
        """The value beside the chart's spoke: '60%' or 'not assessed'."""
        return "not assessed" if self.percent is None else f"{self.percent}%"

    @property
    def words(self) -> str:
        """The lever's result in a sentence part, e.g. '60% (3 of 5 points)'."""
        if self.percent is None:
            return "not assessed with this customer" if self.other_customer else "not assessed in this scenario"
        if self.points < 0:  # "-2 of 4 points" reads as a typo; say what happened
            lost = -self.points
            return f"0% (below zero: {lost} point{'s' if lost > 1 else ''} lost, {self.ceiling} possible)"
        return f"{self.percent}% ({self.points} of {self.ceiling} points)"


RADAR_TITLE = "Radar chart of the five levers; the values are listed beside it"


def not_assessed_note(levers) -> str:
    """Under the radar: which levers it leaves out, and why the shape skips them ('' when none)."""
    names = [lv.title for lv in levers if not lv.assessed]
    if not names:
        return ""
    which = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    verb = "is" if len(names) == 1 else "are"
    return (f"{which} {verb} not assessed here: drawn as a dashed spoke and left out of the shape, "
            "not as zero.")


@dataclass(frozen=True)
class RuleBroken:
    rule: str
    title: str
    reply: str  # what the trainee said that broke it
    step: int  # 1-based


@dataclass(frozen=True)
class ConversationStep:
    number: int  # 1-based
    speaker: str  # the customer's name, or "Narrator"
    narrator: bool
    line: str  # what was said at the node, paragraphs joined
    reply: str
    broke: tuple[str, ...]  # titles of the rules the reply broke
    coaching: str
    tone: str = "neutral"  # dialogue.judgement(): 'good', 'bad' or 'neutral'
    verdict: str = ""  # its label: 'Rule broken · -1 point', …

    @property
    def names_itself(self) -> bool:
        """The line already says who of the customer's part speaks ('Priya: …'): no name is put before it."""
        return not self.narrator and said(False, self.speaker, self.line) == self.line

    @property
    def said(self) -> str:
        """The line as a transcript prints it: '(words)', 'Name: words', or as it names its own speaker."""
        return said(self.narrator, self.speaker, self.line)


@dataclass(frozen=True)
class DebriefView:
    scenario_title: str
    player: str
    mode: str  # coach | assessment
    customer: str
    persona_label: str  # '' without personas
    finished: bool
    outcome: str | None
    outcome_title: str  # 'Retained', …, or 'Not finished'
    score: int
    grade: str
    path: tuple[str, ...]
    levers: tuple[LeverLine, ...]
    lever_scores: dict[str, LeverScore]  # for the radar
    rule_counts: dict[str, int]
    rules_broken: tuple[RuleBroken, ...]
    conversation: tuple[ConversationStep, ...]
    ending: str | None  # the ending's text, None when not finished
    overall: str  # the ending's coaching
    summary: tuple[str, ...]  # what was done and what was missed, built from the playthrough (closing_words)
    pairing: str  # 'Customer: <label> (Direct)  ·  Your style: Steady', '' without personas
    flex: tuple[str, ...]  # the flex comparison; lines starting with two spaces belong to the reply above
    notes: tuple[tuple[str, str], ...]  # the three most useful coaching notes: (what was said, the note)

    @property
    def coaching_mode(self) -> str:
        return f"{self.mode} mode"


def debrief_view(scenario, run, player: str = "", coach: bool = True, player_style: str = "",
                 with_flex: bool = True) -> DebriefView:
    """The debrief of playthrough `run` of `scenario`, for `player`
    (`with_flex=False` leaves out the flex comparison, which replays the
    other personas: scripted play's summary does not show it)."""
    result = run.result()
    persona = scenario.personas.get(run.persona) if run.persona else None
    conversation = []
    for n, step in enumerate(result.steps, 1):
        node = scenario.nodes.get(step.node)
        narrator = node is not None and node.speaker == "narrator"
        conversation.append(ConversationStep(n, "Narrator" if narrator else run.customer.name, narrator,
                                             step.line.replace("\n\n", " "), step.text,
                                             tuple(RULE_TITLES[r] for r in step.breaks), step.feedback,
                                             *judgement(step.levers, step.breaks, step.mood_after == "walked_out")))
    ending = run.ending_view()
    report = flex_report(run) if with_flex else None
    return DebriefView(
        scenario_title=scenario.title, player=player, mode="coach" if coach else "assessment",
        customer=run.customer.name, persona_label=persona.label if persona else "",
        finished=result.finished, outcome=result.outcome,
        outcome_title=OUTCOME_TITLES.get(result.outcome, "Not finished"), score=result.score, grade=result.grade,
        path=tuple(result.path),
        levers=tuple(LeverLine(lv, result.levers[lv].percent, result.levers[lv].points, result.levers[lv].ceiling,
                               result.levers[lv].percent is None and lv in assessed_elsewhere(scenario, run.persona))
                     for lv in LEVERS),
        lever_scores=dict(result.levers), rule_counts=dict(result.rules),
        rules_broken=tuple(RuleBroken(rule, RULE_TITLES[rule], step.text, n)
                           for n, step in enumerate(result.steps, 1) for rule in step.breaks),
        conversation=tuple(conversation),
        ending=" ".join(ending[0]) if ending is not None else None, overall=ending[2] if ending is not None else "",
        summary=tuple(closing_words(scenario, result)),
        pairing=pairing_line(scenario, run, player_style),
        flex=tuple(report_lines(report, scenario, player_style)) if report else (),
        notes=tuple(coaching_notes(result, ending[2] if ending else "")))


def assessed_elsewhere(scenario, persona: str | None) -> set[str]:
    """The levers some other persona of the scenario is assessed on."""
    from game.core.scoring import ceilings
    return {lever for other in scenario.personas if other != persona
            for lever, top in ceilings(scenario, other).items() if top > 0}


def pairing_line(scenario, run, player_style: str) -> str:
    """'Customer: <label> (Direct)  ·  Your style: Steady' for a scenario with personas, else ''."""
    persona = scenario.personas.get(run.persona) if run.persona else None
    if persona is None:
        return ""
    style = f" ({STYLE_NAMES[persona.style]})" if persona.style else ""
    yours = STYLE_NAMES.get(player_style, "not known yet")
    return f"Customer: {persona.label}{style}  \u00b7  Your style: {yours}"


def coaching_notes(result, ending_coaching: str = "", count: int = 3) -> list[tuple[str, str]]:
    """The most useful notes, as (what was said, the note): replies that broke
    a rule first, then those that cost points, then the ones that scored
    least; the ending's coaching fills a free place. In conversation order."""
    ranked = []
    for n, step in enumerate(result.steps):
        if not step.feedback:
            continue
        points = sum(step.levers.values())
        ranked.append(((0 if step.breaks else 1 if points < 0 else 2, points, n), n, step))
    chosen = sorted(sorted(ranked)[:count], key=lambda item: item[1])
    notes = []
    for _, _, step in chosen:
        said = f"You said: \u201c{step.text}\u201d"
        if step.breaks:
            said += "  (broke: " + ", ".join(RULE_TITLES[r] for r in step.breaks) + ")"
        notes.append((said, step.feedback))
    if len(notes) < count and ending_coaching:
        notes.append(("Overall", ending_coaching))
    return notes
