"""The cmi5 launch for real (issue 29): the LMS on loopback (the fake LMS:
fetch URL and LMS.LaunchData, with Ralph as the LRS behind its endpoint),
`main.py serve` as a user starts it, and Chromium: the AU URL is launched,
the scenario played by keyboard to the end, "Return to your course"
followed to the LMS's return URL, and Ralph holds exactly the cmi5
sequence with the right registration, session and result; the same with
the LRS away for a minute (the server's cmi5 outbox sends it, once, after it
returns); and the campaign AU played the same way."""
from __future__ import annotations

import re
import time

import pytest

from tests.cmi5.fake_lms import SESSION, FakeLMS, basic
from tests.delivery.ralph_server import SECRET, USER
from tests.shells.web.browser import Server, axe_violations

SESSION_EXT = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
PROGRESS_EXT = "https://w3id.org/xapi/cmi5/result/extensions/progress"


@pytest.fixture
def server(tmp_path, monkeypatch):
    monkeypatch.setenv("FIVE_LEVERS_CMI5_LMS", "127.0.0.1")  # `serve` takes launches from the LMS on loopback
    server = Server(tmp_path / "web-saves")
    yield server
    server.stop()


def held(lrs, registration, count, timeout=120.0):
    """The LRS's statements of this registration, in time order, once there are `count` (or the time is up)."""
    deadline = time.monotonic() + timeout
    while True:
        found = [s for s in lrs.statements() if s.get("context", {}).get("registration") == registration]
        if len(found) >= count or time.monotonic() > deadline:
            return sorted(found, key=lambda s: s["timestamp"])
        time.sleep(0.5)


def verbs(statements):
    return [s["verb"]["id"].rsplit("/", 1)[1] for s in statements]


def launch_and_play(browser, server, lms) -> int:
    """Launch the AU in Chromium, play by keyboard to the end, return to the LMS; the replies made."""
    context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 720})
    try:
        page = context.new_page()
        page.goto(lms.launch_url(f"{server.url}/cmi5/launch/tutorial"))
        page.wait_for_url("**/briefing")
        assert "Signed in as ana-lima" in page.inner_text(".who")
        page.wait_for_function("document.activeElement && document.activeElement !== document.body")
        page.keyboard.press("Enter")  # Start the conversation
        page.wait_for_url(re.compile(r".*/play\??$"))
        replies = 0
        for _ in range(60):
            if "/ending" in page.url:
                break
            with page.expect_navigation():
                page.keyboard.press("1")
            replies += 1
        assert "/ending" in page.url
        page.get_by_role("link", name="Return to your course").focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        page.wait_for_url(f"{lms.base}/return")
        assert page.locator("h1").inner_text() == "Back in the LMS"
        return replies
    finally:
        context.close()


def check_sequence(statements, lms, replies):
    assert verbs(statements) == ["initialized", *["answered"] * replies, "completed",
                                 statements[-2]["verb"]["id"].rsplit("/", 1)[1], "terminated"]
    assert verbs(statements)[-2] in ("passed", "failed")
    assert len({s["id"] for s in statements}) == len(statements)
    assert {s["context"]["extensions"][SESSION_EXT] for s in statements} == {SESSION}
    judged = statements[-2]["result"]
    assert judged["success"] is (judged["score"]["scaled"] >= lms.launch_data["masteryScore"])


def test_an_lms_launch_in_chromium_reaches_the_lrs_as_the_cmi5_sequence(browser, server, lrs):
    lms = FakeLMS(mastery=0.6, token=basic(USER, SECRET), forward_to=lrs.endpoint)
    lms.launch_data["returnURL"] = f"{lms.base}/return"
    try:
        replies = launch_and_play(browser, server, lms)
        statements = held(lrs, lms.registration, replies + 4)
        check_sequence(statements, lms, replies)
        time.sleep(1.0)
        assert len(held(lrs, lms.registration, 0, timeout=0)) == replies + 4  # exactly: nothing more arrives
    finally:
        lms.close()


AWAY_S = 60.0  # the test: the LRS away for a minute


def test_with_the_lrs_away_for_a_minute_the_sequence_arrives_once_afterwards(browser, server, lrs):
    lms = FakeLMS(mastery=0.6, token=basic(USER, SECRET), forward_to=lrs.endpoint)
    lms.launch_data["returnURL"] = f"{lms.base}/return"
    try:
        lrs.kill()
        gone = time.monotonic()
        replies = launch_and_play(browser, server, lms)  # the whole session while the LRS is away
        time.sleep(max(0.0, AWAY_S - (time.monotonic() - gone)))  # it stays away a full minute
        assert lms.statements == []  # nothing reached it meanwhile: the server kept every statement
        lrs.start()
        back = time.monotonic()
        statements = held(lrs, lms.registration, replies + 4, timeout=120.0)
        check_sequence(statements, lms, replies)
        assert back - gone >= AWAY_S and time.monotonic() - back < 60  # retried within the capped back-off
        time.sleep(2.0)
        assert len(held(lrs, lms.registration, 0, timeout=0)) == replies + 4  # once each: nothing more arrives
    finally:
        lms.close()


