"""The AU launch (issue 29), against a fake LMS on loopback: the launch
parameters are checked; the auth token is fetched once; LMS.LaunchData is
read; the cmi5 defined statements go in the order the specification
requires (initialized; completed; passed or failed against the mastery
score, none of those in Browse or Review; terminated) with the context
template, the registration, the session id and the cmi5 category, plus one
`answered` per reply as cmi5 allowed statements; through the cmi5 outbox,
so nothing is lost while the LMS is away."""
import json
import time
from datetime import datetime
from pathlib import Path

import pytest

from game.app.cmi5_session import AuSession, deliver
from game.core import loader
from game.core.engine import Playthrough
from game.delivery.cmi5 import (CMI5_CATEGORY, MASTERY_EXT, MOVEON_CATEGORY, SESSION_EXT, VERBS, LaunchError,
                                fetch_token, launch_data, parse_launch)
from game.storage.scoreboard import open_scoreboard
from tests.cmi5.fake_lms import PUBLISHER_AU, SESSION, FakeLMS

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = loader.load_file(ROOT / "scenarios" / "tutorial.yaml")
BEST = [1, 3, 2, 2, 2, 2, 1, 4]  # 70, Developing (seed 0, the first persona)
WORST = [1, 4, 2, 3, 4, 1, 2, 2]  # 0


@pytest.fixture
def board(store):
    """The scoreboard holding the cmi5 outbox: SQLite and PostgreSQL alike."""
    board = open_scoreboard()
    yield board
    board.close()


@pytest.fixture
def lms():
    server = FakeLMS()
    yield server
    server.close()


def play(session, choices, stop=None):
    run = Playthrough(TUTORIAL, seed=0, persona=TUTORIAL.default_persona)
    for number, choice in enumerate(choices[:stop], 1):
        step = run.choose(choice)
        session.reply(step, number)
    return run


def verbs(statements):
    return [s["verb"]["id"].rsplit("/", 1)[1] for s in statements]


def categories(statement):
    return [a["id"] for a in statement["context"].get("contextActivities", {}).get("category", [])]


def test_launch_parameters_are_checked_in_plain_words(lms):
    good = lms.query()
    launch = parse_launch(good)
    assert launch.registration == lms.registration and launch.activity_id == lms.activity
    assert launch.actor["account"]["name"] == "ana-lima" and launch.endpoint.endswith("/xapi/")
    for changes, words in [({"fetch": ""}, "lacks fetch"), ({"actor": "{"}, "not JSON"),
                           ({"actor": json.dumps({"mbox": "mailto:a@b.c"})}, "account"),
                           ({"registration": "42"}, "not a UUID"), ({"endpoint": "ftp://x/"}, "http(s)"),
                           ({"activityId": "not an iri"}, "not an IRI")]:
        with pytest.raises(LaunchError, match=words.replace("(", r"\(").replace(")", r"\)")):
            parse_launch({**good, **changes})


def test_the_token_is_fetched_once_and_a_second_fetch_is_an_error_in_words(lms):
    launch = parse_launch(lms.query())
    assert fetch_token(launch) == lms.token
    with pytest.raises(LaunchError, match="used already or the session has expired"):
        fetch_token(launch)
    assert lms.fetches == 2


def test_launch_data_is_checked():
    with pytest.raises(LaunchError, match="session id"):
        launch_data({"launchMode": "Normal", "contextTemplate": {}})
    with pytest.raises(LaunchError, match="launchMode"):
        launch_data({"launchMode": "Play", "contextTemplate": {"extensions": {SESSION_EXT: "s"}}})
    data = launch_data({"launchMode": "Review", "contextTemplate": {"extensions": {SESSION_EXT: "s"}},
                        "returnURL": "javascript:alert(1)"})
    assert not data.judged and data.return_url is None and data.move_on == "NotApplicable"


