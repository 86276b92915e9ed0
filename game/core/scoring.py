"""Scoring: lever ceilings, percents, the score, the grade.

Ceilings follow the contract: group nodes into strongly connected
components; a component's own value is the sum of the positive points of
the choices that stay inside it; the ceiling is the best total over chains
of components from the one holding `start` to an ending, adding the points
of the choices that link one component of the chain to the next; never
below 0. Linear in the size of the graph. Rounding is half away from zero.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from game.core.graph import edges_of, strongly_connected
from game.core.model import LEVERS, RULES

GRADES = ((90, "Legendary"), (75, "Strong"), (50, "Developing"), (0, "Needs work"))
BREACH_PENALTY = 10
_NEG = float("-inf")


def round_half_away(value) -> int:
    """62.5 -> 63, -62.5 -> -63 (not Python's banker's rounding)."""
    value = Fraction(value)
    return round_ratio(value.numerator, value.denominator)


def round_ratio(numerator: int, denominator: int) -> int:
    """numerator / denominator (denominator > 0) rounded half away from zero,
    in integers: scoring runs for every random playthrough `analyze` samples."""
    magnitude = (2 * abs(numerator) + denominator) // (2 * denominator)
    return magnitude if numerator >= 0 else -magnitude


def grade_for(score: int) -> str:
    for floor, name in GRADES:
        if score >= floor:
            return name
    return GRADES[-1][1]


@dataclass(frozen=True)
class LeverScore:
    points: int
    ceiling: int
    percent: int | None  # None: the lever is not assessed (ceiling 0)

    def to_dict(self) -> dict:
        return {"points": self.points, "ceiling": self.ceiling, "percent": self.percent}


def percent(points: int, ceiling: int) -> int | None:
    if ceiling <= 0:
        return None
    return max(0, min(100, round_ratio(100 * points, ceiling)))


def score(levers: dict[str, LeverScore], rules: dict[str, int]) -> int:
    assessed = [lv.percent for lv in levers.values() if lv.percent is not None]
    base = round_ratio(sum(assessed), len(assessed)) if assessed else 100
    return max(0, min(100, base - BREACH_PENALTY * sum(rules.values())))


def lever_scores(points: dict[str, int], ceilings: dict[str, int]) -> dict[str, LeverScore]:
    return {lever: LeverScore(points.get(lever, 0), ceilings[lever], percent(points.get(lever, 0), ceilings[lever]))
            for lever in LEVERS}


_ceiling_cache: dict[tuple, dict[str, int]] = {}


def ceilings(scenario, persona: str = "") -> dict[str, int]:
    """Each lever's ceiling for a persona ('' for none; cached per loaded scenario)."""
    key = (scenario.id, scenario.content_hash, id(scenario), persona)
    found = _ceiling_cache.get(key)
    if found is None:
        if len(_ceiling_cache) > 64:
            _ceiling_cache.clear()
        found = _ceiling_cache[key] = {lever: max(0, best)
                                       for lever, best in component_bests(scenario, persona)[0].items()}
    return dict(found)


def component_bests(scenario, persona: str = ""):
    """For each lever, the best chain value from `start` (each reply's points
    as `persona` gets them); also the data the analysis needs to rebuild the
    best chains: (bests, comp_of, comps, best_by_comp)."""
    best, comp_of, comps, choice_best = _chains(scenario, persona)
    start_comp = comp_of[scenario.start]
    bests = {lever: (best[start_comp][k] if best[start_comp][k] != _NEG else 0) for k, lever in enumerate(LEVERS)}
    return bests, comp_of, comps, choice_best


def bests_from(scenario, persona: str = "") -> dict[str, dict[str, int]]:
    """For each node and ending reachable from `start`: the most each lever
    can still collect from there to an ending (inside a loop, the contract's
    upper bound); a state from which no ending is reached is left out."""
    best, comp_of, _, _ = _chains(scenario, persona)
    return {sid: {lever: max(0, best[c][k]) for k, lever in enumerate(LEVERS)}
            for sid, c in comp_of.items() if best[c][0] != _NEG}


def _chains(scenario, persona: str):
    graph = edges_of(scenario)
    comp_of, comps = strongly_connected(graph, [scenario.start])
    n = len(comps)
    own = [[0] * len(LEVERS) for _ in range(n)]
    is_end = [False] * n
    for c, members in enumerate(comps):
        for sid in members:
            if sid in scenario.endings:
                is_end[c] = True
    # best[c][k]: the most points of lever k from entering component c to an ending
    best = [[_NEG] * len(LEVERS) for _ in range(n)]
    choice_best: list[list] = [[None] * len(LEVERS) for _ in range(n)]
    # components come in reverse topological order: successors first
    for c, members in enumerate(comps):
        links: list[tuple[int, tuple[int, ...], str, int]] = []
        own_c = own[c]
        for sid in members:
            node = scenario.nodes.get(sid)
            if node is None:
                continue
            for choice in node.choices:
                d = comp_of.get(choice.goto)
                if d is None:
                    continue
                levers = choice.for_persona(persona).levers
                pts = tuple(levers.get(lever, 0) for lever in LEVERS)
                if d == c:
                    for k, p in enumerate(pts):
                        if p > 0:
                            own_c[k] += p
                else:
                    links.append((d, pts, sid, choice.index))
        row = best[c]
        if is_end[c]:
            row[:] = [0] * len(LEVERS)
        for d, pts, sid, index in links:
            target = best[d]
            for k in range(len(LEVERS)):
                if target[k] == _NEG:
                    continue
                value = pts[k] + target[k]
                if value > row[k]:
                    row[k] = value
                    choice_best[c][k] = (sid, index, d)
        for k in range(len(LEVERS)):
            if row[k] != _NEG:
                row[k] += own_c[k]
    return best, comp_of, comps, choice_best


def empty_rules() -> dict[str, int]:
    return {rule: 0 for rule in RULES}
