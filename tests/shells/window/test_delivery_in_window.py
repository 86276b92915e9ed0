"""The window and the records: writes never hold up a frame, time on task
is the time the conversation was in front of the trainee, the learner id
from the settings reaches the LRS, and the title says what waits to send."""
import time

import pygame

from game.delivery.config import LRSConfig, save_config
from tests.delivery.ralph_server import SECRET, USER
from tests.pg_cluster import free_port
from tests.shells.window.conftest import key, post
from tests.shells.window.test_abandoned_attempts import begin


def play_to_the_end(app):
    dialogue = begin(app)
    for number in (1, 2, 2):
        dialogue.session.choose(number)
    return dialogue.session


def test_recording_an_attempt_never_waits_on_the_scoreboard(make_app):
    app = make_app(player="Ana", mode="coach")
    board = app.scoreboard.blocking
    real = board.record

    def slow_disk(attempt):
        time.sleep(1.5)
        return real(attempt)
    board.record = slow_disk
    dialogue = begin(app)
    start = time.perf_counter()
    for number in (1, 2, 2):
        dialogue.session.choose(number)
    post(app, settle=False)
    assert time.perf_counter() - start < 1.0  # the frame went on while the attempt was written
    [kept] = app.scoreboard.blocking.attempts()  # a read waits for the write: the scoreboard shows it
    assert kept.player == "Ana"


def test_time_on_task_counts_the_conversation_on_screen_not_pauses_or_sleep(make_app):
    app = make_app(player="Ana", mode="coach")
    dialogue = begin(app)
    session = dialogue.session
    before = session.active_s
    app.update(0.5)
    post(app, key(pygame.K_ESCAPE))
    assert app.top.name == "pause"
    app.update(30.0)  # paused: not on task
    assert session.active_s - before < 0.6
    post(app, key(pygame.K_ESCAPE))
    assert app.top.name == "dialogue"
    app.update(3600.0)  # the lid closed for an hour: one second at most
    assert session.active_s - before < 1.7
    for number in (1, 2, 2):
        session.choose(number)
    [kept] = app.scoreboard.blocking.attempts()
    assert kept.active_s == round(session.active_s, 3) and kept.time_on_task < 2


def test_the_title_says_what_waits_and_the_game_sends_it_in_the_background(make_app, lrs, saves):
    save_config(LRSConfig(endpoint=f"http://127.0.0.1:{free_port()}/xAPI/", user=USER, secret=SECRET))
    app = make_app(player="Sam", mode="coach", learner="sam@example.org")
    play_to_the_end(app)
    deadline = time.time() + 20
    while time.time() < deadline and not app.delivery_line():
        app.storage.poll()
        time.sleep(0.05)
    assert app.delivery_line().startswith("1 attempt waiting to send: the LRS could not be reached")
    app.sender.stop()
    app.shutdown()

    save_config(LRSConfig(endpoint=lrs.endpoint, user=USER, secret=SECRET, home_page="https://lms.example.org"))
    app = make_app(player="Sam", mode="coach", learner="sam@example.org")  # the LRS is back: the game catches up
    deadline = time.time() + 30
    while time.time() < deadline and len(lrs.statements()) < 6:
        time.sleep(0.1)
    statements = lrs.statements()
    assert len(statements) == 6
    assert {s["actor"]["account"]["name"] for s in statements} == {"sam@example.org"}
    deadline = time.time() + 10  # the LRS has them; the title's line follows once the sender has marked them
    while time.time() < deadline and app.delivery_line():
        app.storage.poll()
        time.sleep(0.05)
    assert app.delivery_line() == ""


