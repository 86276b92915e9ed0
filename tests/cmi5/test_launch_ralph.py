"""The cmi5 session end to end with a real LRS (issue 29): the fake LMS on
loopback serves the fetch URL and LMS.LaunchData and hands the statements to
Ralph; Ralph then holds exactly the cmi5 sequence, with the registration,
the session id and the result, also after the LRS was away for a while."""
import time

from game.app.cmi5_session import AuSession, deliver
from game.delivery.cmi5 import SESSION_EXT
from game.storage.scoreboard import open_scoreboard
from tests.cmi5.fake_lms import FakeLMS, SESSION, basic
from tests.cmi5.test_launch import BEST, TUTORIAL, play, verbs
from tests.delivery.ralph_server import SECRET, USER


def _by_time(statements):
    return sorted(statements, key=lambda s: s["timestamp"])


def test_ralph_holds_exactly_the_cmi5_sequence(saves, lrs):
    lms = FakeLMS(mastery=0.6, token=basic(USER, SECRET), forward_to=lrs.endpoint)
    board = open_scoreboard()
    try:
        session = AuSession.launch_from(lms.query(), TUTORIAL, board)
        session.finish(play(session, BEST))
        assert deliver(board).sent == len(BEST) + 4
        held = _by_time([s for s in lrs.statements() if s["context"]["registration"] == lms.registration])
        assert verbs(held) == ["initialized", *["answered"] * len(BEST), "completed", "passed", "terminated"]
        assert {s["context"]["extensions"][SESSION_EXT] for s in held} == {SESSION}
        assert held[-2]["result"]["score"]["scaled"] == 0.7 and held[-2]["result"]["success"] is True
    finally:
        board.close()
        lms.close()


def test_with_the_lrs_away_nothing_is_lost(saves, lrs):
    lms = FakeLMS(token=basic(USER, SECRET), forward_to=lrs.endpoint)
    board = open_scoreboard()
    try:
        lrs.kill()
        session = AuSession.launch_from(lms.query(), TUTORIAL, board)
        session.finish(play(session, BEST))
        away = deliver(board)
        assert away.sent == 0 and away.waiting == len(BEST) + 4
        lrs.start()
        assert deliver(board, now=time.time() + 3600).sent == len(BEST) + 4
        held = _by_time([s for s in lrs.statements() if s["context"]["registration"] == lms.registration])
        assert verbs(held) == ["initialized", *["answered"] * len(BEST), "completed", "failed", "terminated"]
    finally:
        board.close()
        lms.close()
