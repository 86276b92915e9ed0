"""An attempt's debrief, rebuilt from the choices the scoreboard stored (and, for a conversation a portfolio
quarter asked for, the quarter's story it was played in: the customer's lines are the ones shown)."""
from __future__ import annotations

from game.core.engine import Playthrough
from game.core.errors import FiveLeversError
from game.app.session import GameSession


def rebuild(library, attempt):
    """(session, note): a finished, read-only session replaying the attempt's
    choices on its scenario, or (None, why not). The note says when the
    scenario file has changed since (the replies then come from today's file)."""
    entry = next((e for e in library.playable() if e.scenario.id == attempt.scenario), None)
    if entry is None:
        return None, f"The scenario '{attempt.scenario}' is no longer in the library, so this attempt can't be replayed."
    scenario = entry.scenario
    snapshot = {"scenario": scenario.id, "version": attempt.version, "content_hash": attempt.content_hash,
                "seed": attempt.seed, "choices": list(attempt.choices), "persona": attempt.persona or None,
                "quarter": attempt.quarter or None}  # the quarter's story, so its lines are the ones shown
    same = scenario.content_hash == attempt.content_hash
    try:
        run = Playthrough.restore(scenario, snapshot, strict=same)
    except FiveLeversError as exc:
        return None, f"This attempt can't be replayed on today's version of the scenario ({exc})."
    if run.result().path != attempt.path:
        return None, "The scenario has changed since this attempt, and its choices now lead elsewhere."
    session = GameSession(scenario, str(entry.path), attempt.player, attempt.mode, scoreboard=None, run=run,
                          started_at=attempt.started_at, player_style=attempt.player_style,
                          learner=attempt.learner or "")
    note = None if same else "The scenario has changed since this attempt; coaching is from today's version."
    return session, note
