"""The cmi5 launch in the browser (thin: game.app.cmi5_play decides).

GET /cmi5/launch/{scenario}?endpoint=…&fetch=…&actor=…&registration=…&activityId=…
signs the LMS's learner in and opens the scenario's briefing; each reply
then also reaches the LMS (`after_reply`, called by pages.reply). GET
/cmi5/launch/campaign/{portfolio}?… (the campaign AU) opens that portfolio's
quarter; each choice in it reaches the LMS (`after_quarter`, called by
pages_more.portfolio_choose). GET
/cmi5/return?csrf=… ("Return to your course") ends the AU session and sends the
browser to the LMS's return URL."""
from __future__ import annotations

import logging

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from game.app import cmi5_campaign, cmi5_play
from game.delivery.cmi5 import LaunchError
from game.shells.web import pages
from game.shells.web.safety import csrf_ok, csrf_token

KEY = "cmi5"  # the AU session, as plain data, in the signed session cookie
log = logging.getLogger("five_levers.web")


def _refused(exc: LaunchError) -> HTTPException:
    """The trainee reads why in plain words; the server's log tells whoever runs it."""
    log.warning("a launch from an LMS was refused: %s", exc.message)
    return HTTPException(400, f"This course could not be opened: {exc.message}.")


def _wake(request) -> None:
    """Statements were queued: the background sender sends them now."""
    sender = getattr(request.app.state, "cmi5_sender", None)
    if sender is not None:
        sender.wake()


def _sign_in_as(request, trainee, kept) -> None:
    """The LMS's learner signed in, with the AU session kept; the sender woken for its first statement."""
    request.session.clear()
    request.session.update({"player": trainee.player, "learner": trainee.learner, "mode": trainee.mode, KEY: kept})
    csrf_token(request.session)
    _wake(request)


async def launch(request):
    library, board = pages._store(request)
    query = dict(request.query_params)
    try:
        trainee, kept, note = await run_in_threadpool(cmi5_play.launch, library, board, query,
                                                      request.path_params["scenario"])
    except LaunchError as exc:
        raise _refused(exc) from None
    _sign_in_as(request, trainee, kept)
    return pages.go("/briefing")


async def launch_campaign(request):
    state = request.app.state
    query = dict(request.query_params)
    try:
        trainee, kept = await run_in_threadpool(cmi5_campaign.launch, state.portfolios, state.board, query,
                                                request.path_params["portfolio"])
    except LaunchError as exc:
        raise _refused(exc) from None
    _sign_in_as(request, trainee, kept)
    return pages.go("/portfolio")


async def after_quarter(request, trainee) -> None:
    """A choice in the quarter was made: what it changed reaches the LMS."""
    kept = request.session.get(KEY)
    if not cmi5_campaign.is_campaign(kept):
        return
    state = request.app.state
    request.session[KEY] = await run_in_threadpool(cmi5_campaign.after_step, state.library, state.portfolios,
                                                   state.board, trainee, kept)
    _wake(request)


async def after_reply(request, trainee, choice) -> None:
    kept = request.session.get(KEY)
    if not isinstance(kept, dict):
        return
    library, board = pages._store(request)
    request.session[KEY] = await run_in_threadpool(cmi5_play.after_reply, library, board, trainee, kept, choice)
    _wake(request)


async def back(request):
    """A link, not a form: the pages' Content-Security-Policy (form-action
    'self') would stop a form's redirect to the LMS. The link carries the
    page's CSRF token, so another site cannot end the session."""
    trainee = pages._need(request)
    if not csrf_ok(request.session, request.query_params.get("csrf")):
        raise HTTPException(400, "That link has expired. Go back, reload the page and try again.")
    kept = request.session.get(KEY)
    if not isinstance(kept, dict):
        return pages.go("/scenarios")
    library, board = pages._store(request)
    url = await run_in_threadpool(cmi5_play.leave, library, board, trainee, kept)
    request.session.clear()  # the LMS signed the learner in; leaving signs them out
    _wake(request)
    return pages.go(url or "/")
