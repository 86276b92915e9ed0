"""The certificate rule over known attempts gives known progress (issue 29):
Strong or better in the rule's mode on every scenario, within the first N
attempts (abandoned ones count), enough different temperaments met, the
campaign played; a block opens when its prerequisites are certified; the
view says what is left."""
from dataclasses import dataclass
from pathlib import Path

from game.app.course_view import course_view, read_progress
from game.core.course.load import check_bytes
from game.core.course.progress import evaluate
from game.storage.attempts import Attempt

COURSE = check_bytes(b"""\
format: 1
id: t
title: Test path
blocks:
  one:
    title: One
    scenarios: [a, b]
    certificate: {grade: Strong, mode: assessment, attempts: 2, personas: 2}
  two:
    title: Two
    requires: [one]
    scenarios: [c]
    campaign: shop
    certificate: {grade: Developing, mode: any, attempts: any, campaign_score: 50}
""", "t.yaml", {"a", "b", "c"}, {"shop"}).course


@dataclass
class A:
    scenario: str
    grade: str
    mode: str = "assessment"
    status: str = "finished"
    persona: str = ""
    persona_style: str = ""


@dataclass
class Q:
    portfolio: str
    score: int


def test_nothing_played_leaves_everything_and_only_the_first_block_open():
    progress = evaluate(COURSE, [])
    one, two = progress.blocks
    assert one.open and not one.certified and not two.open and not two.certified
    assert "a: Strong or better in assessment mode (2 tries left)" in one.left
    assert "meet 2 more different customer temperaments" in one.left
    assert progress.next_block is one


def test_strong_in_assessment_with_two_temperaments_certifies_and_opens_the_next():
    attempts = [A("a", "Strong", persona="p", persona_style="direct"),
                A("b", "Legendary", persona="q", persona_style="steady")]
    one, two = evaluate(COURSE, attempts).blocks
    assert one.certified and one.left == () and one.temperaments == ("direct", "steady")
    assert two.open and not two.certified


def test_coach_mode_does_not_count_and_only_the_first_two_attempts_do():
    attempts = [A("a", "Legendary", mode="coach"), A("a", "Developing", persona_style="direct"),
                A("a", "Needs work", status="abandoned"), A("a", "Legendary", persona_style="steady"),
                A("b", "Strong", persona_style="steady")]
    one = evaluate(COURSE, attempts).blocks[0]
    a = one.scenarios[0]
    assert (a.met, a.counted, a.best_grade, a.tries_left) == (False, 3, "Developing", 0)
    assert not one.certified
    assert any("no tries left" in item for item in one.left)


def test_one_temperament_is_not_enough():
    attempts = [A("a", "Strong", persona_style="direct"), A("b", "Strong", persona_style="direct")]
    one = evaluate(COURSE, attempts).blocks[0]
    assert not one.certified and one.left == ("meet 1 more different customer temperament",)


def test_the_campaign_must_reach_its_score():
    attempts = [A("a", "Strong", persona_style="direct"), A("b", "Strong", persona_style="steady"),
                A("c", "Developing", mode="coach")]
    two = evaluate(COURSE, attempts, [Q("shop", 40)]).blocks[1]
    assert not two.certified and two.campaign_best == 40
    assert two.left == ("play the campaign 'shop' scoring 50 or more",)
    progress = evaluate(COURSE, attempts, [Q("shop", 40), Q("shop", 55)])
    assert progress.blocks[1].certified and progress.certified and progress.next_block is None


def test_the_view_says_what_is_left_in_words():
    attempts = [A("a", "Strong", persona_style="direct"), A("b", "Developing", persona_style="steady")]
    view = course_view(COURSE, evaluate(COURSE, attempts), {"a": "Alpha", "b": "Beta"}, {"shop": "Shop systems"})
    one, two = view.blocks
    assert one.state == "Open" and two.state == "Locked until One is certified"
    assert ("Alpha", "met (Strong in assessment mode)") in one.scenarios
    assert ("Beta", "not yet; best in assessment mode so far Developing") in one.scenarios
    assert one.left == ("Beta: Strong or better in assessment mode (1 try left)",)
    assert ("Shop systems", "not played yet") in two.scenarios
    assert view.headline == "Certified in 0 of 2 blocks; next: One"
    text = "\n".join(view.lines())
    assert "Left for the certificate: Beta: Strong or better in assessment mode (1 try left)." in text


