"""How good each reply of a node is, for the LRS and item analysis.

A reply's value is the assessment's own (`quality.reply_value`: lever points
minus 10 for each rule it breaks). Per node, the best replies are those with
the highest value (ties all count as best), and each reply's scaled score is
its value placed between the node's worst (0.0) and best (1.0) reply; a node
whose replies are all worth the same gives every one 1.0.
"""
from __future__ import annotations

from dataclasses import dataclass

from game.core import machines
from game.core.quality import reply_value


@dataclass(frozen=True)
class NodeMarks:
    best: tuple[int, ...]  # authored 0-based positions of the best replies
    scaled: tuple[float, ...]  # per authored position, 0.0-1.0


_CACHE: dict[tuple, dict[str, NodeMarks]] = {}
_CACHE_SIZE = 64


def reply_marks(scenario, persona: str = "") -> dict[str, NodeMarks]:
    """node id -> its replies' marks, for one persona ('' for none). The
    same content (id, content hash, persona) is worked out once."""
    key = (scenario.id, getattr(scenario, "content_hash", ""), persona or "")
    if key[1] and key in _CACHE:
        return _CACHE[key]
    marks = _work_out(scenario, persona)
    if key[1]:
        if len(_CACHE) >= _CACHE_SIZE:
            try:
                _CACHE.pop(next(iter(_CACHE)))
            except (StopIteration, KeyError, RuntimeError):  # another thread trimmed it meanwhile
                pass
        _CACHE[key] = marks
    return marks


def _work_out(scenario, persona: str) -> dict[str, NodeMarks]:
    moods = machines.reachable_moods(scenario, persona or "")
    marks = {}
    for nid, node in scenario.nodes.items():
        if not node.choices:
            continue
        values = [reply_value(node, c.for_persona(persona or ""), moods.get(nid, ())) for c in node.choices]
        top, bottom = max(values), min(values)
        spread = top - bottom
        marks[nid] = NodeMarks(best=tuple(i for i, v in enumerate(values) if v == top),
                               scaled=tuple(round((v - bottom) / spread, 4) if spread else 1.0 for v in values))
    return marks
