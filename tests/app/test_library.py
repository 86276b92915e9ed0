"""The scenario library read on a thread (the game's window asks for it):
the same list as reading it at once, a reload meanwhile wins, and a failure
is a message, never a traceback (issue 33)."""
import shutil
import threading
from pathlib import Path

import pytest

from game.app.library import Library
from game.core import loader

ROOT = Path(__file__).resolve().parents[2]
PLANS = ROOT / "tests" / "plans" / "scenarios"


@pytest.fixture
def folder(tmp_path):
    shutil.copy(PLANS / "late-refund.yaml", tmp_path / "late-refund.yaml")
    shutil.copy(PLANS / "two-faces.yaml", tmp_path / "two-faces.yaml")
    (tmp_path / "zz-broken.yaml").write_text("format: 1\nid: broken\ntitle: [\n", encoding="utf-8")
    return tmp_path


def listing(library):
    return [(Path(e.path).name, e.ok, [d.format() for d in e.diagnostics]) for e in library.entries]


def test_read_on_a_thread_it_is_the_list_read_at_once(folder):
    at_once = Library(folder)
    background = Library(folder, background=True)
    assert background.wait(20)
    assert background.ready and background.progress == (3, 3)
    assert listing(background) == listing(at_once)
    assert [e.scenario.id for e in background.playable()] == [e.scenario.id for e in at_once.playable()]


def test_a_reload_while_it_is_being_read_is_not_undone_by_the_older_list(folder, monkeypatch):
    gate, real = threading.Event(), loader.check_file

    def held(path):
        assert gate.wait(20)
        return real(path)
    monkeypatch.setattr(loader, "check_file", held)
    library = Library(folder, background=True)
    assert not library.ready
    shutil.copy(PLANS / "loops.yaml", folder / "loops.yaml")  # added after the thread listed the folder
    monkeypatch.setattr(loader, "check_file", real)
    library.reload()  # F5: read now
    assert "loops.yaml" in [name for name, _, _ in listing(library)]
    gate.set()
    for thread in threading.enumerate():
        if thread.name == "five-levers-library":
            thread.join(20)
    assert "loops.yaml" in [name for name, _, _ in listing(library)]


def test_a_library_that_cannot_be_read_is_a_message_and_an_empty_list(folder, monkeypatch):
    def broken(paths, progress=None):
        raise OSError("the disk went away")
    monkeypatch.setattr(loader, "check_library", broken)
    library = Library(folder, background=True)
    assert library.wait(20)
    assert library.entries == [] and library.playable() == []
    assert library.problem == "The scenarios could not be read: the disk went away"
