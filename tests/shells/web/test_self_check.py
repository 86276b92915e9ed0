"""The self-check in the browser: ten answers give a style, kept on the
scoreboard and shown in the next debrief's pairing; the progress survives
a reload; a forged answer is refused plainly."""
from __future__ import annotations

from game.core.styles import QUESTIONS, STYLE_NAMES, score_answers
from game.storage.scoreboard import open_scoreboard


def test_the_self_check_gives_a_style_kept_for_the_debrief(web):
    _, trainee = web
    ana = trainee("Ana Lima")
    page = ana.get("/self-check")
    assert "Start the self-check" in page.text
    ana.post("/self-check", action="start")
    answers = [1 + n % 3 for n in range(len(QUESTIONS))]
    for n, answer in enumerate(answers):
        assert f"Question {n + 1} of {len(QUESTIONS)}" in ana.page.text
        if n == 3:  # a reload keeps the place
            assert "Question 4 of" in ana.get("/self-check").text
        ana.post("/self-check", action=f"answer-{answer}")
    style = score_answers(answers).style
    assert f"Your style: {STYLE_NAMES[style]}" in ana.page.text and "How to flex" in ana.page.text
    board = open_scoreboard()
    try:
        assert board.player_style("Ana Lima")["style"] == style
    finally:
        board.close()
    ana.start("tutorial")  # the debrief pairs the customer with the trainee's style
    end = ana.play_to_the_end()
    assert f"Your style: {STYLE_NAMES[style]}" in ana.get(end.url.path.removesuffix("/ending")).text


def test_previous_goes_back_a_question_and_done_leaves(web):
    _, trainee = web
    ana = trainee("Ana Lima")
    ana.post("/self-check", action="start")
    ana.post("/self-check", action="answer-2")
    assert "Question 2 of" in ana.page.text
    ana.post("/self-check", action="previous")
    assert "Question 1 of" in ana.page.text
    page = ana.post("/self-check", action="back")
    assert page.url.path == "/scenarios"


def test_a_forged_answer_is_refused_plainly(web):
    _, trainee = web
    ana = trainee("Ana Lima")
    ana.post("/self-check", action="start")
    page = ana.client.post("/self-check", data={"csrf": ana.token, "action": "answer-99999999"})
    assert page.status_code == 400 and "could not be read" in page.text
    page = ana.post("/self-check", action="answer-7")  # not an answer to this question: nothing happens
    assert "Question 1 of" in page.text


def test_practising_with_customers_unlike_you_needs_the_self_check_then_meets_one(web, library):
    from game.core.styles import unlike
    from game.storage import saves
    from game.storage.scoreboard import open_scoreboard
    _, trainee = web
    ana = trainee("Ana Lima")
    page = ana.get("/scenarios")
    assert "Practise with customers unlike you" in page.text and "Take the short self-check first" in page.text
    assert ana.post("/start-unlike").url.path == "/self-check"
    ana.post("/self-check", action="start")
    for _ in QUESTIONS:
        ana.post("/self-check", action="answer-1")
    own = score_answers([1] * len(QUESTIONS)).style
    ana.get("/scenarios")
    assert ana.post("/start-unlike").url.path == "/briefing"
    ana.post("/begin")
    board = open_scoreboard()  # the server keeps conversations in progress in its database
    saved, _ = saves.load_session("Ana Lima", board)
    board.close()
    scenario = library.find(saved.snapshot["scenario"]).scenario
    assert scenario.personas[saved.snapshot["persona"]].style == unlike(own)[0]
