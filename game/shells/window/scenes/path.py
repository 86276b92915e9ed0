"""Your learning path: the course's blocks, the trainee's progress and what
is left for each certificate (game.app.course_view), read from the
scoreboard on the storage thread; a scrolling page. Esc goes back."""
from __future__ import annotations

from pathlib import Path

import pygame

from game.app.course_view import NO_COURSE, PATH_TITLE, course_view, find_course, read_progress
from game.shells.window.scenes.base import Scene
from game.shells.window.scenes.common import MARGIN, header, header_top
from game.shells.window.theme import draw_text, text_height
from game.shells.window.widgets import ScrollView, panel

ROOT = Path(__file__).resolve().parents[4]
COURSES_DIR = ROOT / "courses"
HINT = "PgUp/PgDn or the wheel: scroll  ·  Esc: back"


class PathScene(Scene):
    name = "path"

    def __init__(self, app, player: str, courses_dir: Path | None = None):
        super().__init__(app)
        self.player = player
        self.scroll = ScrollView()
        self._view = pygame.Rect(0, 0, 0, 0)
        self.paragraphs: list[tuple[str, str]] = [("body", "Reading your progress…")]
        titles = {e.scenario.id: e.scenario.title for e in app.library.playable()}
        from game.core.portfolio.load import library_files
        self.course = find_course(courses_dir or COURSES_DIR, set(titles), set(library_files(ROOT / "portfolios")))
        if self.course is None:
            self.paragraphs = [("body", NO_COURSE)]
            return
        course = self.course
        app.scoreboard.fetch(lambda board: read_progress(board, player, course),
                             on_done=lambda progress: self._loaded(course_view(course, progress, titles)),
                             on_error=lambda exc: self._show([("body", f"The scoreboard could not be read: {exc}")]))

    def _loaded(self, view) -> None:
        out = [("heading", view.title), ("body", view.headline)]
        for number, block in enumerate(view.blocks, 1):
            out.append(("bold", f"{number}. {block.title}: {block.state}"))
            out.append(("muted", f"Certificate: {block.rule}"))
            out += [("body", f"•  {title}: {state}") for title, state in block.scenarios]
            if block.left and not block.certified:
                out.append(("body", "Left for the certificate: " + "; ".join(block.left) + "."))
        self._show(out)

    def _show(self, paragraphs) -> None:
        self.paragraphs = paragraphs
        self.scroll.offset = 0

    def handle(self, intent) -> None:
        if intent.kind == "back":
            self.app.pop()
            return
        step = self.theme.line_height(self.theme.body) * 3
        if intent.kind in ("up", "down"):
            self.scroll.scroll(step if intent.kind == "down" else -step)
            return
        self.scroll.handle(intent, step)

    def _size(self, kind: str) -> int:
        return self.theme.size("heading") if kind == "heading" else self.theme.body

    def update(self, dt: float) -> None:
        w, h = self.app.screen.get_size()
        top = header_top(self.theme, w, PATH_TITLE, HINT)
        self._view = pygame.Rect(MARGIN, top, min(w - 2 * MARGIN, self.theme.measure + 80), h - top - MARGIN)
        width = self._view.w - 40
        content = sum(text_height(self.theme, text, width, self._size(kind), kind in ("heading", "bold")) + 10
                      for kind, text in self.paragraphs) + 30
        self.scroll.set_sizes(content, self._view.h)

    def draw(self, surface) -> None:
        theme = self.theme
        header(surface, theme, PATH_TITLE, HINT)
        view = self._view
        panel(surface, theme, view)
        surface.set_clip(view.inflate(-4, -4))
        y = view.y + 20 - self.scroll.offset
        for kind, text in self.paragraphs:
            colour = "muted" if kind == "muted" else "text"
            y += draw_text(surface, theme, text, (view.x + 20, y), view.w - 40, self._size(kind), colour,
                           bold=kind in ("heading", "bold")) + 10
        surface.set_clip(None)
        self.scroll.draw_bar(surface, theme, view.inflate(-6, -12))
