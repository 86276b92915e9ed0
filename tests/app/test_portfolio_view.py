"""The portfolio campaign's pages are worked out once (game.app.portfolio_view):
a known campaign gives known page lines, and the window and the terminal
show the same facts in the quarter's debrief."""
import io
import re

import pytest

from game.app.portfolio_view import (BRIEF, DEBRIEF, LIST, LIST_TITLE, OPTIONS, PLAN, QUARTER, RANK, page_view,
                                     quarter_debrief)
from game.core import loader
from game.core.portfolio.campaign import Campaign, replay
from game.core.portfolio.load import library_files
from game.core.portfolio.plan import Plan
from game.core.portfolio.quarter import Contact
from game.core.portfolio.review import debrief
from tests.portfolio.helpers import ROOT, small

# small(): The Good Grind café, Greenway Grocers, Fenwick Bakeries (in the file's order), 1.5 hours a week
LISTED = ["good-grind", "greenway-grocers", "fenwick-bakeries"]  # worth the least first: a wrong ranking
CALL = Contact("call", "weekly")


@pytest.fixture
def p():
    return small()


def labels(view):
    return [(c.label, c.detail, c.enabled) for c in view.choices]


def test_the_list_brief_and_ranking_pages(p):
    listed = page_view(LIST, None, library=[p])
    assert listed.title == LIST_TITLE and listed.head.endswith("Choose a portfolio.")
    assert labels(listed) == [("Protect Your Turf: Shop Systems", "Retail software and payments · 3 accounts · "
                               "1.5 hours a week", True), ("Back", "", True)]
    assert listed.choices[0].action == ("open", "shop-systems")
    brief = page_view(BRIEF, p)
    assert brief.title == "Protect Your Turf: Shop Systems" and brief.head.startswith("You look after nine customers")
    assert "\n" not in brief.head.split("\n\n")[0]  # the YAML's hard line breaks are undone
    assert brief.tail.splitlines()[:3] == [
        "Your accounts (3), 1.5 hours a week to keep them:", "",
        "The Good Grind café (Café): revenue £4,800 a year at a 45% margin, health 44, high competitor pressure · "
        "a conversation if it falls into trouble"]
    rank = page_view(RANK, p, ranking=["fenwick-bakeries"])
    assert rank.head.endswith("Your ranking so far:\n1. Fenwick Bakeries")
    assert [(c.label, c.number, c.detail) for c in rank.choices[:2]] == [
        ("The Good Grind café", 1, "£4,800 a year at 45% · health 44"),
        ("Greenway Grocers", 2, "£520k a year at 3% · health 75")]
    assert [c.action for c in rank.choices[2:]] == ["undo", "restart_rank", "back"]
    assert page_view(RANK, p, ranking=LISTED).choices[0].action == "to_plan"  # all placed: on to the plan


def test_the_plan_and_options_pages_keep_the_hours_and_the_budget(p):
    ranking = LISTED[::-1]
    plan = Plan({"fenwick-bakeries": CALL})
    planned = page_view(PLAN, p, ranking=ranking, plan=plan)
    assert planned.title == "Plan: contacts 6.5 of the quarter's 19.5 h · 13 h left for answers"
    assert ("The quarter has 19.5 h, 1.5 h a week on average. Your contacts take 6.5 h of it (0.5 h a week on "
            "average); 13 h are left for answering the weeks' news, at most 1.5 h of answers in any one week.") \
        in planned.head
    assert "Over the 13 weeks, every week is 13 contacts, every two weeks 6" in planned.head
    assert labels(planned)[1:3] == [("Fenwick Bakeries", "phone call every week · 13 calls × 0.5 h = 6.5 h a quarter "
                                     "= 0.5 h a week", True),
                                    ("Greenway Grocers", "no contact", True)]
    options = page_view(OPTIONS, p, ranking=ranking, plan=plan, choosing="greenway-grocers")
    assert options.title == planned.title
    assert options.head.startswith("Greenway Grocers (Supermarket franchise): revenue £520k a year at a 3% "
                                     "margin")
    shown = labels(options)
    assert shown[0] == ("No contact", "", True) and shown[-1] == ("Back", "", True)
    assert ("Visit every week", "13 visits × 3 h = 39 h a quarter = 3 h a week · weeks 1-13 · over budget", False) in shown
    assert ("Visit every four weeks", "3 visits × 3 h = 9 h a quarter = 0.69 h a week · weeks 3, 7 and 11", True) in shown  # 6.5 + 9 ≤ 19.5
    assert ("Visit every two weeks", "6 visits × 3 h = 18 h a quarter = 1.38 h a week · weeks 2, 4, 6, 8, 10 and 12 · over budget", False) in shown
    assert options.choices[1].action == ("set", Contact("visit", "weekly"))


