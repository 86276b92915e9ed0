import pytest

from game.core.engine import Playthrough, play
from game.core.errors import ChoiceNotShown, PlayError, SnapshotError

SHUFFLED = """\
format: 1
id: shuffled
title: Shuffled
summary: Choices in a random order.
customer: {name: Sam, mood: upset}
start: a
nodes:
  a:
    text: A
    shuffle: true
    venting: true
    choices:
      - {text: One, goto: b, listens: true}
      - {text: Two, goto: b, listens: true}
      - {text: Three, goto: b, listens: true}
      - {text: Four, goto: b, listens: true}
      - {text: Five, goto: b, listens: true}
  b:
    text: B
    choices:
      - {text: Ask, goto: b, once: true, set: {asked: true}}
      - {text: Tier, goto: b, once: true, set: {tier: gold}, add: {visits: 1}}
      - {text: Gold end, goto: gold, if: "asked and tier == 'gold'"}
      - {text: Leave, goto: end, mood: escalate}
endings:
  end: {outcome: at_risk, text: Bye}
  gold: {outcome: retained, text: Great}
"""


def texts(run):
    return [c.text for c in run.shown_choices()]


def test_shuffle_is_fixed_by_the_seed(load):
    scenario = load(SHUFFLED)
    orders = {seed: tuple(texts(Playthrough(scenario, seed=seed))) for seed in range(20)}
    assert orders[3] == tuple(texts(Playthrough(scenario, seed=3)))
    assert len(set(orders.values())) > 1
    assert all(sorted(o) == ["Five", "Four", "One", "Three", "Two"] for o in orders.values())


def test_the_shown_order_is_the_contracts_sha256_hex_order():
    """scenario-format.md: replies sorted by the SHA-256 hex of "<seed>:<node id>:<n>" (n 1-based in the
    file), ascending; the engine sorts by the digests' bytes, which must give the very same order."""
    import hashlib
    from game.core.turns import _sha_order

    def contract(seed, node, count):
        hexes = [hashlib.sha256(f"{seed}:{node}:{n}".encode("utf-8")).hexdigest() for n in range(1, count + 1)]
        return tuple(sorted(range(count), key=hexes.__getitem__))
    cases = [(seed, node, count) for seed in (0, 1, 7, 2**62 + 5, 123456789) for node in ("start", "n", "café-2")
             for count in range(1, 10)]
    assert all(_sha_order(*case) == contract(*case) for case in cases)
    assert len({_sha_order(seed, "start", 5) for seed in range(50)}) > 20  # the seed really changes it


def test_the_shuffle_order_is_worked_out_once_per_node_and_seed(monkeypatch):
    """Issue 33: a node's order is hashed once for each seed, not at every visit
    (a loop back, a replay of the same seed, a restored save)."""
    from pathlib import Path
    from game.core import loader, turns
    scenario = loader.load_file(Path(__file__).resolve().parents[2] / "scenarios" / "renewal-call.yaml")
    hashed = []
    real = turns.hashed_order
    monkeypatch.setattr(turns, "hashed_order", lambda seed_hash, tails: hashed.append(tails) or real(seed_hash, tails))
    seed = 41_000_000_000 + id(hashed)  # a seed no other test has played in this process
    first = Playthrough(scenario, seed=seed)
    while not first.finished and first.shown_choices():
        first.choose(len(first.shown_choices()))
        first.shown_choices(), first.line()  # the window asks again every frame
    visited = {nid for nid in first.path if nid in scenario.nodes and scenario.nodes[nid].shuffle}
    assert len(first.choices) >= 3 and len(hashed) == len(visited) == len(set(hashed))
    again = Playthrough.restore(scenario, first.snapshot())
    assert again.choices == first.choices
    assert len(hashed) == len(visited)  # the replay hashed nothing again
    count = len(scenario.nodes[scenario.start].choices)
    assert turns._sha_order(seed, scenario.start, count) == first._orders[(scenario.start, count)]
    assert len(hashed) == len(visited)  # nor did the same order asked of turns
    Playthrough(scenario, seed=seed + 1).shown_choices()
    assert len(hashed) == len(visited) + 1  # another seed is another order


def test_choice_numbers_follow_the_shown_order(load):
    scenario = load(SHUFFLED)
    run = Playthrough(scenario, seed=7)
    shown = texts(run)
    step = run.choose(2)
    assert step.text == shown[1] and step.choice == 2


def test_once_hides_a_choice_after_it_is_taken_and_conditions_show_others(load):
    run = Playthrough(load(SHUFFLED))
    run.choose(1)
    assert texts(run) == ["Ask", "Tier", "Leave"]
    run.choose(1)
    assert texts(run) == ["Tier", "Leave"]
    run.choose(1)
    assert texts(run) == ["Gold end", "Leave"]
    assert run.flags == {"asked": True, "tier": "gold", "visits": 1}
    run.choose(1)
    assert run.result().ending == "gold"


def test_choice_not_shown_names_step_node_and_count(load):
    run = Playthrough(load(SHUFFLED))
    run.choose(1)
    with pytest.raises(ChoiceNotShown) as info:
        run.choose(4)
    assert (info.value.step, info.value.node, info.value.shown) == (2, "b", 3)
    assert "step 2" in str(info.value) and "'b'" in str(info.value) and "3 choices shown" in str(info.value)
    for bad in (0, -1, "1", 1.0, True, None):
        with pytest.raises(ChoiceNotShown):
            run.choose(bad)


