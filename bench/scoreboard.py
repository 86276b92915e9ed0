"""Benchmark: the scoreboard at 1,000,000 attempts, on SQLite and on PostgreSQL.

Run: `.venv/bin/python bench/scoreboard.py [--attempts N] [--backend sqlite|postgresql|both]
[--keep DIR] [--skip export,clients,screen]` (default 1,000,000 attempts, both backends; PostgreSQL runs in
a throwaway cluster from the distribution's packages, as in the tests). `--keep DIR` keeps the filled
databases in DIR and reuses them on the next run (filling a million attempts is the slow part).

Fills a scoreboard (real finished attempts on the bundled scenarios, random
replies, 500 players; the summary tables filled by the same SQL as the
schema upgrade), then measures what a reviewer waits for, each beside its
floor, the two alternated run by run, medians and p95 of 40 runs:
- every view of the Scoreboard screen (app.scoreboard_reads.gather: the
  scenario list, the customer filters, then the view), and each board call
  it makes; the floor is the very SQL our code sent, fetched as raw rows
  (tuples, no objects): the same work minus ours. Goal: p95 <= 20 ms and
  <= 1.5x the floor;
- `main.py scoreboard` (the table) as a user runs it, all attempts and one
  scenario, and `--format csv` / `--format json` of one scenario, time and
  peak memory, each against two floors run alternately with it: the
  database's own tool printing the same rows query (`sqlite3` / `psql`),
  and a bare Python process fetching that same query as raw rows (tuples,
  5,000 at a time, nothing written). Goal: <= 1.5x the raw rows, < 100 MB;
- `main.py export --csv` (goal: within 2x of the floor, under 100 MB),
  against `sqlite3 -csv` / psql `\\copy` of the same columns;
- on PostgreSQL, 20 client processes recording 1,000 attempts at once (goal: none lost).
Every line ends with the machine's load average (1 minute) while it was measured.
Results go in docs/performance.md.
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

from game.app.scoreboard_reads import gather  # noqa: E402
from game.core import loader  # noqa: E402
from game.core.engine import Playthrough  # noqa: E402
from game.storage.attempts import NUMBER_COLUMNS, Attempt  # noqa: E402
from game.storage.shared_tables import ALL_BESTS_FILL, SUMMARY_FILL, TABLE_WIDTHS_FILL  # noqa: E402
from game.storage.sql_board import COLUMNS  # noqa: E402
from scoreboard_commands import (COMMAND_RUNS, RAW_POSTGRES, RAW_SQLITE, load, one_scenario_sql,  # noqa: E402
                                 table_and_export)
from game.storage.certificate_summary import fill_sql as certificate_fill_sql  # noqa: E402
from game.storage.team_people_months import fill_sql as people_months_fill_sql  # noqa: E402
from game.storage.team_scenario_weeks import fill_sql as scenario_weeks_fill_sql  # noqa: E402
from game.storage.team_summary import fill_all_sql  # noqa: E402
from game.storage.team_views import POSTGRES_WEEK, SQLITE_WEEK  # noqa: E402

FILLED = (*COLUMNS, *NUMBER_COLUMNS)  # what recording an attempt writes to its row

PLAYERS = [f"Player {n:03d}" for n in range(500)]
REPEAT = 40
SKIP: set[str] = set()  # --skip
COURSE: list[str] = []  # --course
CPU: list[bool] = []  # --cpu
CLOCK = [time.perf_counter]  # --cpu: SQLite's views timed by this process's CPU time (all their work is in it)


def sample_rows(rng: random.Random) -> list:
    """A pool of real finished attempts on the bundled scenarios (each persona met)."""
    pool = []
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        scenario = loader.load_file(path)
        personas = list(scenario.personas) or [None]
        for n in range(20):
            run = Playthrough(scenario, seed=n, persona=personas[n % len(personas)])
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


def statements(script: str) -> list[str]:
    return [s for s in script.split(";") if s.strip()]


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


class Spy:
    """The board's calls, with the SQL each one sent (to replay as the floor)."""

    def __init__(self, board):
        self.board, self.sent = board, []
        self.real = type(board)._query

    def __enter__(self):
        spy = self

        def query(board, sql, params=(), plain=False):
            spy.sent.append((board._sql(sql), tuple(params)))
            return spy.real(board, sql, params, plain)
        type(self.board)._query = query
        return self

    def __exit__(self, *exc):
        type(self.board)._query = self.real


