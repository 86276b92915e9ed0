"""An assessment left before its end (restarted, or replaced by a new
conversation) is recorded as abandoned: a bad run is never dropped silently,
and it is never ranked."""
import pygame

from game.delivery.xapi import StatementBuilder
from tests.shells.window.conftest import key, post


def late(app):
    return next(e for e in app.library.playable() if e.scenario.id == "late-refund")


def begin(app, player="Ana"):
    from game.shells.window.scenes.briefing import BriefingScene
    from game.shells.window.scenes.title import TitleScene
    if not app.stack:
        app.push(TitleScene(app))
    entry = late(app)
    app.push(BriefingScene(app, entry.scenario, str(entry.path), player=player, seed=0))
    post(app, key(pygame.K_RETURN))
    assert app.top.name == "dialogue"
    return app.top


def restart(app):
    post(app, key(pygame.K_ESCAPE), key(pygame.K_DOWN), key(pygame.K_RETURN))
    assert app.top.name == "confirm"  # restarting asks first; No is focused
    post(app, key(pygame.K_RIGHT), key(pygame.K_RETURN))
    assert app.top.name == "dialogue" and app.top.run.choices == []


def test_restarting_an_assessment_records_it_as_abandoned_and_off_the_leaderboard(make_app):
    app = make_app(player="Ana", mode="assessment")
    begin(app)
    post(app, key(pygame.K_2))  # a bad first reply...
    restart(app)  # ...and a quiet restart
    [kept] = app.scoreboard.blocking.attempts()
    assert (kept.player, kept.status, kept.outcome, kept.choices) == ("Ana", "abandoned", "abandoned", [2])
    assert app.scoreboard.blocking.leaderboard("late-refund") == []
    assert app.scoreboard.blocking.bests("Ana") == {}


def test_restarting_in_coach_mode_is_practice_and_records_nothing(make_app):
    app = make_app(player="Ana", mode="coach")
    begin(app)
    post(app, key(pygame.K_2), key(pygame.K_RETURN))
    restart(app)
    assert app.scoreboard.blocking.attempts() == []


def test_a_new_conversation_replacing_a_saved_assessment_records_the_old_one(make_app):
    app = make_app(player="Ana", mode="assessment")
    begin(app)
    post(app, key(pygame.K_1))
    while len(app.stack) > 1:  # to the menu: the conversation stays saved
        app.pop()
    assert app.scoreboard.blocking.attempts() == []
    begin(app)  # a new conversation would overwrite the save
    [kept] = app.scoreboard.blocking.attempts()
    assert kept.status == "abandoned" and kept.choices == [1]


def test_the_scoreboard_screen_and_xapi_say_abandoned(make_app):
    app = make_app(player="Ana", mode="assessment")
    begin(app)
    post(app, key(pygame.K_1))
    restart(app)
    from game.shells.window.scenes.scoreboard import ScoreboardScene
    app.push(ScoreboardScene(app, "Ana"))
    post(app)
    assert app.top.rows[0].detail.startswith("Abandoned after 1 reply")
    statements = StatementBuilder().statements(app.scoreboard.blocking.attempts())
    assert statements[-1]["verb"]["display"]["en-US"] == "abandoned"
    assert statements[-1]["result"]["completion"] is False and "success" not in statements[-1]["result"]
