"""The campaign AU: the portfolio campaign launched from an LMS (cmi5), in
the browser, where nothing stays in memory between requests.

`launch(found, board, query, portfolio_id)` checks the launch, fetches the
token once, reads LMS.LaunchData, queues `initialized` and opens that
portfolio's quarter for the LMS's learner (the quarter they left in an
earlier session of this AU resumes where it was; otherwise a new one at the
portfolio's briefing). The AU session is plain data (`AuSession.to_dict()`
plus what has been reported of the quarter, under "campaign"), kept in the
trainee's session cookie.

What the LMS hears (docs/courses.md, "The campaign in an LMS"):
- `answered` (cmi5 allowed) on `{activityId}/plan` when the quarter starts:
  the ranking and the contact plan, in words;
- `progressed` (cmi5 allowed) after each choice that played weeks, with
  cmi5's progress extension (weeks played / 13, as a percent);
- `answered` (cmi5 allowed) for each reply in a conversation the quarter
  asked for, on `{activityId}/conversation/{account}/reply/{n}`;
- when the quarter's debrief is reached: completed, then passed or failed
  comparing the quarter's score / 100 with the LMS's masteryScore (Normal
  launch mode only), then terminated.
Leaving before the end sends `terminated` only; the quarter stays saved.

Every function may block (HTTP to the LMS, the store): a server runs them
off its event loop.
"""
from __future__ import annotations

from urllib.parse import quote

from game.app import portfolio_steps
from game.app.cmi5_session import AuSession, trainee_for
from game.app.portfolio_view import DEBRIEF
from game.app.session import save_store
from game.app.trainee_play import Trainee
from game.core.portfolio.model import WEEKS
from game.core.portfolio.review import contact_words
from game.core.turns import fresh_seed
from game.delivery.cmi5 import LaunchError
from game.storage import campaign_saves
from game.storage.attempts import now_iso

KEY = "campaign"  # in the kept AU session: {"portfolio": id, "plan": sent?, "week": weeks reported}


def is_campaign(kept) -> bool:
    return isinstance(kept, dict) and isinstance(kept.get(KEY), dict)


def _kept(au: AuSession, part: dict) -> dict:
    return {**au.to_dict(), KEY: part}


def _quarter_of(found: list, board, trainee: Trainee, portfolio) -> dict:
    """The saved quarter of this portfolio, if one is under way; else a new one at its briefing."""
    data = campaign_saves.load_campaign(trainee.player, trainee.learner, save_store(board))
    if data and data.get("actions") and data["actions"][0] == ["open", portfolio.id]:
        try:
            run = portfolio_steps.replay(found, data)
        except (KeyError, IndexError, TypeError, ValueError, StopIteration, AttributeError):
            run = None
        if run is not None and run.page != DEBRIEF:
            return data
    data = {"seed": fresh_seed(), "started_at": now_iso(), "actions": [["open", portfolio.id]], "talking": None}
    campaign_saves.save_campaign(trainee.player, trainee.learner, data, save_store(board))
    return data


def launch(found: list, board, query, portfolio_id: str) -> tuple[Trainee, dict]:
    """(the trainee, the AU session as plain data); raises LaunchError (plain words)."""
    portfolio = next((p for p in found if p.id == portfolio_id), None)
    if portfolio is None:
        raise LaunchError(f"this server has no campaign '{portfolio_id}': the course package is older or newer "
                          "than the server")
    au = AuSession.launch_from(query, None, board)
    trainee = trainee_for(au)
    data = _quarter_of(found, board, trainee, portfolio)
    run = portfolio_steps.replay(found, data)
    week = run.campaign.week if run.campaign is not None else 0
    return trainee, _kept(au, {"portfolio": portfolio.id, "plan": run.campaign is not None, "week": week})


def plan_words(run) -> str:
    """The ranking and the plan as one response line."""
    p, campaign = run.portfolio, run.campaign
    ranking = ", ".join(p.account(aid).name for aid in campaign.ranking)
    contacts = "; ".join(f"{a.name}: {contact_words(campaign.first_plan.contact(a.id))}" for a in p.accounts)
    return f"Ranking: {ranking}. Plan: {contacts}."


def after_step(library, found: list, board, trainee: Trainee, kept: dict) -> dict:
    """After a choice in the quarter: the statements for what changed (the
    plan made, weeks played, the debrief reached); the AU session again."""
    au = AuSession.from_dict(kept, None, board)
    part = dict(kept[KEY])
    if au.ended:
        return kept
    state = portfolio_steps.current(library, found, board, trainee)
    run = state.run
    if run.portfolio is None or run.portfolio.id != part["portfolio"] or run.campaign is None:
        return kept  # another portfolio, or the quarter has not started: nothing the LMS asked for
    out = []
    if not part["plan"]:
        out.append(au.statements.answered_plan(f"{run.portfolio.title}: your ranking and plan", plan_words(run)))
        part["plan"] = True
    if run.campaign.week > part["week"]:
        part["week"] = run.campaign.week
        out.append(au.statements.progressed(round(100 * part["week"] / WEEKS)))
    au.allowed(out)
    if run.page == DEBRIEF and run.result is not None:
        au.judge(int(run.result["score"]))
    return _kept(au, part)


def after_reply(board, trainee: Trainee, kept: dict, choice) -> dict:
    """A reply in a conversation: an `answered` statement when it is the one the quarter asked for."""
    session = choice.session
    data = campaign_saves.load_campaign(trainee.player, trainee.learner, save_store(board)) or {}
    talking = data.get("talking") or {}
    if session is None or choice.stale or talking.get("registration") != session.registration:
        return kept
    au = AuSession.from_dict(kept, session.scenario, board)
    run = session.run
    step = run.steps[-1]
    within = f"conversation/{quote(str(talking.get('account', '')), safe='')}"
    au.allowed([au.statements.answered(len(run.choices), step.line, step.text, step.node, within=within)])
    return _kept(au, kept[KEY])


def leave(board, kept: dict) -> str | None:
    """Leave the AU: terminated, if the quarter's debrief did not end it already
    (the quarter stays saved: the next launch resumes it); the return URL."""
    au = AuSession.from_dict(kept, None, board)
    au.leave(record=False)
    return au.data.return_url