def test_choosing_after_the_end_says_the_conversation_ended(load):
    run = play(load(SHUFFLED), [1, 3])
    assert run.finished
    with pytest.raises(PlayError, match="has ended"):
        run.choose(1)


def test_escalating_an_upset_customer_breaks_dont_make_it_worse(load):
    result = play(load(SHUFFLED), [1, 3]).result()
    assert result.rules == {"dont_upset": 0, "dont_make_it_worse": 1, "shut_up_and_listen": 0}
    assert result.mood == "angry" and result.outcome == "at_risk"


def test_snapshot_round_trip_replays_identically(load):
    scenario = load(SHUFFLED)
    run = play(scenario, [2, 2, 1, 1], seed=5)
    snap = run.snapshot()
    assert snap == {"format": 1, "scenario": "shuffled", "version": 1, "content_hash": scenario.content_hash,
                    "seed": 5, "choices": [2, 2, 1, 1]}
    again = Playthrough.restore(scenario, snap)
    assert again.result() == run.result()
    assert again.state == run.state and again.flags == run.flags and again.mood == run.mood


def test_restore_refuses_another_scenario_or_a_changed_file(load):
    scenario = load(SHUFFLED)
    snap = play(scenario, [1]).snapshot()
    with pytest.raises(SnapshotError, match="for scenario"):
        Playthrough.restore(scenario, dict(snap, scenario="other"))
    with pytest.raises(SnapshotError, match="has changed"):
        Playthrough.restore(scenario, dict(snap, content_hash="0" * 16))
    lenient = Playthrough.restore(scenario, dict(snap, content_hash="0" * 16, choices=[1, 9]), strict=False)
    assert lenient.choices == [1]
    with pytest.raises(SnapshotError, match="no longer fit"):
        Playthrough.restore(scenario, dict(snap, choices=[1, 9]))
    for bad in ([], {"scenario": "shuffled", "content_hash": scenario.content_hash, "choices": "1,2"},
                {"scenario": "shuffled", "content_hash": scenario.content_hash, "choices": [1], "seed": "x"},
                {"scenario": "shuffled", "content_hash": scenario.content_hash, "choices": [1], "start": ["a"]}):
        with pytest.raises(SnapshotError):
            Playthrough.restore(scenario, bad)


def test_start_at_a_node_for_playtesting(load):
    scenario = load(SHUFFLED)
    run = Playthrough(scenario, start="b")
    assert run.path == ["b"] and run.snapshot()["start"] == "b"
    assert Playthrough.restore(scenario, run.snapshot()).state == "b"
    with pytest.raises(PlayError, match="no such node"):
        Playthrough(scenario, start="nowhere")


def test_walk_out_ends_in_on_walkout_ending_with_outcome_lost(load):
    text = SHUFFLED.replace("start: a\n", "start: a\non_walkout: end\n").replace("mood: upset", "mood: angry")
    result = play(load(text), [1, 3]).result()
    assert result.ending == "end" and result.outcome == "lost" and result.mood == "walked_out"
    assert result.path == ["a", "b", "end"]


def test_fork_is_independent(load):
    run = play(load(SHUFFLED), [1])
    twin = run.fork()
    twin.choose(1)
    assert run.choices == [1] and twin.choices == [1, 1] and "asked" not in run.flags


def test_stuck_when_no_choice_is_shown(load):
    text = SHUFFLED.replace("      - {text: Leave, goto: end, mood: escalate}\n",
                            "      - {text: Leave, goto: end, if: visits > 5}\n").replace("== 'gold'", "== 'platinum'")
    run = play(load(text), [1, 1, 1])
    assert run.stuck and not run.finished
    with pytest.raises(ChoiceNotShown, match="0 choices shown"):
        run.choose(1)


def test_every_bundled_scenario_shows_the_contracts_replies_in_the_contracts_order():
    """The replies shown at every step (node plans made once per scenario and persona, orders kept
    per seed) are those whose `if` holds and whose `once` is not spent, as they land with the persona,
    in the contract's SHA-256 hex order; the line is the first variant that holds."""
    import hashlib
    import random
    from pathlib import Path
    from game.core import conditions, loader

    checked = 0
    for path in sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml")):
        scenario = loader.load_file(path)
        for persona in scenario.personas or [None]:
            rng = random.Random(path.name)
            for seed in rng.sample(range(10**12), 12):
                run = Playthrough(scenario, seed=seed, persona=persona)
                while not run.finished:
                    node, env = scenario.nodes[run.state], run.env()
                    hexes = [hashlib.sha256(f"{seed}:{node.id}:{n}".encode()).hexdigest()
                             for n in range(1, len(node.choices) + 1)]
                    order = sorted(range(len(node.choices)), key=hexes.__getitem__) if node.shuffle \
                        else range(len(node.choices))
                    expected = [node.choices[i].for_persona(run.persona) for i in order
                                if not (node.choices[i].once and (node.id, i) in run.taken)
                                and (node.choices[i].condition is None
                                     or conditions._value(node.choices[i].condition, env, run.mood))]
                    said = next((v.text for v in node.variants if conditions._value(v.condition, env, run.mood)),
                                None) or node.text
                    assert run.shown_choices() == expected and run.line() == said, (path.name, seed, node.id)
                    checked += 1
                    if not expected:
                        break
                    run.choose(rng.randint(1, len(expected)))
    assert checked > 1000
