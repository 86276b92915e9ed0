"""Layout (issue 27): at 800×600 the debrief's radar keeps a usable size
and the score line does not wrap; at 1280×720 the self-check, portfolio and
settings pages use the width and keep their actions in view."""
import pygame
import pytest

from game.shells.window.layout_check import drawn_boxes

from .conftest import post
from .test_keyboard_layout import finished_session


@pytest.mark.parametrize("text_size", ["small", "medium", "large", "huge"])
def test_at_800x600_the_score_line_does_not_wrap(make_app, text_size):
    app = make_app(size=(800, 600), text_size=text_size)
    app.go("title")
    debrief = app.go("debrief", finished_session(app))
    post(app)
    left = debrief._rects["left"]
    for score in ("Score 100  ·  Legendary", "Score 54  ·  Developing", "Score 0  ·  Needs work"):
        size = debrief._one_line(score, left.w, ("sub", "body", "small"))
        assert app.theme.font(size, True).size(score)[0] <= left.w, (text_size, score)


def test_at_800x600_the_radar_is_a_usable_size(make_app):
    app = make_app(size=(800, 600))
    app.go("title")
    app.go("debrief", finished_session(app))
    post(app)
    pictures = [rect for kind, rect, _ in drawn_boxes(app) if kind == "picture"]
    assert pictures, "no radar drawn"
    radar = max(pictures, key=lambda r: r.w * r.h)
    assert min(radar.w, radar.h) >= 280, radar
