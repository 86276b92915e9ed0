import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402

from game import loader  # noqa: E402

MINIMAL = """\
format: 1
id: mini
title: Mini
summary: A tiny scenario.
customer:
  name: Sam
start: a
nodes:
  a:
    text: Hello.
    choices:
      - text: Hi.
        goto: done
endings:
  done:
    outcome: retained
    text: Bye.
"""


@pytest.fixture
def write_scenario(tmp_path):
    """Write scenario text to a file in a temporary folder; return its path."""
    def write(text: str, name: str = "scenario.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path
    return write


@pytest.fixture
def load():
    def load_text(text: str):
        return loader.load_text(text, "test.yaml")
    return load_text


@pytest.fixture
def saves(tmp_path, monkeypatch):
    """A fresh saves folder (FIVE_LEVERS_SAVES) for this test."""
    folder = tmp_path / "saves"
    monkeypatch.setenv("FIVE_LEVERS_SAVES", str(folder))
    return folder
