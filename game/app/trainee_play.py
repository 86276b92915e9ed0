"""A trainee's conversation when nothing is kept in memory between requests
(the browser shell): every use case reads the playthrough from the store,
acts, and writes it back, so any server process can serve the next request.

The in-progress playthrough is the trainee's save (`game.storage.saves`,
keyed by the player's name), kept by a server in the scoreboard's database
(`KeepingBoard(board, keep_saves=True)`: the save store of save_rows.py),
so servers on several machines share it; without it, in the files under
saves/ as the window keeps them. The attempt's registration is derived
from the save (player, start time, seed, scenario), so two processes that
both see the last reply record it once (the scoreboard ignores a second
insert of a registration). An attempt the scoreboard cannot take is kept
in `saves/pending/` like the window does, and added later.

Every function here may block on files or the database: a server runs them
off its event loop.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from game.app.briefing import BriefingView, briefing_view
from game.app.debrief import DebriefView, debrief_view
from game.app.dialogue import DialogueStep, ReplyCoaching, dialogue_step, ending_words, reply_coaching
from game.app.rebuild import rebuild
from game.app.scoreboard_rows import Row, history_rows, is_mine
from game.app.session import GameSession, abandon_saved, back_to_quarter, save_store, session_from_save
from game.app.trend import charted, trend_lines
from game.core.engine import Playthrough
from game.core.errors import SnapshotError
from game.core.turns import draw_persona, fresh_seed
from game.storage import campaign_saves, pending, saves
from game.storage.export import short_time
from game.storage.files import StorageError
from game.storage.scoreboard import lookup_style

_NAMESPACE = uuid.UUID("6f1d1c52-5b0e-4f57-9d1c-3b1f8c2a7e10")  # fixed: the same save gives the same registration
MODES = ("coach", "assessment")


@dataclass(frozen=True)
class Trainee:
    """Who is signed in. The name is who they are on the scoreboard (as in
    the window); a learner id narrows it: what was saved or recorded under
    the same name with another learner id is not theirs."""
    player: str  # the name shown on the scoreboard (already clean)
    learner: str = ""  # learner id (lower case), '' for none
    mode: str = "coach"

    def owns(self, player: str, learner: str) -> bool:
        """Is an attempt or a save by `player` with `learner` this trainee's?"""
        return is_mine(player, self.player) and (learner or "") == self.learner


def registration_for(session: GameSession) -> str:
    key = f"{saves.player_key(session.player)}|{session.started_at}|{session.run.seed}|{session.scenario.id}"
    return str(uuid.uuid5(_NAMESPACE, key))


class KeepingBoard:
    """The scoreboard, except that an attempt it cannot take now is kept in
    `saves/pending/` (and retried by `retry_kept`), never lost. With
    `keep_saves`, conversations and quarters in progress are kept in its
    database too (`save_store`), not in files."""

    def __init__(self, board, keep_saves: bool = False):
        self._board = board
        self.save_store = board if keep_saves else None

    def record(self, attempt):
        try:
            return self._board.record(attempt)
        except StorageError as exc:
            pending.keep(attempt)
            raise StorageError(f"{exc}. It is kept on the server and will be added when the scoreboard "
                               "can be reached") from exc

    def __getattr__(self, name):
        return getattr(self._board, name)


def retry_kept(board) -> int:
    """Record the attempts kept while the scoreboard was away; how many were added."""
    return pending.retry(board, [])


def start(library, board, trainee: Trainee, scenario_id: str, seed: int | None = None,
          persona: str | None = None) -> tuple[GameSession | None, str | None]:
    """A new conversation with `scenario_id` (None when the library has no
    such scenario), meeting `persona` if given (else one drawn from the
    seed); an unfinished assessment it replaces is recorded as abandoned
    first. The note says what could not be saved or recorded."""
    entry = library.find(scenario_id)
    if entry is None:
        return None, None
    note = abandon_saved(trainee.player, board)
    seed = fresh_seed() if seed is None else seed
    session = GameSession(entry.scenario, str(entry.path), trainee.player, trainee.mode, board, seed=seed,
                          persona=draw_persona(entry.scenario, seed, persona), learner=trainee.learner,
                          active_s=None, persona_fixed=persona is not None, ask_style=False)
    session.registration = registration_for(session)
    session.autosave()
    return session, session.problem or note


