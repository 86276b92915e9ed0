"""The trainee's pages: sign in, scenario select, briefing, the conversation,
the ending, the debrief and history. Each handler reads who is signed in
from the session cookie, asks game/app (off the event loop: the store may be
slow) and renders a template with the view data it gets back."""
from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.responses import PlainTextResponse, RedirectResponse

from game.app import next_start, scenario_select, trainee_play
from game.app.debrief import RADAR_TITLE, not_assessed_note
from game.app.trainee_play import MODES, Trainee
from game.shells.web import charts
from game.shells.web.safety import csrf_ok, csrf_token
from game.storage.attempts import clean_learner_id, clean_player_name

MOOD_LEVEL = {"calm": 1, "uneasy": 2, "upset": 3, "angry": 4, "walked_out": 4}


def trainee_of(request) -> Trainee | None:
    s = request.session
    player = s.get("player")
    if not isinstance(player, str) or not player:
        return None
    mode = s.get("mode") if s.get("mode") in MODES else "coach"
    return Trainee(player, s.get("learner") if isinstance(s.get("learner"), str) else "", mode)


def _need(request) -> Trainee:
    trainee = trainee_of(request)
    if trainee is None:
        raise _SignIn()
    return trainee


class _SignIn(Exception):
    """Not signed in: the page sends the browser to sign in."""


