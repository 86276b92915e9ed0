"""A conversation chosen but not begun, and what the trainee is told around
it: the briefing shows the customer before anything is saved (opening a
briefing never creates or replaces the conversation in progress); beginning
another conversation while one is in progress asks first; a conversation
resumed after the mode was switched says which mode it runs in (its own).

The choice is plain data (scenario id, seed, persona or None) that a shell
keeps until the trainee begins (the browser keeps it in its session
cookie). Wording lives here, shared by every shell.
"""
from __future__ import annotations

from dataclasses import dataclass

from game.app import trainee_play
from game.app.briefing import MODE_LABELS, BriefingView, briefing_view
from game.app.dialogue import dialogue_step
from game.core.engine import Playthrough
from game.core.styles import unlike_customers
from game.core.turns import draw_persona, fresh_seed

MODES = ("coach", "assessment")
BEGIN = "Start the conversation"
RESUME = "Resume it"


def other_mode(mode: str) -> str:
    return "assessment" if mode == "coach" else "coach"


def switch_label(mode: str) -> str:
    """The button that switches the trainee's mode (as the window's briefing and the terminal menu say)."""
    return f"Switch to {other_mode(mode)} mode"


def mode_line(mode: str) -> str:
    """The trainee's mode in words, beside the switch."""
    return f"You are in {MODE_LABELS[mode][0].lower()}{MODE_LABELS[mode][1:]}."


def chosen(library, scenario_id: str, persona: str | None = None, seed: int | None = None) -> dict | None:
    """The choice to keep until the trainee begins (None: no such scenario)."""
    entry = library.find(scenario_id)
    if entry is None:
        return None
    return {"scenario": entry.scenario.id, "seed": fresh_seed() if seed is None else int(seed),
            "persona": persona if persona in entry.scenario.personas else None}


def chosen_unlike(library, board, trainee) -> tuple[dict | None, str]:
    """A customer most unlike the trainee (drawn among the most unlike):
    (the choice, ''), or (None, 'self-check') when the trainee's style is
    not known yet, or (None, why not)."""
    own = trainee_play.own_style(board, trainee)
    if not own:
        return None, "self-check"
    pairs = unlike_customers([e.scenario for e in library.playable()], own)
    if not pairs:
        return None, "No scenario has a customer unlike you yet."
    seed = fresh_seed()
    scenario, persona = pairs[seed % len(pairs)]
    return chosen(library, scenario.id, persona, seed), ""


def read_chosen(library, kept) -> tuple | None:
    """(scenario, seed, persona met, persona chosen or None) from a kept
    choice; None when it is not one (or the scenario is gone)."""
    if not isinstance(kept, dict) or not isinstance(kept.get("seed"), int):
        return None
    entry = library.find(str(kept.get("scenario", "")))
    if entry is None:
        return None
    fixed = kept.get("persona") if kept.get("persona") in entry.scenario.personas else None
    seed = kept["seed"]
    return entry.scenario, seed, draw_persona(entry.scenario, seed, fixed), fixed


@dataclass(frozen=True)
class ChosenBriefing:
    """The briefing of a conversation chosen but not begun, with the
    customer as they will first appear (portrait id, mood and its word)."""
    briefing: BriefingView
    portrait: str
    mood: str
    mood_word: str


def chosen_briefing(library, kept, mode: str) -> ChosenBriefing | None:
    found = read_chosen(library, kept)
    if found is None:
        return None
    scenario, seed, persona, _ = found
    run = Playthrough(scenario, seed=seed, persona=persona)  # in memory only: nothing is saved before Start
    customer = run.customer
    return ChosenBriefing(briefing_view(scenario, persona, mode), getattr(customer, "portrait", None) or customer.name,
                          run.mood, dialogue_step(run).mood_word)


@dataclass(frozen=True)
class ReplaceQuestion:
    """Asked before a new conversation replaces the one in progress."""
    title: str
    question: str
    resume: str  # the button that keeps the conversation in progress
    replace: str  # the button that leaves it and starts the new one


def replace_question(in_progress: str, new_title: str, in_progress_mode: str, replies: int) -> ReplaceQuestion:
    lost = (" It is an assessment: left now, it is recorded as abandoned."
            if in_progress_mode == "assessment" and replies else " Left now, it cannot be resumed.")
    return ReplaceQuestion("You have a conversation in progress",
                           f"{in_progress} is waiting for your next reply. Starting {new_title} ends it.{lost}",
                           f"{RESUME}: {in_progress}", f"Leave it and start {new_title}")


def begin(library, board, trainee, kept, replace: bool = False):
    """Begin the kept choice: ('started', (session, note)); ('ask',
    ReplaceQuestion) when another conversation is in progress and `replace`
    is not set (nothing is changed); ('gone', None) when there is no choice
    to begin."""
    found = read_chosen(library, kept)
    if found is None:
        return "gone", None
    scenario, seed, _, fixed = found
    if not replace:
        now, _ = trainee_play.current(library, board, trainee)
        if now is not None and not now.run.finished:
            return "ask", replace_question(now.scenario.title, scenario.title, now.mode, len(now.run.choices))
    return "started", trainee_play.start(library, board, trainee, scenario.id, seed=seed, persona=fixed)


def mode_note(session_mode: str, trainee_mode: str) -> str:
    """What a resumed conversation says when the trainee has switched mode since it began ('' when not)."""
    if session_mode == trainee_mode:
        return ""
    return (f"This conversation runs in {session_mode} mode, the mode it began in; a conversation keeps its "
            f"mode. Your {trainee_mode} mode applies to the next conversation you start.")
