"""A seeded sample of mutated scenario files: validate, analyze, graph and
scripted play never crash or hang on any of them (issue 27). The large run
(thousands of files) is `python bench/mutations.py`."""
from pathlib import Path

from .harness import check

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "scenarios").glob("*.yaml")) + sorted((ROOT / "tests" / "bad").glob("*.yaml"))


def test_a_seeded_sample_of_mutated_files_never_crashes_or_hangs(tmp_path, monkeypatch):
    monkeypatch.setenv("FIVE_LEVERS_SAVES", str(tmp_path / "saves"))
    failures = check(SOURCES, range(60), tmp_path)
    assert failures == [], "\n".join(failures)
