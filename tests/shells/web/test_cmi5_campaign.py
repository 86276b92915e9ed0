"""The campaign AU (issue 29) through Starlette's TestClient against the fake
LMS on loopback: the package's campaign launch URL opens the portfolio's
quarter for the LMS's learner; the LMS hears initialized, the plan, the
weeks played (progress), each reply of the quarter's conversations, then
completed, passed or failed against its masteryScore (the quarter's score /
100) and terminated; Browse sends no judgement; leaving mid-quarter
terminates the session and the next launch resumes the quarter."""
from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from game.delivery.cmi5 import CMI5_CATEGORY, MASTERY_EXT, PROGRESS_EXT, SESSION_EXT
from game.storage.scoreboard import open_scoreboard
from tests.cmi5.fake_lms import SESSION, FakeLMS
from tests.shells.web.conftest import Trainee
from tests.shells.web.test_cmi5_launch import send, verbs

AT = re.compile(r'name="at" value="(\d+)"')
URL = "/cmi5/launch/campaign/shop-systems"


@pytest.fixture
def lms(monkeypatch):
    monkeypatch.setenv("FIVE_LEVERS_CMI5_LMS", "127.0.0.1")
    server = FakeLMS(mastery=0.5)
    server.activity = "https://lms.example.org/activities/au/campaign-8"
    yield server
    server.close()


@pytest.fixture
def client(make_app):
    with TestClient(make_app(), follow_redirects=True) as client:
        yield client


def launched(client, lms) -> Trainee:
    trainee = Trainee.__new__(Trainee)
    trainee.client = client
    trainee.page = client.get(lms.launch_url(URL))
    return trainee


def choose(t: Trainee, index: int = 0):
    return t.post("/portfolio", at=AT.search(t.page.text).group(1), choice=str(index))


def plan_and_start(t: Trainee) -> None:
    choose(t)  # from the briefing to the ranking
    while "Plan your contact" not in t.page.text:
        choose(t)  # the first account left, each time
    choose(t)
    choose(t, 1)  # the first account's contact options
    choose(t, 2)  # the first real option
    choose(t)  # start the quarter


def play_quarter(t: Trainee) -> int:
    """Play every week, talk to each account in trouble; the replies made in those conversations."""
    replies = 0
    for _ in range(80):
        text = t.page.text
        if "See the quarter" in text:
            break
        if "Talk to " in text:
            choose(t)
            t.get("/play")
            while t.at is not None:
                t.reply(1)
                replies += 1
            debrief = t.get(str(t.page.url).removesuffix("/ending"))  # the LMS's learner has a learner id
            assert "Back to the quarter (week " in debrief.text
            t.get("/portfolio")
            continue
        choose(t)
    choose(t)  # the debrief
    return replies


def test_the_campaign_au_plays_the_quarter_and_the_lms_hears_the_cmi5_sequence(client, lms):
    ana = launched(client, lms)
    assert ana.page.status_code == 200 and ana.page.url.path == "/portfolio"
    assert "Signed in as ana-lima" in ana.page.text and "Return to your course" in ana.page.text
    assert "Your accounts" in ana.page.text and "Shop Systems" in ana.page.text  # at the portfolio's briefing
    plan_and_start(ana)
    replies = play_quarter(ana)
    assert "Best plan for this quarter" in ana.page.text
    said = send(lms)
    [quarter] = open_scoreboard().quarters()
    score = quarter["score"]
    judged = "passed" if score >= 50 else "failed"
    middle = said[2:-3]
    assert said[:2] == ["initialized", "answered"] and said[-3:] == ["completed", judged, "terminated"]
    assert middle.count("answered") == replies and set(middle) <= {"progressed", "answered"} and replies >= 1
    statements = lms.statements
    assert statements[1]["object"]["id"] == f"{lms.activity}/plan"
    assert statements[1]["result"]["response"].startswith("Ranking: ")
    progress = [s["result"]["extensions"][PROGRESS_EXT] for s in statements if verbs([s]) == ["progressed"]]
    assert progress == sorted(progress) and progress[-1] == 100 and len(set(progress)) == len(progress)
    talk = [s for s in statements[2:-3] if verbs([s]) == ["answered"]]
    assert all(s["object"]["id"].startswith(f"{lms.activity}/conversation/") for s in talk)
    assert {s["context"]["extensions"][SESSION_EXT] for s in statements} == {SESSION}
    assert {s["context"]["registration"] for s in statements} == {lms.registration}
    defined = [s for s in statements if verbs([s])[0] in ("initialized", "completed", "passed", "failed",
                                                           "terminated")]
    allowed = [s for s in statements if s not in defined]
    assert all(any(c["id"] == CMI5_CATEGORY for c in s["context"]["contextActivities"]["category"])
               for s in defined)
    assert not any(CMI5_CATEGORY in str(s["context"]) for s in allowed)
    judgement = statements[-2]
    assert judgement["object"]["id"] == lms.activity
    assert judgement["result"]["score"] == {"scaled": round(score / 100, 4), "raw": score, "min": 0, "max": 100}
    assert judgement["result"]["success"] is (score >= 50) and judgement["context"]["extensions"][MASTERY_EXT] == 0.5
    back = client.get(f"/cmi5/return?csrf={ana.token}", follow_redirects=False)
    assert back.status_code == 303 and back.headers["location"] == "https://lms.example.org/course/9"
    assert send(lms) == said  # nothing more after the end


def test_browse_mode_sends_no_judgement(client, lms):
    lms.launch_data["launchMode"] = "Browse"
    ana = launched(client, lms)
    plan_and_start(ana)
    play_quarter(ana)
    assert "Best plan for this quarter" in ana.page.text
    said = send(lms)
    assert said[0] == "initialized" and said[-1] == "terminated"
    assert not {"completed", "passed", "failed"} & set(said)


def test_leaving_mid_quarter_terminates_and_the_next_launch_resumes_it(client, lms):
    ana = launched(client, lms)
    plan_and_start(ana)
    choose(ana)  # a week
    week = re.search(r"Week (\d+) of 13", ana.page.text).group(1)
    back = client.get(f"/cmi5/return?csrf={ana.token}", follow_redirects=False)
    assert back.headers["location"] == "https://lms.example.org/course/9"
    assert send(lms) == ["initialized", "answered", "progressed", "terminated"]
    lms.fetches = 0  # the LMS launches the AU again: a new session, a new token URL
    lms.launch_data["contextTemplate"]["extensions"][SESSION_EXT] = "f1e2d3c4-0000-4000-8000-000000000002"
    again = launched(client, lms)
    assert f"Week {week} of 13" in again.page.text  # the quarter resumes where it was
    assert send(lms, last="initialized")[-1] == "initialized"  # the plan was told in the first session


def test_an_unknown_campaign_and_an_lms_not_named_are_refused_plainly(client, lms, monkeypatch):
    page = client.get(lms.launch_url("/cmi5/launch/campaign/no-such-portfolio"))
    assert page.status_code == 400 and "no campaign &#39;no-such-portfolio&#39;" in page.text
    monkeypatch.delenv("FIVE_LEVERS_CMI5_LMS")
    page = client.get(lms.launch_url(URL))
    assert page.status_code == 400 and "has not been told which LMS may open its courses" in page.text
    assert "FIVE_LEVERS_CMI5_LMS" in page.text and lms.fetches == 0
