"""Issue 31, a trainee's week: a plan change never offers a week the game then calls too soon, a planned contact
in the week of the news says whether it took the news up, a note says when it will be asked after, and a
conversation's week lists every earlier event of a kind."""
from game.app import quarter_week
from game.core.portfolio.campaign import Campaign
from game.core.portfolio.plan import Plan
from game.core.portfolio.quarter import Contact
from game.core.portfolio.ranking import true_order

from .helpers import ROOT, bundled

BANKING = ROOT / "portfolios" / "business-banking.yaml"


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


def _line(campaign, name, week):
    return next(said for who, said in campaign.week_lines(week) if who == name)


def test_a_planned_contact_in_the_week_of_the_news_says_it_does_not_take_the_news_up():
    """Seed 2: Vale Garden's rival's offer arrives in week 3, the week of its planned monthly visit. The news
    page says the visit will not answer it; the week's line, with the news let go, says the visit was routine."""
    p = bundled()
    campaign = Campaign(p, 2, true_order(p), Plan({"vale-garden": Contact("visit", "monthly")}))
    _played(campaign, 2)
    assert ("vale-garden", "competitor-offer") in [(aid, e.kind) for aid, e in campaign.news()]
    head, _tail, _choices = quarter_week.answer_page(p, campaign, ("vale-garden", "competitor-offer"))
    assert "Your visit planned for this week is routine contact: it will not take this up unless you answer" in head
    item = next(c for c in quarter_week.news_choices(p, campaign) if c.action == ("answer", ("vale-garden",
                                                                                             "competitor-offer")))
    assert "your planned visit this week will not take this up unless you answer it" in item.detail
    _played(campaign, 3)
    line = _line(campaign, "Vale Garden Centres", 3)
    assert line.startswith("Visit as planned: routine contact, which did not take up this week's news")
    assert "A competitor's offer: it hurt" in line


def test_a_planned_contact_with_the_news_answered_needs_no_such_words():
    p = bundled()
    campaign = Campaign(p, 2, true_order(p), Plan({"vale-garden": Contact("visit", "monthly")}))
    _played(campaign, 2)
    campaign.answer("vale-garden", "competitor-offer", "visit")
    _played(campaign, 3)
    assert "routine contact" not in _line(campaign, "Vale Garden Centres", 3)


def test_a_noted_disclosure_is_said_as_what_will_happen_and_its_contact_week_says_it_did():
    """Seed 3: Fenwick's disclosure arrives in week 3; their fortnightly visit is in week 4. Week 3 must not say
    it was asked after already; week 4's visit says it was."""
    p = bundled()
    campaign = Campaign(p, 3, true_order(p), Plan({"fenwick-bakeries": Contact("visit", "fortnightly")}))
    _played(campaign, 2)
    campaign.answer("fenwick-bakeries", "disclosure", "note")
    _played(campaign, 4)
    week3 = _line(campaign, "Fenwick Bakeries", 3)
    assert "you remembered it and asked after it" not in week3
    assert "noted: you will ask after it at your visit in week 4" in week3
    assert "Visit (you asked after the news they told you in week 3)" in _line(campaign, "Fenwick Bakeries", 4)


def test_a_note_with_no_contact_coming_says_it_is_half_forgotten():
    p = bundled()
    campaign = Campaign(p, 3, true_order(p), Plan({}))
    _played(campaign, 2)
    campaign.answer("fenwick-bakeries", "disclosure", "note")
    _played(campaign, 3)
    assert "noted, but no planned contact they would notice comes within four weeks" in \
        _line(campaign, "Fenwick Bakeries", 3)


