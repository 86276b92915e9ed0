"""Choosing, beginning and switching: POST /start and /start-unlike keep the
trainee's choice in the session cookie and open its briefing (nothing is
saved yet); POST /begin starts it, asking first when another conversation
is in progress; POST /mode switches the trainee's mode. game.app.next_start
decides and words all of it."""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from game.app import next_start
from game.shells.web.pages import _need, _store, form_of, go, render

BRIEF = "brief"  # the session key of the choice not begun yet
BACKS = ("/briefing", "/scenarios")


async def start(request):
    _need(request)
    form = await form_of(request)
    library, _ = _store(request)
    kept = next_start.chosen(library, str(form.get("scenario", "")))
    if kept is None:
        raise HTTPException(404, "There is no such scenario. Pick one from the list.")
    request.session[BRIEF] = kept
    return go("/briefing")


async def start_unlike(request):
    trainee = _need(request)
    await form_of(request)
    library, board = _store(request)
    kept, why = await run_in_threadpool(next_start.chosen_unlike, library, board, trainee)
    if kept is not None:
        request.session[BRIEF] = kept
        return go("/briefing")
    if why == "self-check":
        return go("/self-check")
    raise HTTPException(404, why)


async def begin(request):
    trainee = _need(request)
    form = await form_of(request)
    library, board = _store(request)
    said, what = await run_in_threadpool(next_start.begin, library, board, trainee, request.session.get(BRIEF),
                                         form.get("replace") == "1")
    if said == "gone":
        return go("/scenarios")
    if said == "ask":
        return render(request, "replace.html", ask=what)
    session, _ = what
    request.session.pop(BRIEF, None)
    if session is None:
        raise HTTPException(404, "There is no such scenario. Pick one from the list.")
    if session.problem:
        return render(request, "nothing.html", 503, note=f"Your conversation could not be saved: {session.problem}")
    return go("/play")


async def mode(request):
    trainee = _need(request)
    form = await form_of(request)
    request.session["mode"] = next_start.other_mode(trainee.mode)
    back = form.get("back")
    return go(back if back in BACKS else "/scenarios")
