"""Keyboard navigation follows the layout (issue 27): Down on the scenario
grid goes down the column; Left from Replay stays on the debrief's actions;
Shift+Tab goes back on every scene; the name box takes the first Enter."""
import pygame
import pytest

from game.app.session import GameSession
from game.core import loader

from .conftest import LATE, key, post, text

SHIFT_TAB = (pygame.K_TAB, pygame.KMOD_LSHIFT)


def focused(scene):
    return scene.buttons.buttons[scene.buttons.focus]


def test_down_on_the_scenario_grid_moves_down_the_column(make_app):
    app = make_app(size=(1280, 720), player="Ana")
    app.go("select")
    post(app)
    grid = app.top
    cards = grid.buttons.buttons
    assert grid.buttons.columns == 2 and len([c for c in cards if c.enabled]) >= 3
    start = focused(grid)
    post(app, key(pygame.K_DOWN))
    below = focused(grid)
    assert below.rect.x == start.rect.x and below.rect.y > start.rect.y  # same column, the next row
    post(app, key(pygame.K_UP))
    assert focused(grid) is start
    post(app, key(pygame.K_RIGHT))
    assert focused(grid).rect.x > start.rect.x  # across, into the other column


def test_down_in_a_single_column_moves_to_the_next_card(make_app):
    app = make_app(size=(800, 600), player="Ana")
    app.go("select")
    post(app)
    grid = app.top
    before = grid.buttons.focus
    post(app, key(pygame.K_DOWN))
    assert grid.buttons.columns == 1 and grid.buttons.focus == before + 1


def finished_session(app):
    scenario = loader.check_file(LATE).scenario
    session = GameSession(scenario, str(LATE), "Ana", "coach", app.scoreboard)
    for n in (2, 1, 3):  # a walk-out: rules broken, so the debrief has links
        session.choose(n)
    return session


def test_left_from_replay_stays_on_the_debriefs_actions(make_app):
    app = make_app(player="Ana")
    app.go("title")
    app.go("debrief", finished_session(app))
    post(app)
    debrief = app.top
    assert focused(debrief).label == "Replay" and debrief.rule_buttons
    post(app, key(pygame.K_LEFT))
    assert focused(debrief).label == "Replay"  # not a rule or a lever link at the bottom of the page
    post(app, key(pygame.K_RIGHT), key(pygame.K_RIGHT), key(pygame.K_LEFT))
    assert focused(debrief).label == "Next scenario"
    post(app, key(pygame.K_TAB))  # Tab still reaches everything, the links included
    assert focused(debrief) in debrief.actions


SCENES = ["title", "select", "briefing", "dialogue", "debrief", "scoreboard", "settings", "selfcheck", "handbook",
          "portfolio", "pause", "confirm", "learner"]


def open_scene(app, name):
    scenario = loader.check_file(LATE).scenario
    app.go("title")
    if name == "briefing":
        return app.go("briefing", scenario, str(LATE), player="Ana")
    if name in ("dialogue", "pause"):
        dialogue = app.go("dialogue", GameSession(scenario, str(LATE), "Ana", "coach", app.scoreboard))
        return app.go("pause", dialogue) if name == "pause" else dialogue
    if name == "debrief":
        return app.go("debrief", finished_session(app))
    if name == "portfolio":  # the bundled portfolios link the bundled scenarios
        from game.shells.window.app import SCENARIOS_DIR, Library
        app.library = Library(SCENARIOS_DIR)
    if name in ("scoreboard", "selfcheck", "portfolio"):
        return app.go(name, "Ana")
    if name == "confirm":
        return app.go("confirm", "Quit Five Levers?", "Detail.", "Yes, quit", app.quit)
    return app.go(name) if name != "title" else app.top


@pytest.mark.parametrize("name", SCENES)
def test_shift_tab_goes_back_on_every_scene(make_app, name):
    app = make_app(player="Ana")
    scene = open_scene(app, name)
    post(app)
    post(app)
    buttons = scene.buttons
    enabled = [i for i, b in enumerate(buttons.buttons) if b.enabled]
    assert len(enabled) >= 2, f"{name}: fewer than two buttons to move between"
    post(app, key(pygame.K_TAB))
    forward = buttons.focus
    post(app, key(*SHIFT_TAB))
    assert buttons.focus != forward, f"Shift+Tab did nothing on {name}"
    post(app, key(pygame.K_TAB))
    assert buttons.focus == forward, f"Shift+Tab then Tab did not come back on {name}"


def test_the_name_box_takes_the_first_enter(make_app):
    app = make_app()
    app.go("title")
    post(app)
    assert app.top.typing
    post(app, *[text(c) for c in "Zoe Park"], key(pygame.K_RETURN))
    assert app.top.name == "select" and app.settings.player == "Zoe Park"


def test_the_learner_box_takes_the_first_enter(make_app):
    app = make_app(player="Ana")
    app.go("title")
    app.go("learner")
    post(app, text("zoe@example.org"), key(pygame.K_RETURN))
    assert app.top.name == "title" and app.settings.learner == "zoe@example.org"