def test_a_conversations_week_lists_every_earlier_event_of_a_kind():
    """The trial: Halden's line named only 'the rival's offer in week 2 (not answered)' though week 1's offer
    had been let go too."""
    from game.core.portfolio.week_words import kind_words
    assert kind_words("competitor-offer", [(1, 2), (2, 2)]) == "the rival's offers in weeks 1 and 2 (neither answered)"
    assert kind_words("complaint", [(1, 0), (4, 2)]) == "the complaints in week 1 (answered) and week 4 (not answered)"
    assert kind_words("price-cut", [(2, 1), (5, 1), (9, 1)]) == \
        "the price requests in weeks 2, 5 and 9 (all answered in part)"
    assert kind_words("price-cut", [(3, 0)]) == "the price request in week 3 (answered)"
    p = bundled()
    campaign = Campaign(p, 2, true_order(p), Plan({}))  # the café's offers in weeks 1 and 2, both let go
    while "good-grind" not in campaign.next_week():
        for aid in list(campaign.due):
            campaign.resolve(aid, "at_risk")
    line = _line(campaign, "The Good Grind café", campaign.week)
    assert campaign.week == 2 and "before it this quarter: the rival's offers in weeks 1 and 2 (neither answered)" in line


def _news_words(campaign, aid, kind, week):
    from game.core.portfolio.story import event_words
    while campaign.week < week - 1:
        for due in campaign.next_week():
            campaign.resolve(due, "at_risk")
    return event_words(campaign, aid, kind)


def test_news_speaks_of_a_coming_review_only_when_one_is_still_planned():
    """The trial: Greenway's only review was in week 6, yet week 12's news said 'Bring numbers to the review.'
    Seed 6 brings Greenway a second price request in week 6: with the review planned that week the customer asks
    for numbers at it; with no review to come the same line stops before that sentence."""
    p = bundled()
    review = Plan({"greenway-grocers": Contact("review", "quarterly")})  # week 6
    with_review = _news_words(Campaign(p, 6, true_order(p), review), "greenway-grocers", "price-cut", 6)
    assert with_review.endswith("“Procurement has put your fees on the regional directors' agenda. Bring numbers "
                                "to the review.”")
    without = _news_words(Campaign(p, 6, true_order(p), Plan({})), "greenway-grocers", "price-cut", 6)
    assert without.endswith("“Procurement has put your fees on the regional directors' agenda.”")


def test_a_line_cut_to_fit_keeps_the_customers_words_and_their_punctuation():
    from types import SimpleNamespace
    from game.core.portfolio.story import fitting
    no_review = SimpleNamespace(contact=None, planned_weeks=lambda week: [])
    assert fitting("A new treasurer takes over next year; you'll meet him at a review.", no_review, 3) == \
        "A new treasurer takes over next year."
    assert fitting("Is that real? Bring it to the review.", no_review, 3) == "Is that real?"
    assert fitting("Stock counts are wrong.", no_review, 3) == "Stock counts are wrong."
    assert fitting("We need yours at the review.", no_review, 3) == ""
    later = SimpleNamespace(contact=Contact("review", "quarterly"), planned_weeks=lambda week: [6] if week <= 6 else [])
    assert fitting("Bring numbers to the review.", later, 6) == "Bring numbers to the review."
    assert fitting("Bring numbers to the review.", later, 7) == ""


def test_the_debrief_speaks_of_health_in_whole_numbers_and_in_plain_words():
    """The trial's terminal debrief: '+32.8 health', a best plan 'listed below' that stood above, and 'as if it
    scored 50, which neither adds nor costs health'."""
    from game.core.portfolio.debrief_talks import conversation_line
    from game.core.portfolio.review import LEVER_MEASURES, debrief, figure_lines
    p = bundled()
    line = conversation_line(p, {"conversation_effects": [
        {"account": "good-grind", "week": 2, "outcome": "retained", "score": 76, "health_change": 32.8,
         "lost_week": None, "lost_week_even": None}]})
    assert "+33 health" in line and "32.8" not in line and "neither adds nor costs" not in line
    campaign = Campaign(p, 3, true_order(p), Plan({}))
    campaign.play_out(lambda c, aid: ("at_risk", "played", 50))
    d = debrief(campaign)
    said = " ".join(figure_lines(p, d) + d["coaching"])
    assert "listed below" not in said and "neither adds nor costs" not in said
    assert "on its own terms" not in LEVER_MEASURES["customers_first"]


def test_a_conversation_says_it_takes_none_of_the_quarters_hours():
    p = bundled()
    campaign = Campaign(p, 2, true_order(p), Plan({}))
    while not campaign.next_week():
        pass
    aid = campaign.due[0]
    assert "It takes none of the quarter's hours" in quarter_week.trouble_line(p, campaign, aid)