def test_the_learner_id_is_typed_on_the_title_screen_and_kept_in_lower_case(make_app):
    from game.storage import saves
    from game.shells.window.scenes.title import TitleScene
    from tests.shells.window.conftest import text
    app = make_app(player="Ana")
    app.push(TitleScene(app))
    title = app.top
    title.focus_field = False
    title.buttons.focus = next(i for i, b in enumerate(title.buttons.buttons) if b.action == "learner")
    assert title.buttons.buttons[title.buttons.focus].label == "Learner id: not set"
    post(app, key(pygame.K_RETURN))
    assert app.top.name == "learner"
    post(app, text("ana lima"), key(pygame.K_RETURN))
    assert app.top.name == "learner" and "cannot contain spaces" in app.top.error  # said, not taken
    for _ in range(len("ana lima")):
        post(app, key(pygame.K_BACKSPACE))
    post(app, text("Ana.Lima@Example.org"), key(pygame.K_RETURN))
    assert app.top.name == "title" and app.settings.learner == "ana.lima@example.org"
    assert title.buttons.buttons[title.buttons.focus].label == "Learner id: ana.lima@example.org"
    assert saves.load_settings()[0].learner == "ana.lima@example.org"  # kept for next time
    dialogue = begin(app)
    for number in (1, 2, 2):
        dialogue.session.choose(number)
    [kept] = app.scoreboard.blocking.attempts()
    assert kept.learner == "ana.lima@example.org"


def test_the_lrs_is_set_up_in_settings_and_the_secret_is_never_shown(make_app, lrs, saves):
    from game.delivery.config import load_config
    from game.shells.window.scenes.settings import SettingsScene
    from tests.shells.window.conftest import text
    app = make_app(player="Sam", mode="coach", learner="sam@example.org")
    assert app.sender is None
    app.push(SettingsScene(app))
    settings = app.top
    settings.buttons.focus = next(i for i, b in enumerate(settings.buttons.buttons) if b.action == "lrs")
    assert settings.buttons.buttons[settings.buttons.focus].label == "Learning record store: not set up"
    post(app, key(pygame.K_RETURN))
    assert app.top.name == "lrs-settings"
    for field, typed in (("endpoint", "ftp://nowhere"), ("endpoint", lrs.endpoint), ("user", USER), ("secret", SECRET)):
        scene = app.top
        scene.buttons.focus = next(i for i, b in enumerate(scene.buttons.buttons) if b.action == field)
        post(app, key(pygame.K_RETURN))
        entry = app.top
        assert entry.name == "text-entry"
        for _ in range(len(entry.value)):
            post(app, key(pygame.K_BACKSPACE))
        post(app, text(typed), key(pygame.K_RETURN))
        if typed.startswith("ftp"):
            assert app.top is entry and "http:// or https://" in entry.error  # said, not kept
            post(app, key(pygame.K_ESCAPE))
    labels = [b.label for b in app.top.buttons.buttons]
    assert "Secret: set" in labels and not any(SECRET in label for label in labels)
    config, _ = load_config()
    assert (config.endpoint, config.user, config.secret) == (lrs.endpoint, USER, SECRET)
    assert app.sender is not None and app.sender.config.endpoint == lrs.endpoint
    while len(app.stack) > 1:
        app.pop()
    play_to_the_end(app)
    deadline = time.time() + 30
    while time.time() < deadline and len(lrs.statements()) < 6:
        post(app)  # frames go on: what the storage thread finished comes back, and wakes the sender
        time.sleep(0.1)
    assert len(lrs.statements()) == 6


def test_the_game_starts_without_its_team_database_and_adds_the_attempts_when_it_returns(make_app, saves,
                                                                                        monkeypatch):
    from game.storage import pending
    from tests.pg_cluster import Cluster
    port = free_port()
    monkeypatch.setenv("FIVE_LEVERS_DB", f"postgresql://five@127.0.0.1:{port}/postgres")
    app = make_app(player="Ana", mode="coach")  # the database is away
    post(app)  # the scoreboard is opened on the storage thread; what it found comes on a frame
    assert any("kept on this computer" in text for text, _ in app.notices)
    play_to_the_end(app)
    app.storage.drain()
    app.storage.poll()
    assert len(pending.waiting()) == 1  # kept, not lost
    cluster = Cluster()
    cluster.port = port
    cluster.start()  # the database is back
    try:
        app.scoreboard.blocking._down_until = 0  # no need to wait out the reconnect pause in a test
        app._retry_in = 0
        post(app)
        app.storage.drain()
        app.storage.poll()
        assert pending.waiting() == []
        [stored] = app.scoreboard.blocking.attempts()
        assert stored.player == "Ana"
    finally:
        cluster.stop()
