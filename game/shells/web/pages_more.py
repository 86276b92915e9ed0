"""The trainee's other pages: the self-check (its progress kept in the
session: the page and the answers so far, a few bytes) and the portfolio
campaign (its quarter kept in the store, game/app/portfolio_steps). Like
pages.py: ask game/app off the event loop, render its view data."""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from game.app import portfolio_steps, self_check_steps
from game.app.choices import number_keys
from game.shells.web import charts
from game.shells.web.pages import _need, form_of, go, render

KEY = "self_check"
REFUSED_KEY = "portfolio_refused"  # the choice just refused (its place), shown once with the reason
SAID_KEY = "portfolio_said"  # words a choice left to say on the quarter (the plan as changed), shown once


async def self_check(request):
    trainee = _need(request)
    board = request.app.state.board
    check = await run_in_threadpool(self_check_steps.rebuild, board, trainee.player, request.session.get(KEY))
    view = check.view()
    buttons = [(c, self_check_steps.form_value(c.action)) for c in view.choices]
    return render(request, "self_check.html", view=view, buttons=buttons)


async def self_check_choose(request):
    trainee = _need(request)
    form = await form_of(request)
    action = self_check_steps.parse_action(str(form.get("action", "")))
    if action is None:
        raise HTTPException(400, "That answer could not be read. Go back to the self-check and pick again.")
    board = request.app.state.board
    try:
        progress, said = await run_in_threadpool(self_check_steps.step, board, trainee.player,
                                                 request.session.get(KEY), action)
    except Exception:  # noqa: BLE001 - the result could not be stored; say so plainly
        raise HTTPException(400, "Your style could not be saved on the scoreboard just now. Go back and try "
                                 "the last answer again.")
    request.session[KEY] = progress
    return go("/scenarios" if said == "back" else "/self-check")


async def portfolio(request):
    trainee = _need(request)
    state = request.app.state
    quarter = await run_in_threadpool(portfolio_steps.current, state.library, state.portfolios, state.board, trainee)
    view = quarter.view
    refused = request.session.pop(REFUSED_KEY, None)
    refusal = quarter.refusal(refused) if isinstance(refused, int) else ""
    said = request.session.pop(SAID_KEY, None)  # the plan as changed, said once (role=status)
    note = " ".join(words for words in (said if isinstance(said, str) else "", quarter.note) if words)
    focus = refused if refusal else view.focus
    return render(request, "portfolio.html", view=view, at=quarter.at, talking=quarter.talking_with,
                  debrief=quarter.debrief, refusal=refusal, focus=focus,
                  note=note, charts=[charts.health(row) for row in view.charts],
                  paragraphs=paragraphs, number_keys=number_keys(sum(1 for c in view.choices if c.number)))


async def portfolio_choose(request):
    trainee = _need(request)
    form = await form_of(request)
    at, index = str(form.get("at", "")), str(form.get("choice", ""))
    if not (at.isdigit() and index.isdigit() and len(at) < 6 and len(index) < 4):
        raise HTTPException(400, "That choice could not be read. Go back to the quarter and pick again.")
    state = request.app.state
    try:
        said = await run_in_threadpool(portfolio_steps.choose, state.library, state.portfolios, state.board, trainee,
                                       int(at), int(index))
    except ValueError:
        raise HTTPException(400, "There is no such choice here. Go back to the quarter and pick again.")
    if said == portfolio_steps.REFUSED:
        request.session[REFUSED_KEY] = int(index)
    elif said not in (None, "leave", "talk"):  # words to show once on the quarter
        request.session[SAID_KEY] = said
    if said == "talk":
        request.session.pop("brief", None)  # the briefing to show is the quarter's conversation, not a choice
    hook = getattr(state, "after_quarter", None)  # a quarter launched from an LMS: the choice reaches it too
    if hook is not None:
        await hook(request, trainee)
    return go({"leave": "/scenarios", "talk": "/briefing"}.get(said, "/portfolio"))


def paragraphs(text: str) -> list[list[str]]:
    """Text as paragraphs of lines (a blank line parts paragraphs; a line break stays a line break)."""
    return [block.split("\n") for block in text.split("\n\n") if block.strip()]
