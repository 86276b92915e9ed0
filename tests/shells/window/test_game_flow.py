"""Whole journeys through the window, by keyboard alone and by mouse alone."""
import json

import pygame

from game.storage import saves as save_store
from tests.shells.window.conftest import click, key, move, post, text


def centre(button):
    return button.rect.center


def test_keyboard_only_playthrough_records_an_attempt(make_app):
    app = make_app()
    from game.shells.window.scenes.title import TitleScene
    app.push(TitleScene(app))
    post(app)
    assert app.top.typing  # no name yet: the name field has focus
    post(app, *[text(c) for c in "Ana Lima"], key(pygame.K_RETURN))  # the first Enter takes the name and starts
    assert app.top.name == "select" and app.settings.player == "Ana Lima"
    titles = [b.label for b in app.top.buttons.buttons]
    # the tutorial has two customers, so the library offers practice with customers unlike you first
    assert titles[:3] == ["Practise with customers unlike you", "Tutorial: The Sofa That Didn't Arrive",
                          "The Late Refund"]
    post(app, key(pygame.K_DOWN), key(pygame.K_DOWN), key(pygame.K_RETURN))
    assert app.top.name == "briefing" and app.top.scenario.id == "late-refund"
    post(app, key(pygame.K_RETURN))
    assert app.top.name == "dialogue"
    for number in (1, 2, 2):
        post(app, key(getattr(pygame, f"K_{number}")))
        assert app.top.phase == "coach"  # coach mode: coaching right after the reply
        post(app, key(pygame.K_RETURN))
    assert app.top.name == "dialogue" and app.top.phase == "ending"  # the last words, in the conversation
    assert "Customer retained" in app.top._coaching_text()
    post(app, key(pygame.K_RETURN))
    assert app.top.name == "debrief"
    assert app.top.result.score == 42
    attempts = app.scoreboard.blocking.history("Ana Lima")
    assert [a.score for a in attempts] == [42] and attempts[0].mode == "coach"
    assert save_store.load_session("Ana Lima") == (None, None)  # finished: nothing left to resume


def test_mouse_only_playthrough_in_assessment_mode(make_app):
    app = make_app(player="Ben", mode="assessment")
    from game.shells.window.scenes.title import TitleScene
    app.push(TitleScene(app))
    post(app)
    start = next(b for b in app.top.buttons.buttons if b.action == "start")
    post(app, move(centre(start)), click(centre(start)))
    late = next(b for b in app.top.buttons.buttons if b.label == "The Late Refund")
    post(app, click(centre(late)))
    post(app, click(centre(app.top.buttons.buttons[0])))  # Begin
    for number in (1, 1, 1):
        reply = app.top.buttons.buttons[number - 1]
        post(app, move(centre(reply)), click(centre(reply)))
        assert app.top.name == "dialogue"
        assert app.top.phase in ("talk", "ending")  # assessment mode: no coaching between replies
    assert app.top.phase == "ending"
    see = app.top.buttons.buttons[0]
    assert see.label == "See your debrief"
    post(app, move(centre(see)), click(centre(see)))
    assert app.top.name == "debrief" and app.top.result.grade == "Legendary"


def test_broken_scenario_is_listed_greyed_with_its_first_error(make_app):
    app = make_app(player="Ana")
    from game.shells.window.scenes.select import SelectScene
    app.push(SelectScene(app))
    post(app)
    broken = app.top.buttons.buttons[-1]
    assert not broken.enabled and "zz-broken.yaml:4:1: error: YAML syntax error" in broken.detail
    post(app, click(centre(broken)))
    assert app.top.name == "select"


def test_save_quit_and_resume_lands_on_the_same_node_with_the_same_scores(make_app):
    app = make_app(player="Cleo")
    from game.shells.window.scenes.title import TitleScene
    app.push(TitleScene(app))
    app.top.play_file(app.library.playable()[1].path)
    post(app, key(pygame.K_RETURN))
    post(app, key(pygame.K_1), key(pygame.K_RETURN), key(pygame.K_2), key(pygame.K_RETURN))
    before = app.top.run
    node, points, mood = before.state, dict(before.points), before.mood
    post(app, key(pygame.K_ESCAPE))
    assert app.top.name == "pause"
    menu = next(b for b in app.top.buttons.buttons if b.action == "menu")
    post(app, click(centre(menu)))
    assert app.top.name == "confirm" and "saved" in app.top.detail
    yes = next(b for b in app.top.buttons.buttons if b.action == "yes")
    post(app, click(centre(yes)))
    assert app.top.name == "title"
    assert app.top.buttons.buttons[0].action == "resume"  # offered at once, not only next launch
    app.shutdown()

    again = make_app(player="Cleo")
    again.push(TitleScene(again))
    post(again)
    resume = again.top.buttons.buttons[0]
    assert resume.action == "resume" and "The Late Refund" in resume.detail
    assert not again.top.typing and again.top.buttons.focus == 0
    post(again, key(pygame.K_RETURN))
    run = again.top.run
    assert (run.state, run.points, run.mood) == (node, points, mood)


