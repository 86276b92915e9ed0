"""Benchmark: 100 simulated trainees at once against `main.py serve`.

Run: `.venv/bin/python bench/web_load.py [--trainees 100] [--workers 2] [--backend postgresql|sqlite]`
(PostgreSQL runs in a throwaway cluster from the distribution's packages, as
in the tests; `sqlite` uses a SQLite file in a temporary saves folder).

Starts `main.py serve --workers 2` on a free loopback port, then:
1. the floor: every trainee requests the bare `/hello` route of the same
   framework (no session, no template, no store) as often as it will
   request pages below, all at once;
2. the game: every trainee signs in, opens scenario select, starts the
   tutorial, reads the briefing, plays it to the end (each reply a POST and
   the conversation page after it), opens the ending, the debrief and
   history. All trainees at once (an httpx.AsyncClient each, on loopback;
   a semaphore bounds the requests in flight).
Reports p50/p95 per page beside the floor, errors, and whether every
finished conversation is on the scoreboard exactly once. Goal: p95 within
3x of the floor, 0 errors, 0 attempts lost.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

CSRF = re.compile(r'name="csrf" value="([^"]+)"')
AT = re.compile(r'name="at" value="(\d+)"')
ATTEMPT = re.compile(r"/attempts/(\d+)/ending$")


class Timings:
    def __init__(self):
        self.seconds: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)

    async def call(self, label: str, client: httpx.AsyncClient, method: str, url: str, limit, **kw):
        async with limit:
            start = time.perf_counter()
            try:
                response = await client.request(method, url, **kw)
            except httpx.HTTPError:
                self.errors[label] += 1
                return None
            self.seconds[label].append(time.perf_counter() - start)
        if response.status_code >= 400:
            self.errors[label] += 1
        return response


async def trainee(n: int, base: str, t: Timings, limit, hello_only: bool, count: list) -> int | None:
    async with httpx.AsyncClient(base_url=base, timeout=120, verify=False) as client:
        if hello_only:
            for _ in range(count[0]):
                await t.call("hello", client, "GET", "/hello", limit)
            return None
        requests = 0
        page = await t.call("sign-in page", client, "GET", "/", limit)
        token = CSRF.search(page.text).group(1)
        await t.call("sign in (POST)", client, "POST", "/signin", limit, data={"csrf": token, "name": f"Load {n}"})
        page = await t.call("scenario select", client, "GET", "/scenarios", limit)
        token = CSRF.search(page.text).group(1)
        await t.call("start (POST)", client, "POST", "/start", limit, data={"csrf": token, "scenario": "tutorial"})
        await t.call("briefing", client, "GET", "/briefing", limit)
        page = await t.call("conversation", client, "GET", "/play", limit)
        requests += 6
        ending = None
        for _ in range(60):
            at = AT.search(page.text)
            if at is None:
                break
            shown = page.text.count('data-key="')
            reply = await t.call("reply (POST)", client, "POST", "/reply", limit,
                                 data={"csrf": token, "at": at.group(1), "number": str(min(shown, 1 + n % 2))})
            requests += 1
            found = ATTEMPT.search(reply.headers.get("location", ""))
            if found:
                ending = found.group(1)
                break
            page = await t.call("conversation", client, "GET", "/play", limit)
            requests += 1
        if ending is None:
            t.errors["finished"] += 1
            return None
        await t.call("ending", client, "GET", f"/attempts/{ending}/ending", limit)
        await t.call("debrief", client, "GET", f"/attempts/{ending}", limit)
        await t.call("history", client, "GET", "/history", limit)
        count[0] = max(count[0], requests + 3)
        return int(ending)


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000


async def run_load(base: str, trainees: int, in_flight: int) -> tuple[Timings, Timings, list]:
    limit = asyncio.Semaphore(in_flight)
    count = [0]
    async with httpx.AsyncClient(base_url=base, timeout=120, verify=False) as client:  # warm up: each worker's first pages
        await asyncio.gather(*(client.get(path) for path in ("/", "/hello", "/static/style.css") * 10))
    game = Timings()
    started = time.perf_counter()
    ids = await asyncio.gather(*(trainee(n, base, game, limit, False, count) for n in range(trainees)))
    game.wall = time.perf_counter() - started
    floor = Timings()
    await asyncio.gather(*(trainee(n, base, floor, limit, True, count) for n in range(trainees)))
    return game, floor, ids


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trainees", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--in-flight", type=int, default=100, help="requests in flight at most (default 100)")
    parser.add_argument("--backend", choices=("postgresql", "sqlite"), default="postgresql")
    args = parser.parse_args()
    from tests.shells.web.browser import Server
    cluster = None
    saved = {k: os.environ.get(k) for k in ("FIVE_LEVERS_DB",)}
    if args.backend == "postgresql":
        from tests.pg_cluster import Cluster
        cluster = Cluster().start()
        os.environ["FIVE_LEVERS_DB"] = cluster.new_database()
    saves = Path(tempfile.mkdtemp(prefix="five-levers-web-load-"))
    server = Server(saves, workers=args.workers, keep_db=True)
    try:
        game, floor, ids = asyncio.run(run_load(server.url, args.trainees, args.in_flight))
    finally:
        server.stop()
    from game.storage.scoreboard import open_scoreboard
    board = open_scoreboard(None if args.backend == "postgresql" else saves / "scoreboard.sqlite3")
    players = [a.player for a in board.attempts(with_steps=False)]
    board.close()
    if cluster is not None:
        cluster.stop()
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
    finished = [i for i in ids if i is not None]
    lost = sum(1 for n in range(args.trainees) if players.count(f"Load {n}") != 1)
    hello = floor.seconds["hello"]
    print(f"{args.trainees} trainees at once, {args.workers} workers, {args.backend}; "
          f"{sum(len(v) for v in game.seconds.values())} game requests in {game.wall:.1f} s")
    print(f"{'page':<18} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p95/floor':>9} {'errors':>6}")
    floor95 = pct(hello, 95)
    print(f"{'hello (floor)':<18} {len(hello):>5} {pct(hello, 50):>8.1f} {floor95:>8.1f} {'1.0':>9} "
          f"{floor.errors['hello']:>6}")
    for label, values in game.seconds.items():
        print(f"{label:<18} {len(values):>5} {pct(values, 50):>8.1f} {pct(values, 95):>8.1f} "
              f"{pct(values, 95) / floor95:>9.1f} {game.errors[label]:>6}")
    errors = sum(game.errors.values()) + sum(floor.errors.values())
    print(f"errors: {errors}; finished conversations: {len(finished)}; on the scoreboard exactly once: "
          f"{args.trainees - lost} of {args.trainees} (lost or doubled: {lost})")
    return 0 if errors == 0 and lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
