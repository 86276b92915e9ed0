"""Issue 31 (trial A1, A2): an event's words follow the answer the trainee gave, and a noted disclosure counts as
asked after only in the week of the planned contact that asks after it."""
from game.core.portfolio.campaign import Campaign
from game.core.portfolio.plan import Plan
from game.core.portfolio.quarter import EVENT_TITLES, Contact, Handled
from game.core.portfolio.ranking import true_order
from game.core.portfolio.story import event_words
from tests.portfolio.helpers import bundled


def test_a_price_concession_is_not_reported_as_the_value_explained():
    """The trial: 'A request to cut the price (offer a concession on price): they saw the value behind the price',
    the same words as for showing the total cost."""
    conceded = Handled("price-cut", "concession", 1.0).words
    explained = Handled("price-cut", "total-cost", 1.0).words
    assert explained == "they saw the value behind the price"
    assert conceded == "they took the discount, and the price is lower now"
    assert "value" not in Handled("competitor-offer", "concession", 1.0).words
    assert "lower price" in Handled("competitor-offer", "concession", 1.0).words
    assert "nobody put the fault right" in Handled("complaint", "concession", 0.5).words


def _played(seed, plan, until, answers):
    """The shop portfolio at `seed` with `plan`, played to the end of week `until`; `answers` maps a week to
    (account, event kind, answer) given before it is played."""
    p = bundled()
    campaign = Campaign(p, seed, true_order(p), Plan(plan))
    while campaign.week < until:
        for aid, kind, answer in answers.get(campaign.week + 1, ()):
            campaign.answer(aid, kind, answer)
        for aid in campaign.next_week():
            campaign.resolve(aid, "at_risk")
    return campaign


def test_the_week_line_and_the_next_complaint_say_money_off_did_not_fix_it():
    """Seed 0: Greenway Grocers complain in weeks 1 and 2; week 1's is answered with money off."""
    campaign = _played(0, {}, 1, {1: [("greenway-grocers", "complaint", "concession")]})
    line = dict(campaign.week_lines(1))["Greenway Grocers"]
    assert (f"{EVENT_TITLES['complaint']} (offer a concession on price): the money off calmed them, but nobody put "
            "the fault right") in line
    assert "patched up" not in line
    said = event_words(campaign, "greenway-grocers", "complaint")
    assert said.startswith("Another complaint; week 1's money off did not fix the fault.")
    assert "patch" not in said


def _marlow_noted(until):
    """Seed 204: Imran (Marlow & Finch) tells you something personal in weeks 4 and 5; the plan phones him in
    weeks 3, 7 and 11; week 4's news is noted for the call in week 7, week 5's is let go."""
    return _played(204, {"marlow-finch": Contact("call", "monthly")}, until,
                   {4: [("marlow-finch", "disclosure", "note")]})


def test_news_before_the_planned_call_does_not_thank_them_for_asking_after_a_noted_disclosure():
    said = event_words(_marlow_noted(4), "marlow-finch", "disclosure")
    assert "glad you asked" not in said
    assert said.startswith("More news; week 4's is noted, and you will ask after it at your phone call in week 7.")


def test_the_week_of_a_let_go_disclosure_says_the_noted_one_is_still_to_be_asked_after():
    line = dict(_marlow_noted(5).week_lines(5))["Marlow & Finch"]
    assert "nobody asked after it" not in line
    assert ("They told you something personal: not answered itself; week 4's news is noted, and you will ask after "
            "that at your phone call in week 7") in line


def test_after_the_call_that_asks_after_it_the_note_counts_as_asked_after():
    campaign = _marlow_noted(7)
    assert "you asked after the news they told you in week 4" in dict(campaign.week_lines(7))["Marlow & Finch"]
    assert Handled("disclosure", "note", 1.0, 7).words == "you asked after it"
