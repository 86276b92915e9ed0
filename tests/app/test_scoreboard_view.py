"""The scoreboard screen's facts come from the application layer: its rows,
its labels and the trend chart's lines (game.app.scoreboard_rows, game.app.trend)."""
from types import SimpleNamespace as A

from game.app.scoreboard_reads import HISTORY, LEADERS, STYLES_VIEW
from game.app.scoreboard_rows import (filter_label, history_rows, leader_rows, others_note, scoreboard_title,
                                      selector_label)
from game.app.trend import BELOW_ZERO, trend_lines

LEVERS = {"customers_first": {"points": 2, "ceiling": 2, "percent": 100},
          "connect": {"points": -1, "ceiling": 3, "percent": 0}}


def attempt(**kw):
    base = dict(id=1, scenario="late", title="Late refund", status="finished", finished_at="2026-11-20T10:05:00+00:00",
                score=62, grade="Good", outcome="at_risk", rules={"r1": 1, "r2": 1}, mode="coach", choices=[1, 2],
                persona="", persona_style="", player_style="", levers=LEVERS, player="Ana")
    return A(**{**base, **kw})


def test_one_scenario_charts_its_score_and_each_lever():
    lines = trend_lines([attempt(score=40), attempt(status="abandoned", score=5), attempt(score=70)])
    assert [(line.key, line.label, line.kind) for line in lines] == [
        ("score", "Score", "score"), ("customers_first", "Customers first", "lever"), ("connect", "Connect", "lever"),
        ("solve_problems", "Solve problems", "lever"), ("build_trust", "Build trust", "lever"),
        ("positive_emotions", "Positive emotions", "lever")]
    values = {line.key: line.values for line in lines}
    assert values["score"] == [40, 70]  # the abandoned attempt has no end score: no point
    assert values["customers_first"] == [100, 100] and values["connect"] == [BELOW_ZERO, BELOW_ZERO]
    assert values["build_trust"] == [None, None]  # not assessed: a gap
    assert lines[0].thick and not lines[1].thick


def test_all_scenarios_chart_one_line_each_in_the_order_first_played():
    lines = trend_lines([attempt(scenario="b", score=10), attempt(scenario="a", score=20)], by_scenario=True,
                        titles={"a": "Alpha"})
    assert [(line.label, line.index, line.values) for line in lines] == [("b", 0, [10, None]), ("Alpha", 1, [None, 20])]


def test_history_and_leaderboard_rows_say_what_happened():
    [row] = history_rows([attempt()], {"late": "Late refund"}, lambda s, p: p)
    assert row.label == "2026-11-20 10:05   Late refund"
    assert row.detail == "Score 62 · Good · customer at risk · 2 rule breaches · coach mode"
    [gone] = history_rows([attempt(status="abandoned", choices=[1], rules={})], {}, lambda s, p: p)
    assert gone.detail.startswith("Abandoned after 1 reply · score so far 62 · no rule broken")
    leaders = [{"player": "Ana", "best": 80, "grade": "Great", "outcome": "retained", "attempts": 2,
                "finished_at": "2026-11-20T10:05:00", "id": 7},
               {"player": "Bo", "best": 60, "grade": "Good", "outcome": "lost", "attempts": 1,
                "finished_at": "2026-11-21T09:00:00", "id": 8}]
    mine, theirs = leader_rows(leaders, "ana")
    assert mine.label == "1.  Ana  (you)  —  best 80 · Great" and mine.action == ("attempt", 7)
    assert theirs.detail.endswith("· scores only") and theirs.action == ("others", "Bo")
    assert others_note("Bo").startswith("Bo's replies are theirs to open")


def test_the_labels_of_the_scoreboard_screen():
    assert scoreboard_title("Ana", HISTORY) == "Scoreboard: Ana" and scoreboard_title("Ana", LEADERS) == "Scoreboard"
    assert filter_label(None, str) == "Customers: all"
    assert filter_label(("style", "steady"), str) == "Customers: steady only"
    assert filter_label(("persona", "dave"), lambda p: "Dave, the owner") == "Customer: Dave, the owner"
    assert selector_label(HISTORY, None, {}, "") == "All scenarios"
    assert selector_label(LEADERS, None, {}, "") == "No scenarios yet"
    assert selector_label(LEADERS, "late", {"late": "Late refund"}, "") == "Late refund"
    assert selector_label(STYLES_VIEW, None, {}, "direct") == "You: Direct"
    assert selector_label(STYLES_VIEW, None, {}, "") == "Your style: not known yet"
