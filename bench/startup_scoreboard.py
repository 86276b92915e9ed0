"""Benchmark: `main.py scoreboard`'s start-up, this tree against another (A/B), each beside its raw-rows floor.

Run: `.venv/bin/python bench/startup_scoreboard.py --before /path/to/other/tree [--attempts N] [--runs N]`

A small SQLite scoreboard (`--attempts`, default 2,000, filled as bench/scoreboard.py fills: real attempts on the
bundled scenarios) is read by each command as a user types it, in a new process each time: this tree (A), the
`--before` tree (B) and the floor (a bare Python process fetching the same query as raw rows, as
bench/scoreboard_commands.py's), alternated run by run. On a small fill the start-up (interpreter, imports)
is most of each command, which is what this measures. Figures: the median CPU time (user + system) of the
processes, steadier than the wall clock on a shared machine, and the ratio to the floor (goal: <= 1.5x).
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from scoreboard import fill_sqlite, one_scenario_sql, sample_rows  # noqa: E402
from scoreboard_commands import CSV_COLUMNS, RAW_SQLITE  # noqa: E402

from game.storage.scoreboard import SQLiteScoreboard  # noqa: E402
from game.storage.views import TABLE_COLUMNS  # noqa: E402


def once(command: list[str], cwd: Path, env: dict) -> float:
    """CPU ms (user + system) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="the other tree (B), e.g. a worktree of the branch before")
    parser.add_argument("--attempts", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    before = Path(args.before).resolve()
    print(f"{os.cpu_count()} CPUs; A = {ROOT}, B = {before}; {args.attempts:,} attempts (SQLite); "
          f"{subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "scoreboard.sqlite3"
        fill_sqlite(path, args.attempts, sample_rows(random.Random(7)))
        board = SQLiteScoreboard(path)
        json_sql = one_scenario_sql(board)
        board.close()
        env = {**os.environ, "FIVE_LEVERS_SAVES": folder}
        env.pop("FIVE_LEVERS_DB", None)
        columns = ", ".join(TABLE_COLUMNS)
        one = "WHERE scenario = 'renewal-call' ORDER BY finished_at, id"
        commands = [
            ("scoreboard (table, all)", [], f"SELECT {columns} FROM attempts ORDER BY finished_at, id"),
            ("scoreboard --scenario renewal-call", ["--scenario", "renewal-call"],
             f"SELECT {columns} FROM attempts {one}"),
            ("scoreboard --format csv (renewal-call)", ["--format", "csv", "--scenario", "renewal-call"],
             f"SELECT {CSV_COLUMNS} FROM attempts {one}"),
            ("scoreboard --format json (renewal-call)", ["--format", "json", "--scenario", "renewal-call"], json_sql),
        ]
        print(f"{'CPU ms, median of ' + str(args.runs):<42} {'A':>6} {'B':>6} {'floor':>6} {'A/floor':>8} "
              f"{'B/floor':>8}", flush=True)
        for name, extra, sql in commands:
            a, b, floor = [], [], []
            for _ in range(args.runs):
                a.append(once([sys.executable, "main.py", "scoreboard", *extra], ROOT, env))
                b.append(once([sys.executable, "main.py", "scoreboard", *extra], before, env))
                floor.append(once([sys.executable, "-c", RAW_SQLITE, str(path), sql], ROOT, env))
            ma, mb, mf = (statistics.median(x) for x in (a, b, floor))
            print(f"{name:<42} {ma:6.0f} {mb:6.0f} {mf:6.0f} {ma / mf:8.2f} {mb / mf:8.2f}  "
                  f"load {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
