"""The team dashboard: a reviewer (made with `main.py reviewer add NAME`)
signs in at /team and sees the team views of game/app/team_view, filtered,
each downloadable as CSV. Trainees are refused (403). Thin routes: the
figures, the heat map's shades and the CSV tables all come from game/app."""
from __future__ import annotations

import csv
import io
from datetime import date

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.responses import Response

from game.app.course_view import find_course
from game.app.reviewers import check_password
from game.app.team_view import VIEWS, dashboard, table
from game.core.model import LEVER_TITLES, LEVERS, STYLES
from game.shells.web.pages import form_of, go, render, trainee_of
from game.shells.web.safety import csrf_token
from game.storage.export import neutralise

KEY = "reviewer"
FILTERS = ("scenario", "persona", "style", "mode", "since", "until", "absent_since")


def reviewer_of(request) -> str | None:
    name = request.session.get(KEY)
    return name if isinstance(name, str) and name else None


def _filters(request) -> dict:
    """The query's filters, each checked (a date must be a date; a style one of the four)."""
    out = {}
    for key in FILTERS:
        value = str(request.query_params.get(key, "")).strip()[:80]
        if not value:
            continue
        if key in ("since", "until", "absent_since"):
            try:
                value = date.fromisoformat(value).isoformat()
            except ValueError:
                raise HTTPException(400, f"'{value}' is not a date such as 2026-11-20.")
        elif key == "style" and value not in STYLES:
            raise HTTPException(400, "That customer style is not one of direct, analytical, steady, expressive.")
        elif key == "mode" and value not in ("coach", "assessment"):
            raise HTTPException(400, "The mode is coach or assessment.")
        out[key] = value
    return out


def _guard(request) -> str:
    reviewer = reviewer_of(request)
    if reviewer is None:
        if trainee_of(request) is not None:
            raise HTTPException(403, "The team dashboard is for reviewers. Sign out, then sign in as a reviewer.")
        raise _SignInAsReviewer()
    return reviewer


class _SignInAsReviewer(Exception):
    pass


def _figures(state, filters: dict) -> dict:
    """The dashboard's data, with the learning path whose certificates it shows
    (courses/default.yaml, checked against the served library and the scenarios played)."""
    titles = {e.scenario.id: e.scenario.title for e in state.library.playable()}
    course = find_course(state.courses_dir, set(titles) | set(state.board.scenarios()),
                         {p.id for p in getattr(state, "portfolios", ())})
    return dashboard(state.board, course=course, titles=titles, **filters)


async def team(request):
    try:
        reviewer = _guard(request)
    except _SignInAsReviewer:
        return render(request, "team_signin.html", problem=None, name="")
    filters = _filters(request)
    data = await run_in_threadpool(_figures, request.app.state, filters)
    query = "&".join(f"{k}={v}" for k, v in filters.items())
    return render(request, "team.html", reviewer=reviewer, data=data, levers=LEVERS, lever_titles=LEVER_TITLES,
                  styles=STYLES, query=query, views=VIEWS)


async def team_sign_in(request):
    form = await form_of(request)
    name, password = str(form.get("name", "")).strip()[:40], str(form.get("password", ""))[:200]
    kept = await run_in_threadpool(request.app.state.board.reviewer_hash, name) if name else None
    ok = await run_in_threadpool(check_password, password, kept) if kept else False
    if not ok:
        return render(request, "team_signin.html", 401, problem="That name and password do not match a reviewer.",
                      name=name)
    request.session.clear()
    request.session[KEY] = name
    csrf_token(request.session)
    return go("/team")


async def team_sign_out(request):
    await form_of(request)
    request.session.clear()
    return go("/team")


async def team_csv(request):
    try:
        _guard(request)
    except _SignInAsReviewer:
        raise HTTPException(403, "Sign in as a reviewer first (at /team).")
    view = request.path_params["view"]
    if view not in VIEWS:
        raise HTTPException(404, "There is no such team view.")
    filters = _filters(request)
    if view == "absent" and not filters.get("absent_since"):
        raise HTTPException(400, "Who has not played since when? Choose a date for “not played since”.")
    data = await run_in_threadpool(_figures, request.app.state, filters)
    if data[view] is None:
        raise HTTPException(404, "No learning path is set up, so there are no certificates (see docs/courses.md).")
    header, rows = table(data[view])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([neutralise(v) for v in row] for row in rows)
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="five-levers-team-{view}.csv"',
                             "cache-control": "no-store"})
