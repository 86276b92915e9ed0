"""Benchmark: start-up of the commands a trainer types, against the imports they cannot avoid.

Run: `.venv/bin/python bench/startup.py [--runs N]`

Each command as a user types it (a new process each time: interpreter start,
imports, the work), alternated run by run with its floors. Two things are
measured, each beside its floor:
- start-up: a process that imports what the command needs and stops where
  its work would start (`--help`; `validate` of an empty folder: the loader,
  the validator and the house rules imported, no file read), against a bare
  `python -c "import yaml, transitions"` (the two libraries the loader needs);
- the whole command (`validate` of one file, of the 14 bundled ones), against
  that and against the same work minus ours: the same imports plus a bare
  `yaml.load(f, Loader=yaml.CSafeLoader)` of the same files.
`python -c pass` is given for scale. Goal: start-up within 1.5x its floor. Each line gives the
wall clock and the CPU time (user + system) of the processes: on a shared machine the CPU time is the steadier.
Medians; the load average beside each line.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR = [sys.executable, "-c", "import yaml, transitions"]
EMPTY = [sys.executable, "-c", "pass"]
PARSE = ("import sys, yaml, transitions\n"
         "for name in sys.argv[1:]:\n"
         "    with open(name, 'rb') as f: yaml.load(f, Loader=yaml.CSafeLoader)\n")
BUNDLED = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "scenarios").glob("*.yaml"))


def commands(empty: str) -> list[tuple[str, list[str], list[str] | None]]:
    """(what, our command, the same-work floor or None)."""
    main = [sys.executable, "main.py"]
    return [
        ("start-up: main.py --help", main + ["--help"], None),
        ("start-up: main.py validate <empty folder>", main + ["validate", empty], None),
        ("whole: main.py validate scenarios/tutorial.yaml", main + ["validate", "scenarios/tutorial.yaml"],
         [sys.executable, "-c", PARSE, "scenarios/tutorial.yaml"]),
        (f"whole: main.py validate scenarios/ ({len(BUNDLED)} files)", main + ["validate", "scenarios/"],
         [sys.executable, "-c", PARSE, *BUNDLED]),
    ]


def once(command: list[str]) -> tuple[float, float]:
    """(wall ms, CPU ms) of one run: the CPU time (user + system of the child) moves far less than the
    wall clock when other processes share the machine."""
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall, after = (time.perf_counter() - start) * 1000, resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000


def medians(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    cached = ("not written: PYTHONDONTWRITEBYTECODE is set (read if compiled before)"
              if os.environ.get("PYTHONDONTWRITEBYTECODE") else "yes")
    print(f"{os.cpu_count()} CPUs; bytecode cached: {cached}; "
          f"{subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}", flush=True)
    with tempfile.TemporaryDirectory() as empty:
        for name, command, same in commands(empty):
            ours, floor, work, bare = [], [], [], []
            for _ in range(args.runs):
                ours.append(once(command))
                floor.append(once(FLOOR))
                if same:
                    work.append(once(same))
                bare.append(once(EMPTY))
            (med, cpu), (fmed, fcpu) = medians(ours), medians(floor)
            line = (f"  {name:<50} median {med:6.0f} ms   floor (import yaml, transitions) {fmed:5.0f} ms   "
                    f"ratio {med / fmed:4.2f}   CPU {cpu:4.0f} / {fcpu:4.0f} ms = {cpu / fcpu:4.2f}")
            if same:
                wmed, wcpu = medians(work)
                line += f"   same work (+ bare yaml.load) {wmed:5.0f} ms   ratio {med / wmed:4.2f} (CPU {cpu / wcpu:4.2f})"
            else:
                line += (f" (goal <= 1.5: wall {'ok' if med <= 1.5 * fmed else 'OVER GOAL'}, "
                         f"CPU {'ok' if cpu <= 1.5 * fcpu else 'OVER GOAL'})")
            print(f"{line}   python -c pass {medians(bare)[0]:4.0f} ms  load {os.getloadavg()[0]:.1f}",
                  flush=True)

if __name__ == "__main__":
    main()
