"""A trainee plays in the browser: sign in, pick, brief, talk, end, debrief,
history; the attempt lands on the scoreboard once; a conversation resumes
from any server process."""
from __future__ import annotations

import re

from starlette.testclient import TestClient

from tests.shells.web.conftest import Trainee, attempts


def test_signing_in_leads_to_scenario_select_with_difficulty_and_best_so_far(web):
    _, trainee = web
    ana = trainee("Ana Lima")
    page = ana.get("/scenarios")
    assert "Tutorial: The Sofa That Didn&#39;t Arrive" in page.text
    assert re.search(r"Difficulty \d of 5", page.text)
    assert "Not played yet" in page.text
    ana.start("tutorial")
    ana.play_to_the_end()
    best = attempts()[0]
    page = ana.get("/scenarios")
    assert f"Best so far: {best.score} ({best.grade})" in page.text


def test_a_scenario_played_to_the_end_shows_the_ending_and_the_whole_debrief(web):
    _, trainee = web
    ana = trainee("Ana Lima")
    brief = ana.choose("tutorial")
    assert brief.url.path == "/briefing"
    assert "Priya Nair" in brief.text and "Start the conversation" in brief.text
    assert '<svg class="portrait"' in brief.text and "looking uneasy" in brief.text
    play = ana.post("/begin")
    assert 'id="line" data-announce' in play.text and 'data-key="1"' in play.text  # announce.js reads it out
    # the replies get the focus; their group is described by who speaks and the line, so it is read first
    assert '<fieldset aria-describedby="speaker-h line">' in play.text and 'id="line"' in play.text
    assert re.search(r"(Mood|Priya Nair’s mood): <strong>(Calm|Uneasy|Upset|Angry)</strong>", play.text)
    end = ana.play_to_the_end()
    assert re.fullmatch(r"/attempts/\d+/ending", end.url.path)
    assert "The end of the conversation" in end.text and "The customer is" in end.text
    debrief = ana.get(end.url.path.removesuffix("/ending"))
    recorded = attempts()
    assert len(recorded) == 1
    a = recorded[0]
    text = debrief.text
    assert f"Score <strong>{a.score}</strong>" in text and f"Grade <strong>{a.grade}</strong>" in text
    assert 'class="radar"' in text and "Connect" in text and "of" in text  # the chart and each lever in words
    for step in a.steps:  # the whole conversation, with the coaching on every reply
        assert step["text"].replace("'", "&#39;") in text
    assert "Coaching:" in text and "Flex your style" in text
    assert "Play it again" in text and "Next: Going Live on Monday" in text  # replay, next scenario
    again = ana.post("/start", scenario="go-live")
    assert again.url.path == "/briefing" and "Going Live on Monday" in again.text


def test_the_attempt_is_recorded_once_even_when_the_last_reply_is_sent_twice(web):
    _, trainee = web
    ana = trainee("Ana Lima")
    ana.start("tutorial")
    ana.get("/play")
    while True:
        form = {"at": str(ana.at), "number": "1", "csrf": ana.token}
        first = ana.client.post("/reply", data=form)
        if first.url.path.endswith("/ending"):
            again = ana.client.post("/reply", data=form)  # a double click on the last reply
            assert again.status_code == 200
            break
        ana.page = first
    assert len(attempts()) == 1


def test_a_reply_sent_twice_for_the_same_step_counts_once(web):
    _, trainee = web
    ana = trainee("Ana Lima")
    ana.start("tutorial")
    ana.get("/play")
    form = {"at": "0", "number": "1", "csrf": ana.token}
    ana.client.post("/reply", data=form)
    page = ana.client.post("/reply", data=form)
    assert Trainee.at.fget(type("P", (), {"page": page})()) == 1


def test_coach_mode_coaches_after_each_reply_and_assessment_keeps_it_for_the_debrief(web):
    _, trainee = web
    coached, assessed = trainee("Coached"), trainee("Assessed", mode="assessment")
    for t in (coached, assessed):
        t.start("tutorial")
        t.get("/play")
        t.reply(1)
    assert "Coaching on your last reply" in coached.page.text
    assert "Coaching on your last reply" not in assessed.page.text
    assert "Assessment mode" in assessed.page.text
    assert "Mood: <strong>" in coached.page.text and "Mood: <strong>" not in assessed.page.text  # as the window
    end = assessed.play_to_the_end()
    assert "Coaching:" in assessed.get(end.url.path.removesuffix("/ending")).text


def test_a_conversation_resumes_after_closing_the_tab_and_in_another_server_process(web, make_app):
    app, trainee = web
    ana = trainee("Ana Lima")
    ana.start("tutorial")
    ana.get("/play")
    ana.reply(1)
    ana.reply(1)
    where = ana.at
    line = re.search(r'id="line" data-announce>(.*?)</div>', ana.page.text, re.S).group(1)
    # the tab closed: a new page with the same cookies
    again = ana.client.get("/scenarios")
    assert "Resume the conversation" in again.text
    assert AT_OF(ana.client.get("/play").text) == where
    # another process of the server (its own app, the same store and key)
    with TestClient(make_app(), follow_redirects=True, cookies=ana.client.cookies) as other:
        page = other.get("/play")
        assert AT_OF(page.text) == where
        assert re.search(r'id="line" data-announce>(.*?)</div>', page.text, re.S).group(1) == line


def AT_OF(text: str) -> int:
    return int(re.search(r'name="at" value="(\d+)"', text).group(1))


def test_history_lists_only_the_trainees_own_attempts(web):
    _, trainee = web
    ana, ben = trainee("Ana Lima"), trainee("Ben Okafor")
    ana.start("tutorial")
    ana_end = ana.play_to_the_end()
    ben.start("tutorial")
    ben.play_to_the_end(number=2)
    history = ana.get("/history").text
    assert history.count('<li class="card">') == 1
    assert ana_end.url.path.removesuffix("/ending") in history


