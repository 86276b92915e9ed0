"""Exact path values on a loop-free state space, without Pareto labels.

When no conversation state can come round again (the explored state graph
is acyclic, so every reply counts once), everything `analyze` claims about
real playthroughs is a maximum or a minimum over the paths to the final
states, and the Pareto labels of `explorer.path_values` are more than it
needs: with five levers and breaches their number grows with the number of
trade-offs, not with the size of the file. Here instead:

* each lever's best, and its best without a breach, are longest paths on the
  DAG (one number per state and lever);
* the best score to a set of final states (all of them; those of one
  ending) is found by depth-first branch and bound: the score only grows
  with points and falls with breaches, so the score of the points so far
  plus each lever's best still to come, with the fewest breaches still to
  come, bounds every way on, and a branch whose bound cannot beat the best
  found is cut. A way that another way to the same state beats on every
  lever and on breaches is cut too. The worst score (for a retained ending
  graded Needs work) is the same search mirrored.

Work is counted in expanded ways; past `budget` the result is not exact
(the caller says so), which is also how a tiny limit is planted in tests.
Returns the labels the report reads, in `explorer.Label` form: the best
(or worst) way to each group of final states and each lever's best ways.
"""
from __future__ import annotations

from math import lcm
from operator import add

from game.core.model import LEVERS
from game.core.scoring import BREACH_PENALTY, round_ratio

SEEN_PER_STATE = 24  # ways remembered per state to cut the ways they beat (fewer cut nothing wrong)
LEGENDARY, NEEDS_WORK = 90, 50  # the findings' thresholds (quality.py)


def topological(space) -> list[int] | None:
    """The states in an order where every reply goes forward; None when the
    state graph has a cycle (or a repeatable reply)."""
    if space.gains_only or space.losses_only:
        return None
    n = len(space.keys)
    indegree = [0] * n
    for out in space.edges:
        for edge in out:
            if edge.repeat >= 0:
                return None
            indegree[edge.target] += 1
    order = [s for s in range(n) if indegree[s] == 0]
    for here in order:  # grows as it goes
        for edge in space.edges[here]:
            indegree[edge.target] -= 1
            if indegree[edge.target] == 0:
                order.append(edge.target)
    return order if len(order) == n else None


def scorer(ceiling):
    """The contract's score of (points, breaches), in integers."""
    assessed = [(k, top) for k, top in enumerate(ceiling) if top > 0]

    def score(points, breaches) -> int:
        if assessed:
            total = sum(max(0, min(100, round_ratio(100 * points[k], top))) for k, top in assessed)
            base = round_ratio(total, len(assessed))
        else:
            base = 100
        return max(0, min(100, base - BREACH_PENALTY * breaches))
    return score


class Budget:
    def __init__(self, limit: int):
        self.left = limit
        self.exact = True

    def spend(self) -> bool:
        self.left -= 1
        if self.left < 0:
            self.exact = False
        return self.exact


def lever_ways(space, order, sign: int, clean: bool) -> list[list[tuple[int, int]] | None]:
    """For each lever: the reply numbers of a way from the start to a final
    state with the most (sign 1) or fewest (sign -1) points of that lever,
    ties to fewer breaches; `clean`: only ways without a breach. None: no way."""
    found = []
    for k in range(len(LEVERS)):
        best: list = [None] * len(space.keys)  # (value, -breaches) still to come, and the edge taken
        for state in reversed(order):
            if state in space.finals:
                best[state] = ((0, 0), None)
                continue
            top = None
            for edge in space.edges[state]:
                after = best[edge.target]
                if after is None or (clean and edge.breaks):
                    continue
                value = (sign * edge.points[k] + after[0][0], after[0][1] - len(edge.breaks))
                if top is None or value > top[0]:
                    top = (value, edge)
            best[state] = top
        found.append(_walk(space, best))
    return found


def _walk(space, best) -> list[tuple[int, int]] | None:
    if best[0] is None:
        return None
    way, state = [], 0
    while best[state][1] is not None:
        edge = best[state][1]
        way.append((edge.target, edge.number))
        state = edge.target
    return way


def extreme(space, order, ceiling, targets: set[int], sign: int, budget: Budget):
    """The way to a state in `targets` with the highest (sign 1) or lowest
    (sign -1) score: (score, [(state, number)…]) or None when none reaches."""
    score = scorer(ceiling)
    bound = _bounds(space, order, ceiling, targets, sign)
    if bound is None:
        return None
    best_value, best_way = None, None
    n = len(space.keys)
    seen: list[list] = [[] for _ in range(n)]  # ways already searched from each state: (points, breaches)
    way: list[tuple[int, int]] = []  # (state, reply number) from the start to the state being searched
    stack = [(0, (0,) * len(LEVERS), 0, 0, None)]  # (state, points, breaches, length of `way` before it, step)
    while stack:
        state, points, breaches, depth, step = stack.pop()
        del way[depth:]
        if step is not None:
            way.append(step)
        if not budget.spend():
            break  # not exact: the best found so far is still a real way
        if state in targets:
            value = sign * score(points, breaches)
            if best_value is None or value > best_value:
                best_value, best_way = value, list(way)
            continue
        if best_value is not None and bound(state, points, breaches) <= best_value:
            continue
        if _beaten(seen[state], points, breaches, sign):
            continue
        if len(seen[state]) < SEEN_PER_STATE:
            seen[state].append((points, breaches))
        children = []
        for edge in space.edges[state]:
            if not bound.reaches(edge.target):
                continue
            pts = tuple(p + q for p, q in zip(points, edge.points))
            br = breaches + len(edge.breaks)
            children.append((bound(edge.target, pts, br), edge.number, edge.target, pts, br))
        children.sort(key=lambda c: (c[0], -c[1]))  # the most promising is popped first
        for _, number, target, pts, br in children:
            stack.append((target, pts, br, len(way), (target, number)))
    return None if best_value is None else (sign * best_value, best_way)


