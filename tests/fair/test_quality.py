"""The assessment-quality report: each finding has a scenario that triggers
it and a fair scenario that does not; probes follow the contract."""
import json
import subprocess
import sys
from pathlib import Path

from game.core import loader, quality
from game.core.explorer import explore_states

from .scenarios import PERSONAS

ROOT = Path(__file__).resolve().parents[2]

FAIR = """\
format: 1
id: fair
title: Fair
summary: A small fair test.
customer: {name: Sam}
shuffle: true
start: a
nodes:
  a:
    text: "It broke again."
    choices:
      - {text: "Go on.", goto: b, levers: {connect: 2}}
      - {text: "I really do understand how frustrating this must be, and I apologise for any inconvenience.",
         goto: b, levers: {connect: -1}}
      - {text: "Have you seen our premium plan?", goto: b, mood: escalate}
  b:
    text: "So what now?"
    choices:
      - {text: "I'll fix it today and call you at five to confirm.", goto: c,
         levers: {solve_problems: 2, build_trust: 1}}
      - {text: "Sorry.", goto: c}
      - {text: "Fill in the form.", goto: c, levers: {solve_problems: -1}}
  c:
    text: "Fine."
    choices:
      - {text: "Thanks for sticking with us.", goto: end, levers: {positive_emotions: 1}}
      - {text: "Bye.", goto: end}
      - {text: "Anything else you'd like to complain about while we're at it?", goto: end, mood: escalate}
endings:
  end:
    outcome: retained
    text: Sam is happy.
    variants:
      - {if: "breaches >= 1", outcome: at_risk, text: Sam is not so sure.}
"""


def report(text, persona=""):
    return quality.report(loader.load_text(text), persona)


def codes(text, persona=""):
    return [f["code"] for f in report(text, persona)["quality"]]


def test_a_fair_scenario_has_no_finding_and_naive_probes_stay_below_strong():
    found = report(FAIR)
    assert found["quality"] == [] and found["exhaustive"]
    assert all(p["score"] < 75 for p in found["probes"].values())
    assert found["probes"]["shortest"]["score"] == 25  # connect 100%, the other three 0%
    assert found["levers"]["connect"]["best"] == 2 == found["levers"]["connect"]["ceiling"]


def test_position_tell_on_unshuffled_nodes():
    unshuffled = FAIR.replace("shuffle: true\n", "")
    found = report(unshuffled)["quality"]
    tell = next(f for f in found if f["code"] == "position-tell")
    assert tell["position"] == 1 and tell["count"] == 3 and tell["total"] == 3
    assert {"node": "a", "reply": 1} in tell["nodes"]
    assert "naive-strategy" in [f["code"] for f in found]  # always the first reply wins


def test_length_tell_when_the_best_reply_is_the_longest():
    long_best = FAIR.replace('"Go on."', '"Please go on, take your time and tell me everything that happened."')
    long_best = long_best.replace('"Thanks for sticking with us."',
                                  '"Thank you so much for sticking with us through all of this, Sam; it means a lot."')
    assert "length-tell" in codes(long_best)
    assert "length-tell" not in codes(FAIR)


def test_outcome_ignores_behaviour_without_ending_variants():
    no_variant = FAIR.split("    variants:")[0]
    found = report(no_variant)["quality"]
    assert "outcome-ignores-behaviour" in [f["code"] for f in found]


def test_grade_contradicts_outcome():
    at_risk = FAIR.replace("    outcome: retained\n    text: Sam is happy.", "    outcome: at_risk\n    text: Sam is happy.")
    found = [f for f in report(at_risk)["quality"] if f["code"] == "grade-contradicts-outcome"]
    assert found and found[0]["score"] == 100 and found[0]["ending"] == "end"


def test_unreachable_ceiling_when_full_marks_need_a_breach():
    needs_breach = FAIR.replace('{text: "Have you seen our premium plan?", goto: b, mood: escalate}',
                                '{text: "Have you seen our premium plan?", goto: b, mood: escalate, '
                                'levers: {customers_first: 2}}')
    found = [f for f in report(needs_breach)["quality"] if f["code"] == "unreachable-ceiling"]
    assert [(f["lever"], f["best"], f["best_without_breaking"]) for f in found] == [("customers_first", 2, 0)]


def test_stuck_names_the_node_and_a_way_there():
    stuck = FAIR.replace('{text: "Bye.", goto: end}', '{text: "Bye.", goto: end, if: "never"}')
    stuck = stuck.replace('levers: {positive_emotions: 1}}', 'levers: {positive_emotions: 1}, if: "never"}')
    stuck = stuck.replace("mood: escalate}\nendings", "mood: escalate, if: \"never\"}\nendings")
    found = [f for f in report(stuck)["quality"] if f["code"] == "stuck"]
    assert found and found[0]["node"] == "c" and len(found[0]["choices"]) == 2


def test_naive_strategy_with_a_seeded_mean_when_shuffled():
    # the best reply is also the longest at every node: shuffling does not hide length
    greedy = FAIR.replace('"Go on."', '"Please go on, take your time and tell me everything that happened, right '
                                      'from the very start."')
    greedy = greedy.replace('"Thanks for sticking with us."',
                            '"Thank you so much for sticking with us through all of this; it really matters."')
    found = report(greedy)
    assert found["probes"]["longest"]["score"] == 100 and found["probes"]["longest"]["outcome"] == "retained"
    assert any(f["code"] == "naive-strategy" and f["probe"] == "longest" for f in found["quality"])


def test_exploration_is_exact_until_the_limit_and_says_so_beyond():
    scenario = loader.load_text(FAIR)
    assert explore_states(scenario).exhaustive
    small = explore_states(scenario, max_states=3)
    assert not small.exhaustive and len(small.keys) == 3


def test_counters_in_a_loop_are_capped_and_the_shortest_way_is_found():
    loop = """\
format: 1
id: loop
title: Loop
summary: Ask until you have asked three times.
customer: {name: Sam}
start: ask
nodes:
  ask:
    text: "Anything else?"
    choices:
      - {text: Ask, goto: ask, add: {asked: 1}}
      - {text: Done, goto: end, if: "asked >= 3"}
      - {text: Leave, goto: end}
endings:
  end: {outcome: retained, text: Bye}
"""
    found = quality.report(loader.load_text(loop))
    assert found["exhaustive"] and found["states"] <= 10  # 'asked' stops counting at 4: 3 is the most compared
    assert found["endings"]["end"] == [2]


def test_analyze_json_per_persona(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(PERSONAS)
    proc = subprocess.run([sys.executable, "main.py", "analyze", str(path), "--json", "--runs", "0"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data["personas"]) == {"brisk", "hurt"}
    for pid, each in data["personas"].items():
        assert {"exhaustive", "probes", "quality"} <= set(each)
        assert set(each["probes"]) == {"first", "last", "longest", "shortest"}
        assert each["persona"] == pid
    assert all(f["persona"] in ("brisk", "hurt") for f in data["quality"])
    assert data["personas"]["brisk"]["ceilings"]["connect"] == 0
    assert data["personas"]["hurt"]["ceilings"]["connect"] == 2
    text = subprocess.run([sys.executable, "main.py", "analyze", str(path), "--runs", "0"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60).stdout
    assert "Personas side by side" in text and "Persona 'hurt'" in text
    one = subprocess.run([sys.executable, "main.py", "analyze", str(path), "--json", "--persona", "nope"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert one.returncode == 2 and "brisk, hurt" in one.stderr
