"""The portfolio campaign's flow is the application layer's (game.app.portfolio_run):
what each choice does and what it asks of the shell, so a window or a browser
only draws the page and does what it is told."""
from game.app.portfolio_run import AGAIN, ASK_TO_LEAVE, FINISHED, LEAVE, TALK, PortfolioRun
from game.app.portfolio_view import BRIEF, DEBRIEF, LIST, OPTIONS, PLAN, QUARTER, RANK
from game.core.portfolio.quarter import Contact
from tests.portfolio.helpers import small

ORDER = ["fenwick-bakeries", "greenway-grocers", "good-grind"]  # small()'s true order


def actions(run):
    return [c.action for c in run.view().choices]


def test_a_whole_quarter_choice_by_choice():
    p = small()
    run = PortfolioRun([p], seed=42)
    assert run.view().page == LIST and ("open", "shop-systems") in actions(run)
    assert run.choose(("open", "shop-systems")) is None and run.page == BRIEF
    assert run.choose("back") is None and run.page == LIST  # back from the briefing: the list again
    run.choose(("open", "shop-systems"))
    run.choose("to_rank")
    for account in ORDER:
        run.choose(("place", account))
    run.choose("undo")
    assert run.ranking == ORDER[:2] and run.page == RANK
    run.choose(("place", ORDER[2]))
    assert actions(run)[0] == "to_plan"
    run.choose("to_plan")
    run.choose(("choose", "greenway-grocers"))
    assert run.page == OPTIONS and run.choosing == "greenway-grocers"
    run.choose(("set", Contact("call", "weekly")))
    assert run.page == PLAN and run.focus == 2  # the account just planned is focused (after "Start the quarter")
    assert run.plan.contacts == {"greenway-grocers": Contact("call", "weekly")}
    run.choose(("choose", "greenway-grocers"))
    run.choose(("set", None))  # no contact after all
    assert run.plan.contacts == {}
    run.choose("start_quarter")
    assert run.page == QUARTER and run.campaign.week == 0
    assert run.choose("back") == ASK_TO_LEAVE and run.page == QUARTER  # the shell asks first
    run.choose("to_end")
    assert run.campaign.due == ["good-grind"] and run.campaign.week == 3
    assert run.choose(("talk", "good-grind")) == (TALK, "good-grind")
    assert run.resolve("good-grind", None, 12) == "The Good Grind café: the account is at risk."
    while not run.campaign.finished:
        run.choose("to_end")
        for account in list(run.campaign.due):
            run.resolve(account, "retained", 80)
    assert run.choose("to_debrief") == FINISHED and run.page == DEBRIEF
    assert run.result["ranking"] == ORDER and run.view().head.startswith(f"Score {run.result['score']}%")
    assert run.result["conversations"][0] == {"account": "good-grind", "scenario": "card-machine", "week": 3,
                                              "outcome": "at_risk", "source": "played", "score": 12}
    assert run.choose("back") == LEAVE
    seed = run.seed
    assert run.choose("again") == AGAIN and run.page == BRIEF and run.ranking == [] and run.result is None
    assert run.seed != seed


def test_opened_without_a_list_back_from_the_briefing_leaves():
    run = PortfolioRun([], seed=1)
    run.start(small())
    assert run.choose("back") == LEAVE