def test_a_normal_launch_sends_the_cmi5_sequence_in_order(lms, board):
    lms.launch_data["masteryScore"] = 0.6
    session = AuSession.launch_from(lms.query(), TUTORIAL, board)
    assert lms.fetches == 1 and len(lms.state_reads) == 1
    run = play(session, BEST)
    assert run.finished
    assert session.finish(run) == "https://lms.example.org/course/9"
    report = deliver(board)
    sent = lms.statements
    assert report.sent == len(sent) == len(BEST) + 4
    assert verbs(sent) == ["initialized", *["answered"] * len(BEST), "completed", "passed", "terminated"]
    stamps = [datetime.fromisoformat(s["timestamp"].replace("Z", "+00:00")) for s in sent]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)
    for s in sent:
        context = s["context"]
        assert context["registration"] == lms.registration
        assert context["extensions"][SESSION_EXT] == SESSION
        assert {"objectType": "Activity", "id": PUBLISHER_AU} in context["contextActivities"]["grouping"]
        assert s["actor"]["account"] == lms.actor["account"]
    defined = [s for s in sent if s["verb"]["id"] != VERBS["answered"]]
    assert all(CMI5_CATEGORY in categories(s) and s["object"]["id"] == lms.activity for s in defined)
    answered = [s for s in sent if s["verb"]["id"] == VERBS["answered"]]
    assert all(CMI5_CATEGORY not in categories(s) for s in answered)
    assert answered[0]["result"]["response"] == run.steps[0].text
    completed, passed, terminated = sent[-3:]
    assert completed["result"] == {"completion": True, "duration": completed["result"]["duration"]}
    assert MOVEON_CATEGORY in categories(completed) and MOVEON_CATEGORY in categories(passed)
    assert MOVEON_CATEGORY not in categories(terminated) and MOVEON_CATEGORY not in categories(sent[0])
    assert passed["result"]["success"] is True and passed["result"]["score"] == {
        "scaled": 0.7, "raw": 70, "min": 0, "max": 100}
    assert passed["context"]["extensions"][MASTERY_EXT] == 0.6
    assert set(terminated["result"]) == {"duration"} and terminated["result"]["duration"].startswith("PT")
    [attempt] = board.history("ana-lima")
    assert attempt.mode == "assessment" and attempt.score == 70


def test_below_the_mastery_score_is_failed(lms, board):
    session = AuSession.launch_from(lms.query(), TUTORIAL, board)
    session.finish(play(session, WORST))
    deliver(board)
    failed = lms.statements[-2]
    assert verbs(lms.statements)[-3:] == ["completed", "failed", "terminated"]
    assert failed["result"]["success"] is False and failed["result"]["score"]["scaled"] == 0.0


@pytest.mark.parametrize("mode", ["Browse", "Review"])
def test_browse_and_review_send_no_completion_or_pass_fail(mode, board):
    lms = FakeLMS(launch_mode=mode)
    try:
        session = AuSession.launch_from(lms.query(), TUTORIAL, board)
        session.finish(play(session, BEST))
        deliver(board)
        assert verbs(lms.statements) == ["initialized", *["answered"] * len(BEST), "terminated"]
        assert session.mode == "coach"
    finally:
        lms.close()


def test_leaving_before_the_end_terminates_the_session_and_returns(lms, board):
    session = AuSession.launch_from(lms.query(), TUTORIAL, board)
    run = play(session, BEST, stop=2)
    assert session.leave(run) == "https://lms.example.org/course/9"
    session.leave(run)  # twice is harmless
    deliver(board)
    assert verbs(lms.statements) == ["initialized", "answered", "answered", "terminated"]
    [attempt] = board.history("ana-lima")
    assert attempt.status == "abandoned"  # it counts as a try on the learning path


def test_nothing_is_lost_while_the_lms_is_away(lms, board):
    lms.away = True
    session = AuSession.launch_from(lms.query(), TUTORIAL, board)
    session.finish(play(session, BEST))
    first = deliver(board)
    assert first.sent == 0 and first.waiting == len(BEST) + 4 and lms.statements == []
    assert deliver(board).waiting == 0  # backing off: not hammered
    lms.away = False
    later = deliver(board, now=time.time() + 3600)
    assert later.sent == len(BEST) + 4
    assert verbs(lms.statements)[0] == "initialized" and verbs(lms.statements)[-1] == "terminated"
    assert deliver(board, now=time.time() + 7200).sent == 0  # each once
    assert board.cmi5_status()["sent"] == len(BEST) + 4


def test_an_expired_token_parks_the_statements_with_the_reason(lms, board):
    session = AuSession.launch_from(lms.query(), TUTORIAL, board)
    session.leave()
    lms.token_expired = True
    report = deliver(board)
    assert report.parked == 2 and "cmi5 tokens last one session" in report.reasons[0]
    assert board.cmi5_status() == {"waiting": 0, "sent": 0, "parked": 2}


