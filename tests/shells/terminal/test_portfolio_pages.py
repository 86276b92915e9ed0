"""Issue 31: the terminal's quarter draws the app layer's view data. Its plan options, "Change your plan"'s accounts
and options, the week's news and the answers to it are the pages the browser and the window draw, label for label
(the same options, in the same order, with the same hours, warnings and refusals); the terminal only asks for them
in two steps (how, then how often) and numbers them."""
from dataclasses import replace

from game.app import quarter_week
from game.app.contact_menu import refusal
from game.app.portfolio_view import OPTIONS, page_view
from game.core.portfolio.campaign import Campaign
from game.core.portfolio.model import METHODS
from game.core.portfolio.plan import Plan
from game.core.portfolio.quarter import Contact
from game.core.portfolio.ranking import true_order
from game.shells.terminal.portfolio import answer_news, ask_plan, decide_week, revise_plan
from tests.portfolio.helpers import bundled


def _typed(answers):
    answers = iter(answers)
    return lambda: next(answers)


def _lines(choices, first=1):
    return [f"  {i}. {c.label}: {c.detail}" for i, c in enumerate(choices, first)]


def _of_method(choices, method):
    return [c for c in choices if isinstance(c.action, tuple) and isinstance(c.action[1], Contact)
            and c.action[1].method == method]


def _option_lists(out):
    """Each list of options the terminal printed (one write each), as lines."""
    return [chunk.rstrip("\n").split("\n") for chunk in out if chunk.startswith("  1. ") and "\n  2. " in chunk]


def test_the_plan_options_are_the_browsers_for_every_account_and_method():
    """A business review once a quarter for each account in turn: the later accounts' heavier options go over
    budget, and the terminal shows them as the plan page does ('· over budget'), never worded by itself."""
    p = bundled()
    ranking = true_order(p)
    for number, method in enumerate(METHODS, 1):
        out = []
        ask_plan(p, ranking, _typed([str(number), "4"] * len(ranking)), out.append)
        shown = _option_lists(out)
        contacts = {}
        for aid, printed in zip(ranking, shown, strict=True):
            page = page_view(OPTIONS, p, ranking=ranking, plan=Plan(contacts), choosing=aid)
            assert printed == _lines(_of_method(page.choices, method)), (aid, method)
            contacts[aid] = Contact(method, "quarterly")
        assert len(shown) == len(ranking)
    # every option of the page is offered, and nothing else: 'No contact', then each method's in the page's order
    page = page_view(OPTIONS, p, ranking=ranking, plan=Plan({}), choosing=ranking[0])
    offered = [page.choices[0]] + [c for m in METHODS for c in _of_method(page.choices, m)]
    assert offered == [c for c in page.choices if c.action != "to_plan"]
    assert "".join(out).count("  0. No contact\n") == len(ranking)


def test_an_option_over_budget_is_refused_in_the_browsers_words():
    p = bundled()
    ranking = true_order(p)
    plan = {aid: "0" for aid in ranking}
    out = []
    # a weekly business review for the first account (65 h), then a weekly visit for the second (39 h: over)
    typed = ["4", "1", "1", "1", "1", "4"] + ["0"] * (len(plan) - 2)
    made = ask_plan(p, ranking, _typed(typed), out.append)
    after_review = Plan({ranking[0]: Contact("review", "weekly")})
    over = page_view(OPTIONS, p, ranking=ranking, plan=after_review, choosing=ranking[1]).choices[1]
    assert over.label == "Visit every week" and not over.enabled
    assert refusal(over) + "\n" in out
    assert made.contacts == {ranking[0]: Contact("review", "weekly"), ranking[1]: Contact("visit", "quarterly")}


def _changed_in_week_3(p):
    """Hearth & Home e-mailed every two weeks (so a move to every four weeks starts later than its calendar) and
    Marlow & Finch called every four weeks (so every week is too often), two weeks played."""
    campaign = Campaign(p, 3, true_order(p), Plan({"hearth-home": Contact("email", "fortnightly"),
                                                   "marlow-finch": Contact("call", "monthly")}))
    while campaign.week < 2:
        for aid in campaign.next_week():
            campaign.resolve(aid, "at_risk")
    return campaign


def test_change_your_plan_shows_the_browsers_accounts_and_options_for_every_account():
    p = bundled()
    head, _tail, accounts = quarter_week.revise_page(p, _changed_in_week_3(p), true_order(p))
    accounts = [c for c in accounts if c.action != "to_quarter"]
    warned = moved = False
    for place, account in enumerate(accounts, 1):
        aid = account.action[1]
        for number, method in enumerate(METHODS, 1):
            campaign = _changed_in_week_3(p)
            expected = _of_method(quarter_week.revise_options(p, campaign, aid)[2], method)
            out = []
            revise_plan(campaign, _typed([str(place), str(number), "3", ""]), out.append)
            listed = out[0].rstrip("\n").split("\n")
            assert listed[0] == "" and listed[1] == head  # the page's own head, then its accounts in its order
            assert listed[2:] == _lines(accounts), (aid, method)
            assert _option_lists(out) == [_lines(expected)], (aid, method)
            warned |= any("too soon and cost goodwill" in c.detail for c in expected)
            moved |= any("starts in week 4, not 3" in c.detail for c in expected)
    assert warned and moved  # the checks covered a too-often warning and a moved start


