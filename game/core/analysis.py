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

import random
from dataclasses import dataclass, field

from game.core import machines
from game.core.engine import Playthrough, play
from game.core.result import Result
from game.core.turns import rule_causes
from game.core.explorer import MAX_STATES, PathValues, cyclic_nodes, explore_states, names_read, path_values
from game.core.graph import edges_of, reachable_states, shortest_path
from game.core.model import LEVERS, MOODS, RULES, WALKED_OUT
from game.core.scoring import ceilings, component_bests, grade_for, lever_scores, score


def lever_paths(scenario, persona: str = "") -> dict[str, list[str]]:
    """For each lever, a path from start to an ending that collects its ceiling
    (for loops, the path passes through each loop; the loop's points are the
    contract's upper bound)."""
    graph = edges_of(scenario)
    _, comp_of, comps, links = component_bests(scenario, persona)
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
    endings: dict[str, list[int]] = field(default_factory=dict)  # ending -> a shortest way there
    outcomes: dict[str, int] = field(default_factory=dict)  # outcome -> distinct final states
    stuck: list[list[int]] = field(default_factory=list)  # ways to a node with no choice shown
    walk_out: list[int] | None = None  # a shortest way to make the customer walk out
    # (rule, how) -> a shortest way to break it; how is "breaks" (tagged) or "mood"
    breaches: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    finishes: list[tuple[int, str]] = field(default_factory=list)  # (score, outcome) of Pareto-best finishes
    visited: set[str] = field(default_factory=set)  # nodes and endings some playthrough reaches
    states: int = 0
    complete: bool = True  # every distinct state explored
    paths_exact: bool = True  # the best score is the best of every way
    explored: tuple | None = None  # (state space, path values), for the quality report


def explore(scenario, persona: str = "", seed: int = 0, max_states: int = MAX_STATES) -> Exploration:
    """Everything the tools need from one exact exploration (explorer.py)."""
    space = explore_states(scenario, persona, seed, max_states)
    persona = space.persona  # '' resolved to the default persona
    values = path_values(space, ceiling=tuple(ceilings(scenario, persona)[lever] for lever in LEVERS))
    found = Exploration(states=len(space.keys), complete=space.exhaustive, paths_exact=values.exact,
                        explored=(space, values))
    found.visited = {key[0] for key in space.keys}
    found.endings = space.ending_ways()
    for state in sorted(space.finals):
        outcome = space.finals[state][1]
        found.outcomes[outcome] = found.outcomes.get(outcome, 0) + 1
        if space.mood(state) == WALKED_OUT and found.walk_out is None:
            found.walk_out = space.way(state)
    found.stuck = [space.way(s) for s in space.stuck]
    for state, out in enumerate(space.edges):
        if not out:
            continue
        node = scenario.nodes[space.node(state)]
        for edge in out:
            if not edge.breaks:
                continue
            choice = node.choices[edge.index].for_persona(persona)
            for rule, hows in rule_causes(node, choice, space.mood(state)).items():
                for how in hows:
                    if (rule, how) not in found.breaches:
                        found.breaches[(rule, how)] = [*space.way(state), edge.number]
    best_way, best_key = None, None
    for label in values.finals:
        way = PathValues.way(label)
        result = play(scenario, way, seed=seed, persona=persona or None).result()
        found.finishes.append((result.score, result.outcome))
        key = (result.score, -len(way))
        if best_key is None or key > best_key:
            best_key, best_way, found.best = key, way, result
    found.best_choices = best_way
    return found


def node_moods(scenario, persona: str = "") -> dict[str, set[str]]:
    """The moods the customer can be in at each node (conditions ignored)."""
    return {sid: moods for sid, moods in machines.reachable_moods(scenario, persona).items()
            if sid in scenario.nodes}


def rule_sites(scenario, persona: str = "") -> dict[str, list[dict]]:
    """Where each rule can be broken: {"node", "choice" (1-based authored
    position), "how"}; how is "breaks" (tagged), "escalates" (from a mood
    the node can be reached in) or "venting" (not listening)."""
    moods = node_moods(scenario, persona)
    sites: dict[str, list[dict]] = {rule: [] for rule in RULES}
    for nid, node in scenario.nodes.items():
        for base in node.choices:
            choice = base.for_persona(persona)
            found: dict[str, str] = {}
            for rule in choice.breaks:
                found.setdefault(rule, "breaks")
            if choice.mood == "escalate":
                for mood in sorted(moods.get(nid, ()), key=MOODS.index):
                    found.setdefault(machines.rule_broken_by_escalating(mood), "escalates")
            if node.venting and not choice.listens:
                found.setdefault("shut_up_and_listen", "venting")
            for rule, how in found.items():
                sites[rule].append({"node": nid, "choice": choice.index + 1, "how": how})
    return sites


