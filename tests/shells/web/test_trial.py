"""What a new user's trial of the browser version found: the ending and the
debrief say the outcome the conversation really had (retained, at risk or
lost, each in its own words); the scenario list and the briefing give the
same minutes; …"""
from __future__ import annotations

import re

import pytest

from tests.shells.web.conftest import attempts

# with seed 0 the tutorial's customer is the brisk persona; these replies reach each outcome
# (checked against `main.py play scenarios/tutorial.yaml --seed 0 --persona brisk --choices … --json`)
PATHS = {"retained": [1, 2, 2, 2, 3, 3, 3], "at_risk": [1, 1, 1, 1, 1, 1, 1, 1], "lost": [1, 2, 4, 1, 2, 1]}
WORDS = {"retained": ("Priya Nair is staying with you. Customer retained.", "Customer retained"),
         "at_risk": ("Priya Nair may not stay with you. The customer is at risk.", "Customer at risk"),
         "lost": ("Priya Nair is leaving. The customer is lost.", "Customer lost")}


@pytest.mark.parametrize("outcome", sorted(PATHS))
def test_each_ending_shows_its_own_outcome_on_the_ending_and_the_debrief(web, monkeypatch, outcome):
    monkeypatch.setattr("game.app.next_start.fresh_seed", lambda: 0)
    _, trainee = web
    ana = trainee("Ana Lima", mode="assessment")
    ana.start("tutorial")
    ana.get("/play")
    for number in PATHS[outcome]:
        assert ana.at is not None, "the conversation ended early"
        ana.reply(number)
    end = ana.page
    assert end.url.path.endswith("/ending")
    assert attempts()[0].outcome == outcome  # what the game recorded is the truth
    words, title = WORDS[outcome]
    debrief = ana.get(end.url.path.removesuffix("/ending"))
    for page in (end.text, debrief.text):
        assert words in page
        assert "has not decided" not in page
        for other, (other_words, _) in WORDS.items():
            if other != outcome:
                assert other_words not in page
    assert f"Outcome: <strong>{title}</strong>" in debrief.text


def test_the_scenario_list_and_the_briefing_give_the_same_minutes(web):

    _, trainee = web
    ana = trainee("Ana Lima")
    listed = ana.get("/scenarios").text
    for scenario in ("tutorial", "card-machine"):
        brief = ana.choose(scenario).text
        said = re.search(r"about (\d+) min", brief)
        assert said, "the briefing gives no minutes"
        title = re.search(r"<h1>Briefing: (.*?)</h1>", brief).group(1)
        row = listed[listed.index(f">{title}</h2>"):]
        assert re.search(r"about (\d+) min", row).group(1) == said.group(1)


COACHING = re.compile(r'<section class="coaching tone-(\w+)"[^>]*>.*?<p class="verdict"><strong>(.*?)</strong>', re.S)


def test_the_coaching_box_takes_the_colour_and_label_of_how_the_reply_went(web, monkeypatch):
    monkeypatch.setattr("game.app.next_start.fresh_seed", lambda: 0)  # brisk Priya, replies in a known order
    _, trainee = web
    ana = trainee("Ana Lima")
    ana.start("tutorial")
    ana.get("/play")
    ana.reply(1)
    assert COACHING.search(ana.reply(2).text).groups() == ("good", "Good reply · +4 points")
    page = ana.reply(4)  # breaks "don't upset", -1
    tone, label = COACHING.search(page.text).groups()
    assert (tone, label) == ("bad", "Rule broken: Don&#39;t upset them in the first place · -1 point")
    assert page.text.count("Rule broken") == 1  # said once, in the label
    for number in (1, 2, 1):
        ana.reply(number)
    debrief = ana.get(ana.page.url.path.removesuffix("/ending"))
    steps = re.findall(r'<li class="tone-(\w+)">.*?<p class="verdict"><strong>(.*?)</strong>', debrief.text, re.S)
    assert steps[1] == ("good", "Good reply · +4 points")
    assert steps[2] == ("bad", "Rule broken: Don&#39;t upset them in the first place · -1 point")


def test_what_looks_like_a_button_is_a_button_on_every_page_of_a_conversation(web):
    _, trainee = web
    ana = trainee("Ana Lima")
    ana.start("tutorial")  # a conversation to resume
    pages = {"/scenarios": "Resume the conversation", "/briefing": "Start the conversation"}
    for path, label in pages.items():
        page = ana.get(path).text
        assert 'class="button' not in page  # no link dressed as a button (Space would do nothing)
        assert re.search(rf'<form method="get" action="/play" class="go"><button type="submit" class="primary" '
                         rf'autofocus>{label}</button></form>', page)
    end = ana.play_to_the_end()
    assert 'class="button' not in end.text
    assert re.search(r'<form method="get" action="/attempts/\d+" class="go"><button[^>]*>See your debrief</button>',
                     end.text)
    debrief = ana.get(end.url.path.removesuffix("/ending")).text
    assert 'class="button' not in debrief and '>All scenarios</button>' in debrief


