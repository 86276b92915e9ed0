"""Benchmark: the browser's history page (`/history`) at a million attempts.

Run: `.venv/bin/python bench/web_history.py SAVES_DIR [--player NAME] [--root DIR]`

SAVES_DIR holds a `scoreboard.sqlite3` (e.g. a copy of the one
`bench/scoreboard.py` fills with 1,000,000 attempts; it is migrated to this
tree's schema when opened). Times, alternated run by run, medians and p95
of `--repeat` runs, with the process's CPU time and the load average:

- the use case `trainee_play.history(library, board, trainee)` (what the
  page shows: the rows, the count, the chart), beside the very SQL it sends
  fetched as raw rows (the floor: the same work without building objects);
- the whole request: GET /history through Starlette's TestClient, signed in
  as the player (the page rendered).

With --root DIR another checkout's app is timed (e.g. a `git archive` of an
older commit): run both in turn to compare them.
"""
from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if "--root" in sys.argv[:-1]:
    ROOT = Path(sys.argv[sys.argv.index("--root") + 1]).resolve()
sys.path.insert(0, str(ROOT))


def arg(name: str, default: str) -> str:
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv[:-1] else default


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def load() -> str:
    return "load " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    saves, player, repeat = Path(sys.argv[1]).resolve(), arg("--player", "Player 007"), int(arg("--repeat", "21"))
    os.environ["FIVE_LEVERS_SAVES"] = str(saves)
    for name in ("FIVE_LEVERS_DB", "FIVE_LEVERS_LRS_ENDPOINT"):
        os.environ.pop(name, None)
    import sqlite3

    from starlette.testclient import TestClient

    from game.app import trainee_play
    from game.app.library import Library
    from game.shells.web.app import create_app
    from game.storage.scoreboard import open_scoreboard
    board = open_scoreboard()
    library = Library(ROOT / "scenarios")
    trainee = trainee_play.Trainee(player)
    raw = sqlite3.connect(saves / "scoreboard.sqlite3")
    sent = []
    real = type(board)._query

    def spy(self, sql, params=(), plain=False):
        sent.append((self._sql(sql), tuple(params)))
        return real(self, sql, params, plain)
    type(board)._query = spy
    view = trainee_play.history(library, board, trainee)
    type(board)._query = real
    print(f"{ROOT}: {len(view.rows)} rows listed, {len(view.trend_labels)} charted, {len(sent)} queries  {load()}")

    def floor():
        for sql, params in sent:
            raw.execute(sql, params).fetchall()

    app = create_app(library=library, rate_per_minute=0)
    with TestClient(app, follow_redirects=True) as client:
        page = client.get("/")
        import re
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
        client.post("/signin", data={"name": player, "mode": "coach", "learner": "", "csrf": csrf})
        assert client.get("/history").status_code == 200

        def request():
            assert client.get("/history").status_code == 200
        sides = {"use case": lambda: trainee_play.history(library, board, trainee), "floor (its SQL, raw)": floor,
                 "GET /history": request}
        wall = {k: [] for k in sides}
        cpu = {k: [] for k in sides}
        for _ in range(repeat):
            for name, fn in sides.items():
                t, c = time.perf_counter(), time.process_time()
                fn()
                wall[name].append((time.perf_counter() - t) * 1000)
                cpu[name].append((time.process_time() - c) * 1000)
    for name in sides:
        print(f"  {name:<22} median {statistics.median(wall[name]):8.2f} ms  p95 {p95(wall[name]):8.2f} ms  "
              f"CPU median {statistics.median(cpu[name]):8.2f} ms  {load()}")
    board.close()


if __name__ == "__main__":
    main()
