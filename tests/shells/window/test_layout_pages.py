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


def _open(app, name):
    from game.shells.window.app import SCENARIOS_DIR, Library
    app.library = Library(SCENARIOS_DIR)  # the bundled portfolios link the bundled scenarios
    app.go("title")
    scene = app.go(name, "Ana") if name in ("selfcheck", "portfolio") else app.go(name)
    post(app)
    return scene


@pytest.mark.parametrize("name", ["selfcheck", "portfolio", "settings"])
def test_at_1280x720_the_page_uses_the_width_and_its_actions_are_in_view(make_app, name):
    app = make_app(size=(1280, 720), player="Ana")
    scene = _open(app, name)
    if name == "selfcheck":  # the result page: its Done was below the fold
        for _ in range(10):
            scene.activate(("answer", 1))
        post(app)
    window = app.screen.get_rect()
    rights = [b.rect.right for b in scene.buttons.buttons]
    assert max(rights) > 0.8 * window.w, f"{name}: everything in the left {max(rights) / window.w:.0%}"
    actions = [b for b in scene.buttons.buttons if b.label in ("Done", "Back")]
    assert actions, [b.label for b in scene.buttons.buttons]
    for button in actions:
        assert window.contains(button.rect), f"{name}: {button.label} at {button.rect} is out of view"


def test_short_one_line_paragraphs_are_drawn_as_headings():
    from game.shells.window.page_columns import is_heading
    assert is_heading("How to flex") and is_heading("Your style: Expressive") and is_heading("Question 3 of 10")
    assert not is_heading("You bring energy, stories and warmth to a conversation.")
    assert not is_heading("Revenue kept £811k (best plan £1.17m).\nRanking 99%.")
