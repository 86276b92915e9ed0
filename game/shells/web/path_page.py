"""GET /path: your learning path in the browser (thin: game.app.course_view
decides what it says)."""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool

from game.app.course_view import NO_COURSE, course_view, find_course, read_progress
from game.shells.web import pages


def _view(library, board, player: str, courses_dir, campaigns: dict):
    titles = {e.scenario.id: e.scenario.title for e in library.playable()}
    course = find_course(courses_dir, set(titles), set(campaigns))
    if course is None:
        return None
    return course_view(course, read_progress(board, player, course), titles, campaigns)


async def path(request):
    trainee = pages._need(request)
    library, board = pages._store(request)
    state = request.app.state
    campaigns = {p.id: p.title for p in getattr(state, "portfolios", ())}
    view = await run_in_threadpool(_view, library, board, trainee.player, state.courses_dir, campaigns)
    return pages.render(request, "path.html", view=view, note=NO_COURSE)