def view(name: str, ours, board, raw_fetch, goal_ms: float = 20, ratio_goal: float = 1.5, repeat: int = REPEAT) -> dict:
    """Time `ours` and, alternated with it, the very SQL it sends fetched as raw rows."""
    with Spy(board) as spy:
        ours()
    sent = spy.sent

    def floor():
        for sql, params in sent:
            raw_fetch(sql, params)
    ours_ms, floor_ms = [], []
    for _ in range(repeat):
        for fn, out in ((ours, ours_ms), (floor, floor_ms)):
            t = CLOCK[0]()
            fn()
            out.append((CLOCK[0]() - t) * 1000)
    med, fmed = statistics.median(ours_ms), statistics.median(floor_ms)
    ratio = med / fmed if fmed else float("inf")
    verdict = "ok" if p95(ours_ms) <= goal_ms and ratio <= ratio_goal else "OVER GOAL"
    print(f"  {name:<44} median {med:8.2f} ms  p95 {p95(ours_ms):7.2f} ms  floor {fmed:7.2f} ms "
          f"(p95 {p95(floor_ms):6.2f})  ratio {ratio:4.2f}  {len(sent)} queries  [{verdict}]  {load()}", flush=True)
    return {"name": name, "median": med, "p95": p95(ours_ms), "floor": fmed, "ratio": ratio}


def screen_views(board, raw_fetch, scenarios: list[str]) -> None:
    """Every view of the Scoreboard screen (each tab and filter), and each board call behind them;
    then the team dashboard's (`--skip views`: the team dashboard's only; `--skip team`: not it)."""
    busiest = max(scenarios, key=lambda s: len(board.personas(s)))
    persona = board.personas(busiest)[0][0]
    style = next(s for _, s in board.personas() if s)
    if SKIP & {"views", "screen"}:
        if "team" not in SKIP:
            team_views(board, raw_fetch, busiest, persona, style)
        return
    player = PLAYERS[7]
    titles = {}

    def ask(view, index=0, filter_=None):
        return {"view": view, "player": player, "titles": titles, "index": index, "filter": filter_}
    where = sorted(board.scenarios()).index(busiest)
    print(f"  Scoreboard screen (player {player!r}, scenario {busiest!r}, customer {persona!r}):", flush=True)
    view("screen: history, all scenarios", lambda: gather(board, ask("history")), board, raw_fetch)
    view("screen: history, one scenario", lambda: gather(board, ask("history", where + 1)), board, raw_fetch)
    view("screen: history, customer style filter", lambda: gather(board, ask("history", 0, ("style", style))),
         board, raw_fetch)
    view("screen: leaders", lambda: gather(board, ask("leaders", where)), board, raw_fetch)
    view("screen: leaders, customer filter", lambda: gather(board, ask("leaders", where, ("persona", persona))),
         board, raw_fetch)
    view("screen: styles", lambda: gather(board, ask("styles")), board, raw_fetch)
    print("  each call:", flush=True)
    view("scenarios()", board.scenarios, board, raw_fetch)
    view("personas() (all scenarios)", board.personas, board, raw_fetch)
    view("personas(scenario)", lambda: board.personas(busiest), board, raw_fetch)
    view("leaderboard(scenario)", lambda: board.leaderboard(busiest), board, raw_fetch)
    view("leaderboard(scenario, persona)", lambda: board.leaderboard(busiest, persona=persona), board, raw_fetch)
    view("history_page(player, 50) (the list)", lambda: board.history_page(player, 50), board, raw_fetch)
    view("history_trend(player) (the chart, about 2,000)", lambda: board.history_trend(player), board, raw_fetch)
    view("history_trend(player, scenario, levers)", lambda: board.history_trend(player, True, scenario=busiest),
         board, raw_fetch)
    view("history(player) (about 2,000; web history, not the screen)", lambda: board.history(player), board,
         raw_fetch)
    view("course_attempts(player, every scenario) (the course view)",
         lambda: board.course_attempts(player, scenarios), board, raw_fetch)
    view("style_breakdown(player)", lambda: board.style_breakdown(player), board, raw_fetch)
    if "team" not in SKIP:
        team_views(board, raw_fetch, busiest, persona, style)
    before = "SELECT scenario, MAX(title) AS title FROM attempts GROUP BY scenario ORDER BY scenario"
    t = time.perf_counter()
    raw_fetch(before, ())
    print(f"  (before: scenarios() as a GROUP BY over the attempts took {(time.perf_counter() - t) * 1000:.0f} ms "
          f"once here)  {load()}", flush=True)


