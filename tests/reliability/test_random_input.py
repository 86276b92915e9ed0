"""Random input in the window never raises and never hangs (issue 27): a
short seeded run here; `python bench/random_input.py` is the long one."""
from pathlib import Path

from .random_input import timed_run

ROOT = Path(__file__).resolve().parents[2]


def test_seeded_random_input_across_the_scenes_never_crashes_or_hangs(saves, monkeypatch):
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    failures, seen, _ = timed_run(range(3), 500, ROOT / "scenarios")
    assert failures == [], "\n".join(failures)
    assert len(seen) >= 5, f"the input reached too few scenes to mean much: {dict(seen)}"
