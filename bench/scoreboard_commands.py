"""bench/scoreboard.py's commands: `main.py scoreboard` (table, csv, json) and `export --csv` as a user types
them, each run alternated with its floors (the database's own tool printing the same rows query, and a bare
Python process fetching that same query as raw rows), time and peak memory of each. See bench/scoreboard.py."""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.storage.views import TABLE_COLUMNS  # noqa: E402

COMMAND_RUNS = [3]  # --command-runs
CSV_COLUMNS = ("id, registration, player, scenario, title, version, content_hash, mode, started_at, finished_at, "
               "duration_s, score, grade, outcome, ending, persona, persona_style, player_style, levers, rules, "
               "choices, path")

def load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


def run_measured(command: list[str], env: dict, out: Path | None = None) -> tuple[float, float]:
    """(seconds, peak memory in MB) of a command, its standard output to `out`. The peak is
    /usr/bin/time's (%M): a child forked from this process would count this process's own
    memory at the fork as its peak (Linux keeps the high-water mark across exec)."""
    start = time.perf_counter()
    with open(out or os.devnull, "wb") as sink:
        proc = subprocess.run(["/usr/bin/time", "-f", "%M", *command], cwd=ROOT, env=env, stdout=sink,
                              stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {proc.stderr.decode()[-2000:]}")
    return seconds, int(proc.stderr.decode().strip().splitlines()[-1]) / 1024


def command_vs_floor(name: str, ours_cmd: list[str], floor_cmd: list[str], env: dict, repeat: int | None = None,
                     goal: str = "< 100 MB", out: Path | None = None, floor_out: Path | None = None,
                     raw_cmd: list[str] | None = None) -> None:
    """A command as a user types it beside the database's own tool (and, with `raw_cmd`, a bare Python
    process fetching the same query as raw rows), alternated run by run; time and peak memory of each."""
    ours, floor, raw = [], [], []
    for _ in range(repeat or COMMAND_RUNS[0]):
        ours.append(run_measured(ours_cmd, env, out))
        floor.append(run_measured(floor_cmd, env, floor_out))
        if raw_cmd:
            raw.append(run_measured(raw_cmd, env))
    t, mem = statistics.median(x[0] for x in ours), max(x[1] for x in ours)
    ft, fmem = statistics.median(x[0] for x in floor), max(x[1] for x in floor)
    line = (f"  {name:<34} median {t:6.1f} s  peak {mem:5.0f} MB   tool {ft:6.1f} s  peak {fmem:5.0f} MB  "
            f"ratio {t / ft:4.2f}")
    ok = mem < 100 and ("2x" not in goal or t <= 2 * ft)
    if raw:
        rt, rmem = statistics.median(x[0] for x in raw), max(x[1] for x in raw)
        line += f"   raw rows {rt:6.1f} s  peak {rmem:5.0f} MB  ratio {t / rt:4.2f}"
        ok = ok and ("1.5x" not in goal or t <= 1.5 * rt)
    print(f"{line}  (goal {goal}: {'ok' if ok else 'OVER GOAL'})  {load()}", flush=True)


def table_and_export(env: dict, floor_query, folder: Path, skip: set[str], raw_query, json_sql: str) -> None:
    """`main.py scoreboard` (all, one scenario; csv and json of one scenario) and `export --csv`, each beside
    the database's tool printing the same rows query and (`raw_query`) Python fetching it as raw rows."""
    main = [sys.executable, "main.py"]
    columns = ", ".join(TABLE_COLUMNS)
    goal = "<= 1.5x raw rows, < 100 MB"
    every = f"SELECT {columns} FROM attempts ORDER BY finished_at, id"
    one = f"SELECT {columns} FROM attempts WHERE scenario = 'renewal-call' ORDER BY finished_at, id"
    command_vs_floor("scoreboard (table, all attempts)", [*main, "scoreboard"], floor_query(every), env, goal=goal,
                     raw_cmd=raw_query(every))
    command_vs_floor("scoreboard --scenario renewal-call", [*main, "scoreboard", "--scenario", "renewal-call"],
                     floor_query(one), env, goal=goal, raw_cmd=raw_query(one))
    csv_one = f"SELECT {CSV_COLUMNS} FROM attempts WHERE scenario = 'renewal-call' ORDER BY finished_at, id"
    command_vs_floor("scoreboard --format csv (renewal-call)",
                     [*main, "scoreboard", "--format", "csv", "--scenario", "renewal-call"],
                     floor_query(csv_one, csv=True), env, goal=goal, raw_cmd=raw_query(csv_one))
    if "json" not in skip:  # floor: the columns and replies each object is made of (one_scenario_sql), as raw rows
        command_vs_floor("scoreboard --format json (renewal-call)",
                         [*main, "scoreboard", "--format", "json", "--scenario", "renewal-call"],
                         floor_query(json_sql), env, goal=goal, raw_cmd=raw_query(json_sql))
    if "export" not in skip:
        command_vs_floor("export --csv", [*main, "export", "--csv", str(folder / "ours.csv")],
                         floor_query(f"SELECT {CSV_COLUMNS} FROM attempts ORDER BY finished_at, id", csv=True), env,
                         goal="<= 2x floor, < 100 MB", floor_out=folder / "floor.csv")
        print(f"    ({(folder / 'ours.csv').stat().st_size / 1e6:.0f} MB of CSV written)", flush=True)


# the floors that fetch a query as raw rows in a bare Python process: tuples, 5,000 at a time, nothing written
# (PostgreSQL: a server-side cursor, as ours)
RAW_SQLITE = "import sqlite3, sys\ncursor = sqlite3.connect(sys.argv[1]).execute(sys.argv[2])\n" \
             "while cursor.fetchmany(5000):\n    pass"
RAW_POSTGRES = "import psycopg, sys\nconn = psycopg.connect(sys.argv[1])\ncursor = conn.cursor(name='raw')\n" \
               "cursor.itersize = 5000\ncursor.execute(sys.argv[2])\nwhile cursor.fetchmany(5000):\n    pass"


def one_scenario_sql(board) -> str:
    """The columns and replies `scoreboard --format json --scenario renewal-call` writes (the SQL iter_attempts
    sends, which the command used before the database built each object): the JSON's floor."""
    sql, params = board._selection(scenario="renewal-call")
    assert params == ["renewal-call"]
    return sql.replace("?", "'renewal-call'")