def team_views(board, raw_fetch, scenario: str, persona: str, style: str) -> None:
    """The team dashboard (app.team_view.dashboard: levers by person, weeks, scenarios, absent; every
    filter) and each board call behind it, beside the very SQL it sent fetched as raw rows. No filter,
    one filter or a customer (or style) with a mode reads the summary tables (game/storage/team_summary.py:
    weeks and all time, whole months for the people view, and per scenario and week for the scenarios view
    over any date range: team_scenario_weeks.py); "fallback" lines count from the attempts' index."""
    from game.app.team_view import dashboard
    for n in range(20):  # a roster for the absent view (learner ids nobody here played under)
        board.roster_add(f"lead{n:02d}@example.org", f"Lead {n:02d}", "North")
    print("  team dashboard (every view at once; absent since 2026-10-01):", flush=True)
    for label, filters in (("no filter", {}), ("scenario", {"scenario": scenario}), ("customer", {"persona": persona}),
                           ("customer style", {"style": style}), ("mode", {"mode": "coach"}),
                           ("dates (a month)", {"since": "2026-06-01", "until": "2026-07-01"}),
                           ("dates (the whole year)", {"since": "2026-01-01", "until": "2027-01-01"}),
                           ("scenario and a month", {"scenario": scenario, "since": "2026-06-01",
                                                     "until": "2026-07-01"}),
                           ("customer and a month", {"persona": persona, "since": "2026-06-01",
                                                                "until": "2026-07-01"}),
                           ("customer and mode", {"persona": persona, "mode": "coach"}),
                           ("style and mode", {"style": style, "mode": "coach"}),
                           ("customer, mode and a month", {"persona": persona, "mode": "coach",
                                                           "since": "2026-06-01", "until": "2026-07-01"}),
                           ("dates (a quarter)", {"since": "2026-04-01", "until": "2026-07-01"}),
                           ("dates (15 May to 15 July)", {"since": "2026-05-15", "until": "2026-07-15"}),
                           ("customer and part of a month", {"persona": persona, "since": "2026-06-08",
                                                             "until": "2026-06-29"})):
        fallback = "fallback" in label
        view(f"dashboard: {label}", lambda f=filters: dashboard(board, absent_since="2026-10-01", **f), board,
             raw_fetch, repeat=3 if fallback else REPEAT)
    if COURSE:  # --course: the certificates section (the rows its rules read: certificate_summary.py)
        from game.core.course.load import check_file
        course = check_file(ROOT / "courses" / f"{COURSE[0]}.yaml").course
        view(f"dashboard: no filter, certificates of {COURSE[0]}",
             lambda: dashboard(board, absent_since="2026-10-01", course=course), board, raw_fetch)
    print("  each call (no filter):", flush=True)
    view("team_people()", board.team_people, board, raw_fetch)
    view("team_people(a month)", lambda: board.team_people(since="2026-06-01", until="2026-07-01"), board, raw_fetch)
    view("team_weeks()", board.team_weeks, board, raw_fetch)
    view("team_scenarios()", board.team_scenarios, board, raw_fetch)
    view("team_scenarios(a month)", lambda: board.team_scenarios(since="2026-06-01", until="2026-07-01"), board,
         raw_fetch)
    view("team_last_played(roster)", lambda: board.team_last_played([p["learner"] for p in board.roster()]),
         board, raw_fetch)