def press(page, button) -> None:
    """Focus a button (or link) and press Enter on it, as a keyboard user does; wait for the next page."""
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def play_campaign(browser, server, lms) -> tuple[int, int]:
    """Launch the campaign AU in Chromium, rank, plan, play every week and each
    conversation the quarter asks for by keyboard, read the debrief, return to
    the LMS; (the replies made in the quarter's conversations, the quarter's score)."""
    context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 720})
    try:
        page = context.new_page()
        page.goto(lms.launch_url(f"{server.url}/cmi5/launch/campaign/shop-systems"))
        page.wait_for_url("**/portfolio")
        assert "Signed in as ana-lima" in page.inner_text(".who")
        assert axe_violations(page) == []
        style = "e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]"
        back = page.get_by_role("link", name="Return to your course").evaluate(style)
        assert back == page.locator(".signout button").evaluate(style)  # drawn as Sign out is: white on the header
        choices = page.locator("form.replies button")
        press(page, choices.first)  # the briefing: rank the accounts
        while "Plan your contact" not in page.content():
            press(page, choices.first)  # the first account left, each time
        press(page, choices.first)  # plan your contact
        press(page, choices.nth(1))  # the first account's contact options
        press(page, choices.nth(2))  # its first real option
        press(page, choices.first)  # start the quarter
        replies = 0
        for _ in range(80):
            text = page.content()
            if "See the quarter" in text:
                break
            if "Talk to " in text:
                press(page, choices.first)
                page.wait_for_url("**/briefing")
                press(page, page.get_by_role("button", name="Start the conversation"))
                for _ in range(60):
                    if "/ending" in page.url:
                        break
                    with page.expect_navigation():
                        page.keyboard.press("1")
                    replies += 1
                press(page, page.get_by_role("button", name="See your debrief"))
                press(page, page.get_by_role("button", name=re.compile(r"^Back to the quarter \(week \d+\)$")))
                continue
            press(page, choices.first)
        press(page, choices.first)  # the quarter's debrief
        score = int(re.search(r"Score (\d+)%", page.inner_text("main")).group(1))
        assert page.evaluate("document.activeElement.id") == "score-h"  # opens at its score, not at Done
        assert axe_violations(page) == []
        press(page, page.get_by_role("link", name="Return to your course"))
        page.wait_for_url(f"{lms.base}/return")
        assert page.locator("h1").inner_text() == "Back in the LMS"
        return replies, score
    finally:
        context.close()


def held_to_the_end(lrs, registration, timeout=120.0):
    """The LRS's statements of this registration in time order, once `terminated` is among them."""
    deadline = time.monotonic() + timeout
    while True:
        found = held(lrs, registration, 0, timeout=0)
        if "terminated" in verbs(found) or time.monotonic() > deadline:
            return found
        time.sleep(0.5)


def test_the_campaign_au_played_by_keyboard_reaches_the_lrs_as_the_cmi5_sequence(browser, server, lrs):
    lms = FakeLMS(mastery=0.5, token=basic(USER, SECRET), forward_to=lrs.endpoint)
    lms.activity = "https://lms.example.org/activities/au/campaign-8"
    lms.launch_data["returnURL"] = f"{lms.base}/return"
    try:
        replies, score = play_campaign(browser, server, lms)
        statements = held_to_the_end(lrs, lms.registration)
        said = verbs(statements)
        judged = "passed" if score >= 50 else "failed"
        assert said[:2] == ["initialized", "answered"] and said[-3:] == ["completed", judged, "terminated"]
        middle = statements[2:-3]
        talk = [s for s in middle if verbs([s]) == ["answered"]]
        progress = [s["result"]["extensions"][PROGRESS_EXT] for s in middle if verbs([s]) == ["progressed"]]
        assert len(talk) == replies >= 1 and len(talk) + len(progress) == len(middle)
        assert all(s["object"]["id"].startswith(f"{lms.activity}/conversation/") for s in talk)
        assert progress == sorted(set(progress)) and progress[-1] == 100
        assert statements[1]["object"]["id"] == f"{lms.activity}/plan"
        assert len({s["id"] for s in statements}) == len(statements)
        assert {s["context"]["extensions"][SESSION_EXT] for s in statements} == {SESSION}
        assert statements[-2]["result"]["score"]["scaled"] == round(score / 100, 4)
        assert statements[-2]["result"]["success"] is (score >= 50)
        time.sleep(1.0)
        assert len(held(lrs, lms.registration, 0, timeout=0)) == len(statements)  # exactly: nothing more arrives
    finally:
        lms.close()