def unreachable(scenario) -> list[str]:
    """Authored nodes and endings that no path from start reaches."""
    seen = reachable_states(scenario)
    return [sid for sid in [*scenario.nodes, *scenario.endings]
            if sid not in seen and not (sid in scenario.endings and scenario.endings[sid].builtin)]


def summary(scenario, persona: str = "") -> dict:
    return {"ceilings": ceilings(scenario, persona), "lever_paths": lever_paths(scenario, persona)}


@dataclass
class Sampled:
    """Scores and outcomes over random playthroughs (every shown reply equally likely)."""
    runs: int
    scores: dict[int, int]  # score -> how many runs
    outcomes: dict[str, int]
    grades: dict[str, int]
    endings: dict[str, int]
    unfinished: int  # runs that hit the step limit or a node with no reply shown
    mean: float
    median: float

    def to_dict(self) -> dict:
        return {"runs": self.runs, "mean": round(self.mean, 2), "median": self.median,
                "outcomes": self.outcomes, "grades": self.grades, "endings": self.endings,
                "unfinished": self.unfinished, "scores": {str(k): v for k, v in sorted(self.scores.items())}}


class _Visit:
    """One situation of random play: its playthrough (the first way there),
    how many replies it shows, its children by reply number with the points
    each adds, and for an ending the result per points total."""
    __slots__ = ("run", "shown", "children", "finals")

    def __init__(self, run: Playthrough):
        self.run = run
        self.shown = 0 if run.finished else len(run.shown_choices())
        self.children: dict[int, tuple["_Visit", tuple[int, ...]]] = {}
        self.finals: dict[tuple[int, ...], tuple] | None = {} if run.finished else None

    def summary(self, points: tuple[int, ...], ceiling: dict[str, int]) -> tuple:
        found = self.finals.get(points)
        if found is None:
            run = self.run
            total = score(lever_scores(dict(zip(LEVERS, points)), ceiling), run.rules)
            view = run.ending_view()
            found = self.finals[points] = (total, view[1], grade_for(total), run.state)
        return found


def _points(run: Playthrough) -> tuple[int, ...]:
    return tuple(run.points.get(lever, 0) for lever in LEVERS)


def sample(scenario, runs: int = 10_000, seed: int = 0, max_steps: int = 200, max_memo: int = 200_000,
           persona: str = "") -> Sampled:
    """Play `runs` random playthroughs. Identical situations are played once
    and remembered, so the cost grows with the scenario's distinct
    situations, not with `runs`. A situation is what decides the future:
    node, mood, flags, breaches, the replies taken that can matter again
    (`once` replies, and replies that can come round in a loop), and points
    only when a condition reads a lever. Points are otherwise carried along
    each walk, and an ending's result is worked out once per points total."""
    rng = random.Random(seed)
    memo: dict[tuple, _Visit] = {}
    cyclic = cyclic_nodes(scenario)
    remembered = {(nid, i) for nid, node in scenario.nodes.items()
                  for i, choice in enumerate(node.choices) if choice.once or nid in cyclic}
    levers_read = bool(names_read(scenario) & set(LEVERS))

    def visit(run: Playthrough) -> _Visit:
        key = (run.state, run.mood, tuple(sorted(run.flags.items())), tuple(run.rules.values()),
               _points(run) if levers_read else None,
               frozenset(run.taken & remembered) if remembered else None)
        found = memo.get(key)
        if found is None:
            found = _Visit(run)
            if len(memo) < max_memo:
                memo[key] = found
        return found

    scores: dict[int, int] = {}
    outcomes: dict[str, int] = {}
    grades: dict[str, int] = {}
    endings: dict[str, int] = {}
    unfinished = 0
    first = Playthrough(scenario, seed=seed, persona=persona or None)
    ceiling = ceilings(scenario, first.persona)
    root = visit(first)
    for _ in range(runs):
        here = root
        points = (0,) * len(LEVERS)
        for _ in range(max_steps):
            if here.finals is not None or here.shown == 0:
                break
            n = rng.randint(1, here.shown)
            child = here.children.get(n)
            if child is None:
                run = here.run.fork()
                run.choose(n)
                gained = tuple(a - b for a, b in zip(_points(run), _points(here.run)))
                child = here.children[n] = (visit(run), gained)
            here, gained = child
            points = tuple(a + b for a, b in zip(points, gained))
        if here.finals is None:
            unfinished += 1
            continue
        total, outcome, grade, ending = here.summary(points, ceiling)
        scores[total] = scores.get(total, 0) + 1
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        grades[grade] = grades.get(grade, 0) + 1
        endings[ending] = endings.get(ending, 0) + 1
    done = sorted(s for s, k in scores.items() for _ in range(k))
    mean = sum(done) / len(done) if done else 0.0
    median = (done[(len(done) - 1) // 2] + done[len(done) // 2]) / 2 if done else 0.0
    return Sampled(runs, scores, outcomes, grades, endings, unfinished, mean, median)