def fill_sqlite(path: Path, count: int, pool) -> None:
    import sqlite3
    from game.storage.scoreboard import SQLiteScoreboard
    SQLiteScoreboard(path).close()
    raw = sqlite3.connect(path)
    t = time.perf_counter()
    marks = ", ".join("?" for _ in FILLED)
    with raw:
        raw.executemany(f"INSERT INTO attempts ({', '.join(FILLED)}) VALUES ({marks})",
                        rows(count, random.Random(7), pool))
        for statement in statements(ALL_BESTS_FILL + SUMMARY_FILL + TABLE_WIDTHS_FILL + fill_all_sql(SQLITE_WEEK)
                                    + people_months_fill_sql(SQLITE_WEEK) + scenario_weeks_fill_sql(SQLITE_WEEK)
                                    + certificate_fill_sql()):
            raw.execute(statement)
    raw.execute("ANALYZE")
    raw.close()
    print(f"  filled in {time.perf_counter() - t:.0f} s ({path.stat().st_size / 1e9:.1f} GB)  {load()}", flush=True)


def bench_sqlite(count: int, pool, folder: Path, skip: set[str]) -> None:
    import sqlite3
    from game.storage.scoreboard import SQLiteScoreboard
    print(f"SQLite {sqlite3.sqlite_version}, {count:,} attempts", flush=True)
    saves = folder / "saves"
    saves.mkdir(parents=True, exist_ok=True)
    path = saves / "scoreboard.sqlite3"
    if path.exists() and sqlite3.connect(path).execute("SELECT COUNT(*) FROM attempts").fetchone()[0] == count:
        print(f"  reusing {path}", flush=True)
    else:
        path.unlink(missing_ok=True)
        fill_sqlite(path, count, pool)
    board = SQLiteScoreboard(path)
    raw = sqlite3.connect(path)
    if CPU:
        print("  (views timed by this process's CPU time, --cpu)", flush=True)
        CLOCK[0] = time.process_time
    screen_views(board, lambda sql, p: raw.execute(sql, p).fetchall(), sorted({a.scenario for a in pool}))
    json_sql = one_scenario_sql(board)
    board.close()
    raw.close()
    if "commands" in skip:
        return
    env = {**os.environ, "FIVE_LEVERS_SAVES": str(saves)}
    env.pop("FIVE_LEVERS_DB", None)

    def floor_query(sql, csv=False):
        return ["sqlite3", *(["-csv", "-header"] if csv else ["-list"]), str(path), sql]

    def raw_query(sql):
        return [sys.executable, "-c", RAW_SQLITE, str(path), sql]
    table_and_export(env, floor_query, folder, skip, raw_query, json_sql)


class KeptCluster:
    """tests.pg_cluster.Cluster in a folder kept between runs (`--keep`), else a throwaway one."""

    def __new__(cls, keep: Path | None):
        from tests.pg_cluster import Cluster
        cluster = Cluster()
        if keep is None:
            return cluster.start()
        shutil.rmtree(cluster.folder, ignore_errors=True)
        keep.mkdir(parents=True, exist_ok=True)
        cluster.folder, cluster.data = keep, keep / "data"
        if os.geteuid() == 0:
            shutil.chown(keep, "postgres")
        if cluster.data.exists():
            cluster.resume()
        else:
            cluster.start()
        cluster.stop = cluster.pause  # keep the data for the next run
        return cluster


