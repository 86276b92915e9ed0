"""What the briefing says before a conversation, as plain data: the
scenario, the customer (as the drawn persona has them), difficulty and
time, the mode, the briefing itself and a playtest note."""
from __future__ import annotations

from dataclasses import dataclass

from game.core.length import measured_minutes

MODE_LABELS = {"coach": "Coach mode: coaching after every reply",
               "assessment": "Assessment mode: coaching only in the debrief"}


@dataclass(frozen=True)
class BriefingView:
    title: str
    customer: str
    role: str  # '' when none
    facts: str  # 'Difficulty 2 of 5  ·  about 5 min' and the mode, one a line
    briefing: str  # as written (the persona's, if it has one); '' when none
    summary: str  # the scenario's summary: shown when there is no briefing
    playtest: str  # '(Playtest: starting at node …, with mood …)' for a playtest, else ''


def minutes_words(scenario) -> str:
    """'about 3 min', measured from the scenario (game.core.length), not the file's own guess."""
    return f"about {measured_minutes(scenario)} min"


def playtest_note(scenario, start: str | None = None, preset=None) -> str:
    """'(Playtest: starting at node 'x', with mood upset, apologised = true; not recorded on the
    scoreboard.)', or '' when this is a real attempt."""
    elsewhere = bool(start) and start != scenario.start
    if not elsewhere and not preset:
        return ""
    parts = [f"starting at node '{start}'"] if elsewhere else []
    if preset:
        parts.append(f"with {preset.words()}")
    return f"(Playtest: {', '.join(parts)}; not recorded on the scoreboard.)"


def briefing_view(scenario, persona: str, mode: str, start: str | None = None, preset=None) -> BriefingView:
    customer = scenario.customer_for(persona)
    facts = f"Difficulty {scenario.difficulty} of 5  ·  {minutes_words(scenario)}\n" + MODE_LABELS[mode]
    playtest = playtest_note(scenario, start, preset)
    return BriefingView(scenario.title, customer.name, customer.role or "", facts, scenario.briefing_for(persona),
                        scenario.summary, playtest)