def test_a_second_session_in_the_registration_does_not_pass_or_complete_again(board):
    lms = FakeLMS(mastery=0.6)
    try:
        first = AuSession.launch_from(lms.query(), TUTORIAL, board)
        first.finish(play(first, BEST))
        lms.fetches = 0
        second = AuSession.launch_from(lms.query(), TUTORIAL, board)
        second.finish(play(second, WORST))
        deliver(board)
        assert verbs(lms.statements).count("completed") == 1
        assert "failed" not in verbs(lms.statements) and verbs(lms.statements).count("passed") == 1
    finally:
        lms.close()


def test_a_session_kept_as_plain_data_carries_on_between_requests(lms, board):
    session = AuSession.launch_from(lms.query(), TUTORIAL, board)
    kept = json.loads(json.dumps(session.to_dict()))  # as a web session would keep it
    again = AuSession.from_dict(kept, TUTORIAL, board)
    run = play(again, BEST)
    again = AuSession.from_dict(json.loads(json.dumps(again.to_dict())), TUTORIAL, board)
    again.finish(run)
    deliver(board)
    assert verbs(lms.statements) == ["initialized", *["answered"] * len(BEST), "completed", "failed", "terminated"]
    stamps = [s["timestamp"] for s in lms.statements]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)
    assert lms.fetches == 1


def test_the_background_sender_delivers_without_being_asked(lms, board):
    from game.delivery.cmi5_sender import Cmi5Sender
    sender = Cmi5Sender(open_scoreboard, idle_s=0.2).start()
    try:
        session = AuSession.launch_from(lms.query(), TUTORIAL, board)
        session.leave()
        sender.wake()
        deadline = time.time() + 20
        while len(lms.statements) < 2 and time.time() < deadline:
            time.sleep(0.05)
        assert verbs(lms.statements) == ["initialized", "terminated"] and sender.problem is None
    finally:
        sender.stop()


def test_a_later_statement_never_overtakes_one_that_waits_for_the_lms(lms, board):
    """The LMS is away at the launch: initialized waits for its back-off; the
    replies queued afterwards wait behind it, though they were never tried
    (an LMS checks cmi5's order as statements arrive: initialized first)."""
    lms.away = True
    session = AuSession.launch_from(lms.query(), TUTORIAL, board)
    assert deliver(board).waiting == 1
    lms.away = False
    run = play(session, BEST, stop=3)
    assert deliver(board).sent == 0 and lms.statements == []  # behind initialized, still backing off
    session.leave(run)
    assert deliver(board, now=time.time() + 60).sent == 5
    assert verbs(lms.statements) == ["initialized", "answered", "answered", "answered", "terminated"]


def test_the_back_off_from_an_lms_that_is_away_stays_short(lms, board):
    """A cmi5 token lasts about a session: an LMS that was away is tried again within 30 s, however long it was away."""
    from game.delivery.cmi5_sender import CMI5_BACKOFF_MAX_S
    lms.away = True
    session = AuSession.launch_from(lms.query(), TUTORIAL, board)
    session.leave()
    now = time.time()
    for _ in range(8):  # eight failures: the LRS sender's back-off would be many minutes by now
        now += CMI5_BACKOFF_MAX_S + 1
        assert deliver(board, now=now).waiting == 2
    lms.away = False
    assert CMI5_BACKOFF_MAX_S <= 30 and deliver(board, now=now + CMI5_BACKOFF_MAX_S + 0.01).sent == 2


def test_the_au_session_itself_refuses_an_lms_not_named(lms, board, monkeypatch):
    monkeypatch.delenv("FIVE_LEVERS_CMI5_LMS")
    with pytest.raises(LaunchError, match="has not been told which LMS"):
        AuSession.launch_from(lms.query(), TUTORIAL, board)
    monkeypatch.setenv("FIVE_LEVERS_CMI5_LMS", "lms.example.org")
    with pytest.raises(LaunchError, match="does not accept launches from 127.0.0.1"):
        AuSession.launch_from(lms.query(), TUTORIAL, board)
    assert lms.fetches == 0 and board.cmi5_status()["waiting"] == 0
