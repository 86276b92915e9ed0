"""Each player has their own save: a new name never resumes, overwrites or
is credited with somebody else's conversation."""
import json

import pygame

from game.storage import saves as save_store
from tests.shells.window.conftest import click, key, post, text


def play_two_replies_and_go_to_menu(app):
    from game.shells.window.scenes.title import TitleScene
    app.push(TitleScene(app))
    app.top.play_file(app.library.playable()[1].path)
    post(app, key(pygame.K_RETURN))
    post(app, key(pygame.K_1), key(pygame.K_RETURN), key(pygame.K_2), key(pygame.K_RETURN))
    choices = list(app.top.run.choices)
    post(app, key(pygame.K_ESCAPE))
    menu = next(b for b in app.top.buttons.buttons if b.action == "menu")
    post(app, click(menu.rect.center))
    post(app, key(pygame.K_RIGHT), key(pygame.K_RETURN))  # Yes, leave
    assert app.top.name == "title"
    return choices


def retype_name(app, name):
    title = app.top
    post(app, click(title.field_rect.center))
    post(app, *[key(pygame.K_BACKSPACE)] * 45, *[text(c) for c in name])


def actions(app):
    return [b.action for b in app.top.buttons.buttons]


def test_a_new_name_is_not_offered_the_previous_players_conversation(make_app):
    app = make_app(player="Ana")
    ana_choices = play_two_replies_and_go_to_menu(app)
    assert actions(app)[0] == "resume"
    retype_name(app, "Ben")
    assert "resume" not in actions(app)  # the leftover Resume would have credited Ben with Ana's replies
    retype_name(app, "ana")  # the same player, whatever the case
    assert actions(app)[0] == "resume"
    saved, _ = save_store.load_session("ANA")
    assert saved.player == "Ana" and saved.snapshot["choices"] == ana_choices


def test_a_second_player_saving_leaves_the_first_players_save_alone(make_app):
    app = make_app(player="Ana")
    ana_choices = play_two_replies_and_go_to_menu(app)
    app.settings.player = "Ben"
    app.pop()
    app2 = make_app(player="Ben")
    ben_choices = play_two_replies_and_go_to_menu(app2)
    ana, _ = save_store.load_session("Ana")
    ben, _ = save_store.load_session("Ben")
    assert (ana.player, ana.snapshot["choices"]) == ("Ana", ana_choices)
    assert (ben.player, ben.snapshot["choices"]) == ("Ben", ben_choices)


def test_resume_plays_on_as_the_player_who_saved(make_app):
    app = make_app(player="Ana")
    play_two_replies_and_go_to_menu(app)
    app.top.activate("resume")
    assert app.top.name == "dialogue" and app.top.session.player == "Ana"


def test_the_old_shared_save_moves_into_its_players_own_file(saves):
    saves.mkdir(parents=True, exist_ok=True)
    old = {"save_format": 1, "player": "Dee", "mode": "coach", "scenario_path": "scenarios/tutorial.yaml",
           "snapshot": {"format": 1, "scenario": "tutorial", "version": 1, "content_hash": "x", "seed": 3,
                        "choices": [1]}, "started_at": "2026-01-01T00:00:00+00:00", "title": "Tutorial"}
    (saves / "session.json").write_text(json.dumps(old), encoding="utf-8")
    found, problems = save_store.load_sessions()
    assert problems == [] and list(found) == ["dee"]
    assert found["dee"].snapshot["choices"] == [1]
    assert not (saves / "session.json").exists()
    moved = json.loads(save_store.session_path("Dee").read_text(encoding="utf-8"))
    assert moved["save_format"] == save_store.SAVE_FORMAT and moved["player"] == "Dee"


def test_a_damaged_save_is_set_aside_without_touching_other_players(saves):
    save_store.save_session(save_store.Session("Ana", "coach", "s.yaml", {"choices": [1]}, "2026-01-01"))
    bad = save_store.session_path("Ben")
    bad.write_text("{not json", encoding="utf-8")
    found, problems = save_store.load_sessions()
    assert list(found) == ["ana"]
    assert any("moved aside" in p for p in problems)
    assert list(bad.parent.glob(bad.name + ".corrupt-*"))
