"""The portfolio campaign when nothing stays in memory between requests
(the browser): the quarter is data (the seed, when it began, the choices
made so far as an action log, and the conversation under way), kept in the
store (`game.storage.campaign_saves`); each request replays the log into a
`PortfolioRun`, applies one choice and writes the log back.

A conversation the quarter asks for is an ordinary conversation in
progress (the trainee's save, `trainee_play`): when it has ended, its
attempt (found by its registration) settles the account; one left
unfinished counts as at risk, as in the window. The finished quarter is
recorded on the scoreboard once.

Every function here may block on files or the database: a server runs them
off its event loop.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.app.portfolio_run import AGAIN, ASK_TO_LEAVE, CHANGED, FINISHED, LEAVE, NOTE, TALK, PortfolioRun
from game.app.portfolio_view import DEBRIEF, LIST, PortfolioPage, QuarterDebrief, quarter_debrief
from game.app.contact_menu import refusal
from game.app.quarter_week import linked_playthrough
from game.app.session import GameSession, abandon_saved, save_store
from game.app.trainee_play import Trainee, registration_for
from game.core.portfolio.load import check_file
from game.core.portfolio.quarter import Contact
from game.core.turns import fresh_seed
from game.storage import campaign_saves, saves
from game.storage.attempts import now_iso
from game.storage.portfolio_board import quarter_row


def portfolios(folder: Path, library) -> list:
    """The playable portfolios in `folder`, their conversations linked to the library's scenarios."""
    linkable = {e.scenario.id: e for e in library.playable()}
    found = []
    for path in sorted(Path(folder).glob("*.yaml")):
        checked = check_file(path, linkable)
        if checked.ok:
            found.append(checked.portfolio)
    return found


def encode(action):
    """An action as JSON data (a contact as [method, frequency]; an event to answer as [account, kind])."""
    if isinstance(action, tuple):
        kind, value = action
        return [kind, [value.method, value.frequency] if isinstance(value, Contact) else value]
    return action


def decode(item):
    if isinstance(item, list):
        kind, value = item[0], item[1]
        if isinstance(value, list):  # a contact, or the (account, event) a week's answer is for
            return kind, tuple(value) if kind == "answer" else Contact(*value)
        return kind, value
    return item


def _fresh() -> dict:
    return {"seed": fresh_seed(), "started_at": now_iso(), "actions": [], "talking": None}


def replay(found: list, data: dict) -> PortfolioRun:
    run = PortfolioRun(found, seed=data["seed"])
    for item in data["actions"]:
        if isinstance(item, list) and item[0] == "resolve":
            run.resolve(item[1], item[2], item[3])
        else:
            run.choose(decode(item))
    return run


@dataclass
class QuarterState:
    run: PortfolioRun
    data: dict
    talking_with: str  # the account whose conversation is under way ('' when none)
    note: str  # how the last conversation went ('' when nothing to say)

    @property
    def view(self) -> PortfolioPage:
        return self.run.view()

    @property
    def at(self) -> int:
        return len(self.data["actions"])

    def refusal(self, index: int) -> str:
        """Why choice `index` (0-based) cannot be taken, in words ('' when it can)."""
        choices = self.view.choices
        if not 0 <= index < len(choices) or choices[index].enabled:
            return ""
        return refusal(choices[index])

    @property
    def debrief(self) -> QuarterDebrief | None:
        """The quarter's debrief as facts (the page's text is built from them), on the debrief page."""
        run = self.run
        if run.page != DEBRIEF or run.result is None:
            return None
        return quarter_debrief(run.portfolio, run.result, list(run.leaders))


REFUSED = "refused"


