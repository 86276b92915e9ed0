"""The window never waits on the scoreboard: it is opened, read and written
on the storage thread, and what was read comes on a later frame. These
tests make the scoreboard slow and play frames without waiting for it."""
import time

import pygame

from game.core import loader
from game.core.engine import play
from game.storage.attempts import Attempt
from tests.shells.window.conftest import LATE, post

SLOW_S = 1.5


def record(app, player="Ana"):
    run = play(loader.load_file(LATE), [1, 2, 2])
    app.scoreboard.record(Attempt.from_playthrough(run, player, "coach", started_at="2026-11-20T10:00:00+00:00",
                                                   finished_at="2026-11-20T10:05:00+00:00"))


def slow(board, name):
    real = getattr(board, name)

    def waits(*args, **kwargs):
        time.sleep(SLOW_S)
        return real(*args, **kwargs)
    setattr(board, name, waits)


def board_with_one_attempt(make_app):
    """The app and its scoreboard screen, showing Ana's one attempt."""
    from game.shells.window.scenes.scoreboard import ScoreboardScene
    app = make_app()
    record(app)
    scene = ScoreboardScene(app, "Ana")
    app.push(scene)
    post(app)
    return app, scene


def frames(app, seconds: float, count: int = 5) -> float:
    """Play frames of `seconds / count` each without waiting on storage; the wall time they took."""
    start = time.perf_counter()
    for _ in range(count):
        app.update(seconds / count)
        app.draw()
    return time.perf_counter() - start


def test_the_scoreboard_screen_opens_at_once_says_it_is_reading_then_shows_the_attempts(make_app):
    from game.shells.window.scenes.scoreboard import READING, ScoreboardScene
    app = make_app()
    record(app)
    slow(app.scoreboard.blocking, "history_page")  # the list the screen shows (its chart reads history_trend)
    start = time.perf_counter()
    scene = ScoreboardScene(app, "Ana")
    app.push(scene)
    assert frames(app, 0.5) + (time.perf_counter() - start) < 1.0  # the frames went on while it was read
    assert scene.message == READING and scene.rows == []
    app.storage.drain()
    post(app)
    assert scene.message == "" and [r.action[0] for r in scene.rows] == ["attempt"]


def test_a_quick_read_keeps_the_last_view_on_screen_and_an_answer_to_an_old_question_is_dropped(make_app):
    app, scene = board_with_one_attempt(make_app)
    shown = list(scene.rows)
    slow(app.scoreboard.blocking, "leaderboard")
    scene.activate(("view", "leaders"))
    frames(app, 0.1, 2)  # under the moment after which it says it is reading: the old rows stay
    assert scene.rows == shown
    scene.activate(("view", "history"))  # changed their mind before the leaderboard came
    app.storage.drain()
    post(app)
    assert scene.view == "history" and scene.rows[0].action[0] == "attempt"  # not the leaderboard's rows


def test_opening_an_attempt_reads_it_off_the_frame_loop(make_app):
    app, scene = board_with_one_attempt(make_app)
    slow(app.scoreboard.blocking, "get")
    start = time.perf_counter()
    post(app, pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=scene.rows[0].rect.center), settle=False)
    assert time.perf_counter() - start < 1.0 and app.top is scene
    app.storage.drain()
    post(app)
    assert app.top.name == "debrief"


def test_best_scores_on_scenario_select_come_without_holding_up_the_list(make_app):
    from game.shells.window.scenes.select import SelectScene
    app = make_app(player="Ana")
    record(app)
    slow(app.scoreboard.blocking, "bests")
    start = time.perf_counter()
    scene = SelectScene(app)
    app.push(scene)
    frames(app, 0.2)
    assert time.perf_counter() - start < 1.0
    late = next(b for b in scene.buttons.buttons if b.label == "The Late Refund")
    assert "not played yet" in late.detail  # not known yet
    app.storage.drain()
    post(app)
    late = next(b for b in scene.buttons.buttons if b.label == "The Late Refund")
    assert "  ·  best " in late.detail and "not played yet" not in late.detail


def test_the_window_opens_while_a_slow_scoreboard_is_opened_and_the_attempt_is_kept(make_app, monkeypatch):
    import game.app.storage_worker as worker
    real = worker.open_scoreboard

    def slow_open(*args, **kwargs):
        time.sleep(SLOW_S)
        return real(*args, **kwargs)
    monkeypatch.setattr(worker, "open_scoreboard", slow_open)
    start = time.perf_counter()
    app = make_app(player="Ana")
    frames(app, 0.1, 2)
    assert time.perf_counter() - start < 1.0  # an upgrade of a big scoreboard, or a far team database
    record(app)  # queued behind the opening
    [kept] = app.scoreboard.blocking.attempts()
    assert kept.player == "Ana"


def test_the_trainees_style_is_read_in_the_background_and_known_by_the_debrief(make_app):
    app = make_app(player="Ana", mode="coach")
    app.scoreboard.blocking.save_style("Ana", "steady", {}, [], "2026-11-24T10:00:00+00:00")
    app2 = make_app(player="Ana", mode="coach")  # a new start: nothing known about Ana yet
    slow(app2.scoreboard.blocking, "player_style")
    start = time.perf_counter()
    from game.app.session import GameSession
    entry = next(e for e in app2.library.playable() if e.scenario.id == "late-refund")
    session = GameSession(entry.scenario, entry.path, "Ana", "coach", app2.scoreboard)
    assert time.perf_counter() - start < 1.0 and session._player_style is None  # being read
    app2.storage.drain()
    post(app2)
    for number in (1, 2, 2):
        session.choose(number)
    assert session.player_style == "steady"
    [kept] = app2.scoreboard.blocking.attempts()
    assert kept.player_style == "steady"


def test_the_window_never_reads_the_scoreboard_on_a_frame(make_app):
    app = make_app()
    for read in ("history", "attempts", "leaderboard", "bests", "player_style", "get", "count"):
        try:
            getattr(app.scoreboard, read)
        except AttributeError as exc:
            assert "fetch" in str(exc)
        else:
            raise AssertionError(f"app.scoreboard.{read} would read on the frame loop")


def test_a_style_the_scoreboard_could_not_read_is_asked_again_not_kept_as_none(make_app):
    from game.storage.files import StorageError
    app = make_app()
    app.scoreboard.blocking.save_style("Ana", "steady", {}, [], "2026-11-24T10:00:00+00:00")
    board = app.scoreboard.blocking
    real = board.player_style

    def away_once(player):
        board.player_style = real
        raise StorageError("the team scoreboard cannot be reached")
    board.player_style = away_once
    assert app.scoreboard.style_of("Ana") is None
    post(app)
    assert app.scoreboard.style_of("Ana") is None  # not "no style": asked again
    post(app)
    assert app.scoreboard.style_of("Ana") == "steady"
