"""Benchmark: scripted play on the bundled scenarios (every one shuffles its replies).

Run: `.venv/bin/python bench/bundled_play.py`

Random replies, a new playthrough (and a new seed: a new shuffle order)
whenever one ends, as `bench/load.py` plays the generated files; the
shuffle order is computed once per node and seed. Goal: >= 150,000 scripted
choices a second on every bundled scenario. Medians of 5 runs of 0.5 s;
the load average beside each line.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from game.core import loader  # noqa: E402
from load import choices_per_second  # noqa: E402


def main() -> None:
    print(f"{os.cpu_count()} CPUs; {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")
    rates = {}
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        scenario = loader.load_file(path)
        rates[scenario.id] = rate = choices_per_second(scenario)
        shuffles = sum(1 for node in scenario.nodes.values() if node.shuffle)
        print(f"  {scenario.id:<20} {rate:>9,.0f} choices/s  ({shuffles} of {len(scenario.nodes)} nodes shuffle; "
              f"goal >= 150,000: {'ok' if rate >= 150_000 else 'UNDER GOAL'})  load {os.getloadavg()[0]:.1f}",
              flush=True)
    met = sum(rate >= 150_000 for rate in rates.values())
    print(f"  {met} of {len(rates)} scenarios reach 150,000 choices/s; slowest {min(rates.values()):,.0f}, "
          f"fastest {max(rates.values()):,.0f}")


if __name__ == "__main__":
    main()
