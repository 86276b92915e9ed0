"""Generate large, valid scenarios for benchmarks (deterministic)."""
from __future__ import annotations

import random

LEVERS = ("customers_first", "connect", "solve_problems", "build_trust", "positive_emotions")


def scenario_text(n_nodes: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    out = [
        "format: 1", f"id: bench-{n_nodes}", "version: 1", f"title: Benchmark with {n_nodes} nodes",
        "summary: A generated scenario for timing.", "difficulty: 3",
        "customer:", "  name: Alex Morgan", "  role: Buyer", "  mood: uneasy",
        "briefing: |", "  A long generated conversation.", "start: n0", "on_walkout: lost", "nodes:",
    ]
    for i in range(n_nodes):
        out.append(f"  n{i}:")
        out.append(f"    text: \"Line {i}: I have been waiting for an answer about order {i * 7} for a while now.\"")
        if i % 10 == 3:
            out.append("    venting: true")
        out.append("    choices:")
        targets = [f"n{i + 1}" if i + 1 < n_nodes else "kept",
                   f"n{min(i + 2, n_nodes - 1)}" if i + 2 < n_nodes else "risk",
                   f"n{rng.randrange(max(1, i))}" if i > 5 and i % 7 == 0 else "risk"]
        for k, goto in enumerate(targets):
            lever_a, lever_b = rng.sample(LEVERS, 2)
            out.append(f"      - text: \"Reply {k + 1} at step {i}: let me look into that for you right away.\"")
            out.append(f"        goto: {goto}")
            out.append(f"        levers: {{{lever_a}: {rng.randint(-1, 3)}, {lever_b}: {rng.randint(-2, 2)}}}")
            out.append(f"        mood: {('soothe', 'steady', 'escalate')[k]}")
            if k == 0:
                out.append("        listens: true")
            out.append(f"        feedback: \"Coaching for reply {k + 1}: it names the lever it moves and why.\"")
            if k == 1 and i % 5 == 0:
                out.append("        if: \"asked or mood >= upset\"")
            if k == 0 and i % 5 == 1:
                out.append("        set: {asked: true}")
    out += ["endings:",
            "  kept: {outcome: retained, text: \"Kept.\"}",
            "  risk: {outcome: at_risk, text: \"At risk.\"}",
            "  lost: {outcome: lost, text: \"Lost.\"}", ""]
    return "\n".join(out)
