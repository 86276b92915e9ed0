"""Estimated minutes come from the scenario's measured length (game.core.length),
not the file's own guess: a two-reply scenario is about a minute, a long one more."""
from pathlib import Path

from game.app.briefing import briefing_view
from game.core import loader
from game.core.length import measured_minutes

ROOT = Path(__file__).resolve().parents[2]
LATE = ROOT / "tests" / "plans" / "scenarios" / "late-refund.yaml"


def test_a_short_scenario_shows_a_small_number_and_a_long_one_a_larger():
    short = loader.check_file(LATE).scenario
    long = loader.check_file(ROOT / "scenarios" / "two-at-the-table.yaml").scenario
    tutorial = loader.check_file(ROOT / "scenarios" / "tutorial.yaml").scenario
    assert measured_minutes(short) == 1
    assert 2 <= measured_minutes(tutorial) < measured_minutes(long) <= 12
    assert tutorial.estimated_minutes == 4 and measured_minutes(tutorial) != 4  # the file's guess is not shown


def test_the_briefing_shows_the_measured_minutes():
    short = loader.check_file(LATE).scenario
    assert "about 1 min" in briefing_view(short, "", "coach").facts


def test_the_measure_is_deterministic():
    scenario = loader.check_file(ROOT / "scenarios" / "renewal-call.yaml").scenario
    again = loader.check_file(ROOT / "scenarios" / "renewal-call.yaml").scenario
    assert measured_minutes(scenario) == measured_minutes(again)
