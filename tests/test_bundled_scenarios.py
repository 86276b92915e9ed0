"""Every bundled scenario validates cleanly and every ending can be played."""
from pathlib import Path

import pytest

from game import analysis, loader
from game.engine import play

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "scenarios").glob("*.yaml"))


def test_there_are_bundled_scenarios():
    assert FILES


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_validates_without_errors_or_warnings(path):
    checked = loader.check_file(path)
    assert checked.ok
    assert [d.format() for d in checked.diagnostics] == []


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_ending_is_played_and_the_best_path_is_legendary(path):
    scenario = loader.load_file(path)
    found = analysis.explore(scenario)
    assert found.complete and not found.stuck
    authored = {e for e, ending in scenario.endings.items() if not ending.builtin}
    assert authored <= set(found.endings), f"endings never reached: {authored - set(found.endings)}"
    for ending, choices in found.endings.items():
        result = play(scenario, choices).result()
        assert result.finished and result.ending == ending
    assert found.best.grade == "Legendary"


def test_library_has_unique_ids():
    results, problems = loader.check_library([ROOT / "scenarios"])
    assert not problems and all(r.ok for r in results)
