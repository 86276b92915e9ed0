"""The self-check when nothing stays in memory between requests (the
browser): the trainee's progress is a small piece of data (the page and the
answers so far) that the shell keeps in its session and hands back; each
step rebuilds the `SelfCheck`, applies one choice and gives back the new
progress. The finished result is kept on the scoreboard, as the window does.

Every function here may block on the database: a server runs them off its
event loop.
"""
from __future__ import annotations

from game.app.self_check import INTRO, QUESTION, RESULT, SelfCheck, FINISHED
from game.core.styles import QUESTIONS, score_answers
from game.storage.attempts import now_iso

START = {"page": INTRO, "answers": []}


def clean_progress(progress) -> dict:
    """Progress as handed back (from a cookie): anything odd starts again."""
    if not isinstance(progress, dict) or progress.get("page") not in (INTRO, QUESTION, RESULT):
        return dict(START)
    answers = progress.get("answers")
    if not isinstance(answers, list) or len(answers) > len(QUESTIONS) \
            or not all(isinstance(a, int) and not isinstance(a, bool) and 1 <= a <= 9 for a in answers):
        return dict(START)
    if (progress["page"] == RESULT) != (len(answers) == len(QUESTIONS)):
        return dict(START)
    return {"page": progress["page"], "answers": list(answers)}


def _saved(board, player: str):
    try:
        return board.player_style(player)
    except Exception:  # noqa: BLE001 - the self-check goes on without the earlier result
        return None


def rebuild(board, player: str, progress) -> SelfCheck:
    progress = clean_progress(progress)
    check = SelfCheck(_saved(board, player))
    check.page, check.answers = progress["page"], list(progress["answers"])
    if check.page == RESULT:
        try:
            check.result = score_answers(check.answers)
        except ValueError:
            check.page, check.answers = INTRO, []
    return check


def parse_action(text: str):
    """A choice's action from its form value ('start', 'answer-2', …), or None."""
    if text in ("start", "previous", "back"):
        return text
    if text.startswith("answer-") and text[7:].isdigit() and len(text) < 10:
        return ("answer", int(text[7:]))
    return None


def form_value(action) -> str:
    """The form value for a choice's action (the inverse of `parse_action`)."""
    return f"answer-{action[1]}" if isinstance(action, tuple) else str(action)


def step(board, player: str, progress, action) -> tuple[dict, str | None]:
    """(new progress, what the shell must do: 'back' to leave, or None).
    The last answer stores the result on the scoreboard (a retake replaces it)."""
    check = rebuild(board, player, progress)
    if isinstance(action, tuple) and not any(c.action == action for c in check.view().choices):
        return {"page": check.page, "answers": check.answers}, None  # not an answer on this page
    said = check.choose(action)
    if said == FINISHED:
        result = check.result
        board.save_style(player, result.style, result.counts, list(result.answers), now_iso())
    return {"page": check.page, "answers": list(check.answers)}, ("back" if said == "back" else None)