def current(library, found: list, board, trainee: Trainee) -> QuarterState:
    """The trainee's quarter (a new one on the list of portfolios when there is none)."""
    data = campaign_saves.load_campaign(trainee.player, trainee.learner, save_store(board))
    try:
        run = replay(found, data) if data else None
    except (KeyError, IndexError, TypeError, ValueError, StopIteration, AttributeError):
        run = None  # a portfolio file changed under the log: the quarter starts again
        if save_store(board) is not None:  # the old log is kept for a trainer, not overwritten
            campaign_saves.set_aside(trainee.player, trainee.learner, save_store(board))
    if run is None:
        data = _fresh()
        run = replay(found, data)
    note = ""
    talking = data.get("talking")
    if talking:
        saved, _ = saves.load_session(trainee.player, save_store(board))
        still = saved is not None and trainee.owns(saved.player, saved.learner) and \
            saved.snapshot.get("scenario") == talking["scenario"] and saved.started_at == talking["started_at"]
        if still:
            return QuarterState(run, data, talking["account"], "")
        done = board.by_registration([talking["registration"]])
        attempt = done[0] if done and done[0].status == "finished" else None
        entry = ["resolve", talking["account"], attempt.outcome if attempt else None, attempt.score if attempt else 0]
        note = run.resolve(*entry[1:])
        data["actions"].append(entry)
        data["talking"] = None
        campaign_saves.save_campaign(trainee.player, trainee.learner, data, save_store(board))
    if run.page == DEBRIEF and run.portfolio is not None:
        run.leaders = board.quarter_leaderboard(run.portfolio.id)
    return QuarterState(run, data, "", note)


def choose(library, found: list, board, trainee: Trainee, at: int, index: int) -> str | None:
    """Take the choice numbered `index` (0-based, as listed) on the page the
    quarter is at after `at` choices (an earlier page's choice, sent twice,
    does nothing). Returns 'leave' (back to the game), 'talk' (a conversation
    is ready to play), REFUSED (that choice cannot be taken now; nothing was
    done: `QuarterState.refusal` says why), words to show once on the
    quarter (a str that is none of those: the plan as changed, as
    `quarter_week.revised_words` puts it, or why a change or an answer was not
    made) or None (show the quarter again). Raises ValueError for
    a choice the page does not have."""
    state = current(library, found, board, trainee)
    run, data = state.run, state.data
    if at != state.at or state.talking_with:
        return None
    choices = state.view.choices
    if not 0 <= index < len(choices):
        raise ValueError(f"there is no choice {index + 1} here")
    choice = choices[index]
    if not choice.enabled:
        return REFUSED
    was = run.page
    said = run.choose(choice.action)
    if was == DEBRIEF and run.page == LIST:  # Done: the list of portfolios, and a fresh log for the next quarter
        campaign_saves.save_campaign(trainee.player, trainee.learner, _fresh(), save_store(board))
        return None
    if said in (LEAVE, ASK_TO_LEAVE):  # mid-quarter the quarter stays saved: it resumes next time
        if said == LEAVE:
            campaign_saves.clear_campaign(trainee.player, trainee.learner, save_store(board))
        return "leave"
    if said == AGAIN:
        data = {**_fresh(), "seed": run.seed, "actions": [["open", run.portfolio.id]]}
    elif isinstance(said, tuple) and said[0] == TALK:
        return _talk(library, run, data, board, trainee, said[1])
    else:
        data["actions"].append(encode(choice.action))
        if said == FINISHED:
            board.record_quarter(quarter_row(run.result, trainee.player, data["started_at"]))
    campaign_saves.save_campaign(trainee.player, trainee.learner, data, save_store(board))
    if isinstance(said, tuple) and said[0] in (CHANGED, NOTE):  # as the window and the terminal say it
        return said[1]
    return None


def _talk(library, run, data, board, trainee, account_id: str) -> str | None:
    account = run.portfolio.account(account_id)
    entry = library.find(account.scenario)
    if entry is None:
        return None
    abandon_saved(trainee.player, board)
    scenario = entry.scenario
    talk = linked_playthrough(scenario, run.campaign, account_id, seed=run.seed)
    session = GameSession(scenario, str(entry.path), trainee.player, trainee.mode, board, run=talk,
                          learner=trainee.learner, active_s=None)
    session.registration = registration_for(session)
    session.autosave()
    data["talking"] = {"account": account_id, "registration": session.registration, "scenario": scenario.id,
                       "started_at": session.started_at, "week": run.campaign.week}
    campaign_saves.save_campaign(trainee.player, trainee.learner, data, save_store(board))
    return "talk"
