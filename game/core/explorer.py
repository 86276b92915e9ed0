"""One explorer of a conversation's state space, for one persona and seed.

A *state* is everything that decides what can happen next: the node, the
customer's mood, the flags and counters that conditions read, which `once`
replies have been taken, and whichever behaviour names (breaches, a rule's
count, a lever's points) the conditions read. Two ways of reaching the same
state have the same future, so each state is explored once: breadth first,
with a parent pointer (state, reply number) instead of a copied history, so
the way to any state is also a shortest one. Counters that only grow and
are compared only with numbers are capped just above the largest number
they are compared with, which keeps loops that count finite and exact.

Exploration is exact up to `max_states` distinct states (1,000,000 by
default); beyond, `exhaustive` is False and nothing is claimed for the rest.
Results never depend on time or machine load.

Path values (the best score, each lever's best, what a playthrough that
breaks no rule can collect) are computed on the explored state graph with
Pareto labels (lever points, breaches), each label remembering its parent.
A reply's points count the first time it is taken: replies that can come
round again (in a loop of the conversation) are remembered per label.
If the labels exceed `max_labels`, `paths_exact` is False.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from game.core import conditions, machines
from game.core.turns import check_persona, ending_outcome, rules_broken, shuffled_order
from game.core.graph import edges_of, strongly_connected
from game.core.model import LEVERS, RULES, WALKED_OUT

MAX_STATES = 1_000_000
MAX_LABELS = 1_000_000
_BEHAVIOUR_COUNTS = ("breaches", *RULES)


@dataclass(slots=True)
class Edge:
    target: int
    number: int  # 1-based among the replies shown
    index: int  # authored 0-based position
    points: tuple[int, ...]  # lever points if counted
    breaks: tuple[str, ...]
    repeat: int  # >= 0: the reply can come round again; its bit's position in a label's taken mask (else -1)


@dataclass
class StateSpace:
    persona: str
    seed: int
    # repeatable replies by sign of their points: bits whose points are all >= 0, all <= 0
    # (an edge keeps its reply's bit position, not the bit: the k-th repeatable
    # reply's bit is a k-bit number, and one per reply made memory quadratic)
    gains_only: int = 0
    losses_only: int = 0
    keys: list[tuple] = field(default_factory=list)
    parent: list[tuple[int, int]] = field(default_factory=list)  # (parent state, reply number); (-1, 0) at start
    edges: list[list[Edge]] = field(default_factory=list)
    exhaustive: bool = True
    stuck: list[int] = field(default_factory=list)  # states at a node that shows no reply
    finals: dict[int, tuple[str, str]] = field(default_factory=dict)  # state -> (ending, outcome)

    def node(self, state: int) -> str:
        return self.keys[state][0]

    def mood(self, state: int) -> str:
        return self.keys[state][1]

    def ending_ways(self) -> dict[str, list[int]]:
        """Ending -> a shortest way there (states are numbered breadth first)."""
        ways: dict[str, list[int]] = {}
        for state in sorted(self.finals):
            ending = self.finals[state][0]
            if ending not in ways:
                ways[ending] = self.way(state)
        return ways

    def way(self, state: int) -> list[int]:
        """The reply numbers of a shortest way from the start to `state`."""
        numbers = []
        while state > 0:
            state, number = self.parent[state]
            numbers.append(number)
        return numbers[::-1]


def cyclic_nodes(scenario) -> set[str]:
    graph = edges_of(scenario)
    _, comps = strongly_connected(graph, [scenario.start])
    cyclic = set()
    for comp in comps:
        if len(comp) > 1:
            cyclic.update(comp)
        elif comp[0] in scenario.nodes and any(c.goto == comp[0] for c in scenario.nodes[comp[0]].choices):
            cyclic.add(comp[0])
    return cyclic


def _conditions(scenario):
    for node in scenario.nodes.values():
        for choice in node.choices:
            if choice.condition is not None:
                yield choice.condition
        for variant in node.variants:
            yield variant.condition
    for ending in scenario.endings.values():
        for variant in ending.variants:
            yield variant.condition


def names_read(scenario) -> set[str]:
    """Every name some condition of the scenario reads."""
    read: set[str] = set()
    for tree in _conditions(scenario):
        read |= conditions.names(tree)
    return read


def _caps(scenario, read: set[str]) -> dict[str, int | None]:
    """For each name read: a cap that keeps every comparison's answer, or None
    (compared with another name, or it can shrink: no cap)."""
    biggest: dict[str, int] = {}
    uncappable: set[str] = set()
    for tree in _conditions(scenario):
        for _, left, right, _ in conditions.comparisons(tree):
            for side, other in ((left, right), (right, left)):
                if side[0] != "name":
                    continue
                if other[0] == "lit" and isinstance(other[1], int) and not isinstance(other[1], bool):
                    biggest[side[1]] = max(biggest.get(side[1], 0), abs(other[1]))
                elif other[0] == "name":
                    uncappable.add(side[1])
    for node in scenario.nodes.values():
        for choice in node.choices:
            for name, amount in choice.add.items():
                if amount < 0:
                    uncappable.add(name)
            for name, value in choice.set.items():
                if isinstance(value, int) and not isinstance(value, bool) and value < 0:
                    uncappable.add(name)
    return {name: (None if name in uncappable else biggest.get(name, 0) + 1) for name in read}


def _capped(value, cap):
    if cap is not None and type(value) is int and value > cap:
        return cap
    return value


def _mask(positions: list[int], size: int) -> int:
    """The number with these bits set, built in one pass (linear, not one k-bit OR per bit)."""
    found = bytearray((size + 7) // 8)
    for k in positions:
        found[k >> 3] |= 1 << (k & 7)
    return int.from_bytes(found, "little")


def explore_states(scenario, persona: str = "", seed: int = 0, max_states: int = MAX_STATES) -> StateSpace:
    """`persona`: '' (or None) means the scenario's default persona, as in play."""
    persona = check_persona(scenario, persona)
    read = names_read(scenario)
    caps = _caps(scenario, read)
    flags_read = sorted(n for n in read if n not in (*_BEHAVIOUR_COUNTS, *LEVERS, "persona"))
    counts_read = [n for n in _BEHAVIOUR_COUNTS if n in read]
    levers_read = [n for n in LEVERS if n in read]
    cyclic = cyclic_nodes(scenario)
    # reply -> its bit's position in a state's once mask, in a label's taken mask
    # (positions, not bits: one k-bit number per reply would make memory quadratic)
    once_at: dict[tuple[str, int], int] = {}
    repeat_at: dict[tuple[str, int], int] = {}
    gains, losses = [], []
    for nid, node in scenario.nodes.items():
        for choice in node.choices:
            if choice.once:
                once_at[(nid, choice.index)] = len(once_at)
            mine = choice.for_persona(persona)
            if nid in cyclic and mine.levers:
                if min(mine.levers.values()) >= 0:
                    gains.append(len(repeat_at))
                if max(mine.levers.values()) <= 0:
                    losses.append(len(repeat_at))
                repeat_at[(nid, choice.index)] = len(repeat_at)
    gains_only, losses_only = _mask(gains, len(repeat_at)), _mask(losses, len(repeat_at))
    track_levers = bool(levers_read)  # then a state must know which repeatable replies were taken
    flow = machines.flow(scenario)
    mood_after = machines.MOOD_AFTER
    endings = scenario.endings
    walkout = flow.walkout
    orders = {nid: shuffled_order(seed, node) for nid, node in scenario.nodes.items()}

    space = StateSpace(persona=persona, seed=seed, gains_only=gains_only, losses_only=losses_only)
    # a key: (state id, mood, flag values, once mask, counts read, levers read, repeat mask if tracked)
    start = (scenario.start, scenario.customer_for(persona).mood,
             tuple(False for _ in flags_read), 0, tuple(0 for _ in counts_read), tuple(0 for _ in levers_read), 0)
    index = {start: 0}
    space.keys.append(start)
    space.parent.append((-1, 0))
    space.edges.append([])
    queue = deque([0])

    def env_of(key) -> dict:
        env = dict(zip(flags_read, key[2]))
        env.update(zip(counts_read, key[4]))
        env.update(zip(levers_read, key[5]))
        env["persona"] = persona
        return env

    while queue:
        here = queue.popleft()
        key = space.keys[here]
        sid, mood, flags, once_mask, counts, lever_vals, rep_mask = key
        if sid in endings:
            ending = endings[sid]
            env = env_of(key) if ending.variants else {}
            space.finals[here] = (sid, ending_outcome(ending, env, mood))
            continue
        node = scenario.nodes[sid]
        env = None
        number = 0
        out = space.edges[here]
        for i in orders[sid]:
            base = node.choices[i]
            at = once_at.get((sid, i), -1)
            bit = 1 << at if at >= 0 else 0
            if bit and once_mask & bit:
                continue
            if base.condition is not None:
                if env is None:
                    env = env_of(key)
                if not conditions.evaluate(base.condition, env, mood):
                    continue
            number += 1
            choice = base.personas.get(persona, base) if persona else base
            broken = rules_broken(node, choice, mood)
            repeat = repeat_at.get((sid, i), -1)
            points = tuple(choice.levers.get(lever, 0) for lever in LEVERS)
            new_mood = mood_after[(mood, choice.mood)]
            target = walkout if new_mood == WALKED_OUT else flow[sid][i]
            new_flags = flags
            if (choice.set or choice.add) and flags_read:
                values = dict(zip(flags_read, flags))
                for name, value in choice.set.items():
                    if name in values:
                        values[name] = _capped(value, caps[name])
                for name, amount in choice.add.items():
                    if name in values:
                        current = values[name]
                        values[name] = _capped((current if type(current) is int else 0) + amount, caps[name])
                new_flags = tuple(values[n] for n in flags_read)
            new_counts = counts
            if broken and counts_read:
                new_counts = tuple(_capped(c + (len(broken) if n == "breaches" else (n in broken)), caps[n])
                                   for n, c in zip(counts_read, counts))
            new_levers = lever_vals
            new_rep = rep_mask
            if track_levers:
                rbit = 1 << repeat if repeat >= 0 else 0
                first = not (rbit and rep_mask & rbit)
                if first:
                    new_levers = tuple(v + choice.levers.get(n, 0) for n, v in zip(levers_read, lever_vals))
                new_rep = rep_mask | rbit
            new_key = (target, new_mood, new_flags, once_mask | bit, new_counts, new_levers, new_rep)
            found = index.get(new_key)
            if found is None:
                if len(space.keys) >= max_states:
                    space.exhaustive = False
                    queue.clear()
                    break
                found = index[new_key] = len(space.keys)
                space.keys.append(new_key)
                space.parent.append((here, number))
                space.edges.append([])
                queue.append(found)
            out.append(Edge(found, number, i, points, broken, repeat))
        if number == 0:
            space.stuck.append(here)
    return space


