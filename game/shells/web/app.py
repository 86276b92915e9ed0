"""The ASGI application: routes, middleware (sessions, safety), the friendly
error pages and the store opened at start-up.

`create_app()` is what uvicorn runs (`server.py`); tests build one with a
scenarios folder and a rate limit of their own."""
from __future__ import annotations

import contextlib
import logging
import os
from http import HTTPStatus
from pathlib import Path

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from game.app.board_pool import BoardPool
from game.app.debrief import NO_RULE_BROKEN
from game.app.library import Library
from game.app.portfolio_steps import portfolios
from game.app.storage_worker import start_sender
from game.delivery.config import label_board
from game.app.trainee_play import KeepingBoard, retry_kept
from game.delivery.cmi5_sender import Cmi5Sender
from game.shells.web import cmi5_pages, dashboard, pages, pages_more, path_page, start_pages
from game.shells.web.safety import HEADERS, BodyLimit, RateLimit, SecurityHeaders, csrf_token
from game.storage.scoreboard import open_scoreboard
from game.storage.web_secret import session_secret

HERE = Path(__file__).resolve().parent
SCENARIOS_DIR = HERE.parents[2] / "scenarios"
PORTFOLIOS_DIR = HERE.parents[2] / "portfolios"
COURSES_DIR = HERE.parents[2] / "courses"
RATE_ENV = "FIVE_LEVERS_RATE_LIMIT"  # requests a minute per client; 0 turns the limit off
SECURE_ENV = "FIVE_LEVERS_HTTPS"  # 1: the cookie is sent over HTTPS only (behind a TLS proxy)
CONNECTIONS_ENV = "FIVE_LEVERS_DB_CONNECTIONS"  # scoreboard connections per server process (default 4)
log = logging.getLogger("five_levers.web")

TITLES = {400: "That did not work", 403: "For reviewers only", 404: "Not found", 405: "Not found", 413: "Too large",
          429: "Too many requests", 500: "Something went wrong"}


def templates() -> Jinja2Templates:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals["no_rule_broken"] = NO_RULE_BROKEN
    return Jinja2Templates(env=env)


def _error_page(request, status: int, message: str):
    try:
        token, trainee = csrf_token(request.session), pages.trainee_of(request)
    except AssertionError:  # the session middleware did not run (an error before it)
        token, trainee = "", None
    response = request.app.state.templates.TemplateResponse(
        request, "error.html", {"csrf": token, "trainee": trainee, "title": TITLES.get(status, "That did not work"),
                                "message": message, "status": status}, status_code=status)
    for name, value in HEADERS:  # a 500 is answered outside the middleware that adds them
        response.headers[name.decode()] = value.decode()
    return response


async def http_error(request, exc: HTTPException):
    own = exc.detail and exc.detail != HTTPStatus(exc.status_code).phrase  # a message of ours, not the router's
    message = exc.detail if exc.status_code in (400, 403, 404) and own else {
        404: "There is no page here.", 405: "There is no page here."}.get(exc.status_code, "That did not work.")
    return _error_page(request, exc.status_code, message)


async def server_error(request, exc: Exception):
    """Never a traceback: the log gets the details, the trainee a plain message."""
    log.error("unexpected error on %s", request.url.path, exc_info=exc)
    return _error_page(request, 500, "Something went wrong on our side. Your conversation is saved: go back to "
                                     "the list of scenarios and carry on.")


async def sign_in_first(request, exc):
    """Sign in, then back to the page asked for (one of ours only)."""
    after = pages.back_to(request.url.path)
    return pages.go("/" if after == "/scenarios" else f"/?next={after}")


