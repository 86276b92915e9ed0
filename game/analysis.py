"""Analysis of a scenario: best paths, reachable endings, rule sites.

Two views:
* static (the contract's view, conditions and mood ignored): each lever's
  ceiling and a path that reaches it, computed over the graph's strongly
  connected components in linear time;
* played (conditions, `once` and mood honoured): a bounded exhaustive
  search over real playthroughs, deduplicated on the complete state, which
  finds the best-scoring choices and one way to reach each ending.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .engine import Playthrough, Result, rule_causes
from .graph import edges_of, reachable_states, shortest_path
from .model import LEVERS, RULES
from .scoring import ceilings, component_bests


def lever_paths(scenario) -> dict[str, list[str]]:
    """For each lever, a path from start to an ending that collects its ceiling
    (for loops, the path passes through each loop; the loop's points are the
    contract's upper bound)."""
    graph = edges_of(scenario)
    _, comp_of, comps, links = component_bests(scenario)
    paths = {}
    for k, lever in enumerate(LEVERS):
        path = [scenario.start]
        current = scenario.start
        for _ in range(len(comps) + 1):
            c = comp_of[current]
            link = links[c][k]
            if link is None:
                if current not in scenario.endings:
                    # no ending beyond (all links worse than none): take the shortest way out
                    tail = shortest_path(graph, current, scenario.endings)
                    path += tail[1:]
                break
            sid, index, _ = link
            inside = shortest_path(graph, current, {sid}, allowed=set(comps[c]))
            path += inside[1:]
            current = scenario.nodes[sid].choices[index].goto
            path.append(current)
            if current in scenario.endings:
                break
        paths[lever] = path
    return paths


@dataclass
class Exploration:
    best_choices: list[int] | None = None
    best: Result | None = None
    endings: dict[str, list[int]] = field(default_factory=dict)  # ending -> one way there
    outcomes: dict[str, int] = field(default_factory=dict)  # outcome -> distinct finishes
    stuck: list[list[int]] = field(default_factory=list)  # ways to a node with no choice shown
    walk_out: list[int] | None = None  # one way to make the customer walk out
    # (rule, how) -> one way to break it; how is "breaks" (tagged) or "mood"
    breaches: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    finishes: list[tuple[int, str]] = field(default_factory=list)  # (score, outcome) of each distinct finish
    states: int = 0
    complete: bool = True


def _dominated(rules: tuple, known: list[tuple]) -> bool:
    return any(all(k <= r for k, r in zip(other, rules)) for other in known)


def explore(scenario, max_states: int = 200_000, seed: int = 0) -> Exploration:
    """Walk every distinct playthrough (up to `max_states` states).

    Two visits with the same node, mood, flags and replies taken have the same
    future and the same points; of those, a visit with at least as many
    breaches of every rule can never end better, so it is pruned. This keeps
    the walk finite when a loop can be repeated, and exact."""
    found = Exploration()
    seen: dict[tuple, list[tuple]] = {}
    stack = [Playthrough(scenario, seed=seed)]
    while stack:
        run = stack.pop()
        key = run.state_key()
        rules = tuple(run.rules.values())
        known = seen.setdefault(key, [])
        if _dominated(rules, known):
            continue
        known.append(rules)
        found.states += 1
        if found.states > max_states:
            found.complete = False
            break
        if run.finished:
            result = run.result()
            found.endings.setdefault(result.ending, list(run.choices))
            if run.walked_out and found.walk_out is None:
                found.walk_out = list(run.choices)
            found.outcomes[result.outcome] = found.outcomes.get(result.outcome, 0) + 1
            found.finishes.append((result.score, result.outcome))
            if found.best is None or (result.score, -len(result.path)) > (found.best.score, -len(found.best.path)):
                found.best, found.best_choices = result, list(run.choices)
            continue
        shown = run.shown_choices()
        if not shown:
            found.stuck.append(list(run.choices))
            continue
        for number in range(len(shown), 0, -1):
            for rule, hows in rule_causes(run.node, shown[number - 1], run.mood).items():
                for how in hows:
                    found.breaches.setdefault((rule, how), [*run.choices, number])
            child = run.fork()
            child.choose(number)
            stack.append(child)
    return found


def rule_sites(scenario) -> dict[str, list[tuple[str, int]]]:
    """Where each rule can be broken: (node id, 1-based authored choice)."""
    sites: dict[str, list[tuple[str, int]]] = {rule: [] for rule in RULES}
    for nid, node in scenario.nodes.items():
        for choice in node.choices:
            rules = set(choice.breaks)
            if choice.mood == "escalate":
                rules.update(("dont_upset", "dont_make_it_worse"))
            if node.venting and not choice.listens:
                rules.add("shut_up_and_listen")
            for rule in rules:
                sites[rule].append((nid, choice.index + 1))
    return sites


def unreachable(scenario) -> list[str]:
    """Authored nodes and endings that no path from start reaches."""
    seen = reachable_states(scenario)
    return [sid for sid in [*scenario.nodes, *scenario.endings]
            if sid not in seen and not (sid in scenario.endings and scenario.endings[sid].builtin)]


def summary(scenario) -> dict:
    return {"ceilings": ceilings(scenario), "lever_paths": lever_paths(scenario)}
