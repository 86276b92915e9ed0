"""Benchmark: the scoreboard at 1,000,000 attempts, on SQLite and on PostgreSQL.

Run: `.venv/bin/python bench/scoreboard.py [--attempts N] [--backend sqlite|postgresql|both]`
(default 1,000,000 attempts, both backends; PostgreSQL runs in a throwaway
cluster from the distribution's packages, as in the tests).

Fills a fresh scoreboard (real finished attempts on the bundled scenarios,
random replies, 500 players), then measures, each beside the floor it
competes with:
- a scenario's leaderboard and a player's history (goal <= 20 ms), against
  the bare SQL of the same rows (history: the same columns, as tuples);
- `main.py export --csv` as a user runs it (goal: within 2x of the floor,
  under 100 MB of memory), against `sqlite3 -csv` / psql `\\copy` of the same
  columns;
- on PostgreSQL, 20 client processes recording 1,000 attempts at once
  (goal: none lost).
Medians of several runs; results go in docs/performance.md.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.core import loader  # noqa: E402
from game.core.engine import Playthrough  # noqa: E402
from game.storage.attempts import NUMBER_COLUMNS, Attempt  # noqa: E402
from game.storage.sql_board import COLUMNS, HISTORY_COLUMNS  # noqa: E402

FILLED = (*COLUMNS, *NUMBER_COLUMNS)  # what recording an attempt writes to its row

CSV_COLUMNS = ("id, registration, player, scenario, title, version, content_hash, mode, started_at, finished_at, "
               "duration_s, score, grade, outcome, ending, persona, persona_style, player_style, levers, rules, "
               "choices, path")
PLAYERS = [f"Player {n:03d}" for n in range(500)]


def sample_rows(rng: random.Random) -> list[tuple]:
    """A pool of real finished attempts on the bundled scenarios, as rows."""
    pool = []
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        scenario = loader.load_file(path)
        for _ in range(20):
            run = Playthrough(scenario)
            while not run.finished:
                run.choose(rng.randint(1, len(run.shown_choices())))
            pool.append(Attempt.from_playthrough(run, "x", "coach", "2026-01-01T10:00:00+00:00"))
    return pool


def rows(count: int, rng: random.Random, pool):
    for n in range(count):
        a = rng.choice(pool)
        a.player, a.registration = rng.choice(PLAYERS), str(uuid.UUID(int=rng.getrandbits(128), version=4))
        day = 1 + n * 300 // count
        a.finished_at = f"2026-{1 + day // 28:02d}-{1 + day % 28:02d}T{n % 24:02d}:{n % 60:02d}:00+00:00"
        yield (*a.row(), *a.numbers())


def timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return times


def report(name: str, ours: list[float], floor: list[float], goal_ms: float) -> None:
    med, p95 = statistics.median(ours), sorted(ours)[max(0, int(len(ours) * 0.95) - 1)]
    fmed = statistics.median(floor)
    verdict = "ok" if p95 <= goal_ms else "OVER GOAL"
    print(f"  {name:<26} median {med:7.2f} ms  p95 {p95:7.2f} ms  (goal <= {goal_ms:g} ms: {verdict})  "
          f"floor {fmed:6.2f} ms  ratio {med / fmed if fmed else float('inf'):5.2f}", flush=True)


def run_measured(command: list[str], env: dict, out: Path | None = None) -> tuple[float, float]:
    """(seconds, peak memory in MB) of a command, its standard output to `out`."""
    start = time.perf_counter()
    with open(out or os.devnull, "wb") as sink:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=sink, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed: {proc.stderr.read().decode()[-2000:]}")
    proc.stderr.close()
    return seconds, usage.ru_maxrss / 1024


def export_csv(env: dict, floor_command: list[str], folder: Path, repeat: int = 3) -> None:
    ours = [run_measured([sys.executable, "main.py", "export", "--csv", str(folder / "ours.csv")], env)
            for _ in range(repeat)]
    floor = [run_measured(floor_command, env, folder / "floor.csv") for _ in range(repeat)]
    t, mem = statistics.median(x[0] for x in ours), max(x[1] for x in ours)
    ft = statistics.median(x[0] for x in floor)
    size = (folder / "ours.csv").stat().st_size / 1e6
    print(f"  export --csv               median {t:6.1f} s  peak {mem:5.0f} MB  ({size:.0f} MB written; goal: "
          f"<= 2x floor, < 100 MB: {'ok' if t <= 2 * ft and mem < 100 else 'OVER GOAL'})  floor {ft:6.1f} s  "
          f"ratio {t / ft:4.2f}", flush=True)


def queries(board, raw_query, scenarios) -> None:
    it = iter(range(10**9))
    report("leaderboard (each best)", timed(lambda: board.leaderboard(scenarios[next(it) % len(scenarios)]), 40),
           timed(lambda: raw_query("SELECT person, MAX(score) FROM attempts WHERE scenario = ? AND status = 'finished' "
                                   "GROUP BY person", (scenarios[next(it) % len(scenarios)],)), 40), 20)
    report("player history (all)", timed(lambda: board.history(PLAYERS[next(it) % 500]), 40),
           timed(lambda: raw_query(f"SELECT {', '.join(HISTORY_COLUMNS)} FROM attempts WHERE player = ? "
                                   "ORDER BY finished_at, id", (PLAYERS[next(it) % 500],)), 40), 20)


def bench_sqlite(count: int, pool, folder: Path) -> None:
    import sqlite3
    from game.storage.scoreboard import SQLiteScoreboard
    print(f"SQLite {sqlite3.sqlite_version}, {count:,} attempts", flush=True)
    saves = folder / "saves"
    saves.mkdir()
    path = saves / "scoreboard.sqlite3"
    SQLiteScoreboard(path).close()
    raw = sqlite3.connect(path)
    t = time.perf_counter()
    marks = ", ".join("?" for _ in FILLED)
    with raw:
        raw.executemany(f"INSERT INTO attempts ({', '.join(FILLED)}) VALUES ({marks})",
                        rows(count, random.Random(7), pool))
        raw.execute("INSERT INTO bests (scenario, person, best, attempts, best_id) SELECT scenario, person, "
                    "MAX(score), COUNT(*), MIN(id) FROM attempts WHERE status = 'finished' GROUP BY scenario, person")
    raw.execute("ANALYZE")
    print(f"  filled in {time.perf_counter() - t:.0f} s ({path.stat().st_size / 1e9:.1f} GB)", flush=True)
    board = SQLiteScoreboard(path)
    scenarios = sorted({a.scenario for a in pool})
    queries(board, lambda sql, p: raw.execute(sql, p).fetchall(), scenarios)
    board.close()
    env = {**os.environ, "FIVE_LEVERS_SAVES": str(saves)}
    env.pop("FIVE_LEVERS_DB", None)
    export_csv(env, ["sqlite3", "-csv", "-header", str(path),
                     f"SELECT {CSV_COLUMNS} FROM attempts ORDER BY finished_at, id"], folder)
    raw.close()


def bench_postgresql(count: int, pool, folder: Path, clients: int, per_client: int) -> None:
    from tests.pg_cluster import Cluster
    from game.storage.pg_board import PostgresScoreboard
    cluster = Cluster().start()
    try:
        address = cluster.new_database()
        import psycopg
        board = PostgresScoreboard(address)
        print(f"PostgreSQL {board._connection().info.server_version}, {count:,} attempts", flush=True)
        t = time.perf_counter()
        with psycopg.connect(address) as conn, conn.cursor() as cur:
            with cur.copy(f"COPY attempts ({', '.join(FILLED)}) FROM STDIN") as copy:
                for row in rows(count, random.Random(7), pool):
                    copy.write_row(row)
            cur.execute("INSERT INTO bests (scenario, person, best, attempts, best_id) SELECT scenario, person, "
                        "MAX(score), COUNT(*), MIN(id) FROM attempts WHERE status = 'finished' "
                        "GROUP BY scenario, person")
            conn.commit()
            conn.autocommit = True
            conn.execute("VACUUM ANALYZE attempts")
        print(f"  filled in {time.perf_counter() - t:.0f} s", flush=True)
        raw = psycopg.connect(address, autocommit=True)
        scenarios = sorted({a.scenario for a in pool})
        queries(board, lambda sql, p: raw.execute(sql.replace("?", "%s"), p).fetchall(), scenarios)
        board.close()
        env = {**os.environ, "FIVE_LEVERS_DB": address, "FIVE_LEVERS_SAVES": str(folder / "pg-saves")}
        psql = shutil.which("psql") or str(cluster.bin / "psql")
        export_csv(env, [psql, address, "-c", f"\\copy (SELECT {CSV_COLUMNS} FROM attempts ORDER BY finished_at, id) "
                         "TO STDOUT CSV HEADER"], folder)
        before = raw.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
        t = time.perf_counter()
        writers = [subprocess.Popen([sys.executable, "-m", "tests.storage.writer", f"client{n}", str(per_client)],
                                    cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True) for n in range(clients)]
        written = set()
        for w in writers:
            out, err = w.communicate(timeout=600)
            if w.returncode:
                raise SystemExit(err)
            written |= {line.split()[1] for line in out.splitlines() if line != "ready"}
        stored = raw.execute("SELECT COUNT(*) FROM attempts").fetchone()[0] - before
        print(f"  {clients} clients x {per_client} attempts: {len(written)} recorded, {stored} stored, "
              f"{len(written) - stored} lost, in {time.perf_counter() - t:.1f} s (goal: none lost: "
              f"{'ok' if stored == len(written) == clients * per_client else 'LOST SOME'})", flush=True)
        raw.close()
    finally:
        cluster.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--per-client", type=int, default=50)
    args = parser.parse_args()
    pool = sample_rows(random.Random(7))
    with tempfile.TemporaryDirectory(prefix="five-levers-bench-") as folder:
        if args.backend in ("sqlite", "both"):
            (Path(folder) / "sqlite").mkdir()
            bench_sqlite(args.attempts, pool, Path(folder) / "sqlite")
        if args.backend in ("postgresql", "both"):
            (Path(folder) / "pg").mkdir()
            bench_postgresql(args.attempts, pool, Path(folder) / "pg", args.clients, args.per_client)


if __name__ == "__main__":
    main()
