"""Generated loop-free scenarios with five levers (issue 32), and a brute
force that plays them without the explorer: every distinct playthrough
value, through the real engine."""
from __future__ import annotations

import random

from game.core.engine import play
from game.core.model import LEVERS

ENDINGS = ("kept", "wobbling", "gone")


def generate(nodes: int, seed: int, fanout: int = 3, reach: int = 3, dense: bool = True,
             decisions: int | None = None) -> str:
    """A valid loop-free scenario of `nodes` nodes: node i's replies go to
    nodes i+1..i+reach (or an ending past the last), with points on one to
    three of the five levers (-3..3), some mood changes and some rule tags;
    a retained ending turns at risk after two breaches. `dense`: every node
    has `fanout` replies; otherwise a third of the nodes have one.
    `decisions`: only that many nodes (drawn at random) offer a choice."""
    rng = random.Random(seed)
    choosing = set(rng.sample(range(nodes), decisions)) if decisions is not None else None
    out = ["format: 1", f"id: generated-{nodes}-{seed}", f"title: Generated {nodes}",
           "summary: A generated loop-free conversation.", "customer: {name: Gen, mood: uneasy}",
           "start: n0", "on_walkout: gone", "nodes:"]
    for i in range(nodes):
        out += [f"  n{i}:", f"    text: \"Line {i}.\"", "    choices:"]
        count = fanout if dense or rng.random() < 0.67 else 1
        if choosing is not None:
            count = fanout if i in choosing else 1
        for c in range(count):
            step = rng.randint(1, reach)
            goto = f"n{i + step}" if i + step < nodes else rng.choice(ENDINGS)
            picked = rng.sample(LEVERS, rng.randint(1, 3))
            levers = ", ".join(f"{lever}: {rng.randint(-3, 3)}" for lever in picked)
            out += [f"      - text: \"Reply {i}.{c}.\"", f"        goto: {goto}", f"        levers: {{{levers}}}"]
            roll = rng.random() if count > 1 else 1.0  # a node without a choice moves nothing
            if roll < 0.12:
                out.append("        mood: escalate")
            elif roll < 0.3:
                out.append("        mood: soothe")
            elif roll < 0.36:
                out.append("        breaks: dont_upset")
            out.append("        feedback: It connects, or not.")
    out += ["endings:",
            "  kept:", "    outcome: retained", "    text: Kept.", "    variants:",
            "      - if: \"breaches >= 2\"", "        outcome: at_risk", "        text: Kept, just.",
            "  wobbling:", "    outcome: at_risk", "    text: Wobbling.",
            "  gone:", "    outcome: lost", "    text: Gone."]
    return "\n".join(out) + "\n"


def brute_force(scenario, persona: str = "", seed: int = 0):
    """Every distinct finished playthrough value (lever points, rules
    broken, ending, outcome, score), by playing every reply at every step
    and merging playthroughs only when everything that decides their future
    and their result is equal. Returns the finished Results."""
    finished = []
    seen = set()
    stack = [play(scenario, [], seed=seed, persona=persona or None)]
    while stack:
        run = stack.pop()
        if run.finished:
            finished.append(run.result())
            continue
        for number in range(1, len(run.shown_choices()) + 1):
            child = run.fork()
            child.choose(number)
            key = (child.state, child.mood, tuple(child.points.values()), tuple(child.rules.values()),
                   tuple(sorted(child.flags.items())))
            if key not in seen:
                seen.add(key)
                stack.append(child)
    return finished


def planted(stages: int, seed: int) -> tuple[str, dict[str, int]]:
    """A loop-free scenario of 5 * `stages` nodes whose best playthrough is
    known by construction: at each stage's decision the planted reply gives
    2 points to one lever and 1 to the next; the other replies trade levers
    off through side nodes (up to 3 on one lever, losses on others, mood
    changes and rule tags) but never collect more of any lever than the
    planted reply. So every lever's best is the planted path's sum, the
    ceilings are reached together, and the best score is 100. Returns the
    text and each lever's planted sum."""
    rng = random.Random(seed)
    sums = {lever: 0 for lever in LEVERS}
    out = ["format: 1", f"id: planted-{stages}", "title: Planted", "summary: A known best playthrough.",
           "customer: {name: Gen, mood: calm}", "start: m0", "on_walkout: gone", "nodes:"]
    for i in range(stages):
        a, b = LEVERS[i % 5], LEVERS[(i + 1) % 5]
        c = LEVERS[(i + 2 + rng.randint(0, 2)) % 5]
        nxt = f"m{i + 1}" if i + 1 < stages else "kept"
        sums[a] += 2
        sums[b] += 1
        choices = [(f"m{i}", nxt, {a: 2, b: 1}, "")]
        sides = []
        for j in range(4):  # each side node pays back at most what its reply gave up
            side = f"s{i}_{j}"
            sides.append(side)
            if j == 0:
                choices.append((f"m{i}", side, {a: 1, c: -1}, "mood: escalate"))
                sides_pts = {b: 1}
            elif j == 1:
                choices.append((f"m{i}", side, {b: 1}, "breaks: dont_upset"))
                sides_pts = {a: 1}
            elif j == 2:
                choices.append((f"m{i}", side, {a: 2, c: -2}, "mood: soothe"))
                sides_pts = {b: 1, c: 0}
            else:
                choices.append((f"m{i}", side, {c: -1}, ""))
                sides_pts = {a: 2}
            out_side = [f"  {side}:", f"    text: \"Side {i}.{j}.\"", "    choices:",
                        f"      - text: \"Back {i}.{j}.\"", f"        goto: {nxt}",
                        f"        levers: {{{', '.join(f'{k}: {v}' for k, v in sides_pts.items())}}}",
                        "        feedback: It connects, or not."]
            sides.append(out_side)
        out += [f"  m{i}:", f"    text: \"Stage {i}.\"", "    choices:"]
        for _, goto, levers, extra in choices:
            out += [f"      - text: \"To {goto}.\"", f"        goto: {goto}",
                    f"        levers: {{{', '.join(f'{k}: {v}' for k, v in levers.items())}}}"]
            if extra:
                out.append(f"        {extra}")
            out.append("        feedback: It connects, or not.")
        for item in sides:
            if isinstance(item, list):
                out += item
    out += ["endings:", "  kept:", "    outcome: retained", "    text: Kept.",
            "  gone:", "    outcome: lost", "    text: Gone."]
    return "\n".join(out) + "\n", sums