def own_style(board, trainee: Trainee) -> str:
    """The trainee's style from their latest self-check ('' when not taken)."""
    return lookup_style(board, trainee.player)


def current(library, board, trainee: Trainee) -> tuple[GameSession | None, str | None]:
    """The trainee's conversation in progress, rebuilt from the store, or
    (None, why not: None when there simply is none)."""
    saved, problem = saves.load_session(trainee.player, save_store(board))
    if saved is None or not trainee.owns(saved.player, saved.learner):
        return None, problem
    entry = library.find(str(saved.snapshot.get("scenario", "")))
    session, note = None, None
    if entry is not None and entry.scenario.content_hash == saved.snapshot.get("content_hash"):
        try:  # the library's copy is the saved one: no need to read the file again
            run = Playthrough.restore(entry.scenario, saved.snapshot)
            session = GameSession(entry.scenario, saved.scenario_path, saved.player, saved.mode, board, run=run,
                                  started_at=saved.started_at, learner=saved.learner, active_s=saved.active_s,
                                  ask_style=False)  # the style is read only if the conversation ends here
        except SnapshotError:
            session = None
    if session is None:
        session, note = session_from_save(saved, board)
    if session is not None:
        session.registration = registration_for(session)
    return session, note


@dataclass(frozen=True)
class PlayView:
    """The conversation page: the briefing (for its title and customer), the
    step the playthrough is at, the coaching on the last reply (coach mode
    only: an assessment keeps it for the debrief), and how many replies were
    made (a reply form carries it, so a reply sent twice counts once). An
    assessment also hides the mood meter, as the window does: the customer's
    face and words remain."""
    briefing: BriefingView
    step: DialogueStep
    coaching: ReplyCoaching | None
    at: int
    mode: str
    portrait: str  # the customer's portrait id (or name)
    mood_meter: bool  # show the mood in a word and the meter


def play_view(session: GameSession) -> PlayView:
    run = session.run
    steps = run.result().steps
    coaching = reply_coaching(run, steps[-1]) if steps and session.coach else None
    customer = run.customer
    return PlayView(briefing_view(session.scenario, run.persona, session.mode, run.start, run.preset), dialogue_step(run),
                    coaching, len(run.choices), session.mode, getattr(customer, "portrait", None) or customer.name,
                    session.coach)


@dataclass(frozen=True)
class Choice:
    session: GameSession | None  # None: there is no conversation in progress
    stale: bool  # the reply was for an earlier step (sent twice): nothing was done
    attempt_id: int | None  # the attempt on the scoreboard when this reply ended the conversation
    problem: str | None


def choose(library, board, trainee: Trainee, at: int, number: int) -> Choice:
    """Reply `number` (1-based as shown) at step `at` (replies made so far).
    Raises ValueError when `number` is not one of the replies shown."""
    session, note = current(library, board, trainee)
    if session is None:
        return Choice(None, False, None, note)
    run = session.run
    if at != len(run.choices) or run.finished:
        return Choice(session, True, None, None)
    if not 1 <= number <= len(run.shown_choices()):
        raise ValueError(f"there is no reply {number} here")
    session.choose(number)
    return Choice(session, False, session.attempt.id if session.attempt else None, session.problem)


@dataclass(frozen=True)
class AttemptPages:
    """A finished attempt, rebuilt for its owner: the debrief, the ending's
    last words and the outcome in plain words."""
    attempt_id: int
    scenario_id: str
    debrief: DebriefView
    ending: str  # the outcome in plain words ('Maria is staying with you. …')
    last_line: tuple[str, ...]  # what the customer said at the end (the ending's text), paragraph by paragraph
    note: str | None
    next_id: str = ""  # the next scenario in the library ('' when there is none)
    next_title: str = ""
    back_to_quarter: str = ""  # 'Back to the quarter (week 5)' when the trainee's quarter asked for it, else ''
    last_coaching: ReplyCoaching | None = None  # coach mode: the coaching on the reply that ended it (shown at once)


NO_NAME = "Type your name, or only your learner id (it is then the name shown)."


def asked_by_quarter(player: str, learner: str, registration: str, store=None) -> str:
    """The way back when the trainee's portfolio quarter is waiting on the conversation with
    `registration` (game/app/portfolio_steps keeps it as 'talking'): 'Back to the quarter (week 5)';
    '' when no quarter asked for it."""
    try:
        quarter = campaign_saves.load_campaign(player, learner, store) or {}
    except (OSError, ValueError, StorageError):
        return ""
    talking = quarter.get("talking") if isinstance(quarter, dict) else None
    if not (registration and isinstance(talking, dict) and talking.get("registration") == registration):
        return ""
    week = talking.get("week")
    return back_to_quarter(week if isinstance(week, int) else None)