ROUTES = [
    Route("/", pages.home),
    Route("/signin", pages.sign_in, methods=["POST"]),
    Route("/signout", pages.sign_out, methods=["POST"]),
    Route("/scenarios", pages.scenarios),
    Route("/start", start_pages.start, methods=["POST"]),
    Route("/start-unlike", start_pages.start_unlike, methods=["POST"]),
    Route("/begin", start_pages.begin, methods=["POST"]),
    Route("/mode", start_pages.mode, methods=["POST"]),
    Route("/briefing", pages.briefing),
    Route("/play", pages.play),
    Route("/reply", pages.reply, methods=["POST"]),
    Route("/attempts/{attempt:int}/ending", pages.ending),
    Route("/attempts/{attempt:int}", pages.debrief),
    Route("/history", pages.history),
    Route("/self-check", pages_more.self_check),
    Route("/self-check", pages_more.self_check_choose, methods=["POST"]),
    Route("/portfolio", pages_more.portfolio),
    Route("/portfolio", pages_more.portfolio_choose, methods=["POST"]),
    Route("/hello", pages.hello),
    Route("/team", dashboard.team),
    Route("/team/signin", dashboard.team_sign_in, methods=["POST"]),
    Route("/team/signout", dashboard.team_sign_out, methods=["POST"]),
    Route("/team/{view}.csv", dashboard.team_csv),
    Route("/path", path_page.path),
    Route("/cmi5/launch/campaign/{portfolio}", cmi5_pages.launch_campaign),
    Route("/cmi5/launch/{scenario}", cmi5_pages.launch),
    Route("/cmi5/return", cmi5_pages.back),
    Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
]


def create_app(scenarios_dir: Path | str | None = None, rate_per_minute: int | None = None, board=None,
               library: Library | None = None) -> Starlette:
    """The app on the scenarios in `scenarios_dir` (the bundled ones by
    default; or an already loaded `library`) and the scoreboard of
    `open_scoreboard()` (FIVE_LEVERS_DB, else SQLite under saves/), unless a
    `board` is given."""
    folder = Path(scenarios_dir or os.environ.get("FIVE_LEVERS_SCENARIOS") or SCENARIOS_DIR)
    text = os.environ.get(CONNECTIONS_ENV, "").strip()
    connections = int(text) if text.isdigit() and 0 < int(text) <= 64 else 4
    if rate_per_minute is None:
        text = os.environ.get(RATE_ENV, "").strip()
        rate_per_minute = int(text) if text.isdigit() else 600

    @contextlib.asynccontextmanager
    async def lifespan(app):
        app.state.library = library if library is not None else await run_in_threadpool(Library, folder)
        app.state.portfolios = await run_in_threadpool(portfolios, PORTFOLIOS_DIR, app.state.library)
        app.state.board = KeepingBoard(board if board is not None else await run_in_threadpool(
            BoardPool, lambda: label_board(open_scoreboard(None, False)), connections), keep_saves=True)
        try:
            await run_in_threadpool(retry_kept, app.state.board)
        except Exception as exc:  # noqa: BLE001 - kept attempts wait for the next start; the server still runs
            log.warning("kept attempts could not be added yet: %s", exc)
        # the LRS sender, when an LRS is configured (the outbox's claims let every worker run one)
        sender = await run_in_threadpool(start_sender, lambda text, **_: log.warning("%s", text), True) \
            if board is None else None
        # the cmi5 outbox: what launches from an LMS send it, in the background
        app.state.cmi5_sender = Cmi5Sender(lambda: open_scoreboard(None, False)).start() if board is None else None
        yield
        if app.state.cmi5_sender is not None:
            await run_in_threadpool(app.state.cmi5_sender.stop)
        if sender is not None:
            await run_in_threadpool(sender.stop)
        if board is None:
            await run_in_threadpool(app.state.board.close)

    middleware = [Middleware(SecurityHeaders), Middleware(RateLimit, per_minute=rate_per_minute),
                  Middleware(BodyLimit),
                  Middleware(SessionMiddleware, secret_key=session_secret(), session_cookie="five_levers",
                             max_age=14 * 24 * 3600, same_site="lax",
                             https_only=os.environ.get(SECURE_ENV, "") == "1")]
    app = Starlette(routes=ROUTES, middleware=middleware, lifespan=lifespan,
                    exception_handlers={HTTPException: http_error, Exception: server_error,
                                        pages._SignIn: sign_in_first})
    app.state.templates = templates()
    app.state.courses_dir = COURSES_DIR
    app.state.after_reply = cmi5_pages.after_reply  # each reply of a conversation launched from an LMS reaches it
    app.state.after_quarter = cmi5_pages.after_quarter  # and each choice in a quarter launched from an LMS
    return app
