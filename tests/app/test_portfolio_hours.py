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
    said = ("The quarter has 78 h, 6 h a week on average. Your contacts take 30.75 h of it (2.37 h a week on "
            "average); 47.25 h are left for answering the weeks' news, at most 6 h of answers in any one week.")
    assert said in planned.head
    fenwick = next(c for c in planned.choices if c.action == ("choose", "fenwick-bakeries"))
    assert fenwick.detail == "visit every two weeks · 6 visits × 3 h = 18 h a quarter = 1.38 h a week"
    options = page_view(OPTIONS, p, ranking=ranking, plan=plan, choosing="fenwick-bakeries")
    assert next(c for c in options.choices if c.label == "Visit every two weeks").detail == \
        "6 visits × 3 h = 18 h a quarter = 1.38 h a week · weeks 2, 4, 6, 8, 10 and 12"
    campaign = Campaign(p, 10, ranking, plan)
    week = page_view(QUARTER, p, ranking=ranking, plan=plan, campaign=campaign)
    assert ("This week's hours: planned contacts 0 h; your answers so far 0 h, up to 6 h more this week, of the 47.25 h left "
            "this quarter.") in week.head
    aid, event = campaign.news()[0]
    campaign.answer(aid, event.kind, "visit")  # 3 hours
    week = page_view(QUARTER, p, ranking=ranking, plan=plan, campaign=campaign)
    assert ("This week's hours: planned contacts 0 h; your answers so far 3 h, up to 3 h more this week, of the 44.25 h left "
            "this quarter.") in week.head
    answer = page_view(ANSWER, p, ranking=ranking, plan=plan, campaign=campaign, choosing=(aid, event.kind))
    assert "Left for answers: 6 h this week, 47.25 h this quarter." in answer.head  # its own answer can change


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
    assert ("Time: of the quarter's 78 h (6 h a week on average), your contacts used 30.75 h (2.37 h a week on "
            "average), your answers 3 h; 44.25 h were left unused.") in lines


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
    typed = iter([str(number), "0", ""])  # no more contact with Bloom & Stem; Enter: back to the week
    out = []
    revise_plan(campaign, lambda: next(typed), out.append)
    told = next(chunk for chunk in out if chunk.startswith("Bloom & Stem: "))
    assert "from week 2" in told
    assert told.rstrip().endswith(hours.week_time(campaign))  # the new totals, at once


def test_every_time_a_trainee_reads_is_in_hours():
    """One unit: an answer's cost, the refusal when it does not fit and the contacts' times are in hours, never
    minutes (docs/portfolio-model.md, 'How the hours are shown')."""
    import pytest
    p = bundled()
    plan = Plan({"vale-garden": Contact("review", "weekly"), "fenwick-bakeries": Contact("email", "weekly")})
    campaign = Campaign(p, 10, list(p.ids), plan)  # 65 + 3.25 h of contact: 9.75 h left for answers
    aid, event = campaign.news()[0]
    answer = page_view(ANSWER, p, ranking=list(p.ids), plan=plan, campaign=campaign, choosing=(aid, event.kind))
    details = [c.detail for c in answer.choices if c.action[0] == "reply" and c.action[1]]
    assert details and all(d.split(" · ")[0].endswith(" h") for d in details)
    assert "0.5 h" in details and "3 h" in details
    shown = " ".join([answer.head, hours.method_times(), hours.plan_time(p, plan), hours.week_time(campaign)]
                     + details)
    assert "minute" not in shown and "half an hour" not in shown
    for _ in range(2):  # 3 + 3 h fill week 1's 6 h of answers
        others = [(a, e) for a, e in campaign.news() if (1, a, e.kind) not in campaign.replies]
        campaign.answer(others[0][0], others[0][1].kind, "visit")
    last = [(a, e) for a, e in campaign.news() if (1, a, e.kind) not in campaign.replies][0]
    with pytest.raises(ValueError, match=r"\(0\.5 h; 0 h left this week\)"):
        campaign.answer(last[0], last[1].kind, "call")


def test_a_weeks_hours_are_the_sum_of_what_is_planned_and_answered_in_it():
    """The week's line shows the hours of the contacts that fall in that week (as the plan's weeks say) and of the
    answers given; a week holding more contact than the weekly figure says how that can be, and so does the plan."""
    import re
    from game.core.portfolio.model import METHOD_MINUTES
    p = bundled()  # 6 h a week
    plan = Plan({"vale-garden": Contact("review", "quarterly"), "fenwick-bakeries": Contact("visit", "fortnightly"),
                 "bloom-stem": Contact("call", "weekly"), "good-grind": Contact("email", "fortnightly")})
    assert ("Week 6 holds 8.75 h of planned contact, more than 6 h: the 6 h a week is an average, the limit is the "
            "quarter's 78 h, so a busy week is made up by quieter ones.") in hours.plan_time(p, plan)
    campaign = Campaign(p, 10, list(p.ids), plan)
    while not campaign.finished:
        week = campaign.week + 1
        for aid, event in campaign.news()[:1]:
            if campaign.week_minutes_left() >= 30:
                campaign.answer(aid, event.kind, "call")
        said = hours.week_time(campaign)
        planned = sum(METHOD_MINUTES[c.method] for c in plan.contacts.values() if week in c.weeks)
        answered = sum(30 for key in campaign.replies if key[0] == week)
        shown = re.match(r"This week's hours: planned contacts ([\d.]+) h.*your answers so far ([\d.]+) h, up to ([\d.]+) h "
                         r"more this week, of the ([\d.]+) h left", said)
        assert shown, said
        assert float(shown[1]) * 60 == planned and float(shown[2]) * 60 == answered
        assert float(shown[3]) * 60 == min(360 - answered, campaign.minutes_left())
        assert ("more than the 6 h a week average" in said) == (planned > 360), said
        for aid in campaign.due or campaign.next_week():
            campaign.resolve(aid, "at_risk", "assumed")
