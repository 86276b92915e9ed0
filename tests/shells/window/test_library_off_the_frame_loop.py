"""The game's first frame does not wait for the scenario library: the files
are read on a thread, the title is drawn at once, the keys keep working,
and a screen that needs the list says it is loading until the list is
there (issue 33). Tools and tests that build an App read it first, as before."""
import threading
import time
from pathlib import Path

import pytest

from game.core import loader
from game.shells.window.intents import Intent

TUTORIAL = Path(__file__).resolve().parents[3] / "scenarios" / "tutorial.yaml"


@pytest.fixture
def gate(monkeypatch):
    """Hold the library's thread before it reads any file until `.set()`."""
    event = threading.Event()
    real = loader.check_file

    def held(path):
        assert event.wait(20), "the test never let the library load"
        return real(path)
    monkeypatch.setattr(loader, "check_file", held)
    yield event
    event.set()


def shown_text(app) -> list[str]:
    """Every text drawn in one full frame."""
    seen = []
    real = app.theme.wrap

    def wrap(text, *args, **kwargs):
        seen.append(text)
        return real(text, *args, **kwargs)
    app.theme.wrap = wrap
    try:
        app.update(0.016)
        app.draw()
    finally:
        del app.theme.wrap
    return seen


def frames_until_ready(app, seconds: float = 20.0) -> int:
    """Play frames (never waiting on the library) until it is read; how many."""
    count, deadline = 0, time.monotonic() + seconds
    while not app.library.ready:
        assert time.monotonic() < deadline, "the library was never read"
        app.update(0.016)
        app.draw()
        count += 1
        time.sleep(0.005)
    return count


@pytest.fixture
def game(saves, library):
    """The app as `main.py` opens it: the library read in the background."""
    from game.shells.window.app import App
    apps = []

    def make(folder=library, **settings):
        app = App(folder, size=(1280, 720), library_in_background=True)
        app.input_settle = 0
        for name, value in settings.items():
            setattr(app.settings, name, value)
        apps.append(app)
        return app
    yield make
    for app in apps:
        app.shutdown()


def test_the_title_is_drawn_and_takes_keys_before_any_file_is_read(game, gate):
    app = game(player="")
    app.go("title")
    words = shown_text(app)
    assert "Practise the conversations that keep customers." in words
    assert not app.library.ready and app.library.progress[0] == 0
    for letter in "Ana":
        app.dispatch(Intent("text", letter))
    assert app.top.player == "Ana"  # typing works while the files are being read


def test_start_shows_loading_then_the_list_appears(game, gate):
    app = game(player="Ana")
    app.go("title")
    app.dispatch(Intent("confirm"))  # the name is taken: on to the scenarios
    assert app.top.name == "select"
    assert any(w.startswith("Loading the scenarios") for w in shown_text(app))
    assert not app.top.buttons.buttons
    app.dispatch(Intent("down"))  # keys on the empty list do nothing wrong
    gate.set()
    frames_until_ready(app)
    app.update(0.016)
    assert "The Late Refund" in [b.label for b in app.top.buttons.buttons]
    # a bad file gets the same card and message as when the library was read before the first frame
    broken = next(b for b in app.top.buttons.buttons if not b.enabled)
    assert broken.label == "Cannot be played: zz-broken.yaml"
    assert broken.detail == loader.check_file(broken.action.path).diagnostics[0].format()
    assert "YAML syntax error" in broken.detail
    assert not any(w.startswith("Loading the scenarios") for w in shown_text(app))


def test_a_screen_built_on_the_list_opens_when_the_list_is_there(game, gate):
    app = game(player="Ana")
    title = app.go("title")
    title.activate("path")
    assert app.top is title and title.waiting_for == "path"
    assert any(w.startswith("Loading the scenarios") and w.endswith("Then your learning path opens.")
               for w in shown_text(app))
    gate.set()
    frames_until_ready(app)
    app.update(0.016)
    assert app.top.name == "path"


def test_going_elsewhere_meanwhile_forgets_the_held_screen(game, gate):
    app = game(player="Ana")
    title = app.go("title")
    title.activate("scoreboard")
    title.activate("settings")
    assert app.top.name == "settings"
    gate.set()
    frames_until_ready(app)
    app.pop()
    app.update(0.016)
    assert app.top is title  # the scoreboard asked for before Settings does not pop up now


def test_with_140_scenarios_the_first_frame_comes_before_the_library(game, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    source = TUTORIAL.read_text(encoding="utf-8")
    for i in range(140):
        (folder / f"s{i}.yaml").write_text(source.replace("id: tutorial", f"id: copy-{i}"), encoding="utf-8")
    app = game(folder=folder, player="Ana")
    app.go("title")
    app.update(0.016)
    app.draw()
    assert not app.library.ready, "the first frame waited for the 140 files"
    assert frames_until_ready(app) > 1
    assert len(app.library.playable()) == 140