def _beaten(seen, points, breaches, sign) -> bool:
    """An earlier way to this state was at least as good on every lever and on breaches."""
    if sign > 0:
        return any(b <= breaches and all(x >= y for x, y in zip(p, points)) for p, b in seen)
    return any(b >= breaches and all(x <= y for x, y in zip(p, points)) for p, b in seen)


def path_values(space, order, ceiling, limit: int, worst: bool, label_type, result_type):
    """`explorer.path_values` for a loop-free state space (see the module
    docstring): the labels of the best (or, `worst`, the worst, with points
    and breaches negated as there) way overall and to each ending's final
    states, and each lever's best ways with and without a breach."""
    budget = Budget(limit)
    sign = -1 if worst else 1
    groups: dict[str, set[int]] = {}
    for state, (ending, outcome) in space.finals.items():
        if (outcome == "retained") == worst:
            groups.setdefault(ending, set()).add(state)
    ways = []
    overall = set(space.finals) if not worst else {s for group in groups.values() for s in group}
    found = extreme(space, order, ceiling, overall, sign, budget)
    if found is not None:
        ways.append(found[1])
        # per ending only when one could be a finding: a Legendary way to an ending that does not keep
        # the customer, a Needs-work way to one that does (quality.py)
        if (found[0] >= LEGENDARY) if not worst else (found[0] < NEEDS_WORK):
            for ending in sorted(groups):
                found = extreme(space, order, ceiling, groups[ending], sign, budget)
                if found is not None:
                    ways.append(found[1])
    if not worst:
        ways += [w for clean in (False, True) for w in lever_ways(space, order, 1, clean) if w is not None]
    labels = [_label(space, way, sign, label_type) for way in ways]
    return result_type(budget.exact and space.exhaustive, labels)


def _label(space, way, sign, label_type):
    label = label_type(0, (0,) * len(LEVERS), 0, 0, None, 0)
    for target, number in way:
        edge = next(e for e in space.edges[label.state] if e.number == number and e.target == target)
        label = label_type(target, tuple(p + sign * q for p, q in zip(label.points, edge.points)),
                           label.breaches + sign * len(edge.breaks), 0, label, number)
    return label


class _Bound:
    """A bound on the score of every way on from a state, for the branch and
    bound. The score is the mean over assessed levers of
    max(0, 100·points/ceiling), rounded twice (each rounding adds at most
    one half), less 10 per breach. For one way, the sum of max(0, x) over
    levers is the largest sum over a subset S of levers; so the best score
    still possible is within 1 of the best, over the subsets S of the
    assessed levers, of a weighted sum of points less breaches, and each
    subset's weighted sum is a longest path on the DAG, all subsets in one
    pass. (Mirrored for the lowest score: the minimax inequality gives a
    lower bound.) Integers throughout: the weights are multiplied by the
    ceilings' least common multiple."""

    def __init__(self, sums, breach, unit, count, offset, best, sign, halves):
        self.sums, self.breach, self.unit, self.count, self.offset = sums, breach, unit, count, offset
        self.best, self.sign = best, sign  # best[state]: per subset, the best weighted sum still to come; or None
        self.halves = halves  # per subset: its number of levers times the unit (twice the rounding slack)

    def reaches(self, state) -> bool:
        return self.best[state] is not None

    def __call__(self, state, points, breaches) -> int:
        unit, n = self.unit, self.count
        top = None
        for value, half in zip(map(add, self.sums(points), self.best[state]), self.halves):
            value -= self.breach * breaches
            if self.sign > 0:  # each lever's percent rounds up by at most a half, then the mean does
                bound = (2 * ((2 * value + half) // (2 * unit)) + n) // (2 * n)
            else:  # … and down by at most a half
                bound = (2 * -((half - 2 * value) // (2 * unit)) + n) // (2 * n)
            top = bound if top is None else max(top, bound)
        top += self.offset
        if self.sign > 0:
            return max(0, min(100, top))
        return -max(0, top)


def _subset_sums(weights: list[tuple[int, int]]):
    """points -> the weighted sum of every subset of the assessed levers
    (subset i holds the levers of the bits of i)."""
    def sums(points) -> list[int]:
        out = [0]
        for k, w in weights:
            value = w * points[k]
            out += [x + value for x in out]
        return out
    return sums


def _bounds(space, order, ceiling, targets, sign) -> _Bound | None:
    assessed = [top for top in ceiling if top > 0]
    n = len(assessed) or 1
    common = lcm(*assessed) if assessed else 1
    weights = [(k, 100 * common // top) for k, top in enumerate(ceiling) if top > 0]
    sums = _subset_sums(weights)
    breach = BREACH_PENALTY * n * common
    offset = 0 if assessed else 100 * common
    pick = max if sign > 0 else min
    edge_sums: dict[tuple, list[int]] = {}
    best: list = [None] * len(space.keys)
    zero = [0] * (1 << len(weights))
    for state in reversed(order):
        if state in targets:
            best[state] = zero
            continue
        found = None
        for edge in space.edges[state]:
            after = best[edge.target]
            if after is None:
                continue
            key = (edge.points, len(edge.breaks))
            gain = edge_sums.get(key)
            if gain is None:
                gain = edge_sums[key] = [x - breach * key[1] for x in sums(edge.points)]
            value = list(map(add, after, gain))
            found = value if found is None else list(map(pick, found, value))
        best[state] = found
    if best[0] is None:
        return None
    halves = [bin(subset).count("1") * common for subset in range(1 << len(weights))]
    return _Bound(sums, breach, common, n, offset // common, best, sign, halves)