def test_a_corrupt_save_is_set_aside_and_the_game_still_starts(make_app, saves):
    saves.mkdir(parents=True, exist_ok=True)
    (saves / "session.json").write_text("{not json", encoding="utf-8")
    (saves / "settings.json").write_text(json.dumps({"text_size": "gigantic", "mode": 7}), encoding="utf-8")
    app = make_app()
    from game.shells.window.scenes.title import TitleScene
    app.push(TitleScene(app))
    post(app)
    assert any("moved aside" in n[0] for n in app.notices)
    assert not (saves / "session.json").exists()
    assert list(saves.glob("session.json.corrupt-*"))
    assert app.settings.text_size == "medium" and app.settings.mode == "coach"


def test_pause_restart_and_settings_persist(make_app, saves):
    app = make_app(player="Dee")
    from game.shells.window.scenes.title import TitleScene
    app.push(TitleScene(app))
    app.top.play_file(app.library.playable()[1].path)
    post(app, key(pygame.K_RETURN), key(pygame.K_1), key(pygame.K_RETURN))
    assert len(app.top.run.choices) == 1
    post(app, key(pygame.K_ESCAPE), key(pygame.K_DOWN), key(pygame.K_RETURN))  # Restart
    post(app, key(pygame.K_RIGHT), key(pygame.K_RETURN))  # Yes, restart
    assert app.top.name == "dialogue" and app.top.run.choices == []
    post(app, key(pygame.K_ESCAPE), *[key(pygame.K_DOWN)] * 3, key(pygame.K_RETURN))
    assert app.top.name == "settings"
    post(app, key(pygame.K_RIGHT))  # text size: medium -> large
    assert app.settings.text_size == "large"
    stored, _ = save_store.load_settings()
    assert stored.text_size == "large" and stored.player == "Dee"


def test_debrief_report_card_and_handbook_links(make_app, saves):
    app = make_app(player="Eve")
    from game.shells.window.scenes.title import TitleScene
    app.push(TitleScene(app))
    app.top.play_file(app.library.playable()[1].path)
    post(app, key(pygame.K_RETURN))
    for n in (pygame.K_2, pygame.K_1, pygame.K_3):
        post(app, key(n), key(pygame.K_RETURN))
    assert app.top.phase == "ending" and "walked out" in app.top._coaching_text()
    post(app, key(pygame.K_RETURN))
    debrief = app.top
    assert debrief.name == "debrief" and debrief.result.outcome == "lost"
    rule_button = debrief.rule_buttons[0]
    assert "Calm down." in rule_button.detail
    path = debrief.save_report()
    assert path.exists() and pygame.image.load(str(path)).get_height() > 720
    post(app, click(centre(rule_button)))
    assert app.top.name == "handbook" and app.top.current == 6  # don't make it worse
    post(app, key(pygame.K_ESCAPE), key(pygame.K_ESCAPE))
    assert app.top.name == "title"


def test_player_name_is_checked(make_app):
    app = make_app()
    from game.shells.window.scenes.title import TitleScene
    app.push(TitleScene(app))
    post(app, key(pygame.K_RETURN), key(pygame.K_RETURN))
    assert app.top.name == "title" and "cannot be empty" in app.top.error


def test_a_mode_change_mid_conversation_is_announced_and_applies_from_the_next(make_app):
    app = make_app(player="Eve", mode="assessment")
    from game.shells.window.scenes.title import TitleScene
    app.push(TitleScene(app))
    app.top.play_file(app.library.playable()[1].path)
    post(app, key(pygame.K_RETURN), key(pygame.K_1))
    dialogue = app.top
    assert dialogue.session.mode == "assessment"
    post(app, key(pygame.K_ESCAPE), *[key(pygame.K_DOWN)] * 3, key(pygame.K_RETURN))
    settings = app.top
    assert settings.name == "settings"
    settings.change("mode", -1)  # Left: assessment -> coach
    assert app.settings.mode == "coach"
    mode_button = next(b for b in settings.buttons.buttons if b.action == "mode")
    assert "This one stays in assessment mode" in mode_button.detail
    assert any("from your next conversation" in n[0] for n in app.notices)
    post(app, key(pygame.K_ESCAPE))  # back to the pause menu
    post(app, key(pygame.K_ESCAPE))  # and the conversation
    assert app.top is dialogue and dialogue.session.mode == "assessment"
    post(app, key(pygame.K_1))
    assert dialogue.phase == "talk"  # still no coaching between replies
    post(app, key(pygame.K_ESCAPE), key(pygame.K_DOWN), key(pygame.K_RETURN),  # Restart: the next conversation
         key(pygame.K_RIGHT), key(pygame.K_RETURN))
    assert app.top.name == "dialogue" and app.top.session.mode == "coach"