@dataclass(slots=True)
class Label:
    state: int
    points: tuple[int, ...]
    breaches: int
    taken: int  # bits of repeatable replies already counted
    parent: "Label | None"
    number: int
    alive: bool = True


@dataclass
class PathValues:
    exact: bool
    finals: list[Label]  # the non-dominated labels at final states

    @staticmethod
    def way(label: Label) -> list[int]:
        numbers = []
        while label.parent is not None:
            numbers.append(label.number)
            label = label.parent
        return numbers[::-1]


def _dominates(a: Label, b: Label, gains_only: int, losses_only: int) -> bool:
    """Every continuation of `b` ends no better than the same one from `a`:
    `a` has at least the points and at most the breaches, and the replies
    only one of them has counted cannot favour `b` (those `b` counted alone
    only gain for `a` later; those `a` counted alone only cost `b` later)."""
    if a.breaches > b.breaches or any(x < y for x, y in zip(a.points, b.points)):
        return False
    if a.taken == b.taken:
        return True
    return (b.taken & ~a.taken) & ~gains_only == 0 and (a.taken & ~b.taken) & ~losses_only == 0


def path_values(space: StateSpace, max_labels: int | None = None, worst: bool = False,
                ceiling: tuple[int, ...] | None = None) -> PathValues:
    """The Pareto-best (points, breaches) of the ways to each final state;
    with `worst`, the Pareto-worst (fewest points, most breaches): the labels
    then hold points and breaches negated. Given the lever `ceiling`s and a
    loop-free state space, the exact search of `dag_values` instead: the
    labels the report reads, however many trade-offs the levers make."""
    sign = -1 if worst else 1
    if max_labels is None:
        max_labels = MAX_LABELS
    if ceiling is not None:
        from game.core import dag_values
        order = dag_values.topological(space)
        if order is not None:
            return dag_values.path_values(space, order, ceiling, max_labels, worst, Label, PathValues)
    labels: list[list[Label]] = [[] for _ in space.keys]
    root = Label(0, tuple(0 for _ in LEVERS), 0, 0, None, 0)
    labels[0].append(root)
    queue = deque([root])
    made = 1
    exact = True
    gains, losses = (space.losses_only, space.gains_only) if worst else (space.gains_only, space.losses_only)
    while queue:
        label = queue.popleft()
        if not label.alive:
            continue
        for edge in space.edges[label.state]:
            taken = label.taken
            if edge.repeat >= 0:
                rbit = 1 << edge.repeat
                counted = not taken & rbit
                taken |= rbit
            else:
                counted = True
            points = tuple(p + sign * q for p, q in zip(label.points, edge.points)) if counted else label.points
            child = Label(edge.target, points, label.breaches + sign * len(edge.breaks), taken, label, edge.number)
            here = labels[edge.target]
            if any(_dominates(other, child, gains, losses) for other in here):
                continue
            if here:
                for other in here:
                    if _dominates(child, other, gains, losses):
                        other.alive = False
                here[:] = [other for other in here if other.alive]
            here.append(child)
            made += 1
            if made > max_labels:
                exact = False
                queue.clear()
                break
            if edge.target not in space.finals:
                queue.append(child)
    finals = [label for state in space.finals for label in labels[state] if label.alive]
    return PathValues(exact and space.exhaustive, finals)


def most_breaches(space: StateSpace, cap: int = 2) -> list[int]:
    """For each state, the most rule breaches (up to `cap`) of any way there."""
    best = [-1] * len(space.keys)
    best[0] = 0
    queue = deque([0])
    while queue:
        here = queue.popleft()
        for edge in space.edges[here]:
            value = min(cap, best[here] + len(edge.breaks))
            if value > best[edge.target]:
                best[edge.target] = value
                queue.append(edge.target)
    return best