async def form_of(request) -> dict:
    """The posted form (application/x-www-form-urlencoded: every form here
    is one; the body is already limited in size), after its CSRF token is
    checked (400 otherwise). The first value of a repeated field counts."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    try:
        if body and kind != "application/x-www-form-urlencoded":
            raise ValueError(kind)
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False, max_num_fields=20)
    except (ValueError, UnicodeDecodeError):
        raise HTTPException(400, "That form could not be read. Go back and try again.")
    form: dict[str, str] = {}
    for key, value in pairs:
        form.setdefault(key, value)
    if not csrf_ok(request.session, form.get("csrf")):
        raise HTTPException(400, "That form has expired (or came from another site). Go back, reload the page "
                                 "and try again.")
    return form


def render(request, template: str, status: int = 200, /, **context):
    templates = request.app.state.templates
    response = templates.TemplateResponse(request, template, {"csrf": csrf_token(request.session),
                                                              "trainee": trainee_of(request),
                                                              "lms_return": bool(request.session.get("cmi5")),
                                                              **context},
                                          status_code=status)
    response.headers["cache-control"] = "no-store"  # a page holds a form token and one trainee's words
    return response


def go(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


def _store(request):
    return request.app.state.library, request.app.state.board


def back_to(path) -> str:
    """Where to go after signing in: a page of ours that asked for it, else the scenario list."""
    return path if isinstance(path, str) and path in RETURN_PAGES else "/scenarios"


RETURN_PAGES = ("/scenarios", "/history", "/self-check", "/portfolio", "/briefing", "/play")


async def home(request):
    if trainee_of(request) is not None:
        return go(back_to(request.query_params.get("next")))
    return render(request, "signin.html", problem=None, name="", learner="",
                  after=back_to(request.query_params.get("next")))


async def sign_in(request):
    form = await form_of(request)
    name, learner = str(form.get("name", "")), str(form.get("learner", ""))
    mode = form.get("mode") if form.get("mode") in MODES else "coach"
    try:
        learner_id = clean_learner_id(learner)
        if not name.strip() and not learner_id:
            raise ValueError(trainee_play.NO_NAME)
        if not name.strip() and learner_id:
            name = learner_id if len(learner_id) <= 40 else ""
            if not name:
                raise ValueError("that learner id is too long to show as a name: type your name as well")
        player = clean_player_name(name)
    except ValueError as exc:
        said = str(exc).rstrip(".")
        return render(request, "signin.html", 400, problem=f"{said[0].upper()}{said[1:]}.",
                      name=name, learner=learner, after=back_to(form.get("after")))
    request.session.clear()
    request.session.update({"player": player, "learner": learner_id, "mode": mode})
    csrf_token(request.session)  # a fresh token for the signed-in session
    return go(back_to(form.get("after")))


async def sign_out(request):
    await form_of(request)
    request.session.clear()
    return go("/")


async def scenarios(request):
    trainee = _need(request)
    library, board = _store(request)

    def read():
        return (trainee_play.bests(board, trainee.player), trainee_play.in_progress_title(trainee, board),
                trainee_play.own_style(board, trainee))
    try:
        bests, resume, own = await run_in_threadpool(read)
        problem = None
    except Exception as exc:  # noqa: BLE001 - the list still shows without the scoreboard
        bests, resume, own, problem = {}, None, "", f"Best scores are unavailable just now ({type(exc).__name__})."
    return render(request, "scenarios.html", rows=scenario_select.scenario_rows(library, bests),
                  broken=scenario_select.broken_rows(library), resume=resume, problem=problem,
                  unlike=scenario_select.unlike_detail(library, own), unlike_label=scenario_select.UNLIKE_LABEL,
                  mode_line=next_start.mode_line(trainee.mode), switch=next_start.switch_label(trainee.mode))


async def _current(request, trainee):
    library, board = _store(request)
    return await run_in_threadpool(trainee_play.current, library, board, trainee)


async def briefing(request):
    """The briefing of the conversation chosen (not begun: nothing is saved
    yet), else of the one in progress (resumed in its own mode)."""
    trainee = _need(request)
    library, _ = _store(request)
    chosen = next_start.chosen_briefing(library, request.session.get("brief"), trainee.mode)
    if chosen is not None:
        return render(request, "briefing.html", brief=chosen.briefing, note=None, chosen=True, mode_note="",
                      switch=next_start.switch_label(trainee.mode), begin=next_start.BEGIN,
                      face=charts.face(chosen.portrait, chosen.mood), mood_word=chosen.mood_word)
    session, note = await _current(request, trainee)
    if session is None:
        return go("/scenarios")
    view = trainee_play.play_view(session)
    return render(request, "briefing.html", brief=view.briefing, note=note, chosen=False,
                  mode_note=next_start.mode_note(session.mode, trainee.mode), switch="", begin=next_start.BEGIN,
                  face=charts.face(view.portrait, session.run.mood), mood_word=view.step.mood_word)


async def play(request):
    trainee = _need(request)
    session, note = await _current(request, trainee)
    if session is None:
        return render(request, "nothing.html", note=note)
    view = trainee_play.play_view(session)
    return render(request, "play.html", view=view, note=note, mode_note=next_start.mode_note(session.mode, trainee.mode), face=charts.face(view.portrait, view.step.mood),
                  level=MOOD_LEVEL.get(view.step.mood, 4))


async def reply(request):
    trainee = _need(request)
    form = await form_of(request)
    at, number = str(form.get("at", "")), str(form.get("number", ""))
    if not (at.isdigit() and number.isdigit() and len(at) < 6 and len(number) < 3):
        raise HTTPException(400, "That reply could not be read. Go back to the conversation and pick again.")
    library, board = _store(request)
    try:
        choice = await run_in_threadpool(trainee_play.choose, library, board, trainee, int(at), int(number))
    except ValueError:
        raise HTTPException(400, f"There is no reply {number} here. Go back to the conversation and pick again.")
    hook = getattr(request.app.state, "after_reply", None)  # a launch from an LMS: the reply reaches it too
    if hook is not None:
        await hook(request, trainee, choice)
    if choice.session is None:
        return go("/history")
    if choice.session.run.finished:
        if choice.attempt_id is not None:
            return go(f"/attempts/{choice.attempt_id}/ending")
        pages = trainee_play.pages_of(choice.session, None, library=library)  # not on the scoreboard yet: show it now
        return render(request, "debrief.html", pages=pages, **_radar(pages),
                      problem=choice.problem)
    return go("/play")


def _radar(pages) -> dict:
    levers = pages.debrief.levers
    return {"radar": charts.radar(levers), "radar_title": RADAR_TITLE, "radar_note": not_assessed_note(levers)}


async def _attempt(request):
    trainee = _need(request)
    library, board = _store(request)
    pages = await run_in_threadpool(trainee_play.attempt_pages, library, board, trainee,
                                    request.path_params["attempt"])
    if pages is None:  # not there, or someone else's: the same answer, so ids reveal nothing
        raise HTTPException(404, "There is no such attempt among yours.")
    return pages


async def ending(request):
    pages = await _attempt(request)
    return render(request, "ending.html", pages=pages)


async def debrief(request):
    pages = await _attempt(request)
    return render(request, "debrief.html", pages=pages, **_radar(pages), problem=None)


async def history(request):
    trainee = _need(request)
    library, board = _store(request)
    asked = request.query_params.get("shown", "")  # "Show 50 older attempts" asks for more than a page
    shown = int(asked) if asked.isdigit() and len(asked) < 7 else trainee_play.HISTORY_PAGE
    view = await run_in_threadpool(trainee_play.history, library, board, trainee, shown)
    return render(request, "history.html", rows=view.rows, view=view, chart=charts.trend(view.trend))


async def hello(request):
    """The bare floor for the load benchmark: the framework and nothing else."""
    return PlainTextResponse("hello")
