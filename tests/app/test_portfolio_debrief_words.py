"""The quarter's debrief says what happened accurately (issue 31): an account contacted and then dropped is
not 'never contacted', and a lever's percentage says what it measures, so a plan whose news was all let go
does not read as a perfect score on the levers."""
from game.app.portfolio_view import quarter_debrief
from game.core.portfolio.campaign import Campaign
from game.core.portfolio.plan import Plan
from game.core.portfolio.quarter import Contact
from game.core.portfolio.review import debrief, figure_lines
from tests.portfolio.helpers import bundled

PLAN_OF = {"vale-garden": Contact("visit", "monthly"), "fenwick-bakeries": Contact("visit", "fortnightly"),
           "good-grind": Contact("call", "fortnightly"), "bloom-stem": Contact("email", "monthly")}


def _played(drop_in_week=None, plan=PLAN_OF):
    p = bundled()
    campaign = Campaign(p, 10, list(p.ids), Plan(plan))
    while not campaign.finished:
        if campaign.week + 1 == drop_in_week:
            campaign.revise("good-grind", None)
        for aid in list(campaign.due):
            campaign.resolve(aid, "at_risk", "played", 50)
        campaign.next_week()
        for aid in list(campaign.due):
            campaign.resolve(aid, "at_risk", "played", 50)
    return p, debrief(campaign)


def test_an_account_dropped_mid_quarter_is_not_called_never_contacted():
    p, d = _played(drop_in_week=11)
    [line] = [x for x in figure_lines(p, d) if x.startswith("Neglect cost")]
    assert "The Good Grind café (left without contact from week 11)" in line
    assert "Greenway Grocers, Page Turners Books" in line and "(never contacted)" in line  # no contact at all
    assert "the accounts you never contacted" not in line


def test_an_account_whose_only_contact_was_its_conversation_is_not_called_never_contacted():
    plan = {aid: c for aid, c in PLAN_OF.items() if aid != "good-grind"}  # the café: no planned contact
    p, d = _played(plan=plan)
    talked = [a for a in d["accounts"] if a["id"] == "good-grind"]
    [line] = [x for x in figure_lines(p, d) if x.startswith("Neglect cost")]
    assert "The Good Grind café" in line
    assert "The Good Grind café (never contacted)" not in line and "The Good Grind café, " not in line
    # issue 31 (trial 2): a conversation is not contact for the cadence clock, so the line does not say it was
    assert "The Good Grind café (no planned contact all quarter; your conversation in week " in line, (talked, line)
    assert "did not count as contact)" in line and "left without contact" not in line


def test_lever_percentages_say_what_they_measure_when_every_event_is_let_go():
    p, d = _played()
    assert d["events_answered"] == 0
    view = quarter_debrief(p, d)
    words = dict(view.levers)
    assert words["Solve problems"].startswith("0%")  # nothing answered
    full = [w for w in words.values() if w.startswith("100%")]
    assert all("not your answers" in w or "ended no less healthy" in w for w in full)  # said what they count
    assert "Levers your plan exercised (each figure says what it measures)" in view.tail


def test_a_conversation_after_the_plan_stopped_is_not_called_contact():
    """Issue 31 (trial 2): the neglect line named a conversation as the account's last contact, though a
    conversation does not count as contact for the cadence clock (docs/portfolio-model.md)."""
    from game.core.portfolio.review import neglect_line
    p = bundled()
    result = {"neglect_cost": 8.0, "neglected": [
        {"account": "good-grind", "from_week": 6, "talked": [9]},
        {"account": "bloom-stem", "from_week": None, "talked": [3, 8]},
        {"account": "fenwick-bakeries", "from_week": 4, "talked": []}]}
    line = neglect_line(p, result)
    names = {aid: p.account(aid).name for aid in ("good-grind", "bloom-stem", "fenwick-bakeries")}
    assert (f"{names['good-grind']} (left without planned contact from week 6; your conversation in week 9 did "
            "not count as contact)") in line
    assert (f"{names['bloom-stem']} (no planned contact all quarter; your conversations in weeks 3 and 8 did not "
            "count as contact)") in line
    assert f"{names['fenwick-bakeries']} (left without contact from week 4)" in line
