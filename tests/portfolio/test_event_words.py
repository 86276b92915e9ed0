"""A week line names what happened and how it was handled in plain words a new trainee understands."""
from game.core.portfolio.quarter import EVENT_TITLES, Handled


def test_a_personal_disclosure_left_alone_says_plainly_that_nobody_asked_after_it():
    line = f"{EVENT_TITLES['disclosure']}: {Handled('disclosure').words}"
    assert line == "They told you something personal: nobody asked after it"
    assert "listening" not in line  # the trial found "nobody was listening" unclear


def test_a_disclosure_answered_well_and_in_part_read_differently():
    assert Handled("disclosure", "call", 1.0).words != Handled("disclosure", "call", 0.2).words


def _marlow_told_twice(answer):
    """Seed 0: Imran (Marlow & Finch, who prefers a call once a month) tells you something personal in weeks 2 and
    4; week 2's is answered with `answer`, nothing is planned. The campaign before week 4."""
    from game.core.portfolio.campaign import Campaign
    from game.core.portfolio.plan import Plan
    from game.core.portfolio.ranking import true_order
    from tests.portfolio.helpers import bundled
    p = bundled()
    campaign = Campaign(p, 0, true_order(p), Plan({}))
    while campaign.week < 3:
        if campaign.week == 1:
            campaign.answer("marlow-finch", "disclosure", answer)
        for aid in campaign.next_week():
            campaign.resolve(aid, "at_risk")
    return campaign


def test_a_disclosure_asked_after_by_the_wrong_channel_says_so_not_that_it_was_half_remembered():
    """Issue 31: a visit during trading hours to someone who prefers a call was 'you only half remembered it',
    which reads as forgetting; the trainee did ask after it, in a way that did not land."""
    campaign = _marlow_told_twice("visit")
    line = dict(campaign.week_lines(2))["Marlow & Finch"]
    assert "They told you something personal (go and see them): you asked after it, but not in a way that landed" \
        in line
    assert "remembered" not in line


def test_the_next_disclosure_recalls_how_the_last_was_asked_after():
    from game.core.portfolio.story import event_words
    said = event_words(_marlow_told_twice("visit"), "marlow-finch", "disclosure")
    assert said.startswith("More news; in week 2 you asked after it, though not as they would have liked.")
    noted = event_words(_marlow_told_twice("note"), "marlow-finch", "disclosure")  # no contact ever came
    assert noted.startswith("More news; week 2's was noted, but no contact of yours ever brought it up.")
