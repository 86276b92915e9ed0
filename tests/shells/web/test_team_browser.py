"""The team dashboard in a real browser (Debian's Chromium via Playwright),
from `main.py serve` as a lead runs it: a reviewer made with `main.py
reviewer add` signs in and reads every section (the certificates too) with
no axe violations; a trainee signed in to the same server is refused."""
from __future__ import annotations

import subprocess
import sys

import pytest

from game.core import loader
from game.core.engine import play
from game.storage.attempts import Attempt
from game.storage.scoreboard import open_scoreboard
from tests.shells.cli.test_cli import LATE
from tests.shells.cli.test_team_views import PLAYED
from tests.shells.web.browser import ROOT, Server, axe_violations

PASSWORD = "a long reviewer password"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    saves = tmp_path_factory.mktemp("team-saves")
    scenario = loader.load_file(LATE)
    board = open_scoreboard(saves / "scoreboard.sqlite3")
    for who, learner, choices, day, _ in PLAYED:
        board.record(Attempt.from_playthrough(play(scenario, choices), who, "coach", f"{day}T09:00:00+00:00",
                                              finished_at=f"{day}T09:05:00+00:00", learner=learner))
    board.close()
    added = subprocess.run([sys.executable, "main.py", "reviewer", "add", "Lee", "--password-stdin"], cwd=ROOT,
                           input=f"{PASSWORD}\n{PASSWORD}\n", capture_output=True, text=True, timeout=60,
                           env={"PATH": "/usr/bin:/bin", "FIVE_LEVERS_SAVES": str(saves)})
    assert added.returncode == 0, added.stderr
    server = Server(saves)
    yield server
    server.stop()


def test_a_reviewer_reads_the_dashboard_and_a_trainee_is_refused(browser, server):
    lead = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 720})
    lead.set_default_timeout(60_000)  # a loaded CI machine: scrypt and the first page may take a while
    page = lead.new_page()
    page.goto("/team")
    page.fill("#name", "Lee")
    page.fill("#password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Signed in as reviewer Lee")
    for heading in ("Levers by person", "Week by week", "Scenarios", "Certificates: "):
        assert page.locator("h2", has_text=heading).count() == 1, heading
    assert "ana@x.org" in page.inner_text("#levers-h + p + div")
    found = axe_violations(page)
    assert found == [], "\n".join(found)
    with page.expect_download() as download:
        page.locator("a[href^='/team/certificates.csv']").click()
    assert download.value.suggested_filename == "five-levers-team-certificates.csv"
    page.select_option("#mode", "assessment")
    page.locator("button", has_text="Show").click()
    page.wait_for_url("**/team?*mode=assessment*")
    assert "0 attempts counted" in page.inner_text("form.filters")
    found = axe_violations(page)
    assert found == [], "\n".join(found)
    lead.close()

    trainee = browser.new_context(base_url=server.url)
    trainee.set_default_timeout(60_000)
    page = trainee.new_page()
    page.goto("/")
    page.fill("input[name=name]", "Ana")
    page.keyboard.press("Enter")
    page.wait_for_url("**/scenarios")
    answer = page.goto("/team")
    assert answer.status == 403 and "for reviewers" in page.inner_text("main")
    assert "Levers by person" not in page.content()
    trainee.close()
