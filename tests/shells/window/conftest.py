import shutil
from pathlib import Path

import pygame
import pytest

from game.shells.window.intents import translate

ROOT = Path(__file__).resolve().parents[3]
LATE = ROOT / "tests" / "plans" / "scenarios" / "late-refund.yaml"


@pytest.fixture
def library(tmp_path):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    shutil.copy(LATE, folder / "late-refund.yaml")
    shutil.copy(ROOT / "scenarios" / "tutorial.yaml", folder / "tutorial.yaml")
    (folder / "zz-broken.yaml").write_text("format: 1\nid: broken\ntitle: [\n", encoding="utf-8")
    return folder


@pytest.fixture
def make_app(saves, library):
    from game.shells.window.app import App
    apps = []

    def make(size=(1280, 720), **settings):
        app = App(library, size=size)
        app.input_settle = 0  # tests pick at machine speed; test_input_guard.py tests the guard
        for key, value in settings.items():
            setattr(app.settings, key, value)
        app.settings.typewriter = settings.get("typewriter", "instant")
        app.apply_settings()
        apps.append(app)
        return app
    yield make
    for app in apps:
        if pygame.display.get_init():
            app.shutdown()


def post(app, *events, settle=True):
    """Feed pygame events through the one translation point, then a frame.
    `settle`: first let the storage thread finish what was asked (a test
    runs faster than any trainee; test_reads_off_the_frame_loop.py plays
    the frames without waiting)."""
    for event in events:
        intent = translate(event, bool(app.top and app.top.typing))
        if intent is not None:
            app.dispatch(intent)
    if settle:
        app.storage.drain()
    app.update(0.016)
    if app.running:
        app.draw()


def key(k, mod=0):
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="")


def text(s):
    return pygame.event.Event(pygame.TEXTINPUT, text=s)


def click(pos):
    return pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=pos)


def move(pos):
    return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