def bench_postgresql(count: int, pool, folder: Path, clients: int, per_client: int, keep: Path | None,
                     skip: set[str]) -> None:
    import psycopg
    from game.storage.pg_board import PostgresScoreboard
    cluster = KeptCluster(keep)
    try:
        address = cluster.address("bench")
        with psycopg.connect(cluster.address(), autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = 'bench'").fetchone()
            if exists:
                with psycopg.connect(address) as bench:
                    have = bench.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]
                if have != count:
                    conn.execute("DROP DATABASE bench")
                    exists = None
            if not exists:
                conn.execute("CREATE DATABASE bench")
        CLOCK[0] = time.perf_counter  # the server works in another process: wall clock, --cpu or not
        board = PostgresScoreboard(address)
        print(f"PostgreSQL {board._connection().info.server_version}, {count:,} attempts", flush=True)
        if exists:
            print("  reusing the kept database", flush=True)
        else:
            t = time.perf_counter()
            with psycopg.connect(address) as conn, conn.cursor() as cur:
                with cur.copy(f"COPY attempts ({', '.join(FILLED)}) FROM STDIN") as copy:
                    for row in rows(count, random.Random(7), pool):
                        copy.write_row(row)
                for statement in statements(ALL_BESTS_FILL + SUMMARY_FILL + TABLE_WIDTHS_FILL
                                            + fill_all_sql(POSTGRES_WEEK) + people_months_fill_sql(POSTGRES_WEEK)
                                            + scenario_weeks_fill_sql(POSTGRES_WEEK)
                                            + certificate_fill_sql()):
                    cur.execute(statement)
                conn.commit()
                conn.autocommit = True
                conn.execute("VACUUM ANALYZE")
            print(f"  filled in {time.perf_counter() - t:.0f} s  {load()}", flush=True)
        raw = psycopg.connect(address, autocommit=True)
        raw.execute("SET plan_cache_mode = force_custom_plan")  # as the board plans: the floor is the same work
        screen_views(board, lambda sql, p: raw.execute(sql, p).fetchall(), sorted({a.scenario for a in pool}))
        json_sql = one_scenario_sql(board)
        board.close()
        if "commands" in skip:
            raw.close()
            return
        env = {**os.environ, "FIVE_LEVERS_DB": address, "FIVE_LEVERS_SAVES": str(folder / "pg-saves")}
        psql = shutil.which("psql") or str(cluster.bin / "psql")

        def floor_query(sql, csv=False):
            if csv:
                return [psql, address, "-c", f"\\copy ({sql}) TO STDOUT CSV HEADER"]
            return [psql, address, "-A", "-t", "-c", sql]

        def raw_query(sql):
            return [sys.executable, "-c", RAW_POSTGRES, address, sql]
        table_and_export(env, floor_query, folder, skip, raw_query, json_sql)
        if "clients" not in skip:
            clients_at_once(raw, env, clients, per_client)
        raw.close()
    finally:
        cluster.stop()


def clients_at_once(raw, env: dict, clients: int, per_client: int) -> None:
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
          f"{'ok' if stored == len(written) == clients * per_client else 'LOST SOME'})  {load()}", flush=True)
    raw.execute("DELETE FROM attempts WHERE player LIKE 'client%'")  # a kept database stays as filled
    for table in ("team_summary", "team_people_months", "certificate_summary"):  # only theirs
        raw.execute(f"DELETE FROM {table} WHERE person LIKE 'name:client%'")
    # the scenarios' week rows hold no person: counted again from the attempts left (as the upgrade fills them)
    raw.execute("DELETE FROM team_scenario_weeks")
    raw.execute("DELETE FROM team_scenario_people")
    for statement in statements(scenario_weeks_fill_sql(POSTGRES_WEEK)):
        raw.execute(statement)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--per-client", type=int, default=50)
    parser.add_argument("--command-runs", type=int, default=3, help="runs of each command and its floors (default 3)")
    parser.add_argument("--keep", type=Path, help="keep the filled databases here and reuse them next time")
    parser.add_argument("--skip", default="", help="comma-separated: views (the Scoreboard screen's; 'screen' "
                        "says the same), export, clients, json, team (the team dashboard), commands (every command)")
    parser.add_argument("--cpu", action="store_true", help="time SQLite's views by this process's CPU time (a "
                        "shared machine's waits left out; PostgreSQL's stay wall clock: its server is another process)")
    parser.add_argument("--course", help="also measure the team dashboard's certificates section of this course "
                        "(courses/ID.yaml)")
    args = parser.parse_args()
    COURSE.extend([args.course] if args.course else [])
    CPU.extend([True] if args.cpu else [])
    skip = set(filter(None, args.skip.split(",")))
    SKIP.update(skip)
    COMMAND_RUNS[0] = args.command_runs
    print(f"{os.cpu_count()} CPUs; {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}",
          flush=True)
    pool = sample_rows(random.Random(7))
    with tempfile.TemporaryDirectory(prefix="five-levers-bench-") as scratch:
        base = args.keep.resolve() if args.keep else Path(scratch)
        if args.backend in ("sqlite", "both"):
            bench_sqlite(args.attempts, pool, base / f"sqlite-{args.attempts}", skip)
        if args.backend in ("postgresql", "both"):
            (Path(scratch) / "pg").mkdir()
            keep = base / f"pg-{args.attempts}" if args.keep else None
            bench_postgresql(args.attempts, pool, Path(scratch) / "pg", args.clients, args.per_client, keep, skip)


if __name__ == "__main__":
    main()
