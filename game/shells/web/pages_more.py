"""The trainee's other pages: the self-check (its progress kept in the
session: the page and the answers so far, a few bytes) and history's trend
chart. Like pages.py: ask game/app off the event loop, render its view data."""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from game.app import self_check_steps
from game.shells.web.pages import _need, form_of, go, render

KEY = "self_check"


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
