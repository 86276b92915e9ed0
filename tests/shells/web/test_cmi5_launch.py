"""The cmi5 launch in the browser version (issue 29), through Starlette's
TestClient against the fake LMS on loopback: the AU URL signs the LMS's
learner in and opens the scenario; playing to the end sends the cmi5
sequence; "Return to your course" goes to the LMS's return URL; a bad
launch is a plain 400; an LMS host not allowed is refused."""
from urllib.parse import urlsplit

import pytest
from starlette.testclient import TestClient

from game.app.cmi5_session import deliver
from game.storage.scoreboard import open_scoreboard
from tests.cmi5.fake_lms import FakeLMS
from tests.shells.web.conftest import Trainee


@pytest.fixture
def lms(monkeypatch):
    monkeypatch.setenv("FIVE_LEVERS_CMI5_LMS", "127.0.0.1")  # the LMS on loopback may launch
    server = FakeLMS(mastery=0.6)
    yield server
    server.close()


@pytest.fixture
def browser(make_app):
    client = TestClient(make_app(), follow_redirects=True)
    client.__enter__()
    yield client
    client.__exit__(None, None, None)


def verbs(statements):
    return [s["verb"]["id"].rsplit("/", 1)[1] for s in statements]


def send(lms, last="terminated", timeout=20.0):
    """Deliver the cmi5 outbox (the server's own sender may be at it too:
    wait until the LMS has the session's `last` statement); the verbs it has."""
    import time
    deadline = time.monotonic() + timeout
    while True:
        board = open_scoreboard()
        try:
            deliver(board)
        finally:
            board.close()
        if (lms.statements and verbs(lms.statements)[-1] == last) or time.monotonic() > deadline:
            time.sleep(0.3)  # anything more would arrive now
            return verbs(lms.statements)
        time.sleep(0.1)


def test_a_launch_plays_the_scenario_as_the_lms_learner_and_returns(browser, lms):
    page = browser.get(lms.launch_url("/cmi5/launch/tutorial"))
    assert page.status_code == 200 and urlsplit(str(page.url)).path == "/briefing"
    assert "Signed in as ana-lima" in page.text and "Return to your course" in page.text
    trainee = Trainee.__new__(Trainee)
    trainee.client, trainee.page = browser, page
    trainee.play_to_the_end(1)
    sent = send(lms)
    assert sent[0] == "initialized" and sent[-3:-1] == ["completed", sent[-2]] and sent[-1] == "terminated"
    assert sent[-2] in ("passed", "failed") and sent.count("answered") == len(sent) - 4
    back = browser.get(f"/cmi5/return?csrf={trainee.token}", follow_redirects=False)
    assert back.status_code == 303 and back.headers["location"] == "https://lms.example.org/course/9"
    assert send(lms) == sent  # nothing more after the end
    board = open_scoreboard()
    try:
        [attempt] = board.history("ana-lima")
    finally:
        board.close()
    assert attempt.mode == "assessment" and attempt.learner == "ana-lima"


def test_leaving_before_the_end_terminates_the_session(browser, lms):
    page = browser.get(lms.launch_url("/cmi5/launch/tutorial"))
    trainee = Trainee.__new__(Trainee)
    trainee.client, trainee.page = browser, page
    trainee.get("/play")
    trainee.reply(1)
    back = browser.get(f"/cmi5/return?csrf={trainee.token}", follow_redirects=False)
    assert back.headers["location"] == "https://lms.example.org/course/9"
    sent = send(lms)
    assert sent == ["initialized", "answered", "terminated"], [(s["verb"]["id"], s["timestamp"], s["id"]) for s in lms.statements]
    assert browser.get("/scenarios").url.path == "/"  # leaving signed the learner out


def test_return_needs_the_pages_token(browser, lms):
    browser.get(lms.launch_url("/cmi5/launch/tutorial"))
    forged = browser.get("/cmi5/return?csrf=forged", follow_redirects=False)
    assert forged.status_code == 400 and send(lms, last="initialized") == ["initialized"]  # no terminated


