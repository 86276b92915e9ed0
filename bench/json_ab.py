"""`scoreboard --format json --scenario renewal-call` of this tree against another tree (A/B), each on its own
copy of a kept SQLite scoreboard and each beside its raw rows (the columns and replies each object is made of,
bench/scoreboard_commands.one_scenario_sql, fetched by a bare Python process on the same copy): the four
alternated, their order reversed every run; medians of the CPU time of each process (the figure on a
shared machine, where the wall clock moves with other work), the wall clock and the peak beside it, and
whether both trees wrote the same bytes.

    python bench/json_ab.py OURS_SAVES OTHER_TREE OTHER_SAVES [--runs 7]

OURS_SAVES: a saves folder (`scoreboard.sqlite3` in it) opened by this tree (upgraded on first open);
OTHER_SAVES its twin for OTHER_TREE (a checkout, e.g. main's), which must be at that tree's schema."""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scoreboard_commands import RAW_SQLITE, one_scenario_sql  # noqa: E402


def measured(command: list[str], cwd: Path, saves: Path, out: Path) -> tuple[float, float, float]:
    """(CPU seconds, wall seconds, peak MB) of a command, its output to `out` (/usr/bin/time's)."""
    env = {**os.environ, "FIVE_LEVERS_SAVES": str(saves)}
    env.pop("FIVE_LEVERS_DB", None)
    with open(out, "wb") as sink:
        proc = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", *command], cwd=cwd, env=env, stdout=sink,
                              stderr=subprocess.PIPE)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {proc.stderr.decode()[-2000:]}")
    wall, user, system, peak = proc.stderr.decode().strip().splitlines()[-1].split()
    return float(user) + float(system), float(wall), int(peak) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ours_saves", type=Path)
    parser.add_argument("other_tree", type=Path)
    parser.add_argument("other_saves", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from game.storage.scoreboard import SQLiteScoreboard
    board = SQLiteScoreboard(args.ours_saves / "scoreboard.sqlite3")  # upgraded here, not in a timed run
    floor_sql = one_scenario_sql(board)
    board.close()
    command = [sys.executable, "main.py", "scoreboard", "--format", "json", "--scenario", "renewal-call"]
    scratch = Path(tempfile.mkdtemp(prefix="json-ab-"))
    jobs = {"A this tree": (command, ROOT, args.ours_saves, scratch / "a.json"),
            "B other tree": (command, args.other_tree, args.other_saves, scratch / "b.json"),
            "A raw rows": ([sys.executable, "-c", RAW_SQLITE, str(args.ours_saves / "scoreboard.sqlite3"), floor_sql],
                           ROOT, args.ours_saves, Path(os.devnull)),
            "B raw rows": ([sys.executable, "-c", RAW_SQLITE, str(args.other_saves / "scoreboard.sqlite3"), floor_sql],
                           ROOT, args.other_saves, Path(os.devnull))}
    print(f"{os.cpu_count()} CPUs; {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")
    results: dict[str, list] = {name: [] for name in jobs}
    loads = []
    for run in range(args.runs):
        for name in (list(jobs) if run % 2 == 0 else list(reversed(jobs))):
            results[name].append(measured(*jobs[name]))
        loads.append(os.getloadavg()[0])
    medians = {name: [statistics.median(r[i] for r in runs) for i in range(2)] + [max(r[2] for r in runs)]
               for name, runs in results.items()}
    for name, (cpu, wall, peak) in medians.items():
        print(f"  {name:<13} median CPU {cpu:5.2f} s  wall {wall:5.2f} s  peak {peak:4.0f} MB")
    for side in ("A", "B"):
        ours = medians[f"{side} {'this' if side == 'A' else 'other'} tree"]
        raw = medians[f"{side} raw rows"]
        print(f"  {side}: {ours[0] / raw[0]:.2f}x its raw rows in CPU time, {ours[1] / raw[1]:.2f}x in wall clock")
    same = (scratch / "a.json").read_bytes() == (scratch / "b.json").read_bytes()
    print(f"  same bytes: {same}; {args.runs} runs, load {min(loads):.1f}-{max(loads):.1f}, "
          f"{time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC")


if __name__ == "__main__":
    main()