def test_the_quarter_page_week_by_week(p):
    ranking, plan = LISTED[::-1], Plan({"fenwick-bakeries": CALL})
    campaign = Campaign(p, 42, ranking, plan)
    start = page_view(QUARTER, p, ranking=ranking, plan=plan, campaign=campaign)
    assert start.head.startswith("Before week 1 of 13. Play the quarter one week at a time") and start.tail == ""
    # issue 31: only the accounts with a linked conversation get one when in trouble; the page promised it to all
    assert "an account in trouble will need a conversation" not in start.head
    assert 'an account marked "a conversation if it falls into trouble" will need one when it does' in start.head
    assert start.head.count("planned contacts") == 1 and start.head.endswith(
        "This week's hours: planned contacts 0.5 h; your answers so far 0 h, up to 1.5 h more this week, of the 13 h left this "
        "quarter.")  # said once, with the week's news
    assert [c.action for c in start.choices] == ["next_week", ("answer", ("good-grind", "competitor-offer")),
                                                 ("answer", ("greenway-grocers", "complaint")), "revise", "to_end"]
    assert "News for week 1: 2 things to decide (0 answered)" in start.head
    assert [(r.label, r.healths) for r in start.charts] == [("Fenwick Bakeries · 50", [50.0]),
                                                            ("Greenway Grocers · 75", [75.0]),
                                                            ("The Good Grind café · 44", [44.0])]
    campaign.next_week()
    week = page_view(QUARTER, p, ranking=ranking, plan=plan, campaign=campaign)
    assert week.head.startswith("Week 1 of 13 is played: what happened is listed below.\n\n"
                                "Week 2 looks quiet so far.")
    assert week.tail == ("The Good Grind café: A competitor's offer: it hurt; health: drifted 44 → 42, then the "
                         "news 42 → 35.\n"
                         "Greenway Grocers: A complaint: left unanswered; health: drifted 75 → 73, then the news "
                         "73 → 68.\n"
                         "Fenwick Bakeries: Phone call; health: drifted 50 → 48, then the phone call left it at 48 "
                         "(lighter than they want: they barely notice it).")  # a bakery that wants a visit
    assert [r.healths for r in week.charts] == [[50.0, 48.0], [75.0, 68.25], [44.0, 35.25]]
    campaign.next_week()
    week = page_view(QUARTER, p, ranking=ranking, plan=plan, campaign=campaign)
    assert week.head == ("Week 2 of 13.\nThe Good Grind café is in trouble (health 34). They need a conversation "
                         "before the week is out. It takes none of the quarter's hours: a customer in trouble comes "
                         "before the plan, so the conversation is on top of your planned contact and answers.")
    assert [(c.label, c.action) for c in week.choices] == [("Talk to The Good Grind café", ("talk", "good-grind")),
                                                           ("Change your plan", "revise")]  # as the terminal's p


def finished(p, ranking=LISTED):
    campaign = Campaign(p, 42, ranking, Plan({"fenwick-bakeries": CALL}))
    campaign.play_out(lambda c, aid: ("retained", "scripted", None))
    return campaign