def attempt_pages(library, board, trainee: Trainee, attempt_id: int) -> AttemptPages | None:
    """None when there is no such attempt or it is not this player's (a
    trainee sees only their own transcripts) or it cannot be replayed."""
    attempt = board.get(attempt_id)
    if attempt is None or not trainee.owns(attempt.player, attempt.learner):
        return None
    session, note = rebuild(library, attempt)
    if session is None:
        return None
    return pages_of(session, attempt_id, note, attempt.player_style, library, attempt.registration,
                    save_store(board))


def pages_of(session: GameSession, attempt_id: int | None, note: str | None = None,
             player_style: str | None = None, library=None, registration: str | None = None,
             store=None) -> AttemptPages:
    run = session.run
    view = debrief_view(session.scenario, run, player=session.player, coach=session.coach,
                        player_style=session.player_style if player_style is None else player_style)
    ending = run.ending_view()
    steps = run.result().steps
    after = library.after(session.scenario.id) if library is not None else None
    return AttemptPages(attempt_id or 0, session.scenario.id, view, ending_words(run),
                        tuple(ending[0]) if ending else (), note,
                        after.scenario.id if after else "", after.scenario.title if after else "",
                        asked_by_quarter(session.player, session.learner, registration or session.registration or "",
                                         store or save_store(session.scoreboard)),
                        reply_coaching(run, steps[-1]) if session.coach and steps else None)


TREND_ATTEMPTS = 20  # the trend chart shows the latest this many finished attempts
HISTORY_PAGE = 50  # the history lists the newest this many attempts, then a link that lists this many more
HISTORY_MOST = 100_000  # a `shown` asked beyond this is read as this (a hand-edited address)


@dataclass(frozen=True)
class HistoryView:
    rows: list  # Row, newest first (each opens its debrief): the newest `shown`
    trend: list  # TrendLine: the score and each lever, oldest to newest ([] with no finished attempt)
    trend_labels: tuple[str, ...]  # each charted attempt, oldest first: 'date · scenario title'
    more: Row | None = None  # "Show 50 older attempts" (its action ("more", how many to list then)); None: all listed
    total: int = 0  # how many attempts the trainee has in all


def history(library, board, trainee: Trainee, shown: int = HISTORY_PAGE) -> HistoryView:
    """The trainee's newest `shown` attempts, how many there are and the trend of their latest finished
    ones: three reads of the history's index (a page, a count, the chart's attempts), not every attempt."""
    shown = max(1, min(shown, HISTORY_MOST))
    titles = {e.scenario.id: e.scenario.title for e in library.playable()}
    player, learner = trainee.player, trainee.learner
    mine = [a for a in board.history_page(player, shown, learner=learner) if trainee.owns(a.player, a.learner)]
    total = board.history_count(player, learner=learner) if len(mine) >= shown else len(mine)
    charted_attempts = charted(a for a in board.history_page(player, TREND_ATTEMPTS, learner=learner, finished=True)
                               if trainee.owns(a.player, a.learner))
    hidden, page = total - len(mine), min(HISTORY_PAGE, total - len(mine))
    more = Row(f"Show {page:,} older attempt{'s' if page != 1 else ''}",
               f"{hidden:,} older attempt{'s' if hidden != 1 else ''} not listed yet",
               ("more", len(mine) + page)) if hidden > 0 else None
    return HistoryView(history_rows(mine, titles, library.persona_label),
                       trend_lines(charted_attempts) if charted_attempts else [],
                       tuple(f"{short_time(a.finished_at)} · {titles.get(a.scenario, a.title or a.scenario)}"
                             for a in charted_attempts),
                       more, total)


def bests(board, player: str) -> dict:
    return board.bests(player)


def in_progress_title(trainee: Trainee, board=None) -> str | None:
    """The title of the trainee's saved conversation (for a Resume link), or None."""
    saved, _ = saves.load_session(trainee.player, save_store(board))
    if saved is None or not trainee.owns(saved.player, saved.learner):
        return None
    return saved.title or "your conversation"