def test_previous_question_is_outside_the_list_of_answers(web):
    _, trainee = web
    ana = trainee("Ana Lima")
    ana.post("/self-check", action="start")
    page = ana.post("/self-check", action="answer-2").text
    assert "Question 2 of" in page and "Previous question" in page
    fieldset = page[page.index("<fieldset"):page.index("</fieldset>")]
    assert "Previous question" not in fieldset and len(re.findall(r'data-key="\d"', fieldset)) == 4
    back = ana.post("/self-check", action="previous").text
    assert "Question 1 of" in back


def test_a_conversation_the_quarter_asked_for_leads_back_to_the_quarter(web):
    from tests.shells.web.test_portfolio import _choose
    _, trainee = web
    ana = trainee("Ana Lima")
    ana.get("/portfolio")
    _choose(ana)
    while "Plan your contact" not in ana.page.text:
        _choose(ana)
    _choose(ana)
    _choose(ana)  # start the quarter with no contact planned: accounts fall into trouble
    for _ in range(80):
        if "Talk to " in ana.page.text:
            break
        _choose(ana)
    assert "Talk to " in ana.page.text
    week = int(re.search(r"Week (\d+) of 13", ana.page.text).group(1))
    _choose(ana)
    end = ana.play_to_the_end()
    debrief = ana.get(end.url.path.removesuffix("/ending"))
    # issue 31: the way on is back to the quarter at its week, in focus; never a scenario outside the portfolio
    actions = debrief.text[debrief.text.index('id="next-h"'):]
    assert re.search(r'<form method="get" action="/portfolio" class="go"><button type="submit" class="primary" autofocus>'
                     rf'Back to the quarter \(week {week}\)</button>', actions)
    assert 'action="/start"' not in actions and "Next:" not in actions and "Play it again" not in actions
    back = ana.client.get("/portfolio")
    assert "the account is" in back.text
    ana.start("tutorial")  # a conversation of the trainee's own choosing does not offer the quarter
    end = ana.play_to_the_end()
    own = ana.get(end.url.path.removesuffix("/ending")).text
    assert "Back to the quarter" not in own and "Play it again" in own


def test_the_small_things_a_new_user_met(web, monkeypatch):
    _, trainee = web
    ana = trainee()
    page = ana.get("/")
    assert '<link rel="icon" href="/static/favicon.svg"' in page.text
    assert ana.client.get("/static/favicon.svg").status_code == 200
    # nothing typed: the message says a learner id alone will do
    empty = ana.sign_in("", learner="")
    assert empty.status_code == 400 and "or only your learner id" in empty.text
    # a name too long is refused plainly (the field does not cut it short without a word)
    long = ana.sign_in("A" * 52)
    assert long.status_code == 400 and "at most 40 characters (this one has 52)" in long.text
    assert 'maxlength="40"' not in long.text
    # a pasted no-break space is a space
    ana.get("/")
    assert ana.sign_in("Ana\u00a0Lima").url.path == "/scenarios"
    assert "Signed in as Ana Lima" in ana.page.text
    # the debrief's self-check tip names no title screen (the browser has none)
    monkeypatch.setattr("game.app.next_start.fresh_seed", lambda: 0)
    ana.start("tutorial")
    first = ana.get("/play").text
    assert "Priya Nair’s mood: <strong>" in first and ">Mood: <strong>" not in first  # the narrator speaks first
    end = ana.play_to_the_end()
    debrief = ana.get(end.url.path.removesuffix("/ending")).text
    assert "Take the self-check" in debrief and "title screen" not in debrief


def test_signing_in_from_a_page_returns_to_it(web):
    _, trainee = web
    ana = trainee()
    asked = ana.get("/history")
    assert asked.url.path == "/" and asked.url.query == b"next=/history"
    after = re.search(r'name="after" value="([^"]*)"', asked.text).group(1)  # the form carries it, as a browser would
    assert ana.post("/signin", name="Ana Lima", mode="coach", learner="", after=after).url.path == "/history"
    odd = trainee()
    page = odd.get("/?next=https://evil.example/")
    after = re.search(r'name="after" value="([^"]*)"', page.text).group(1)
    assert odd.post("/signin", name="Bo", mode="coach", learner="", after=after).url.path == "/scenarios"
    assert odd.post("/signout").url.path == "/"
    assert odd.post("/signin", name="Bo", mode="coach", learner="", after="//evil.example").url.path == "/scenarios"
