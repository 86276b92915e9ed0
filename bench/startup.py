"""Benchmark: start-up of the commands a trainer types, against the imports they cannot avoid.

Run: `.venv/bin/python bench/startup.py [--runs N]`

Each command as a user types it (a new process each time: interpreter start,
imports, the work), alternated run by run with the floor: a bare
`python -c "import yaml, transitions"` (the two libraries the loader needs),
and `python -c pass` for scale. Goal: `--help` and `validate` of one
scenario within 1.5x the floor. Medians; the load average beside each line.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

COMMANDS = {
    "main.py --help": [sys.executable, "main.py", "--help"],
    "main.py validate scenarios/tutorial.yaml": [sys.executable, "main.py", "validate", "scenarios/tutorial.yaml"],
    "main.py validate scenarios/ (14 files)": [sys.executable, "main.py", "validate", "scenarios/"],
}
FLOOR = [sys.executable, "-c", "import yaml, transitions"]
EMPTY = [sys.executable, "-c", "pass"]


def once(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    cached = "no: PYTHONDONTWRITEBYTECODE is set" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "yes"
    print(f"{os.cpu_count()} CPUs; bytecode cached: {cached}; "
          f"{subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}", flush=True)
    for name, command in COMMANDS.items():
        ours, floor, empty = [], [], []
        for _ in range(args.runs):
            ours.append(once(command))
            floor.append(once(FLOOR))
            empty.append(once(EMPTY))
        med, fmed = statistics.median(ours), statistics.median(floor)
        verdict = "ok" if med <= 1.5 * fmed else "OVER GOAL"
        print(f"  {name:<42} median {med:6.0f} ms   floor (import yaml, transitions) {fmed:5.0f} ms   "
              f"ratio {med / fmed:4.2f} (goal <= 1.5: {verdict})   python -c pass {statistics.median(empty):4.0f} ms  "
              f"load {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
