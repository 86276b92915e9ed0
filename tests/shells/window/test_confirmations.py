"""Steps that cannot be taken back ask first: quitting, restarting, leaving a
conversation. No is focused first and Esc means no. The pause menu reaches
the handbook."""
import pygame

from .conftest import key, post


def title(app, name="Ana"):
    from game.shells.window.scenes.title import TitleScene
    app.settings.player = name
    scene = TitleScene(app)
    app.push(scene)
    post(app)
    return scene


def in_conversation(app):
    scene = title(app)
    scene.play_file(app.library.playable()[1].path)
    post(app, key(pygame.K_RETURN), key(pygame.K_1))
    return app.top


def test_quit_on_the_title_asks_and_no_or_esc_stays(make_app):
    app = make_app()
    scene = title(app)
    scene.activate("quit")
    assert app.top.name == "confirm" and app.running
    assert app.top.buttons.buttons[app.top.buttons.focus].action == "no"
    post(app, key(pygame.K_RETURN))  # No (focused first)
    assert app.top is scene and app.running
    post(app, key(pygame.K_ESCAPE))  # Esc on the title is quitting too
    assert app.top.name == "confirm"
    post(app, key(pygame.K_ESCAPE))  # Esc in the question is no
    assert app.top is scene and app.running
    scene.activate("quit")
    post(app, key(pygame.K_RIGHT), key(pygame.K_RETURN))
    assert not app.running


def test_closing_the_window_mid_conversation_asks_and_a_second_close_quits(make_app):
    app = make_app()
    dialogue = in_conversation(app)
    post(app, pygame.event.Event(pygame.QUIT))
    assert app.running and app.top.name == "confirm" and "saved" in app.top.detail
    post(app, key(pygame.K_ESCAPE))
    assert app.top is dialogue
    post(app, pygame.event.Event(pygame.QUIT), pygame.event.Event(pygame.QUIT))
    assert not app.running


def test_closing_the_window_outside_a_conversation_quits_at_once(make_app):
    app = make_app()
    title(app)
    post(app, pygame.event.Event(pygame.QUIT))
    assert not app.running


def test_restart_asks_and_says_an_assessment_is_kept_as_abandoned(make_app):
    app = make_app(mode="assessment")
    dialogue = in_conversation(app)
    post(app, key(pygame.K_ESCAPE), key(pygame.K_DOWN), key(pygame.K_RETURN))
    assert app.top.name == "confirm" and "abandoned" in app.top.detail
    post(app, key(pygame.K_RETURN))  # No
    assert app.top.name == "pause"
    post(app, key(pygame.K_ESCAPE))
    assert app.top is dialogue and len(dialogue.run.choices) == 1  # nothing was lost


def test_the_pause_menu_opens_the_handbook(make_app):
    app = make_app()
    in_conversation(app)
    post(app, key(pygame.K_ESCAPE))
    pause = app.top
    handbook = next(i for i, b in enumerate(pause.buttons.buttons) if b.action == "handbook")
    post(app, *[key(pygame.K_DOWN)] * handbook, key(pygame.K_RETURN))
    assert app.top.name == "handbook"
    post(app, key(pygame.K_ESCAPE))
    assert app.top is pause