def test_a_known_quarter_gives_a_known_debrief(p):
    campaign = finished(p)
    d = debrief(campaign)
    view = quarter_debrief(p, d, [{"player": "Ana", "best": 71, "rank_percent": 80}])
    # £24k (was £26k): a kept conversation no longer counts as contact (issue 31, trial A9), so the accounts
    # nobody planned to contact drift on into neglect after it
    assert (view.score, view.profit_kept, view.best_profit_kept, view.plan_profit_kept) == (d["score"], "£24k",
                                                                                          "£44k", "£11k")
    assert (view.revenue_kept, view.best_revenue_kept, view.neglect_cost) == ("£190k", "£512k", "£7,801")
    assert view.lost == ()
    assert view.levers[0][0] == "Put customers first" and view.levers[0][1].startswith("0%, ")  # a weekly call to a bakery chain that wants a visit
    assert [name for name, _ in view.misplaced] == [
        p.account(m["account"]).name for m in d["misplaced"]] and view.misplaced  # the wrong ranking is explained
    assert view.best_plan == (("Fenwick Bakeries", "visit once a quarter; answer its events"),
                              ("Greenway Grocers", "no contact; answer its events"),
                              ("The Good Grind café", "phone call once a quarter"))  # 1.5 hours a week: time
    # kept for answers; the café's call keeps as much as no contact, and the tie goes to the nearer its cadence
    assert view.leaders == ("1. Ana: 71% (ranking 80%)",)
    assert view.worth == ("1. Fenwick Bakeries: revenue £90k, profit £47k (you put it 3rd)",
                          "2. Greenway Grocers: revenue £520k, profit £16k (you put it 2nd)",
                          "3. The Good Grind café: revenue £4,800, profit £2,160 (you put it 1st)")
    page = page_view(DEBRIEF, p, ranking=LISTED, plan=campaign.plan, campaign=campaign, result=d,
                     leaders=[{"player": "Ana", "best": 71, "rank_percent": 80}])
    head = [line for line in page.head.splitlines() if line]
    assert head[0] == ("Score 39%: what you kept beyond doing nothing, as a share of what the best "
                                         "plan keeps beyond doing nothing: (£24k − £11k) ÷ (£44k − £11k) = £13k ÷ "
                                         "£33k = 39%.")
    assert head[2:7] == [
        "  Your quarter as played: £24k.",
        "  The same with every conversation at risk and scored 50: £11k (your conversations added £13k).",
        "  Your plan with every event let go: £11k (your answers added nothing).",
        "  Doing nothing (no contact, nothing answered): £11k (your plan added nothing).",  # a call a bakery ignores
        "  The best plan for 1.5 hours a week, every event it answers put right: £44k."]
    assert head[-1] == ("Neglect cost £7,801: Greenway Grocers (never contacted) and The Good Grind café (no "
                        "planned contact all quarter; your conversation in week 2 did not count as contact) ended "
                        "the quarter with that much less profit kept than they began with.")  # issue 31, trial 2
    assert "You answered 0 of the 12 things that happened on your accounts and let 12 go." in view.coaching
    assert page.tail.endswith("Leaderboard\n1. Ana: 71% (ranking 80%)")
    assert [r.label for r in page.charts] == ["Fenwick Bakeries · 41", "Greenway Grocers · 29",
                                              "The Good Grind café · 13"]  # the true order at the end
    assert page.charts[2].outcome == "retained" and round(page.charts[1].healths[-1]) == 29


def flat(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines()]


def debrief_facts(view) -> list[tuple[str, ...]]:
    """Each fact of the quarter's debrief as the words that must share a line."""
    facts = [(line,) for line in view.figures if line]  # the score, every figure, the time, the neglect, the losses
    facts += [(name,) for name in view.lost] + [(title, words) for title, words in view.levers]
    facts += [(c,) for c in view.coaching] + [(name, why) for name, why in view.misplaced]
    return [tuple(" ".join(part.split()) for part in fact) for fact in facts]


def missing(facts, lines) -> list:
    return [fact for fact in facts if not any(all(part in line for part in fact) for line in lines)]


