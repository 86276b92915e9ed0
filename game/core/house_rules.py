"""House rules a scenario can be checked against without playing it.

The bundled library's tests hold every scenario to a few rules beyond the
format: each reply's coaching names a lever or a rule, no reply is penalised
twice for one mistake, and the points are balanced so that the ceiling can
be reached. These checks say the same before any test runs, as warnings with
stable codes (FL070-FL074); the rules that need the library's documents
(content map, trainer's packs) are in `game.authoring.library_rules`.

The balancing rule: at every point on the way to the ceiling, one reply
must be best on every lever at once (counting the best that can still be
collected after it), hidden replies and recovery branches included.
Otherwise each lever's ceiling is collected on a different path, no
playthrough can collect them all, and even the best reading of the customer
scores below 100. The check follows the replies that keep every lever at
its ceiling from `start`; where no reply does, it names the node and the
replies that pull apart. Nodes inside a loop are left to `analyze`.
Pure: no I/O.
"""
from __future__ import annotations

import re

from game.core.errors import Diagnostic
from game.core.graph import edges_of, strongly_connected
from game.core.model import LEVERS

# Words that name a lever (customers first, connect, solve problems, build
# trust, positive emotions) or a rule (don't upset, don't make it worse, shut
# up and listen): the same words the library's tests look for.
NAMES_A_LEVER_OR_RULE = re.compile(r"first|connect|solv|problem|trust|emotion|upset|worse|listen", re.I)

CODES = {
    "FL070": "a reply without coaching",
    "FL071": "coaching that names no lever or rule",
    "FL072": "the balancing rule: no reply is best on every lever",
    "FL073": "a reply penalised twice for one mistake",
    "FL074": "a reply tagged as not listening",
}


def check(scenario, file: str) -> list[Diagnostic]:
    """Every house-rule warning for one loaded scenario, in file order."""
    found = _coaching(scenario, file) + _double_penalties(scenario, file)
    for persona in scenario.personas or [""]:
        found += balancing(scenario, file, persona)
    found = list({(d.line, d.code, d.message): d for d in found}.values())
    return sorted(found, key=lambda d: (d.line, d.column, d.code))


def _warn(code: str, file: str, line: int, message: str, column: int = 1) -> Diagnostic:
    return Diagnostic(code, "warning", file, max(1, line), max(1, column), f"{message} [house rule]")


def _coaching(scenario, file: str) -> list[Diagnostic]:
    found = []
    for nid, node in scenario.nodes.items():
        for choice in node.choices:
            if not choice.feedback.strip():
                found.append(_warn("FL070", file, choice.line,
                                   f"reply {choice.index + 1} at node '{nid}' has no coaching: add `feedback:` "
                                   "saying which lever or rule it serves or breaks"))
            elif not NAMES_A_LEVER_OR_RULE.search(choice.feedback):
                found.append(_warn("FL071", file, choice.line,
                                   f"the coaching of reply {choice.index + 1} at node '{nid}' names no lever or "
                                   "rule: say which it serves or breaks (customers first, connect, solve problems, "
                                   "trust, positive emotions; upset, worse, listen)"))
    return found


def _double_penalties(scenario, file: str) -> list[Diagnostic]:
    from game.core import machines
    found = []
    for persona in scenario.personas or [""]:
        moods = machines.reachable_moods(scenario, persona)
        for nid, node in scenario.nodes.items():
            for choice in node.choices:
                reply = choice.for_persona(persona)
                if "shut_up_and_listen" in reply.breaks:
                    found.append(_warn("FL074", file, reply.line,
                                       f"reply {choice.index + 1} at node '{nid}' is tagged as breaking "
                                       "shut_up_and_listen: venting turns judge listening (`venting: true` and "
                                       "`listens:`), so leave the tag off"))
                if reply.mood == "escalate":
                    twice = {machines.ESCALATION_RULE[m] for m in moods.get(nid, ())} & set(reply.breaks)
                    for rule in sorted(twice):
                        found.append(_warn("FL073", file, reply.line,
                                           f"reply {choice.index + 1} at node '{nid}' escalates and is tagged "
                                           f"`breaks: {rule}`: escalating already breaks it, so one mistake "
                                           "costs 20 points; drop the tag"))
    return found


def balancing(scenario, file: str, persona: str = "") -> list[Diagnostic]:
    """Where the replies that keep every lever at its ceiling run out (see
    the module docstring): one warning per such node, naming the levers and
    the replies that pull apart."""
    comp_of, comps = strongly_connected(edges_of(scenario), [scenario.start])
    best: dict[str, list[int]] = {}  # the most each lever can still collect from a node or ending
    values: dict[str, list[tuple]] = {}  # node -> [(choice, per-lever value through it)]
    for members in comps:  # successors first
        for sid in members:
            if sid in scenario.endings:
                best[sid] = [0] * len(LEVERS)
        if len(members) != 1 or members[0] not in scenario.nodes:
            continue
        node = scenario.nodes[members[0]]
        rows = []
        for choice in node.choices:
            after = best.get(choice.goto)
            if after is None:  # into a loop, or nowhere: left to analyze
                rows = []
                break
            levers = choice.for_persona(persona).levers
            rows.append((choice, [levers.get(lever, 0) + after[k] for k, lever in enumerate(LEVERS)]))
        if rows:
            best[node.id] = [max(v[k] for _, v in rows) for k in range(len(LEVERS))]
            values[node.id] = rows
    found, seen, todo = [], {scenario.start}, [scenario.start]
    while todo:
        nid = todo.pop()
        rows = values.get(nid)
        if rows is None:
            continue
        top = best[nid]
        tight = [choice for choice, v in rows if v == top]
        if not tight:
            found.append(_pull_apart(scenario, file, persona, nid, rows, top))
        for choice in tight:
            if choice.goto not in seen:
                seen.add(choice.goto)
                todo.append(choice.goto)
    return found


def _pull_apart(scenario, file, persona, nid, rows, top) -> Diagnostic:
    node = scenario.nodes[nid]
    where = []
    for k, lever in enumerate(LEVERS):
        if top[k] <= 0:
            continue
        lines = [str(choice.line) for choice, v in rows if v[k] == top[k]]
        if len(lines) < len(rows):
            where.append(f"{lever} {top[k]} (line{'s' if len(lines) > 1 else ''} {', '.join(lines)})")
    who = f" for persona '{persona}'" if persona else ""
    return _warn("FL072", file, node.line,
                 f"balancing rule{who}: no reply at node '{nid}' is best on every lever, counting what follows "
                 f"it; the ceilings come from different replies: {'; '.join(where)}. No playthrough can collect "
                 "them all, so even the best one scores below 100: give the best reply at least the points of "
                 "every other reply on every lever (hidden replies and recovery branches included)", node.column)

