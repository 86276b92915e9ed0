"""The browser's history page lists what it shows: the newest 50 attempts,
then a "Show 50 older attempts" link that lists 50 more, until all are
listed; a learner's attempts from an LMS under the same name are not the
trainee's (not listed, not counted); the chart keeps the latest finished."""
from __future__ import annotations

import re

import pytest

from game.core import loader
from game.core.engine import play
from game.storage.attempts import Attempt
from game.storage.scoreboard import open_scoreboard
from tests.shells.cli.test_cli import LATE

CARD = re.compile(r'<li class="card">\s*<h3 id="attempt-(\d+)"><a href="/attempts/(\d+)">')
MORE = re.compile(r'<a id="more-attempts" href="([^"]+)"[^>]*>([^<]+)</a>')


def seed(board, player: str, count: int, learner: str = "") -> list[int]:
    """`count` attempts a minute apart (every fifth abandoned after one reply), oldest first: their ids."""
    scenario = loader.load_file(LATE)
    for i in range(count):
        run = play(scenario, [1] if i % 5 == 4 else [1, 2, 2])
        board.record(Attempt.from_playthrough(run, player, "coach", f"2026-11-20T{9 + i // 60:02d}:{i % 60:02d}:00+00:00",
                                              finished_at=f"2026-11-20T{9 + i // 60:02d}:{i % 60:02d}:30+00:00",
                                              learner=learner))
    return [a.id for a in board.history(player) if a.learner == learner]


@pytest.fixture
def seeded(saves):
    board = open_scoreboard()
    try:
        mine = seed(board, "Ana Lima", 120)
        lms = seed(board, "Ana Lima", 3, learner="ana@x.org")
    finally:
        board.close()
    return mine, lms


def test_history_lists_the_newest_50_then_50_more_until_all(web, seeded):
    mine, lms = seeded
    _, trainee = web
    ana = trainee("Ana Lima")
    page = ana.get("/history").text
    listed = [int(i) for _, i in CARD.findall(page)]
    assert listed == mine[::-1][:50]  # the newest 50, newest first
    assert [int(n) for n, _ in CARD.findall(page)] == list(range(1, 51))
    href, words = MORE.search(page).groups()
    assert words == "Show 50 older attempts" and href == "/history?shown=100#attempt-51"
    assert "70 older attempts not listed yet" in page and "The newest 50 of your 120 attempts" in page
    page = ana.get(href).text
    assert [int(i) for _, i in CARD.findall(page)] == mine[::-1][:100]
    href, words = MORE.search(page).groups()
    assert words == "Show 20 older attempts" and href == "/history?shown=120#attempt-101"
    page = ana.get(href).text
    assert [int(i) for _, i in CARD.findall(page)] == mine[::-1]
    assert MORE.search(page) is None and "All your attempts" in page
    for attempt_id in lms:  # the LMS learner's attempts under the same name are not this trainee's
        assert f'href="/attempts/{attempt_id}"' not in page


def test_history_charts_the_latest_20_finished_attempts_whatever_is_listed(web, seeded):
    _, trainee = web
    ana = trainee("Ana Lima")
    for path in ("/history", "/history?shown=120", "/history?shown=1", "/history?shown=x", "/history?shown=99999999"):
        page = ana.get(path)
        assert page.status_code == 200
        assert len(re.findall(r'<tr><th scope="row">', page.text)) == 20, path
    assert len(CARD.findall(ana.get("/history?shown=1").text)) == 1
    assert len(CARD.findall(ana.get("/history?shown=x").text)) == 50  # not a number: the first page


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from tests.shells.web.browser import Server
    saves = tmp_path_factory.mktemp("history-saves")
    board = open_scoreboard(saves / "scoreboard.sqlite3")
    try:
        seed(board, "Ana Lima", 60)
    finally:
        board.close()
    server = Server(saves)
    yield server
    server.stop()


def test_older_attempts_are_listed_by_keyboard_with_no_axe_violation(browser, server):
    from tests.shells.web.browser import active, axe_violations, press, signed_in
    context, page = signed_in(browser, server, "Ana Lima")
    try:
        page.goto("/history")
        assert page.locator("ol.history > li").count() == 50
        found = axe_violations(page)
        assert found == [], "\n".join(found)
        for _ in range(120):  # Tab through the page to the link, as a keyboard user does
            page.keyboard.press("Tab")
            if active(page) == "Show 10 older attempts":
                break
        else:
            raise AssertionError("the link to older attempts is not reachable by Tab")
        press(page, "Enter")
        assert re.search(r"/history\?shown=60#attempt-51$", page.url), page.url
        assert page.locator("ol.history > li").count() == 60
        assert page.locator("#more-attempts").count() == 0
        page.keyboard.press("Tab")  # the next Tab goes to the first newly listed attempt, not the page's top
        assert active(page) == page.locator("#attempt-51 a").inner_text().strip()
        found = axe_violations(page)
        assert found == [], "\n".join(found)
    finally:
        context.close()
