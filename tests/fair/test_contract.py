"""Shuffling, variants, behaviour names and personas, as the contract says."""
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.core import loader
from game.core.engine import Playthrough, play
from game.core.turns import draw_persona
from game.core.errors import PlayError
from game.core.scoring import ceilings

from .scenarios import BEHAVIOUR, PERSONAS, SHUFFLED

ROOT = Path(__file__).resolve().parents[2]


def reference_order(seed, node, n):
    return sorted(range(1, n + 1), key=lambda i: hashlib.sha256(f"{seed}:{node}:{i}".encode()).hexdigest())


@pytest.mark.parametrize("seed", [0, 1, 7, 12345, -3])
def test_shuffled_order_is_sha256_of_seed_node_and_position(seed):
    scenario = loader.load_text(SHUFFLED)
    run = Playthrough(scenario, seed=seed)
    shown = [c.index + 1 for c in run.shown_choices()]
    assert shown == reference_order(seed, "a", 4)
    run.choose(1)
    assert [c.text for c in run.shown_choices()] == ["First", "Second"]  # node's own shuffle: false wins


def test_shuffle_differs_between_seeds_and_is_replayed_from_the_snapshot():
    scenario = loader.load_text(SHUFFLED)
    orders = {tuple(c.index for c in Playthrough(scenario, seed=s).shown_choices()) for s in range(10)}
    assert len(orders) > 1
    run = play(scenario, [3], seed=42)
    again = Playthrough.restore(scenario, run.snapshot())
    assert again.steps[0].text == run.steps[0].text and again.seed == 42


def test_variants_follow_behaviour_and_conditions_read_behaviour_names():
    scenario = loader.load_text(BEHAVIOUR)
    kind = play(scenario, [1])
    assert kind.line() == ("You seem kind.",)
    assert [c.text for c in kind.shown_choices()] == ["Tell me more", "Carry on"]
    rude = play(scenario, [2])
    assert rude.line() == ("That was rude.",)
    assert [c.text for c in rude.shown_choices()] == ["Carry on", "Still rude"]
    step = play(scenario, [1, 1]).steps[1]
    assert step.line == "You seem kind."


def test_lever_names_count_points_as_the_score_does():
    scenario = loader.load_text(BEHAVIOUR)
    run = play(scenario, [1])
    assert run.env()["connect"] == 2 and run.env()["breaches"] == 0 and run.env()["persona"] == ""


def test_personas_default_to_the_first_and_override_reply_and_customer():
    scenario = loader.load_text(PERSONAS)
    assert Playthrough(scenario).persona == "brisk"
    brisk = play(scenario, [1], persona="brisk")
    assert brisk.steps[0].line == "Refund. Date. Now."
    assert brisk.steps[0].mood_before == "uneasy" and brisk.steps[0].mood_after == "uneasy"
    assert brisk.steps[0].feedback == "She wanted the date first."
    assert brisk.points["connect"] == -1 and brisk.rules["shut_up_and_listen"] == 1
    hurt = play(scenario, [1], persona="hurt")
    assert hurt.steps[0].line == "Where is my refund?" and hurt.points["connect"] == 2
    assert hurt.mood == "uneasy" and not hurt.steps[0].breaks
    assert ceilings(scenario, "brisk")["connect"] == 0 and ceilings(scenario, "hurt")["connect"] == 2
    assert scenario.briefing_for("brisk") == "Dana is between meetings."
    assert scenario.briefing_for("hurt") == "Dana has called about a refund."


def test_reply_breaks_once_per_rule_and_a_single_name_is_allowed():
    scenario = loader.load_text(PERSONAS)
    run = play(scenario, [2, 2], persona="hurt")  # hurt: breaks dont_make_it_worse; then escalates an upset customer
    assert run.rules == {"dont_upset": 0, "dont_make_it_worse": 2, "shut_up_and_listen": 1}


def test_ending_variants_decide_the_outcome_and_a_walk_out_is_always_lost():
    scenario = loader.load_text(PERSONAS)
    good = play(scenario, [2, 1], persona="brisk").result()
    assert (good.outcome, good.ending) == ("retained", "kept")
    bad = play(scenario, [2, 2], persona="hurt").result()
    assert bad.outcome == "at_risk" and bad.ending_text == ("Dana hangs up unconvinced.",)


def test_unknown_persona_is_refused():
    scenario = loader.load_text(PERSONAS)
    with pytest.raises(PlayError, match="brisk, hurt"):
        Playthrough(scenario, persona="calm")


def test_persona_draw_is_reproducible_from_the_seed():
    scenario = loader.load_text(PERSONAS)
    draws = [draw_persona(scenario, seed) for seed in range(40)]
    assert set(draws) == {"brisk", "hurt"}
    assert draws == [draw_persona(scenario, seed) for seed in range(40)]


def test_snapshot_keeps_the_persona():
    scenario = loader.load_text(PERSONAS)
    run = play(scenario, [1], persona="hurt", seed=9)
    snap = run.snapshot()
    assert snap["persona"] == "hurt"
    again = Playthrough.restore(scenario, snap)
    assert again.persona == "hurt" and again.points == run.points


def cli(*args):
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_scripted_play_reports_persona_and_lines(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(PERSONAS)
    out = json.loads(cli("play", str(path), "--choices", "1,1", "--json", "--persona", "hurt").stdout)
    assert out["persona"] == "hurt"
    assert [s["line"] for s in out["steps"]] == ["Where is my refund?", "And?"]
    default = json.loads(cli("play", str(path), "--choices", "1", "--json").stdout)
    assert default["persona"] == "brisk" and default["steps"][0]["line"] == "Refund. Date. Now."
    bad = cli("play", str(path), "--choices", "1", "--json", "--persona", "hurried")
    assert bad.returncode == 2 and "brisk, hurt" in bad.stderr and "Traceback" not in bad.stderr


def test_scripted_play_seed_changes_the_shown_order(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(SHUFFLED)
    texts = {json.loads(cli("play", str(path), "--choices", "1", "--json", "--seed", str(s)).stdout)
             ["steps"][0]["text"] for s in range(6)}
    assert len(texts) > 1
