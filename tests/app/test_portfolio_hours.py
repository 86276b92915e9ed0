"""The quarter's hours in one vocabulary: the plan, a week, an answer and the debrief say the same thing in the
same words, in the window's pages (which the browser draws too) and in the terminal, and the figures add up
(docs/portfolio-model.md, 'How the hours are shown')."""
from game.app.portfolio_view import ANSWER, OPTIONS, PLAN, QUARTER, page_view
from game.core.portfolio import hours
from game.core.portfolio.campaign import Campaign
from game.core.portfolio.plan import Plan
from game.core.portfolio.quarter import Contact
from game.core.portfolio.review import debrief, figure_lines
from tests.portfolio.helpers import bundled

PLAN_OF = {"vale-garden": Contact("visit", "monthly"), "fenwick-bakeries": Contact("visit", "fortnightly"),
           "good-grind": Contact("call", "fortnightly"), "bloom-stem": Contact("email", "monthly")}


def test_a_contacts_cost_shows_its_arithmetic():
    assert hours.contact_cost(Contact("visit", "fortnightly")) == "6 visits × 3 h = 18 h a quarter = 1.38 h a week"
    assert hours.contact_cost(Contact("review", "quarterly")) == \
        "1 business review × 5 h = 5 h a quarter = 0.38 h a week"
    assert hours.contact_cost(Contact("email", "weekly")) == "13 e-mails × 0.25 h = 3.25 h a quarter = 0.25 h a week"


def test_the_plan_the_week_and_the_answer_speak_of_the_same_hours():
    p = bundled()  # shop systems: 6 hours a week, 78 a quarter
    ranking, plan = list(p.ids), Plan(PLAN_OF)
    # 3 × 3 + 6 × 3 + 6 × 0.5 + 3 × 0.25 = 30.75 hours of contact; 47.25 left for answers
    planned = page_view(PLAN, p, ranking=ranking, plan=plan)
    said = ("Your contacts use 2.37 of your 6 hours a week (30.75 of the quarter's 78 hours); 47.25 hours are left "
            "for answering the weeks' news.")
    assert said in planned.head
    fenwick = next(c for c in planned.choices if c.action == ("choose", "fenwick-bakeries"))
    assert fenwick.detail == "visit every two weeks · 6 visits × 3 h = 18 h a quarter = 1.38 h a week"
    options = page_view(OPTIONS, p, ranking=ranking, plan=plan, choosing="fenwick-bakeries")
    assert next(c for c in options.choices if c.label == "Visit every two weeks").detail == \
        "6 visits × 3 h = 18 h a quarter = 1.38 h a week · weeks 2, 4, 6, 8, 10 and 12"
    campaign = Campaign(p, 10, ranking, plan)
    week = page_view(QUARTER, p, ranking=ranking, plan=plan, campaign=campaign)
    assert ("Your contacts use 2.37 of your 6 hours a week. Left for answers: 47.25 hours this quarter, up to 6 of "
            "them this week.") in week.head
    aid, event = campaign.news()[0]
    campaign.answer(aid, event.kind, "visit")  # 3 hours
    week = page_view(QUARTER, p, ranking=ranking, plan=plan, campaign=campaign)
    assert "Left for answers: 44.25 hours this quarter, up to 3 of them this week." in week.head
    answer = page_view(ANSWER, p, ranking=ranking, plan=plan, campaign=campaign, choosing=(aid, event.kind))
    assert "Left for answers: 6 hours this week, 47.25 this quarter." in answer.head  # its own answer can change


def test_the_terminal_prints_the_pages_words(capsys):
    from game.shells.terminal.portfolio import answer_news, decide_week
    p = bundled()
    campaign = Campaign(p, 10, list(p.ids), Plan(PLAN_OF))
    out = []
    decide_week(campaign, lambda: "", out.append)  # Enter: let the week's news go
    assert hours.week_time(campaign) in "".join(out)
    out = []
    typed = iter(["0"] * len(campaign.news()))
    answer_news(campaign, campaign.news(), lambda: next(typed), out.append)
    assert hours.answer_time(campaign) in "".join(out)


def test_the_debrief_says_what_the_hours_went_on():
    p = bundled()
    campaign = Campaign(p, 10, list(p.ids), Plan(PLAN_OF))
    aid, event = campaign.news()[0]
    campaign.answer(aid, event.kind, "visit")
    campaign.play_out(lambda c, a: ("at_risk", "scripted", None))
    lines = figure_lines(p, debrief(campaign))
    assert ("Time: your contacts used 2.37 of your 6 hours a week (30.75 of the quarter's 78 hours), your answers 3 "
            "hours; 44.25 hours were left unused.") in lines


def test_the_plan_says_in_which_weeks_each_cadence_falls():
    p = bundled()
    options = page_view(OPTIONS, p, ranking=list(p.ids), plan=Plan({}), choosing="good-grind")
    detail = {c.label: c.detail for c in options.choices}
    assert detail["Phone call every four weeks"].endswith("· weeks 3, 7 and 11")
    assert detail["Phone call once a quarter"].endswith("· week 6")
    assert detail["E-mail every week"].endswith("· weeks 1-13")


def test_a_plan_changed_mid_quarter_counts_only_the_contacts_still_to_come():
    from game.app.portfolio_view import REVISE_OPTIONS
    p = bundled()
    campaign = Campaign(p, 10, list(p.ids), Plan(PLAN_OF))
    for _ in range(3):
        for aid in list(campaign.due):
            campaign.resolve(aid, "kept", "played", 50)
        campaign.next_week()
    page = page_view(REVISE_OPTIONS, p, ranking=list(p.ids), plan=campaign.plan, campaign=campaign,
                     choosing="good-grind")  # changed in week 4
    detail = {c.label: c.detail for c in page.choices}
    assert detail["Phone call every four weeks"].startswith("2 calls left, weeks 7 and 11 × 0.5 h = 1 h")
    assert detail["Phone call once a quarter"].startswith("1 call left, week 6 × 0.5 h = 0.5 h")
    assert hours.contact_cost_from(Contact("call", "monthly"), 12) == "no calls left this quarter = 0 h"


def test_the_terminal_prints_the_new_totals_as_soon_as_the_plan_changes():
    from game.shells.terminal.portfolio import revise_plan
    p = bundled()
    campaign = Campaign(p, 10, list(p.ids), Plan(PLAN_OF))
    campaign.next_week()
    number = 1 + list(p.ids).index("bloom-stem")
    typed = iter([str(number), "0"])  # no more contact with Bloom & Stem
    out = []
    revise_plan(campaign, lambda: next(typed), out.append)
    said = "".join(out)
    assert "from week 2" in said
    assert said.rstrip().endswith(hours.week_time(campaign))  # the new totals, at once
