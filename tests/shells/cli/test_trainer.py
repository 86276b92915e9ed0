"""Trainer commands as a trainer runs them: real processes."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.core import analysis, loader
from game.core.engine import play
from game.authoring.graph_export import build, to_dot, to_mermaid
from game.authoring.graph_layout import layout

ROOT = Path(__file__).resolve().parents[3]
LATE = ROOT / "tests" / "plans" / "scenarios" / "late-refund.yaml"
RENEWAL = ROOT / "scenarios" / "renewal-call.yaml"


def run(*args, cwd=ROOT):
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"})
    assert "Traceback" not in proc.stdout + proc.stderr
    return proc


# --- graph -----------------------------------------------------------------

def test_mermaid_has_every_node_ending_labelled_arrow_and_the_best_path():
    scenario = loader.load_file(RENEWAL)
    proc = run("graph", RENEWAL)
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    assert text.splitlines()[1] == "flowchart TD"
    for nid in scenario.nodes:
        assert f'["{nid}: ' in text
    assert "(retained)" in text and ":::retained" in text and ":::lost" in text
    arrows = [line for line in text.splitlines() if "-->" in line]
    assert len(arrows) == sum(len(n.choices) for n in scenario.nodes.values())
    assert any("+3 first" in a for a in arrows)
    assert any("breaks don't make worse" in a for a in arrows)
    best = analysis.explore(scenario)
    link_line = next(line for line in text.splitlines() if line.strip().startswith("linkStyle"))
    assert len(link_line.split()[1].split(",")) == len(best.best.path) - 1


def test_dot_output_is_a_digraph_with_outcome_colours_and_bold_best_path():
    proc = run("graph", RENEWAL, "--format", "dot")
    assert proc.returncode == 0
    assert proc.stdout.startswith("digraph scenario {") and proc.stdout.rstrip().endswith("}")
    assert '"opening" -> "the_list"' in proc.stdout and "penwidth=3" in proc.stdout
    assert 'fillcolor="#c8e6c9"' in proc.stdout  # retained ending


def test_graph_png_is_drawn_without_graphviz(tmp_path):
    out = tmp_path / "renewal.png"
    proc = run("graph", RENEWAL, "--out", out)
    assert proc.returncode == 0, proc.stderr
    import pygame
    image = pygame.image.load(str(out))
    assert image.get_width() > 600 and image.get_height() > 600
    assert len({image.get_at((x, y))[:3] for x in range(0, image.get_width(), 23)
                for y in range(0, image.get_height(), 23)}) > 10


def test_graph_layout_of_a_40_node_scenario_stays_readable(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    import generate
    path = tmp_path / "forty.yaml"
    path.write_text(generate.scenario_text(40), encoding="utf-8")
    scenario = loader.load_file(path)
    graph = build(scenario, best_choices=[])
    places = layout(graph, scenario.start)
    assert places.width < 2000  # not one column per long edge
    boxes = list(places.boxes.values()) + [box for _, box in places.copies.values()]
    for i, (x, y, w, h) in enumerate(boxes):  # no two boxes overlap
        for (x2, y2, w2, h2) in boxes[i + 1:]:
            assert x + w <= x2 or x2 + w2 <= x or y + h <= y2 or y2 + h2 <= y


def test_graph_of_a_broken_file_shows_its_errors(tmp_path):
    bad = ROOT / "tests" / "bad" / "unknown-goto.yaml"
    proc = run("graph", bad)
    assert proc.returncode == 1 and "unknown-goto.yaml:" in proc.stderr and "has errors" in proc.stderr


def test_graph_out_must_be_png(tmp_path):
    proc = run("graph", RENEWAL, "--out", tmp_path / "x.jpg")
    assert proc.returncode == 2 and ".png" in proc.stderr


# --- analyze -----------------------------------------------------------------

def test_analyze_json_has_ceilings_best_path_and_endings():
    proc = run("analyze", LATE, "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    scenario = loader.load_file(LATE)
    assert data["ceilings"] == {"customers_first": 4, "connect": 2, "solve_problems": 3, "build_trust": 2,
                                "positive_emotions": 0}
    best = play(scenario, data["best_choices"])
    assert best.result().path == data["best_path"] and best.result().score == data["best_score"]
    assert set(data["endings"]) >= {e for e, end in scenario.endings.items() if not end.builtin}
    for info in data["endings"].values():
        if info["reachable"]:
            assert play(scenario, info["choices"]).result().outcome in ("retained", "at_risk", "lost")
    assert data["random"]["runs"] == 10_000
    assert sum(data["random"]["outcomes"].values()) + data["random"]["unfinished"] == 10_000
    assert data["rule_sites"]["dont_make_it_worse"]


def test_random_play_finishes_every_run_in_every_bundled_scenario():
    """Its speed is measured by bench/explore.py (a ratio to playing the same
    runs one by one), not by a timed test."""
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        scenario = loader.load_file(path)
        sampled = analysis.sample(scenario, runs=10_000)
        assert sampled.unfinished == 0 and sum(sampled.outcomes.values()) == 10_000


@pytest.mark.parametrize("path, seed", [(RENEWAL, 3), (ROOT / "scenarios" / "two-at-the-table.yaml", 7)])
def test_random_sampling_matches_plain_random_play(path, seed):
    """The memo must not change the distribution: same seed, same picks. Two
    ways into one situation share a future, so it merges them only when node,
    mood, flags, breaches and the replies that can matter again all agree,
    carrying points along (the long meeting has few merges and many totals)."""
    import random
    from game.core.engine import Playthrough
    scenario = loader.load_file(path)
    sampled = analysis.sample(scenario, runs=500, seed=seed)
    rng = random.Random(seed)
    scores, outcomes = {}, {}
    for _ in range(500):
        run_ = Playthrough(scenario, seed=seed)
        while not run_.finished:
            run_.choose(rng.randint(1, len(run_.shown_choices())))
        result = run_.result()
        scores[result.score] = scores.get(result.score, 0) + 1
        outcomes[result.outcome] = outcomes.get(result.outcome, 0) + 1
    assert sampled.scores == scores and sampled.outcomes == outcomes


def test_analyze_text_report_names_levers_endings_rules_and_distribution():
    proc = run("analyze", RENEWAL, "--runs", "2000")
    assert proc.returncode == 0
    for phrase in ("Put customers first", "Best playthrough: score 100", "renewed", "walk-out:",
                   "Don't make it worse:", "Unreachable: none", "Random play (2,000 playthroughs"):
        assert phrase in proc.stdout


def test_rule_sites_know_which_rule_an_escalation_breaks_from_the_moods_a_node_can_have():
    scenario = loader.load_file(LATE)
    moods = analysis.node_moods(scenario)
    assert moods["opening"] == {scenario.customer.mood}
    sites = analysis.rule_sites(scenario)
    for rule, listed in sites.items():
        for site in listed:
            assert site["how"] in ("breaks", "escalates", "venting")


# --- new and schema ------------------------------------------------------------

def test_new_writes_a_valid_commented_starter_and_never_overwrites(tmp_path):
    out = tmp_path / "late-sofa.yaml"
    proc = run("new", "late-sofa", "--out", out, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert text.count("#") > 15  # it teaches the format
    checked = loader.check_file(out)
    assert checked.ok and checked.diagnostics == [] and checked.scenario.id == "late-sofa"
    out.write_text("my work", encoding="utf-8")
    again = run("new", "late-sofa", "--out", out)
    assert again.returncode == 1 and "already exists" in again.stderr
    assert out.read_text(encoding="utf-8") == "my work"


def test_new_with_personas_writes_a_two_persona_starter_that_is_a_fair_test(tmp_path):
    out = tmp_path / "two-ways.yaml"
    proc = run("new", "two-ways", "--personas", "--out", out, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    checked = loader.check_file(out)
    assert checked.ok and checked.diagnostics == []
    scenario = checked.scenario
    assert len(scenario.personas) == 2
    assert len({p.style for p in scenario.personas.values()}) == 2  # two different temperaments
    report = json.loads(run("analyze", out, "--json").stdout)
    for persona, data in report["personas"].items():
        assert data["exhaustive"] and data["quality"] == [], persona
    plain = tmp_path / "plain.yaml"
    run("new", "plain", "--out", plain, cwd=tmp_path)
    assert json.loads(run("analyze", plain, "--json").stdout)["quality"] == []  # the plain starter too


def test_new_schema_modeline_points_at_the_shipped_schema(tmp_path):
    out = tmp_path / "x.yaml"
    run("new", "x", "--out", out)
    target = out.read_text().splitlines()[0].split("$schema=")[1]
    assert (out.parent / target).resolve() == (ROOT / "docs" / "scenario.schema.json").resolve()


@pytest.mark.parametrize("bad", ["Late Sofa", "late_sofa", "", "ÉCLAIR"])
def test_new_refuses_a_bad_id(bad):
    proc = run("new", bad)
    assert proc.returncode == 2 and "not a valid id" in proc.stderr


def test_schema_command_prints_the_shipped_schema():
    proc = run("schema")
    assert proc.returncode == 0
    shipped = json.loads((ROOT / "docs" / "scenario.schema.json").read_text(encoding="utf-8"))
    assert json.loads(proc.stdout) == shipped, "docs/scenario.schema.json is stale: run python main.py schema"


def test_graph_text_exports_escape_quotes():
    graph = build(loader.load_file(LATE), best_choices=[])
    graph.boxes["opening"].text = 'She said "no" twice \\ then left'
    mermaid, dot = to_mermaid(graph), to_dot(graph)
    assert '"no"' not in mermaid and "#quot;no#quot;" in mermaid
    assert '\\"no\\"' in dot and "\\\\ then" in dot


def test_a_graph_too_large_for_one_picture_is_refused_with_advice(tmp_path, monkeypatch):
    from game.shells.window import graph_image
    monkeypatch.setattr(graph_image, "MAX_SIDE", 500)
    scenario = loader.load_file(RENEWAL)
    with pytest.raises(ValueError, match="too large for one picture.*--format dot"):
        graph_image.draw_png(build(scenario, best_choices=[]), scenario.start, str(tmp_path / "big.png"))
    assert not (tmp_path / "big.png").exists()


def test_new_without_out_writes_scenarios_id_yaml_under_the_current_folder(tmp_path):
    proc = run("new", "printer-jam", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    written = tmp_path / "scenarios" / "printer-jam.yaml"
    assert loader.check_file(written).ok
    assert "scenarios/printer-jam.yaml" in proc.stdout
