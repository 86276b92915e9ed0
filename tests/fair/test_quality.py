"""The assessment-quality report: each finding has a scenario that triggers
it and a fair scenario that does not; probes follow the contract."""
import json
import subprocess
import sys
from pathlib import Path

from game.core import loader, quality
from game.core.engine import Playthrough
from game.core.explorer import explore_states

from .scenarios import PERSONAS

ROOT = Path(__file__).resolve().parents[2]

SMALL = """\
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


# SMALL grown into a fair test under the whole contract: every assessed
# lever has four points to earn, and the ending is retained only when the
# problem was solved and the customer heard (no Needs work playthrough ends
# retained).
FAIR = (SMALL.replace('{text: "Go on.", goto: b, levers: {connect: 2}}',
                      '{text: "Go on.", goto: b, levers: {connect: 2, customers_first: 2}}')
        .replace("levers: {solve_problems: 2, build_trust: 1}}", "levers: {solve_problems: 3, build_trust: 2}}")
        .replace("levers: {positive_emotions: 1}}",
                 "levers: {connect: 2, customers_first: 2, build_trust: 2, solve_problems: 1}}")
        .replace('      - {if: "breaches >= 1", outcome: at_risk, text: Sam is not so sure.}',
                 '      - {if: "breaches >= 1", outcome: at_risk, text: Sam is not so sure.}\n'
                 '      - {if: "solve_problems < 3 or connect < 2", outcome: at_risk, text: Sam is not so sure.}'))


def report(text, persona=""):
    return quality.report(loader.load_text(text), persona)


def codes(text, persona=""):
    return [f["code"] for f in report(text, persona)["quality"]]


def test_a_fair_scenario_has_no_finding_and_naive_probes_stay_below_strong():
    found = report(FAIR)
    assert found["quality"] == [] and found["exhaustive"]
    assert all(p["score"] < 75 for p in found["probes"].values())
    assert "agnostic" not in found["probes"]  # one customer: nothing to ignore
    assert found["levers"]["connect"]["best"] == 4 == found["levers"]["connect"]["ceiling"]
    small = report(SMALL)
    assert small["probes"]["shortest"]["score"] == 25  # connect 100%, the other three 0%
    assert small["levers"]["connect"]["best"] == 2 == small["levers"]["connect"]["ceiling"]


def test_position_tell_on_unshuffled_nodes():
    unshuffled = SMALL.replace("shuffle: true\n", "")
    found = report(unshuffled)["quality"]
    tell = next(f for f in found if f["code"] == "position-tell")
    assert tell["position"] == 1 and tell["count"] == 3 and tell["total"] == 3
    assert {"node": "a", "reply": 1} in tell["nodes"]
    assert "naive-strategy" in [f["code"] for f in found]  # always the first reply wins


def test_length_tell_when_the_best_reply_is_the_longest():
    long_best = SMALL.replace('"Go on."', '"Please go on, take your time and tell me everything that happened."')
    long_best = long_best.replace('"Thanks for sticking with us."',
                                  '"Thank you so much for sticking with us through all of this, Sam; it means a lot."')
    assert "length-tell" in codes(long_best)
    assert "length-tell" not in codes(SMALL)


def test_outcome_ignores_behaviour_without_ending_variants():
    no_variant = SMALL.split("    variants:")[0]
    found = report(no_variant)["quality"]
    assert "outcome-ignores-behaviour" in [f["code"] for f in found]


def test_grade_contradicts_outcome():
    at_risk = SMALL.replace("    outcome: retained\n    text: Sam is happy.", "    outcome: at_risk\n    text: Sam is happy.")
    found = [f for f in report(at_risk)["quality"] if f["code"] == "grade-contradicts-outcome"]
    assert found and found[0]["score"] == 100 and found[0]["ending"] == "end"


def test_unreachable_ceiling_when_full_marks_need_a_breach():
    needs_breach = SMALL.replace('{text: "Have you seen our premium plan?", goto: b, mood: escalate}',
                                '{text: "Have you seen our premium plan?", goto: b, mood: escalate, '
                                'levers: {customers_first: 2}}')
    found = [f for f in report(needs_breach)["quality"] if f["code"] == "unreachable-ceiling"]
    assert [(f["lever"], f["best"], f["best_without_breaking"]) for f in found] == [("customers_first", 2, 0)]


def test_stuck_names_the_node_and_a_way_there():
    stuck = SMALL.replace('{text: "Bye.", goto: end}', '{text: "Bye.", goto: end, if: "never"}')
    stuck = stuck.replace('levers: {positive_emotions: 1}}', 'levers: {positive_emotions: 1}, if: "never"}')
    stuck = stuck.replace("mood: escalate}\nendings", "mood: escalate, if: \"never\"}\nendings")
    found = [f for f in report(stuck)["quality"] if f["code"] == "stuck"]
    assert found and found[0]["node"] == "c" and len(found[0]["choices"]) == 2


def test_naive_strategy_with_a_seeded_mean_when_shuffled():
    # the best reply is also the longest at every node: shuffling does not hide length
    greedy = SMALL.replace('"Go on."', '"Please go on, take your time and tell me everything that happened, right '
                                      'from the very start."')
    greedy = greedy.replace('"Thanks for sticking with us."',
                            '"Thank you so much for sticking with us through all of this; it really matters."')
    found = report(greedy)
    assert found["probes"]["longest"]["score"] == 100 and found["probes"]["longest"]["outcome"] == "retained"
    assert any(f["code"] == "naive-strategy" and f["probe"] == "longest" for f in found["quality"])


def test_exploration_is_exact_until_the_limit_and_says_so_beyond():
    scenario = loader.load_text(SMALL)
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
        assert set(each["probes"]) == {"first", "last", "longest", "shortest", "agnostic"}
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


def test_thin_lever_when_an_assessed_ceiling_is_one_to_three():
    thin = {f["lever"]: f["ceiling"] for f in report(SMALL)["quality"] if f["code"] == "thin-lever"}
    assert thin == {"connect": 2, "solve_problems": 2, "build_trust": 1, "positive_emotions": 1}
    assert "thin-lever" not in codes(FAIR)  # four points each, or not assessed at all


def test_outcome_contradicts_grade_when_a_needs_work_playthrough_is_retained():
    found = [f for f in report(SMALL)["quality"] if f["code"] == "outcome-contradicts-grade"]
    assert len(found) == 1 and found[0]["ending"] == "end" and found[0]["score"] < 50
    run = Playthrough(loader.load_text(SMALL), seed=0)
    run.choose_all(found[0]["choices"])
    result = run.result()
    assert (result.score, result.outcome) == (found[0]["score"], "retained")
    assert result.grade == "Needs work"
    assert "outcome-contradicts-grade" not in codes(FAIR)


# The same two personas, but the replies land alike with both: reading who
# the customer is changes nothing.
ALIKE = (PERSONAS.replace("        personas:\n          brisk: {levers: {connect: -1}, mood: steady, feedback: She wanted "
                          "the date first., listens: false}\n", "")
         .replace("        personas:\n          hurt: {levers: {solve_problems: 1}, breaks: dont_make_it_worse}\n", "")
         .replace("        levers: {solve_problems: 2}\n        feedback: Straight to the fix.\n",
                  "        feedback: Straight to the fix.\n"))


def test_agnostic_probe_picks_the_best_reply_on_average_over_the_personas():
    scenario = loader.load_text(PERSONAS)
    # opening: 'Tell me what happened' is worth 2 to hurt and -1 - 10 (not listening) to brisk;
    # 'It goes out Friday' 2 - 10 (not listening) to brisk and 1 - 10 - 10 to hurt: the first wins on average
    assert quality.agnostic_values(scenario)[("opening", 0)] == 2 + (-1 - 10)
    assert quality.agnostic_values(scenario)[("opening", 1)] == (2 - 10) + (1 - 10 - 10)
    probes = quality.agnostic_probes(scenario)
    assert set(probes) == {"brisk", "hurt"}
    for pid, found in probes.items():
        run = Playthrough(scenario, seed=0, persona=pid)
        run.choose_all([1, 1])  # unshuffled: the first reply at each node is the agnostic pick
        assert found["score"] == run.result().score and found["outcome"] == run.result().outcome
    assert report(PERSONAS, "brisk")["probes"]["agnostic"] == probes["brisk"]


def test_agnostic_probe_breaks_a_tie_for_the_earlier_reply_as_shown():
    tie = ALIKE.replace("        feedback: Straight to the fix.\n",
                        "        listens: true\n        levers: {connect: 2}\n        feedback: Straight to the fix.\n")
    scenario = loader.load_text(tie)
    values = quality.agnostic_values(scenario)
    assert values[("opening", 0)] == values[("opening", 1)]
    pick = quality.agnostic_strategy(scenario)
    run = Playthrough(scenario, seed=0, persona="brisk")
    shown = run.shown_choices()
    assert pick(shown, run) == 0 and pick(list(reversed(shown)), run) == 0


def test_persona_agnostic_when_reading_the_customer_changes_nothing():
    found = [f for f in report(ALIKE, "hurt")["quality"] if f["code"] == "persona-agnostic"]
    assert found and found[0]["score"] >= 75 and set(found[0]["scores"]) == {"brisk", "hurt"}
    assert "persona-agnostic" in codes(ALIKE, "brisk")  # listed under every persona
    assert "persona-agnostic" not in codes(PERSONAS, "brisk") + codes(PERSONAS, "hurt")
    assert quality.agnostic_mean(quality.agnostic_probes(loader.load_text(PERSONAS))) < 75


def test_a_check_that_could_not_be_done_is_listed_and_never_reads_as_passed(monkeypatch, capsys, tmp_path):
    from game.core import explorer
    from game.launch import main
    monkeypatch.setattr(explorer, "MAX_LABELS", 3)  # plant a search too small to finish
    found = report(FAIR)
    skipped = {item["code"] for item in found["not_checked"]}
    assert {"unreachable-ceiling", "grade-contradicts-outcome", "outcome-contradicts-grade"} <= skipped
    assert all(item["reason"] for item in found["not_checked"])
    path = tmp_path / "fair.yaml"
    path.write_text(FAIR, encoding="utf-8")
    assert main(["analyze", str(path), "--runs", "0"]) == 0
    said = capsys.readouterr().out
    assert "NOT CHECKED: unreachable-ceiling" in said and "Findings: none:" not in said
    assert main(["analyze", str(path), "--runs", "0", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {item["code"] for item in data["not_checked"]} == skipped
    monkeypatch.setattr(explorer, "MAX_LABELS", 1_000_000)
    assert report(FAIR)["not_checked"] == []


FORKED = """\
format: 1
id: forked
title: Forked
summary: Two levers that no single playthrough can both earn.
customer: {name: Sam}
start: a
nodes:
  a:
    text: "Well?"
    choices:
      - {text: "Straight to it.", goto: done, levers: {connect: 3, solve_problems: 3}}
      - {text: "Let me check.", goto: b, levers: {connect: 1}}
  b:
    text: "And?"
    choices:
      - {text: "Sorted.", goto: done, levers: {build_trust: 3}}
      - {text: "Hm.", goto: done}
endings:
  done: {outcome: retained, text: Bye.}
"""


def test_below_legendary_names_the_lever_that_holds_the_best_back(tmp_path, capsys):
    from game.launch import main
    path = tmp_path / "forked.yaml"
    path.write_text(FORKED, encoding="utf-8")
    assert main(["analyze", str(path), "--runs", "0", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    below = data["below_legendary"]
    assert data["best_score"] == 67 and below["lever"] == "build_trust" and below["node"] == "b"
    assert "Build trust holds it back (0 of its ceiling of 3)" in below["message"]
    assert main(["analyze", str(path), "--runs", "0"]) == 0
    assert "Below Legendary: the best playthrough scores 67" in capsys.readouterr().out
    path.write_text(FAIR, encoding="utf-8")
    assert main(["analyze", str(path), "--runs", "0", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["below_legendary"] is None
