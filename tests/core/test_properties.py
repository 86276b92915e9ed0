"""Property tests: random valid scenarios, random choices, random bytes."""
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core import loader
from game.core.engine import Playthrough
from game.core.errors import PlayError
from game.core.model import LEVERS, MOOD_CHANGES, MOODS, RULES

CONDITIONS = ["f0", "not f1", "c >= 2", "mood >= upset", "f0 and c < 3", "tier == 'gold'"]


@st.composite
def scenarios(draw):
    n_nodes = draw(st.integers(1, 7))
    n_endings = draw(st.integers(1, 3))
    nodes = [f"n{i}" for i in range(n_nodes)]
    endings = [f"e{i}" for i in range(n_endings)]
    ids = nodes + endings
    doc_nodes = {}
    for i, nid in enumerate(nodes):
        choices = []
        for k in range(draw(st.integers(1, 4))):
            # the first choice always moves forward, so no node is a trap
            goto = draw(st.sampled_from(ids[i + 1:])) if k == 0 else draw(st.sampled_from(ids))
            choice = {"text": f"{nid} reply {k}", "goto": goto,
                      "levers": draw(st.dictionaries(st.sampled_from(LEVERS), st.integers(-3, 3), max_size=3)),
                      "mood": draw(st.sampled_from(MOOD_CHANGES)), "listens": draw(st.booleans()),
                      "breaks": draw(st.lists(st.sampled_from(RULES), max_size=2, unique=True)),
                      "once": draw(st.booleans())}
            if k > 0 and draw(st.booleans()):
                choice["if"] = draw(st.sampled_from(CONDITIONS))
            if draw(st.booleans()):
                choice["set"] = {draw(st.sampled_from(["f0", "f1"])): draw(st.booleans()), "tier": "gold"}
            if draw(st.booleans()):
                choice["add"] = {"c": draw(st.integers(-1, 2))}
            choices.append(choice)
        doc_nodes[nid] = {"text": f"Node {nid}", "venting": draw(st.booleans()),
                          "shuffle": draw(st.booleans()), "choices": choices}
    doc = {"format": 1, "id": "prop", "title": "Property", "summary": "Random.",
           "customer": {"name": "Sam", "mood": draw(st.sampled_from(MOODS))}, "start": "n0",
           "nodes": doc_nodes,
           "endings": {e: {"outcome": draw(st.sampled_from(["retained", "at_risk", "lost"])), "text": e}
                       for e in endings}}
    if draw(st.booleans()):
        doc["on_walkout"] = endings[-1]
    return loader.load_text(json.dumps(doc), "prop.yaml")


settings.register_profile("ci", max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci")


@given(scenarios(), st.lists(st.integers(-1, 10), max_size=25), st.integers(0, 2**31))
def test_engine_raises_only_its_own_errors_and_scores_stay_in_range(scenario, picks, seed):
    run = Playthrough(scenario, seed=seed)
    for pick in picks:
        try:
            run.choose(pick)
        except PlayError:
            pass
    result = run.result()
    assert 0 <= result.score <= 100
    for lever in result.levers.values():
        assert lever.percent is None or 0 <= lever.percent <= 100
    again = Playthrough.restore(scenario, run.snapshot())
    assert again.result() == result


@given(scenarios(), st.lists(st.integers(1, 4), max_size=30), st.integers(0, 1000))
def test_points_never_exceed_the_ceiling_on_a_finished_path(scenario, picks, seed):
    run = Playthrough(scenario, seed=seed)
    for pick in picks:
        if run.finished or not run.shown_choices():
            break
        run.choose(min(pick, len(run.shown_choices())))
    result = run.result()
    if result.finished and not run.walked_out:
        for lever in result.levers.values():
            assert lever.points <= lever.ceiling


@given(st.binary(max_size=400))
def test_any_bytes_give_diagnostics_never_an_exception(data):
    checked = loader.check_bytes(data, "fuzz.yaml")
    assert checked.ok or checked.diagnostics


VALID = (__import__("pathlib").Path(__file__).resolve().parents[1] / "plans" / "scenarios" / "late-refund.yaml").read_text()


@given(st.integers(0, len(VALID) - 1), st.integers(0, 40), st.text(max_size=6))
def test_mutated_scenarios_give_diagnostics_never_an_exception(at, cut, insert):
    text = VALID[:at] + insert + VALID[at + cut:]
    checked = loader.check_text(text, "mutant.yaml")
    for d in checked.diagnostics:
        assert d.line >= 1 and d.column >= 1 and d.message


@given(scenarios())
def test_graph_layout_places_every_box_apart_and_routes_every_arrow(scenario):
    from game.authoring.graph_export import build, to_dot, to_mermaid
    from game.authoring.graph_layout import layout
    graph = build(scenario, best_choices=[])
    places = layout(graph, scenario.start)
    boxes = list(places.boxes.values()) + [box for _, box in places.copies.values()]
    for i, (x, y, w, h) in enumerate(boxes):
        assert 0 <= x and x + w <= places.width and 0 <= y and y + h <= places.height
        for (x2, y2, w2, h2) in boxes[i + 1:]:
            assert x + w <= x2 or x2 + w2 <= x or y + h <= y2 or y2 + h2 <= y
    assert len(places.routes) == len(graph.arrows)
    assert all(len(route) >= 2 for route in places.routes)
    assert to_mermaid(graph).count("-->") == len(graph.arrows)
    assert to_dot(graph).count(" -> ") == len(graph.arrows)


@given(scenarios(), st.integers(0, 50))
def test_random_sampling_counts_every_run_once(scenario, seed):
    from game.core.analysis import sample
    sampled = sample(scenario, runs=60, seed=seed, max_steps=40)
    assert sum(sampled.outcomes.values()) + sampled.unfinished == 60
    assert sum(sampled.scores.values()) == sum(sampled.grades.values()) == sum(sampled.outcomes.values())
    assert all(0 <= score <= 100 for score in sampled.scores)