def test_a_game_in_a_mode_that_does_not_count_is_named_as_practice_not_as_unplayed():
    """After a coach-mode Legendary the path must not say 'not played yet'
    (the trial's trainee thought their game was lost)."""
    attempts = [A("a", "Legendary", mode="coach"), A("b", "Legendary", mode="coach"),
                A("b", "Developing", persona_style="steady")]
    one = course_view(COURSE, evaluate(COURSE, attempts), {"a": "Alpha", "b": "Beta"}).blocks[0]
    alpha, beta = dict(one.scenarios)["Alpha"], dict(one.scenarios)["Beta"]
    assert alpha == ("played in coach mode (practice, best Legendary) — the certificate counts assessment "
                     "attempts: play it in assessment mode")
    assert beta == ("not yet; best in assessment mode so far Developing; also played in coach mode "
                    "(practice, not counted)")
    two = course_view(COURSE, evaluate(COURSE, [A("c", "Strong", mode="coach")]), {"c": "Gamma"}).blocks[1]
    assert ("Gamma", "met (Strong)") in two.scenarios  # a rule in any mode counts coach mode: no practice note


def test_progress_is_read_from_the_scoreboard(saves):
    from game.storage.scoreboard import open_scoreboard
    board = open_scoreboard()
    try:
        for sid, grade, style in (("a", "Strong", "direct"), ("b", "Legendary", "steady"), ("a", "Strong", "x")):
            board.record(_attempt(sid, grade, style, "Ana"))
        board.record(_attempt("b", "Strong", "direct", "Bo"))
        ana, bo = read_progress(board, "Ana", COURSE), read_progress(board, "Bo", COURSE)
    finally:
        board.close()
    assert ana.blocks[0].certified and not bo.blocks[0].certified


def _attempt(sid, grade, style, player):
    score = {"Developing": 55, "Strong": 80, "Legendary": 95}[grade]
    return Attempt(player=player, scenario=sid, version=1, content_hash="h", title=sid.upper(), mode="assessment",
                   seed=0, started_at="2026-01-01T10:00:00+00:00", finished_at="2026-01-01T10:05:00+00:00",
                   duration_s=300, choices=[1], path=["x", "end"], levers={}, rules={}, score=score, grade=grade,
                   outcome="retained", persona="p", persona_style=style)


def test_the_course_reads_only_its_scenarios_and_decides_as_over_the_whole_history(store):
    """Issue 33: the course view reads six columns of the player's attempts at the course's scenarios
    (storage course_attempts) instead of every attempt as an object; on SQLite and PostgreSQL the
    progress is the rule over the whole history, abandoned attempts, other modes and other scenarios
    included, and in the same order (the first N attempts count)."""
    from game.core.course.progress import evaluate as rule
    from game.storage.scoreboard import open_scoreboard
    board = open_scoreboard()
    try:
        plays = [("a", "Developing", "direct", "assessment", "finished"), ("a", "Legendary", "", "assessment",
                 "abandoned"), ("z", "Legendary", "steady", "assessment",
                 "finished"), ("a", "Strong", "steady", "coach", "finished"), ("b", "Legendary", "", "assessment",
                 "abandoned"), ("b", "Strong", "expressive", "assessment", "finished"),
                 ("a", "Strong", "steady", "assessment", "finished"), ("c", "Developing", "", "coach", "finished")]
        for n, (sid, grade, style, mode, status) in enumerate(plays):
            a = _attempt(sid, grade, style, "Ana")
            a.mode, a.status, a.finished_at = mode, status, f"2026-01-01T10:{n:02d}:00+00:00"
            a.persona = "p" if style else ""
            board.record(a)
        board.record(_attempt("b", "Legendary", "direct", "Bo"))
        read = board.course_attempts("Ana", ["a", "b", "c"])
        whole = rule(COURSE, board.history("Ana"))
        assert [r.scenario for r in read] == ["a", "a", "a", "b", "b", "a", "c"]  # oldest first, z left out
        assert read_progress(board, "Ana", COURSE) == whole
        assert read_progress(board, "Bo", COURSE) == rule(COURSE, board.history("Bo"))
        first = whole.blocks[0].scenarios[0]  # the Strong came third: the rule counts the first 2
        assert first.counted == 3 and not first.met and first.tries_left == 0
    finally:
        board.close()
