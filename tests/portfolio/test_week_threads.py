"""Issue 31, a trainee's week: a plan change never offers a week the game then calls too soon, a planned contact
in the week of the news says whether it took the news up, a note says when it will be asked after, and a
conversation's week lists every earlier event of a kind."""
from game.app import quarter_week
from game.core.portfolio.campaign import Campaign
from game.core.portfolio.plan import Plan
from game.core.portfolio.quarter import Contact
from game.core.portfolio.ranking import true_order

from .helpers import bundled


def _played(campaign, weeks):
    while campaign.week < weeks:
        for aid in campaign.next_week():
            campaign.resolve(aid, "at_risk")


def test_a_cadence_changed_after_a_contact_starts_when_the_account_is_ready_and_says_so():
    """The trial: Hearth & Home (every two weeks) e-mailed in week 2, changed in week 3 to every four weeks. The
    calendar's week 3 would be too soon: the option shows weeks 4, 8 and 12 and why, and no week is too soon."""
    p = bundled()
    campaign = Campaign(p, 3, true_order(p), Plan({"hearth-home": Contact("email", "fortnightly")}))
    _played(campaign, 2)
    monthly = Contact("email", "monthly")
    assert campaign.revised_weeks("hearth-home", monthly) == (4, 8, 12)
    _head, _tail, choices = quarter_week.revise_options(p, campaign, "hearth-home")
    detail = next(c.detail for c in choices if c.action == ("revise_set", monthly))
    assert "weeks 4, 8 and 12" in detail and "weeks 3, 7" not in detail
    assert "starts in week 4, not 3" in detail and "after your e-mail in week 2" in detail
    campaign.revise("hearth-home", monthly)
    _played(campaign, 13)
    run = campaign.runs["hearth-home"]
    assert [log.week for log in run.log if log.contact] == [2, 4, 8, 12]
    assert not any("too soon" in log.why for log in run.log)
    every_week = campaign.week_lines(3)
    assert not any(name == "Hearth & Home Furniture" and "E-mail" in said for name, said in every_week)


def test_a_cadence_whose_calendar_already_fits_keeps_its_weeks():
    p = bundled()
    campaign = Campaign(p, 3, true_order(p), Plan({"hearth-home": Contact("email", "fortnightly")}))
    _played(campaign, 2)
    assert campaign.revised_weeks("hearth-home", Contact("email", "monthly")) == (4, 8, 12)
    _played(campaign, 3)  # from week 4 the account is ready again: the calendar's weeks 7 and 11 stand
    assert campaign.revised_weeks("hearth-home", Contact("email", "monthly")) == (7, 11)
    assert campaign.revised_weeks("hearth-home", None) == ()