def test_a_cadence_more_often_than_the_account_wants_says_so_before_it_is_picked():
    """The trial: Kestrel Haulage (a call every other week, called in week 2) changed in week 3 to a call every
    week: every later call was too soon. The option says so before it is picked; one the account welcomes
    does not, and the warning tells the truth about the weeks that follow."""
    p = bundled(BANKING)
    campaign = Campaign(p, 0, true_order(p), Plan({"kestrel-haulage": Contact("call", "fortnightly")}))
    _played(campaign, 2)
    _head, _tail, choices = quarter_week.revise_options(p, campaign, "kestrel-haulage")
    detail = {c.action[1]: c.detail for c in choices if c.action[0] == "revise_set" and c.action[1]}
    weekly = Contact("call", "weekly")
    assert "more often than they want (every two weeks): each call after the first will be too soon" \
        in detail[weekly]
    assert "more often than they want" not in detail[Contact("call", "fortnightly")]
    assert "more often than they want" not in detail[Contact("call", "monthly")]
    campaign.revise("kestrel-haulage", weekly)
    _played(campaign, 13)
    run = campaign.runs["kestrel-haulage"]
    called = [log for log in run.log if log.contact and log.week >= 3]
    assert len(called) > 2 and all("too soon" in log.why for log in called[1:])


def _note_option(p, campaign, aid):
    _head, _tail, choices = quarter_week.answer_page(p, campaign, (aid, "disclosure"))
    return next(c.label for c in choices if c.action == ("reply", "note"))


def test_the_note_option_names_the_contact_it_will_be_brought_up_at():
    """The trial: 'Note it and bring it up at your next planned contact' named no week. Seed 3: Fenwick's
    disclosure comes in week 3, their fortnightly visit in week 4; with no plan there is none to name."""
    p = bundled()
    campaign = Campaign(p, 3, true_order(p), Plan({"fenwick-bakeries": Contact("visit", "fortnightly")}))
    _played(campaign, 2)
    assert _note_option(p, campaign, "fenwick-bakeries") == "Note it and bring it up at your visit in week 4"
    alone = Campaign(p, 3, true_order(p), Plan({}))
    _played(alone, 2)
    assert "none they would notice comes within four weeks" in _note_option(p, alone, "fenwick-bakeries")


def test_the_news_list_shows_a_noted_answer_with_its_contact_and_week():
    """After picking the note, the week's news list said 'your answer: note it and bring it up at your next planned
    contact' while the option had named the visit in week 4: the list names the same contact and week."""
    p = bundled()
    campaign = Campaign(p, 3, true_order(p), Plan({"fenwick-bakeries": Contact("visit", "fortnightly")}))
    _played(campaign, 2)
    campaign.answer("fenwick-bakeries", "disclosure", "note")
    details = [c.detail for c in quarter_week.news_choices(p, campaign) if "your answer: note it" in c.detail]
    assert details and all("your answer: note it and bring it up at your visit in week 4" in d for d in details)


def test_the_terminal_warns_of_a_cadence_more_often_than_the_account_wants():
    """The warning stands beside every week, not beside every two weeks, for Kestrel after its week-2 call."""
    from game.core.portfolio.model import FREQUENCIES, METHODS
    from game.shells.terminal.portfolio import revise_plan
    p = bundled(BANKING)
    campaign = Campaign(p, 0, true_order(p), Plan({"kestrel-haulage": Contact("call", "fortnightly")}))
    _played(campaign, 2)
    typed = iter([str(1 + campaign.ranking.index("kestrel-haulage")), str(1 + METHODS.index("call")),
                  str(1 + FREQUENCIES.index("fortnightly")), ""])  # your ranking's order; Enter: back to the week
    out = []
    revise_plan(campaign, lambda: next(typed), out.append)
    lines = "".join(out).splitlines()
    weekly = next(line for line in lines if f"{1 + FREQUENCIES.index('weekly')}. Phone call every week:" in line)
    fortnightly = next(line for line in lines
                       if f"{1 + FREQUENCIES.index('fortnightly')}. Phone call every two weeks:" in line)
    assert "each call after the first will be too soon" in weekly
    assert "more often than they want" not in fortnightly
