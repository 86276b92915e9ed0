"""The portfolio campaign in the browser: choose, rank, plan, play the
quarter week by week (a conversation when an account is in trouble, its
outcome back in the quarter), the debrief, the quarter on the scoreboard
once; the quarter resumes from the store."""
from __future__ import annotations

import re

from starlette.testclient import TestClient

from game.storage.scoreboard import open_scoreboard

AT = re.compile(r'name="at" value="(\d+)"')


def _choose(t, index: int = 0):
    return t.post("/portfolio", at=AT.search(t.page.text).group(1), choice=str(index))


def _quarters():
    board = open_scoreboard()
    try:
        return board.quarters()
    finally:
        board.close()


def test_a_quarter_played_through_with_its_conversations_is_recorded_once(web, make_app):
    _, trainee = web
    ana = trainee("Ana Lima")
    page = ana.get("/portfolio")
    assert "Protect your turf" in page.text
    _choose(ana)  # the first portfolio
    assert "Rank the accounts" in ana.page.text and "Your accounts" in ana.page.text
    _choose(ana)
    while "Plan your contact" not in ana.page.text:
        _choose(ana)  # the first account left, each time
    _choose(ana)  # plan your contact
    assert "hours a week" in ana.page.text
    _choose(ana, 1)  # the first account's contact options
    _choose(ana, 2)  # the first real option (index 0 is "No contact")
    _choose(ana)  # start the quarter
    # another server process picks the quarter up where it is
    with TestClient(make_app(), follow_redirects=True, cookies=ana.client.cookies) as other:
        assert "Before week 1 of 13" in other.get("/portfolio").text
    talks = 0
    for _ in range(80):
        text = ana.page.text
        if "See the quarter" in text:
            break
        if "Talk to " in text:
            talks += 1
            brief = _choose(ana)
            assert brief.url.path == "/briefing"
            ana.play_to_the_end()
            back = ana.get("/portfolio")
            assert "the account is" in back.text
            continue
        _choose(ana)
    _choose(ana)  # the debrief
    assert re.search(r"Score \d+%: what you kept beyond doing nothing", ana.page.text)
    assert "Best plan for this quarter" in ana.page.text and "Your plan with every event let go: " in ana.page.text
    assert "1. Ana Lima:" in ana.page.text  # the leaderboard
    assert "`" not in ana.page.text  # trial B4: the seed in words, the command as code in a part for trainers
    assert re.search(r"<h2 id=\"trainers-h\">For trainers</h2>\s*<p><code>main\.py analyze portfolios/[a-z-]+\.yaml "
                     r"--seed \d+</code> gives these figures", ana.page.text)
    # the page opens at its score (the heading takes the focus), not scrolled down to Done
    assert re.search(r'<h2 id="score-h" tabindex="-1" autofocus>', ana.page.text)
    assert not [place for place, attrs, _ in _buttons(ana) if "autofocus" in attrs]
    at = int(AT.search(ana.page.text).group(1))
    again = ana.post("/portfolio", at=str(at - 1), choice="0")  # the last choice sent twice: nothing happens
    assert "Best plan for this quarter" in again.text
    assert len(_quarters()) == 1 and _quarters()[0]["player"] == "Ana Lima"
    assert talks >= 1  # neglected accounts fell into trouble and were talked to
    page = _choose(ana)  # Done: back to the campaign's list of portfolios, a new quarter to start
    assert page.url.path == "/portfolio" and "Protect your turf: account portfolios" in page.text
    assert "Choose a portfolio." in page.text and "Best plan for this quarter" not in page.text
    assert len(_quarters()) == 1


def test_a_forged_choice_is_refused_plainly(web):
    _, trainee = web
    ana = trainee("Ana Lima")
    ana.get("/portfolio")
    page = ana.client.post("/portfolio", data={"csrf": ana.token, "at": "0", "choice": "99"})
    assert page.status_code == 400 and "There is no such choice here." in page.text
    page = ana.client.post("/portfolio", data={"at": "0", "choice": "0"})
    assert page.status_code == 400


BUTTON = re.compile(r'<button type="submit" name="choice" value="(\d+)"([^>]*)>(.*?)</button>', re.S)


def _buttons(t) -> list[tuple[int, str, str]]:
    """(place, attributes, visible words) of each choice on the page."""
    return [(int(v), attrs, " ".join(re.sub(r"<[^>]+>", " ", words).split()))
            for v, attrs, words in BUTTON.findall(t.page.text)]