def test_a_trainee_cannot_open_someone_elses_transcript(web):
    _, trainee = web
    ana, ben = trainee("Ana Lima"), trainee("Ben Okafor")
    ana.start("tutorial")
    path = ana.play_to_the_end().url.path.removesuffix("/ending")
    theirs = ben.get(path)
    assert theirs.status_code == 404
    assert "There is no such attempt among yours." in theirs.text
    assert "Priya" not in theirs.text
    assert ben.get(path + "/ending").status_code == 404
    assert ben.get("/attempts/999999").status_code == 404  # the same answer as a missing one


def test_pages_need_a_signed_in_trainee(web):
    _, trainee = web
    anon = trainee()
    for path in ("/scenarios", "/play", "/briefing", "/history", "/attempts/1"):
        page = anon.get(path)
        assert page.url.path == "/" and "Your name" in page.text


def test_a_learner_id_alone_signs_in_as_that_id(web):
    _, trainee = web
    t = trainee()
    page = t.post("/signin", name="", learner="Ana.Lima@Example.org", mode="coach")
    assert page.url.path == "/scenarios" and "Signed in as ana.lima@example.org" in page.text
    t.start("tutorial")
    t.play_to_the_end()
    assert attempts()[0].learner == "ana.lima@example.org"


def test_an_empty_name_is_asked_again_plainly(web):
    _, trainee = web
    t = trainee()
    page = t.post("/signin", name="   ", learner="", mode="coach")
    assert page.status_code == 400 and "Type your name, or only your learner id" in page.text


def test_an_attempt_the_scoreboard_cannot_take_is_kept_and_the_debrief_still_shown(make_app, saves):
    from game.storage.files import StorageError
    from game.storage.scoreboard import open_scoreboard

    class Away:
        def __init__(self):
            self.real = open_scoreboard()

        def record(self, attempt):
            raise StorageError("the team database cannot be reached")

        def __getattr__(self, name):
            return getattr(self.real, name)

    with TestClient(make_app(board=Away()), follow_redirects=True) as client:
        t = Trainee(client)
        t.sign_in("Ana Lima")
        t.start("tutorial")
        page = t.play_to_the_end()
    assert "Debrief: Tutorial" in page.text and "kept on the server" in page.text
    assert len(list((saves / "pending").glob("*.json"))) == 1
    assert attempts() == []
    with TestClient(make_app(), follow_redirects=True):  # the next start adds it
        pass
    assert len(attempts()) == 1


def test_the_same_name_with_another_learner_id_is_another_trainee(web):
    _, trainee = web
    ana, other = trainee(), trainee()
    ana.sign_in("Ana", learner="ana@example.org")
    other.sign_in("Ana", learner="ana.lima@example.com")
    ana.start("tutorial")
    ana.get("/play")
    ana.reply(1)
    assert "Resume the conversation" not in other.get("/scenarios").text  # not theirs to resume
    path = ana.play_to_the_end().url.path.removesuffix("/ending")
    assert other.get(path).status_code == 404
    assert '<li class="card">' not in other.get("/history").text
    assert ana.get(path).status_code == 200


def test_history_shows_the_trend_of_the_score_as_a_chart_and_in_numbers(web):
    _, trainee = web
    ana = trainee("Ana Lima")
    assert 'class="trend"' not in ana.get("/history").text  # nothing to chart yet
    for number in (1, 2):
        ana.start("tutorial")
        ana.play_to_the_end(number=number)
    scores = [a.score for a in sorted(attempts(), key=lambda a: a.id)]
    page = ana.get("/history").text
    assert page.count("<polyline") >= 2 and "Your trend in numbers" in page
    rows = re.findall(r"<tr><th scope=\"row\">.*?</th><td>(.*?)</td>", page)
    assert [int(v) for v in rows] == scores  # oldest first, the score column


def test_a_conversation_that_cannot_be_saved_says_so_plainly(make_app):
    from game.storage.files import StorageError
    from game.storage.scoreboard import open_scoreboard

    class Full:  # the database takes no more saves (a full disk, a lost connection)
        def __init__(self):
            self.real = open_scoreboard()

        def write_save(self, kind, owner, doc):
            raise StorageError("the conversation in progress could not be recorded: the disk is full")

        def __getattr__(self, name):
            return getattr(self.real, name)

    with TestClient(make_app(board=Full()), follow_redirects=True) as client:
        ana = Trainee(client)
        ana.sign_in("Ana Lima")
        page = ana.start("tutorial")
    assert page.status_code == 503 and "Your conversation could not be saved" in page.text
    assert "the disk is full" in page.text and "Traceback" not in page.text


def test_a_damaged_conversation_in_the_database_is_a_plain_message_and_kept_for_a_trainer(web):
    from game.storage.scoreboard import open_scoreboard
    _, trainee = web
    ana = trainee("Ana Lima")
    ana.start("tutorial")
    board = open_scoreboard()
    try:
        with board.transaction("spoiling the save") as run:  # e.g. edited by hand in the database
            run("UPDATE saves_in_progress SET doc = '{\"save_format\": 3, \"player\": \"Ana Lima\"}'")
        page = ana.get("/play")
        assert page.status_code == 200 and "could not be read" in page.text and "set aside" in page.text
        assert "Traceback" not in page.text and "KeyError" not in page.text
        kept = board._query("SELECT doc FROM saves_set_aside", plain=True)
        assert len(kept) == 1 and "Ana Lima" in kept[0][0]
        assert "Resume the conversation" not in ana.get("/scenarios").text
    finally:
        board.close()