def test_the_window_and_the_terminal_show_the_same_quarter_debrief(p, saves, monkeypatch):
    from game.shells.terminal.portfolio import play
    scenarios = library_files(ROOT / "scenarios")
    recorded = []
    typed = "1 2 3\n" + "2\n1\n0\n0\n" + ("\n" + "1\n" * 12) * 13  # the listed order; a weekly call to the café
    out = io.StringIO()
    code = play(p, lambda sid: loader.load_file(scenarios[sid]), seed=42, player="Cy",
                record=lambda result, player, started: recorded.append(result) or "Recorded.",
                stdin=io.StringIO(typed), stdout=out)
    assert code == 0 and len(recorded) == 1
    d = recorded[0]
    view = quarter_debrief(p, d)
    assert view.misplaced and view.lost  # a quarter with something to say on each line
    assert missing(debrief_facts(view), flat(out.getvalue())) == []
    assert d["conversations"]  # issue 31: after a conversation the terminal says it is back in the quarter, at its week
    assert re.search(r"the account is [a-z ]+(; health \d+ → \d+|\. It has left you)?\. Back to the quarter \(week \d+\)\.", out.getvalue())

    from game.shells.window.app import App
    from game.shells.window.scenes import portfolio as scene_module
    drawn = []

    def record_text(surface, theme, text, *args, **kwargs):
        drawn.append(text)
        return original(surface, theme, text, *args, **kwargs)
    original = scene_module.draw_text
    monkeypatch.setattr(scene_module, "draw_text", record_text)
    app = App(ROOT / "tests" / "plans" / "scenarios", size=(1280, 4000))  # tall enough for the whole debrief
    try:
        scene = app.go("portfolio", "Cy", seed=42)
        run = scene.run
        run.start(p)
        run.ranking, run.campaign = list(d["ranking"]), replay(p, d)  # the terminal's quarter, replayed
        run.plan, run.result, run.page = run.campaign.plan, debrief(run.campaign), DEBRIEF
        scene._build()
        assert scene.result == d and scene.view.page == DEBRIEF
        app.update(0.0)
        app.draw()
        assert missing(debrief_facts(view), flat("\n".join(drawn))) == []
    finally:
        app.shutdown()


def test_the_window_and_the_terminal_agree_on_what_fits_the_budget(p):
    from game.shells.terminal.portfolio import ask_plan
    options = {c.label: c for c in page_view(OPTIONS, p, ranking=LISTED, plan=Plan({}), choosing="good-grind").choices}
    assert not options["Visit every week"].enabled and options["Phone call every week"].enabled
    assert options["Phone call every week"].detail == "13 calls × 0.5 h = 6.5 h a quarter = 0.5 h a week · weeks 1-13"
    typed = iter(["1", "1", "2", "1", "0", "0"])  # a weekly visit (over budget), then a weekly call; no more
    out = []
    plan = ask_plan(p, LISTED, lambda: next(typed), out.append)
    shown = "".join(out)
    assert ("“Visit every week” cannot be chosen (13 visits × 3 h = 39 h a quarter = 3 h a week · weeks 1-13 · over "
            "budget): it does not fit in the time left.") in shown  # the browser's refusal, word for word
    assert "  1. Visit every week: 13 visits × 3 h = 39 h a quarter = 3 h a week · weeks 1-13 · over budget\n" in shown
    assert "  1. Phone call every week: 13 calls × 0.5 h = 6.5 h a quarter = 0.5 h a week · weeks 1-13\n" in shown
    assert ("The Good Grind café The quarter has 19.5 h, 1.5 h a week on average. Your contacts take 0 h of it (0 h "
            "a week on average); 19.5 h are left for answering the weeks' news") in " ".join(shown.split())
    assert plan.contacts == {"good-grind": CALL}


def test_the_ranking_says_what_the_briefing_says_without_giving_the_trap_away(p):
    """Trial B3: the browser and the window said 'the profit each leaves, not the size of its bill' (the answer to
    the trap), the briefing 'by their revenue and their profit'. One instruction, the briefing's words, for every
    shell (the terminal prints the same page head before it asks for the numbers)."""
    from game.app.portfolio_view import RANK_HEAD
    from game.shells.terminal.portfolio import ask_ranking
    from tests.portfolio.helpers import BUNDLED, bundled
    head = page_view(RANK, p, ranking=[]).head
    assert head == RANK_HEAD and "by their revenue and their profit" in head
    assert not re.search(r"size of its bill|profit each leaves|not the", head)
    for path in BUNDLED:
        assert "by their revenue and their profit" in bundled(path).briefing.replace("\n", " ")
    out = []
    ask_ranking(p, iter(["3 2 1"]).__next__, out.append)
    assert RANK_HEAD in " ".join("".join(out).split())