def test_the_plan_starts_at_the_next_account_and_says_why_an_option_cannot_be_chosen(web):
    _, trainee = web
    ana = trainee("Ana Lima")
    ana.get("/portfolio")
    _choose(ana)
    _choose(ana)
    while "Plan your contact" not in ana.page.text:
        _choose(ana)
    _choose(ana)
    focus = [(place, words) for place, attrs, words in _buttons(ana) if "autofocus" in attrs]
    assert len(focus) == 1 and focus[0][0] == 1 and "Start the quarter" not in focus[0][1]  # the first account
    _choose(ana, 1)
    heavy = next(place for place, _, words in _buttons(ana) if words.startswith("Business review every week"))
    _choose(ana, heavy)
    focus = [place for place, attrs, _ in _buttons(ana) if "autofocus" in attrs]
    assert focus == [2]  # on to the next account with nothing planned
    _choose(ana, 2)
    shown = _buttons(ana)
    over = [(place, attrs, words) for place, attrs, words in shown if 'aria-disabled="true"' in attrs]
    assert over and all("over budget" in words for _, _, words in over)
    assert all(" disabled" not in attrs for _, attrs, _ in shown)  # reachable by Tab, not skipped
    at = AT.search(ana.page.text).group(1)
    place, _, words = over[0]
    page = _choose(ana, place)
    assert 'role="alert"' in page.text and "cannot be chosen" in page.text and "over budget" in page.text
    assert AT.search(page.text).group(1) == at  # nothing was done
    again = [(p, attrs) for p, attrs, _ in _buttons(ana) if "autofocus" in attrs]
    assert again == [(place, again[0][1])] and 'aria-describedby="refused"' in again[0][1]
    assert 'role="alert"' not in ana.get("/portfolio").text  # said once


WEEK_H3 = re.compile(r"<h3>Week (\d+) of 13</h3>\s*<p>(.*?)</p>", re.S)


def test_playing_to_the_end_lists_every_week_played_under_its_own_heading(web, monkeypatch):
    """Issue 31: "Play to the end of the quarter" showed only the last week's lines, so health lost in the
    weeks before it had no line saying why. Each week played is listed under its own heading, in order."""
    monkeypatch.setattr("game.app.portfolio_steps.fresh_seed", lambda: 3)  # a quarter with stops and runs
    _, trainee = web
    ana = trainee("Ana Lima")
    ana.get("/portfolio")
    _choose(ana)
    _choose(ana)
    while "Plan your contact" not in ana.page.text:
        _choose(ana)
    _choose(ana)
    _choose(ana)  # start the quarter with no contact planned: trouble comes
    seen = []
    for _ in range(40):
        text = ana.page.text
        if "See the quarter" in text:
            break
        if "Talk to " in text:
            _choose(ana)
            ana.play_to_the_end()
            ana.get("/portfolio")
            continue
        before = int(re.search(r"Play week (\d+)", text).group(1))
        _choose(ana, next(place for place, _, words in _buttons(ana) if words.startswith("Play to the end")))
        weeks = WEEK_H3.findall(ana.page.text)
        if len(weeks) > 1:
            seen.append((before, weeks, ana.page.text))
    assert seen, "no 'Play to the end' played more than one week"
    for before, weeks, text in seen:
        numbers = [int(n) for n, _ in weeks]
        assert numbers == list(range(before, numbers[-1] + 1))  # every week from the first played, in order
        assert re.search(rf'<h2 id="week-h">Weeks {before} to {numbers[-1]}, one by one</h2>', text)
        assert ">This week</h2>" not in text
        assert all(lines.strip() for _, lines in weeks)  # a quiet week says so
    told = " ".join(lines for _, weeks, _ in seen for _, lines in weeks[:-1])
    assert "health" in told  # what happened before the last week is on the page


def test_the_keys_hint_reads_as_english_for_every_count_of_numbered_choices(web):
    """Trial B9: '1 to 2 pick a numbered choice at once'. The ranking page numbers the accounts still to place, so
    ranking down to the last two and the last one shows the hint for each count."""
    from game.app.choices import number_keys
    assert [number_keys(n) for n in (0, 1, 2, 3, 9)] == [
        "", "1 picks the numbered choice", "1 or 2 pick a choice", "1 to 3 pick a numbered choice",
        "1 to 9 pick a numbered choice"]
    _, trainee = web
    bo = trainee("Bo Keys")
    bo.get("/portfolio")
    _choose(bo)  # the first portfolio
    _choose(bo)  # rank the accounts
    hints = {}
    while "Plan your contact" not in bo.page.text:
        left = len(re.findall(r'data-key="\d"', bo.page.text))
        hints[left] = re.search(r'<p class="hint" id="keys-h">([^<]*)</p>', bo.page.text).group(1)
        _choose(bo)
    assert hints[2].endswith("Enter or Space picks, and 1 or 2 pick a choice.")
    assert hints[1].endswith("Enter or Space picks, and 1 picks the numbered choice.")
    assert hints[3].endswith("and 1 to 3 pick a numbered choice.")
    assert not any("1 to 2" in hint or "1 to 1" in hint for hint in hints.values())
