"""Carrying a playthrough over to a scenario file that has just changed (F5
in the game): keep the position when possible, and say what changed."""
from __future__ import annotations

from game.core.engine import Playthrough
from game.core.errors import FiveLeversError


def _node_shape(node) -> tuple:
    return (node.speaker, node.text, node.venting, node.shuffle,
            tuple((c.text, c.goto, tuple(sorted(c.levers.items())), c.mood, c.listens, c.breaks, c.feedback,
                   c.condition_source, c.once, tuple(sorted(c.set.items())), tuple(sorted(c.add.items())))
                  for c in node.choices))


def _ending_shape(ending) -> tuple:
    return (ending.outcome, ending.text, ending.coaching)


def scenario_changes(old, new) -> str:
    """A short summary such as '2 nodes changed, 1 added'; 'no changes' when equal."""
    parts = []
    for what, a, b, shape in (("node", old.nodes, new.nodes, _node_shape),
                              ("ending", old.endings, new.endings, _ending_shape)):
        changed = sum(1 for k in a.keys() & b.keys() if shape(a[k]) != shape(b[k]))
        added, removed = len(b.keys() - a.keys()), len(a.keys() - b.keys())
        for count, verb in ((changed, "changed"), (added, "added"), (removed, "removed")):
            if count:
                parts.append(f"{count} {what}{'s' if count != 1 else ''} {verb}")
    other = [name for name in ("title", "summary", "customer", "briefing", "start")
             if getattr(old, name) != getattr(new, name)]
    if other:
        parts.append(", ".join(other) + " changed")
    return ", ".join(parts) or "no changes"


def carry_over(run: Playthrough, new) -> tuple[Playthrough, str]:
    """The playthrough on the new scenario, and a sentence saying where the
    player now is. Replays the same replies; if they no longer lead to the
    same node but that node still exists, continues from it (as `--from`
    does: mood, flags and points start afresh); otherwise starts again."""
    here = run.state
    snap = run.snapshot()
    try:
        replayed = Playthrough.restore(new, {**snap, "content_hash": new.content_hash}, strict=False)
    except FiveLeversError:
        replayed = None
    if replayed is not None and replayed.choices == run.choices and replayed.state == here:
        return replayed, f"you are still at '{here}'"
    if here in new.nodes:
        return Playthrough(new, seed=run.seed, start=here,
                           persona=run.persona if run.persona in new.personas else None), \
            f"the earlier replies no longer lead to '{here}', so you continue from it afresh (mood, flags and points reset)"
    return Playthrough(new, seed=run.seed, persona=run.persona if run.persona in new.personas else None), f"node '{here}' is no longer in the file, so the conversation starts again"
