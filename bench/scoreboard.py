"""Benchmark: the scoreboard with 100,000 attempts.

Run: `.venv/bin/python bench/scoreboard.py [ATTEMPTS]` (default 100,000).
Fills a fresh SQLite scoreboard in a temporary folder (500 players, 9
scenarios), then times: a scenario's leaderboard (each player's best), a
player's history, and recording one attempt durably (its own committed
transaction with synchronous=FULL). Each is printed with its goal and as a
ratio to the floor it competes with: the bare SQL query of the same rows
(no objects built) and a bare INSERT + commit of the same row.
"""
from __future__ import annotations

import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game import loader  # noqa: E402
from game.engine import Playthrough  # noqa: E402
from game.storage.attempts import Attempt  # noqa: E402
from game.storage.scoreboard import SQLiteScoreboard  # noqa: E402
from game.storage.sql_board import COLUMNS  # noqa: E402


def sample_attempts(rng: random.Random) -> list[Attempt]:
    """A pool of real finished attempts on the bundled scenarios."""
    pool = []
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        scenario = loader.load_file(path)
        for _ in range(20):
            run = Playthrough(scenario)
            while not run.finished:
                run.choose(rng.randint(1, len(run.shown_choices())))
            pool.append(Attempt.from_playthrough(run, "x", "coach", "2026-01-01T10:00:00+00:00"))
    return pool


def timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return times


def report(name: str, ours: list[float], floor: list[float], goal_ms: float) -> None:
    med, p95 = statistics.median(ours), sorted(ours)[int(len(ours) * 0.95) - 1]
    fmed = statistics.median(floor)
    verdict = "ok" if p95 <= goal_ms else "OVER GOAL"
    print(f"{name:<28} median {med:7.2f} ms  p95 {p95:7.2f} ms  (goal <= {goal_ms:g} ms: {verdict})  "
          f"floor {fmed:6.2f} ms  ratio {med / fmed if fmed else float('inf'):5.2f}")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rng = random.Random(7)
    pool = sample_attempts(rng)
    players = [f"Player {n:03d}" for n in range(500)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "scoreboard.sqlite3"
        board = SQLiteScoreboard(path)
        t = time.perf_counter()
        rows = []
        for n in range(count):
            a = rng.choice(pool)
            a.player, a.registration = rng.choice(players), str(uuid.UUID(int=rng.getrandbits(128), version=4))
            day = 1 + n * 300 // count
            a.finished_at = f"2026-{1 + day // 28:02d}-{1 + day % 28:02d}T{n % 24:02d}:00:00+00:00"
            rows.append(a.row())
        with board._conn:
            board._conn.executemany(f"INSERT INTO attempts ({', '.join(COLUMNS)}) VALUES "
                                    f"({', '.join('?' for _ in COLUMNS)})", rows)
        print(f"filled {count:,} attempts in {time.perf_counter() - t:.1f} s "
              f"({path.stat().st_size / 1e6:.0f} MB)")
        scenarios = sorted({a.scenario for a in pool})
        raw = sqlite3.connect(path)

        it = iter(range(10**9))
        report("leaderboard (each best)", timed(lambda: board.leaderboard(scenarios[next(it) % len(scenarios)]), 60),
               timed(lambda: raw.execute("SELECT player, MAX(score) FROM attempts WHERE scenario = ? GROUP BY player",
                                         (scenarios[next(it) % len(scenarios)],)).fetchall(), 60), 20)
        report("player history (all)", timed(lambda: board.history(players[next(it) % 500]), 60),
               timed(lambda: raw.execute("SELECT * FROM attempts WHERE player = ? ORDER BY finished_at",
                                         (players[next(it) % 500],)).fetchall(), 60), 20)
        attempt = pool[0]

        def record():
            attempt.id, attempt.registration = None, str(uuid.uuid4())
            board.record(attempt)

        raw.execute("PRAGMA synchronous = FULL")

        def bare_insert():
            with raw:
                raw.execute(f"INSERT INTO attempts ({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)})",
                            (str(uuid.uuid4()), *attempt.row()[1:]))

        report("record one attempt (durable)", timed(record, 100), timed(bare_insert, 100), 10)
        raw.close()
        board.close()


if __name__ == "__main__":
    main()
