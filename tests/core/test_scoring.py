from fractions import Fraction

import pytest

from game.core import scoring
from game.core.engine import play
from game.core.scoring import LeverScore


@pytest.mark.parametrize("value, expected", [
    (Fraction(125, 2), 63), (Fraction(-125, 2), -63), (Fraction(5, 2), 3), (Fraction(3, 2), 2),
    (Fraction(1, 3), 0), (Fraction(200, 3), 67), (0, 0), (100, 100),
])
def test_rounding_is_half_away_from_zero(value, expected):
    assert scoring.round_half_away(value) == expected


def test_percent_clamps_and_rounds():
    assert scoring.percent(5, 8) == 63  # 62.5 rounds up, not to even
    assert scoring.percent(-2, 4) == 0
    assert scoring.percent(1, 3) == 33
    assert scoring.percent(0, 0) is None


@pytest.mark.parametrize("score, grade", [
    (100, "Legendary"), (90, "Legendary"), (89, "Strong"), (75, "Strong"), (74, "Developing"),
    (50, "Developing"), (49, "Needs work"), (0, "Needs work")])
def test_grades(score, grade):
    assert scoring.grade_for(score) == grade


def test_score_is_mean_of_assessed_levers_minus_ten_per_breach():
    levers = {"a": LeverScore(1, 2, 50), "b": LeverScore(3, 4, 75), "c": LeverScore(0, 0, None)}
    assert scoring.score(levers, {"x": 0}) == 63  # mean 62.5 -> 63
    assert scoring.score(levers, {"x": 2}) == 43
    assert scoring.score(levers, {"x": 9}) == 0


def test_no_assessed_lever_scores_100_minus_breaches():
    levers = {"a": LeverScore(0, 0, None)}
    assert scoring.score(levers, {"r": 1}) == 90


def branching(extra=""):
    return f"""\
format: 1
id: branch
title: Branch
summary: Two ways.
customer: {{name: Sam}}
start: a
nodes:
  a:
    text: Start
    choices:
      - {{text: Up, goto: b, levers: {{connect: 2, build_trust: -1}}}}
      - {{text: Side, goto: c, levers: {{connect: 1, build_trust: 2}}}}
  b:
    text: B
    choices:
      - {{text: Go, goto: end, levers: {{connect: 1}}}}
  c:
    text: C
    choices:
      - {{text: Go, goto: end, levers: {{connect: 3, solve_problems: -2}}}}
      - {{text: Bad, goto: end, levers: {{solve_problems: -1}}}}
{extra}endings:
  end: {{outcome: retained, text: Bye}}
"""


def test_ceiling_is_the_best_path_per_lever(load):
    c = scoring.ceilings(load(branching()))
    assert c == {"customers_first": 0, "connect": 4, "solve_problems": 0, "build_trust": 2,
                 "positive_emotions": 0}


def test_ceiling_counts_loop_points_once_as_an_upper_bound(load):
    text = """\
format: 1
id: loop
title: Loop
summary: A loop of two nodes.
customer: {name: Sam}
start: a
nodes:
  a:
    text: A
    choices:
      - {text: To b, goto: b, levers: {connect: 2}}
      - {text: Leave, goto: end, levers: {connect: -1, solve_problems: 1}}
  b:
    text: B
    choices:
      - {text: Back, goto: a, levers: {connect: 3, build_trust: -2}}
      - {text: Self, goto: b, levers: {build_trust: 1}}
      - {text: Out, goto: end, levers: {connect: 1}}
endings:
  end: {outcome: retained, text: Bye}
"""
    c = scoring.ceilings(load(text))
    # component {a, b}: own positives connect 2+3, trust 1; exits: a->end (-1), b->end (+1)
    assert c["connect"] == 6
    assert c["build_trust"] == 1
    assert c["solve_problems"] == 1


def test_ceiling_ignores_paths_that_never_end(load):
    # The only way out of `a` to an ending loses a point; the loop is a trap elsewhere.
    scenario = load(branching())
    run = play(scenario, [2, 1])
    assert run.result().levers["connect"].points == 4
    assert run.result().levers["connect"].percent == 100


def test_points_count_once_per_choice(load):
    text = """\
format: 1
id: repeat
title: Repeat
summary: The same reply twice.
customer: {name: Sam}
start: a
nodes:
  a:
    text: A
    choices:
      - {text: Again, goto: a, levers: {connect: 2}}
      - {text: Done, goto: end}
endings:
  end: {outcome: retained, text: Bye}
"""
    result = play(load(text), [1, 1, 1, 2]).result()
    assert result.levers["connect"].points == 2
    assert result.levers["connect"].ceiling == 2
