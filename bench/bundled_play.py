"""Benchmark: scripted play on the bundled scenarios (every one shuffles its replies).

Run: `.venv/bin/python bench/bundled_play.py`

Random replies, a new playthrough (and a new seed: a new shuffle order)
whenever one ends, as `bench/load.py` plays the generated files; the
shuffle order is computed once per node and seed (so here, where every
playthrough has a new seed, at every node a playthrough reaches: the
contract's SHA-256 of "<seed>:<node id>:<n>" for each reply). Goal:
>= 150,000 scripted choices a second on every bundled scenario. Medians
of 5 runs of 0.5 s, counted both by the wall clock and by this process's
CPU time (which other processes on a loaded machine take less from); the
load average beside each line. With --no-order the same play skips the
hashing (every node shown as written): what the order costs, for scale,
not a result (the contract's order is not optional). With --root DIR the
engine of another checkout is played (e.g. `git archive` of an older commit):
run both in turn to compare them.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if "--root" in sys.argv[:-1]:  # before `game` is imported: play that checkout's engine
    ROOT = Path(sys.argv[sys.argv.index("--root") + 1]).resolve()
sys.path.insert(0, str(ROOT))

from game.core import engine, loader, turns  # noqa: E402
from game.core.engine import Playthrough  # noqa: E402


def rates(scenario, seconds: float = 0.5, repeat: int = 5, seed: int | None = None) -> tuple[float, float]:
    """Medians over `repeat` runs: choices per wall-clock second, per CPU second.
    With `seed`, every playthrough has that seed (as `play --choices` with
    its default seed 0, or a test plan); without, a new seed each time."""
    wall, cpu = [], []
    for r in range(repeat):
        rng = random.Random(r)
        made = 0
        t0, c0 = time.perf_counter(), time.process_time()
        while time.perf_counter() - t0 < seconds:
            run = Playthrough(scenario, seed=made if seed is None else seed)
            while not run.finished:
                shown = run.shown_choices()
                if not shown:
                    break
                run.choose(rng.randint(1, len(shown)))
                made += 1
        wall.append(made / (time.perf_counter() - t0))
        cpu.append(made / max(time.process_time() - c0, 1e-9))
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-order", action="store_true", help="skip the shuffle's hashing (for scale only)")
    parser.add_argument("--root", help="play the engine and scenarios of this checkout instead")
    parser.add_argument("--seed", type=int, help="every playthrough with this seed (scripted play's default is 0), "
                        "so each node's order is hashed once; without it a new seed per playthrough")
    args = parser.parse_args()
    if args.no_order:
        turns.hashed_order = lambda seed_hash, tails: tuple(range(len(tails)))
        engine._sha_order = lambda seed, node_id, count: tuple(range(count))  # older engines' names
        engine.shuffled_order = lambda seed, node: tuple(range(len(node.choices)))  # an older engine's name
    print(f"{os.cpu_count()} CPUs; {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}"
          + ("; WITHOUT the shuffle's hashing (for scale)" if args.no_order else "")
          + (f"; the engine of {ROOT}" if args.root else "")
          + (f"; every playthrough with seed {args.seed}" if args.seed is not None
             else "; a new seed for every playthrough"))
    found = {}
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        scenario = loader.load_file(path)
        wall, cpu = found[scenario.id] = rates(scenario, seed=args.seed)
        shuffles = sum(1 for node in scenario.nodes.values() if node.shuffle)
        print(f"  {scenario.id:<20} {wall:>9,.0f} choices/s (wall)  {cpu:>9,.0f} per CPU second  "
              f"({shuffles} of {len(scenario.nodes)} nodes shuffle; goal >= 150,000: "
              f"{'ok' if wall >= 150_000 else 'UNDER GOAL'})  load {os.getloadavg()[0]:.1f}", flush=True)
    walls = [w for w, _ in found.values()]
    cpus = [c for _, c in found.values()]
    print(f"  {sum(w >= 150_000 for w in walls)} of {len(walls)} scenarios reach 150,000 choices/s (wall); "
          f"slowest {min(walls):,.0f}, fastest {max(walls):,.0f}; per CPU second {min(cpus):,.0f} to {max(cpus):,.0f}")


if __name__ == "__main__":
    main()