def test_a_change_is_told_in_the_app_layers_words():
    p = bundled()
    campaign = _changed_in_week_3(p)
    place = 1 + true_order(p).index("hearth-home")
    out = []
    revise_plan(campaign, _typed([str(place), str(1 + METHODS.index("email")), "3", ""]), out.append)
    told = quarter_week.revised_words(campaign, "hearth-home") + "\n"
    assert told in out
    assert told.startswith("Hearth & Home Furniture: e-mail every four weeks from week 3 (weeks 4, 8 and 12).")


def test_change_your_plan_changes_several_accounts_before_going_back_to_the_week():
    """Issue 31 (trial B1): each "p" changed one account and went back to the week; typing a second account's
    number then gave "“3” is not one of the keys here". The list comes back after each change, showing it, until
    Enter (or 0) goes back to the week."""
    p = bundled()
    campaign = _changed_in_week_3(p)
    ranking = true_order(p)
    first, second = 1 + ranking.index("hearth-home"), 1 + ranking.index("fenwick-bakeries")
    email, visit = str(1 + METHODS.index("email")), str(1 + METHODS.index("visit"))
    out = []
    revise_plan(campaign, _typed([str(first), email, "3", "x", str(second), visit, "2", ""]), out.append)
    assert campaign.plan.contact("hearth-home") == Contact("email", "monthly")
    assert campaign.plan.contact("fenwick-bakeries") == Contact("visit", "fortnightly")
    shown = "".join(out)
    assert "Please type a number from 1 to" in shown  # 'x' is asked again, not taken for the week's keys
    lists = [chunk for chunk in out if chunk.startswith("\nChange your plan from week 3")]
    assert len(lists) == 3  # before each change, and after the last one with both changes shown
    assert f"  {second}. Fenwick Bakeries: visit every two weeks" in lists[-1]
    assert f"  {first}. Hearth & Home Furniture: e-mail every four weeks" in lists[-1]
    # in the week's loop: p, two changes, Enter back to the week, Enter plays it
    campaign = _changed_in_week_3(p)
    decide_week(campaign, _typed(["p", str(first), email, "3", str(second), visit, "2", "0", ""]), out.append)
    assert campaign.plan.contact("fenwick-bakeries") == Contact("visit", "fortnightly")
    assert "is not one of the keys here" not in "".join(out)


def test_the_weeks_news_and_its_answers_are_the_browsers():
    p = bundled()
    campaign = Campaign(p, 10, true_order(p), Plan({"fenwick-bakeries": Contact("visit", "weekly")}))
    news = campaign.news()
    out = []
    decide_week(campaign, _typed([""]), out.append)
    shown = "".join(out)
    assert quarter_week.news_text(p, campaign) in shown
    for i, item in enumerate(quarter_week.news_choices(p, campaign), 1):
        assert f"  {i}. {item.label}. {item.detail[0].upper()}{item.detail[1:]}\n" in shown
    assert "your planned visit this week will not take this up unless you answer it" in shown
    pages = []
    for aid, event in news:  # each answer page as it stands when its turn comes: the time left shrinks
        pages.append(quarter_week.answer_page(p, campaign, (aid, event.kind)))
        visit = next(c for c in pages[-1][2] if c.action == ("reply", "visit"))
        campaign.answer(aid, event.kind, "visit" if visit.enabled else None)
    assert [c.label for c in pages[0][2]][:4] == ["Let it go", "Write to them", "Phone them", "Go and see them"]
    campaign = Campaign(p, 10, true_order(p), Plan({"fenwick-bakeries": Contact("visit", "weekly")}))
    out = []
    answer_news(campaign, news, _typed(["3"] * len(news) + ["0"] * 3), out.append)  # 3: go and see them
    shown = "".join(out)
    for head, _tail, choices in pages:
        assert f"\n{head}\n" in shown
        offered = [c for c in choices if c.action != "to_quarter"]
        assert "".join(f"  {i}. {c.label} ({c.detail})\n" for i, c in enumerate(offered)) in shown
    refused = [c for _h, _t, choices in pages for c in choices if c.action == ("reply", "visit") and not c.enabled]
    assert refused and refusal(refused[0]) in shown  # a third visit does not fit in the week: refused, asked again


def test_an_answer_with_no_time_left_is_refused_with_a_way_out():
    """An answer page's refusal offers what is always there, letting it go; a plan option's, making room."""
    p = bundled()
    campaign = Campaign(p, 10, true_order(p), Plan({}))
    (first, one), (second, other) = campaign.news()[:2]
    campaign.answer(first, one.kind, "visit")
    campaign.answer(second, other.kind, "visit")  # 6 h: the week's hours are gone
    aid, event = campaign.news()[2]
    refused = next(c for c in quarter_week.answer_page(p, campaign, (aid, event.kind))[2] if not c.enabled)
    assert refusal(refused).endswith("Choose one that fits, or let it go.")
    over = next(c for c in page_view(OPTIONS, p, ranking=true_order(p), plan=Plan({}), choosing=aid).choices
                if c.label == "Business review every week")
    over = replace(over, enabled=False)
    assert refusal(over).endswith("or give another account less time first.")