def test_a_bad_launch_is_a_plain_400(browser, lms):
    page = browser.get("/cmi5/launch/tutorial?endpoint=x")
    assert page.status_code == 400 and "This course could not be opened" in page.text
    assert "Traceback" not in page.text
    unknown = browser.get(lms.launch_url("/cmi5/launch/no-such-scenario"))
    assert unknown.status_code == 400 and "no scenario &#39;no-such-scenario&#39;" in unknown.text


def test_only_the_allowed_lms_hosts_may_launch(browser, lms, monkeypatch):
    monkeypatch.setenv("FIVE_LEVERS_CMI5_LMS", "lms.example.org")
    page = browser.get(lms.launch_url("/cmi5/launch/tutorial"))
    assert page.status_code == 400 and "does not accept launches from 127.0.0.1" in page.text
    assert lms.fetches == 0
    monkeypatch.setenv("FIVE_LEVERS_CMI5_LMS", "127.0.0.1")
    assert browser.get(lms.launch_url("/cmi5/launch/tutorial")).url.path == "/briefing"


def test_the_learning_path_page_shows_progress_and_what_is_left(web):
    _, trainee = web
    kim = trainee("Path Kim", mode="assessment")
    assert "Your learning path" in kim.page.text  # in the navigation
    page = kim.get("/path")
    assert page.status_code == 200 and "<h1>Your learning path</h1>" in page.text
    assert "Five Levers: From First Call to Hard Conversations" in page.text
    assert "Certified in 0 of 5 blocks; next: First steps" in page.text and "1. First steps: Open" in page.text
    assert "Tutorial: The Sofa That Didn&#39;t Arrive: not played yet" in page.text
    assert "2. The basics: Locked until First steps is certified" in page.text
    assert "Left for the certificate: Tutorial: The Sofa That Didn&#39;t Arrive: Developing or better." in page.text
    assert "Protect Your Turf: Shop Systems: not played yet" in page.text
    kim.start("tutorial")
    kim.play_to_the_end(1)
    played = kim.get("/path").text
    assert "Tutorial: The Sofa That Didn&#39;t Arrive: not played yet" not in played
    assert ("1. First steps: Certified" in played) == ("Tutorial: The Sofa That Didn&#39;t Arrive: met" in played)


def test_with_no_lms_named_no_launch_is_taken_and_nothing_is_fetched(browser, lms, monkeypatch, caplog):
    """A launch link names its own token URL: until FIVE_LEVERS_CMI5_LMS names
    the LMS, the server POSTs to no address a query string gives it."""
    monkeypatch.delenv("FIVE_LEVERS_CMI5_LMS")
    for url in ("/cmi5/launch/tutorial", "/cmi5/launch/campaign/shop-systems"):
        page = browser.get(lms.launch_url(url))
        assert page.status_code == 400 and "This course could not be opened" in page.text
        assert "has not been told which LMS may open its courses" in page.text
        assert "FIVE_LEVERS_CMI5_LMS" in page.text and "Traceback" not in page.text
    assert lms.fetches == 0 and lms.state_reads == []
    assert "a launch from an LMS was refused" in caplog.text  # whoever runs the server reads why


def test_the_token_url_and_the_endpoint_must_both_be_on_a_named_lms(browser, lms, monkeypatch):
    monkeypatch.setenv("FIVE_LEVERS_CMI5_LMS", "127.0.0.1, lms.example.org")
    from urllib.parse import urlencode
    for changes in ({"fetch": "http://attacker.example.net/fetch"}, {"endpoint": "http://attacker.example.net/x/"}):
        page = browser.get(f"/cmi5/launch/tutorial?{urlencode(lms.query(**changes))}")
        assert page.status_code == 400 and "does not accept launches from attacker.example.net" in page.text
    assert lms.fetches == 0
    assert browser.get(lms.launch_url("/cmi5/launch/tutorial")).url.path == "/briefing"
