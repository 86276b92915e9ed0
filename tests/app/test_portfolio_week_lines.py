"""The week's lines join up (issue 31): each account's line starts from the figure the trainee saw last for
it (the briefing's, or its last line's), every line has a figure, and a contact that costs health says why."""
import re

from game.core.portfolio.campaign import Campaign
from game.core.portfolio.plan import Plan
from game.core.portfolio.quarter import Contact
from tests.portfolio.helpers import bundled

FIGURES = re.compile(r"(\d+) → (\d+)|(?:left it at|stays at) (\d+)")


def _quarter(plan):
    p = bundled()
    campaign = Campaign(p, 10, list(p.ids), Plan(plan))
    weeks = []
    while not campaign.finished:
        for aid in list(campaign.due):
            campaign.resolve(aid, "at_risk", "played", 40)
        campaign.next_week()
        for aid in list(campaign.due):
            campaign.resolve(aid, "retained", "played", 60)
        weeks.append(campaign.week_lines())
    return p, weeks


def _figures(what):
    found = FIGURES.findall(what)
    return [int(a or c) for a, b, c in found][:1] + [int(b or c) for a, b, c in found][-1:]


def test_each_line_starts_where_the_last_one_for_the_account_ended():
    p, weeks = _quarter({"good-grind": Contact("call", "fortnightly"), "fenwick-bakeries": Contact("visit", "monthly"),
                         "bloom-stem": Contact("email", "monthly")})
    seen = {a.name: a.health for a in p.accounts}  # the briefing's figure
    lines = 0
    for week in weeks:
        for name, what in week:
            assert "health" in what, what  # every line has its figure
            first, last = _figures(what)
            assert first == seen[name], (name, what, seen[name])
            seen[name] = last
            lines += 1
    assert lines > 20
    assert any("since week" in what for week in weeks for _, what in week)  # a quiet drift is said


def test_a_contact_that_costs_health_says_why():
    # weekly calls to a café that wants to hear every two weeks: most come too soon
    _p, weeks = _quarter({"good-grind": Contact("call", "weekly")})
    costly = [what for week in weeks for name, what in week if name == "The Good Grind café" and
              re.search(r"the phone call (\d+) → (\d+)", what) and
              int(re.search(r"the phone call (\d+) → (\d+)", what)[2]) <
              int(re.search(r"the phone call (\d+) → (\d+)", what)[1])]
    assert costly and all(re.search(r"\(too soon( after your conversation in week \d+)?: they want to hear from "
                                    r"you every two weeks\)", what) for what in costly)


def test_a_kept_conversation_does_not_make_the_plans_next_contact_too_soon():
    # issue 31 (trial A9): the café wants a call every two weeks and the plan keeps to it; the conversation it
    # asked for "takes none of the quarter's hours, on top of the plan", so the plan's next call is on time, not
    # "too soon after your conversation"
    _p, weeks = _quarter({"good-grind": Contact("call", "fortnightly")})
    cafe = {n: what for n, week in enumerate(weeks, 1) for name, what in week if name == "The Good Grind café"}
    talked = [n for n, what in cafe.items() if "” kept them with you" in what]
    assert talked
    calls = [what for n, what in cafe.items() if n > talked[0] and "the phone call" in what]
    assert calls and not any("too soon" in what for what in calls), calls
    assert not any("after your conversation" in what for what in cafe.values())
