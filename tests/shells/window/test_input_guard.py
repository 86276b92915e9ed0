"""Assessment integrity in the window: a double-click or a key held down
must not answer a question the trainee has not read."""
import pygame

from game.shells.window.app import SETTLE_SECONDS
from tests.shells.window.conftest import click, key, post


def start_dialogue(app, mode="assessment"):
    from game.shells.window.scenes.title import TitleScene
    app.settings.mode = mode
    app.push(TitleScene(app))
    post(app)
    app.top.activate("start")
    post(app)
    late = next(e for e in app.library.playable() if e.scenario.id == "late-refund")
    from game.shells.window.scenes.briefing import BriefingScene
    app.push(BriefingScene(app, late.scenario, str(late.path), player="Ana", seed=0))
    post(app)
    app.top.handle(type("I", (), {"kind": "confirm", "value": None, "pos": None})())
    post(app)
    assert app.top.name == "dialogue"


def double_click(app, pos):
    """Two clicks in one frame's events, as a fast double-click arrives."""
    post(app, click(pos), click(pos))


def test_the_second_click_of_a_double_click_does_not_answer_the_next_question(make_app):
    app = make_app(player="Ana")
    start_dialogue(app)
    app.input_settle = SETTLE_SECONDS
    app.update(1.0)
    reply = app.top.buttons.buttons[0]
    double_click(app, reply.rect.center)
    assert app.top.session.run.choices == [1]  # not [1, 1]
    post(app, click(app.top.buttons.buttons[0].rect.center))  # 16 ms later: still settling
    assert app.top.session.run.choices == [1]
    app.update(SETTLE_SECONDS)
    post(app, click(app.top.buttons.buttons[0].rect.center))  # read, then clicked
    assert app.top.session.run.choices == [1, 1]


def test_a_number_held_down_answers_one_question_at_a_time(make_app):
    app = make_app(player="Ana")
    start_dialogue(app)
    app.input_settle = SETTLE_SECONDS
    app.update(1.0)
    post(app, *[key(pygame.K_1)] * 5)
    assert app.top.session.run.choices == [1]


def test_a_reply_cannot_be_picked_while_the_customer_is_still_speaking(make_app):
    app = make_app(player="Ana", typewriter="slow")
    start_dialogue(app)
    app.update(SETTLE_SECONDS + 0.05)  # past the settle time; "Third time I'm calling!" is still typing
    assert not app.top.typing_done
    post(app, key(pygame.K_1))
    assert app.top.session.run.choices == []  # the press completed the line instead
    assert app.top.typing_done
    app.update(SETTLE_SECONDS)
    post(app, key(pygame.K_1))
    assert app.top.session.run.choices == [1]


def test_coaching_cannot_be_skipped_by_the_click_that_chose_the_reply(make_app):
    app = make_app(player="Ana")
    start_dialogue(app, mode="coach")
    app.input_settle = SETTLE_SECONDS
    app.update(1.0)
    double_click(app, app.top.buttons.buttons[0].rect.center)
    assert app.top.phase == "coach"  # the coaching is on screen, not skipped unread
