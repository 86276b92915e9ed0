"""The portfolio campaign's flow is the application layer's (game.app.portfolio_run):
what each choice does and what it asks of the shell, so a window or a browser
only draws the page and does what it is told."""
from game.app.portfolio_run import AGAIN, ASK_TO_LEAVE, CHANGED, FINISHED, LEAVE, TALK, PortfolioRun
from game.app.quarter_week import revised_words
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
    # issue 31 (B10): the focus moves on to the first account with nothing planned (Fenwick, 1st), as the
    # browser's does, not the account just planned (Greenway, 2nd)
    assert run.page == PLAN and run.view().focus == 1
    run.choose(("choose", "fenwick-bakeries"))
    run.choose(("set", Contact("call", "weekly")))
    assert run.view().focus == 3  # the next one with nothing planned: the café
    run.choose(("choose", "fenwick-bakeries"))
    run.choose(("set", None))
    assert run.plan.contacts == {"greenway-grocers": Contact("call", "weekly")}
    run.choose(("choose", "greenway-grocers"))
    run.choose(("set", None))  # no contact after all
    assert run.plan.contacts == {}
    run.choose("start_quarter")
    assert run.page == QUARTER and run.campaign.week == 0
    assert run.choose("back") == ASK_TO_LEAVE and run.page == QUARTER  # the shell asks first
    run.choose("to_end")
    assert run.campaign.due == ["good-grind"] and run.campaign.week == 2
    assert run.choose(("talk", "good-grind")) == (TALK, "good-grind")
    assert run.resolve("good-grind", None, 12) == "The Good Grind café: the account is at risk; health 34 → 26."
    while not run.campaign.finished:
        run.choose("to_end")
        for account in list(run.campaign.due):
            run.resolve(account, "retained", 80)
    assert run.choose("to_debrief") == FINISHED and run.page == DEBRIEF
    assert run.result["ranking"] == ORDER and run.view().head.startswith(f"Score {run.result['score']}%")
    assert run.result["conversations"][0] == {"account": "good-grind", "scenario": "card-machine", "week": 2,
                                              "outcome": "at_risk", "source": "played", "score": 12}
    assert run.choose("back") is None and run.page == LIST  # Done: the campaign's list of portfolios
    assert run.portfolio is None and run.campaign is None and ("open", "shop-systems") in actions(run)


def _finish(run):
    run.choose("to_rank")
    for account in ORDER:
        run.choose(("place", account))
    run.choose("to_plan")
    run.choose("start_quarter")
    while not run.campaign.finished:
        run.choose("to_end")
        for account in list(run.campaign.due):
            run.resolve(account, "at_risk", 50)
    assert run.choose("to_debrief") == FINISHED and run.page == DEBRIEF


def test_play_again_starts_the_same_portfolio_afresh():
    run = PortfolioRun([small()], seed=42)
    run.choose(("open", "shop-systems"))
    _finish(run)
    seed = run.seed
    assert run.choose("again") == AGAIN and run.page == BRIEF and run.ranking == [] and run.result is None
    assert run.seed != seed


def test_done_on_the_debrief_returns_to_the_list_of_portfolios():
    run = PortfolioRun([small()], seed=42)
    run.choose(("open", "shop-systems"))
    _finish(run)
    assert run.view().choices[0].label == "Done"
    seed = run.seed
    assert run.choose("back") is None and run.page == LIST  # Done: the campaign's list, not the scenarios
    page = run.view()
    assert page.page == LIST and ("open", "shop-systems") in actions(run) and run.campaign is None
    assert run.choose(("open", "shop-systems")) is None and run.page == BRIEF and run.ranking == []
    assert run.seed != seed  # the next quarter is a new one
    assert run.choose("back") is None and run.page == LIST
    assert run.choose("back") == LEAVE  # back from the list: out of the campaign


def test_opened_without_a_list_done_leaves():
    run = PortfolioRun([], seed=42)
    run.start(small())
    _finish(run)
    assert run.choose("back") == LEAVE


def test_opened_without_a_list_back_from_the_briefing_leaves():
    run = PortfolioRun([], seed=1)
    run.start(small())
    assert run.choose("back") == LEAVE


def _quarter(seed=10):
    from tests.portfolio.helpers import bundled
    p = bundled()
    run = PortfolioRun([p], seed=seed)
    run.choose(("open", p.id))
    run.choose("to_rank")
    for a in p.ids:
        run.choose(("place", a))
    run.choose("to_plan")
    run.choose("start_quarter")
    return p, run


def test_a_weeks_news_is_answered_on_its_own_page_and_judged():
    from game.app.portfolio_run import NOTE, SAVE
    from game.app.portfolio_view import ANSWER
    p, run = _quarter()  # seed 10: Fenwick Bakeries complain in week 1 (first of the week's three items of news)
    news = [c for c in run.view().choices if c.action[0] == "answer"]
    assert len(news) == 3 and news[0].label == "Fenwick Bakeries: they have a complaint about the service"
    assert news[0].detail == "“Two shops couldn't print labels this morning and nobody called us back.” · " \
        "not answered yet"
    run.choose(news[0].action)
    page = run.view()
    assert run.page == ANSWER and "How will you answer?" in page.head
    assert "They say: “Two shops couldn't print labels this morning" in page.head
    assert [c.label for c in page.choices] == ["Let it go", "Write to them", "Phone them", "Go and see them",
                                               "Offer a concession on price", "Back to the week"]
    run.choose(("reply", "visit"))
    assert run.page == QUARTER and run.view().focus == 0  # issue 31 (B10): back on "Play week 1", as in the browser
    assert run.view().choices[0].action == "next_week"
    assert run.view().choices[1].detail.endswith(" · your answer: go and see them")
    assert run.choose("next_week") == SAVE
    assert "Fenwick Bakeries: A complaint (go and see them): put right, and they noticed; health: drifted 50 → 48, then the news 48 → 58." \
        in run.view().tail
    # no time: a plan that fills the budget leaves none for answers
    full, busy = _quarter()
    for aid, contact in (("vale-garden", Contact("review", "weekly")), ("bloom-stem", Contact("call", "weekly")),
                         ("marlow-finch", Contact("email", "weekly")), ("fenwick-bakeries", Contact("email", "weekly"))):
        busy.choose("revise")
        busy.choose(("revise_account", aid))
        assert busy.choose(("revise_set", contact))[0] == CHANGED and busy.page == QUARTER
    assert busy.plan.contact("vale-garden") == Contact("review", "weekly")
    assert busy.campaign.minutes_left() == 0
    busy.choose(("answer", ("fenwick-bakeries", "complaint")))
    assert not next(c for c in busy.view().choices if c.label == "Go and see them").enabled
    said = busy.choose(("reply", "visit"))
    assert said[0] == NOTE and "no time" in said[1]


def test_the_plan_is_revised_from_the_coming_week_and_what_does_not_fit_is_disabled():
    from game.app.portfolio_view import REVISE, REVISE_OPTIONS
    p, run = _quarter()
    run.choose("next_week")
    run.choose("revise")
    assert run.page == REVISE and "from week 2" in run.view().head
    run.choose(("revise_account", "marlow-finch"))
    page = run.view()
    assert run.page == REVISE_OPTIONS
    assert all(c.enabled for c in page.choices)  # nothing planned yet: everything fits
    # issue 31 (trial 2): "… from week 2: now no contact." read as if 'no contact' had just been chosen
    name = p.account("marlow-finch").name
    assert page.head.startswith(f"{name}, from week 2 on (planned now: no contact).\n"), page.head
    run.choose(("revise_set", Contact("call", "monthly")))
    assert run.plan.contact("marlow-finch") == Contact("call", "monthly") and run.page == QUARTER
    assert run.campaign.to_record()["revisions"] == [{"week": 2, "account": "marlow-finch", "method": "call",
                                                      "frequency": "monthly"}]


def test_playing_to_the_end_stops_when_an_account_is_lost_and_says_so():
    p, run = _quarter()
    while not run.campaign.lost_this_week():
        if run.campaign.due:
            run.resolve(run.campaign.due[0], "at_risk", None)
        else:
            run.choose("to_end")
        assert not run.campaign.finished
    lost = p.account(run.campaign.lost_this_week()[0])
    assert f"{lost.name} has left you." in run.view().head


def test_a_saved_quarter_is_offered_on_the_briefing_and_resumes_where_it_was():
    from game.app.portfolio_run import SAVE
    p, run = _quarter()
    run.choose(("answer", ("fenwick-bakeries", "complaint")))
    run.choose(("reply", "visit"))
    assert run.choose("next_week") == SAVE
    saved = run.campaign.to_record()
    again = PortfolioRun([p], seed=1)
    again.start(p, saved)
    brief = again.view()
    assert brief.choices[0].label == "Resume your saved quarter (week 2 of 13)"  # week 1 played: at week 2
    again.choose("resume")
    assert again.page == QUARTER and again.campaign.week == 1 and again.seed == 10
    assert again.campaign.to_record() == saved
    changed = PortfolioRun([p], seed=1)
    changed.start(p, {**saved, "content_hash": "another version"})
    assert changed.view().choices[0].action == "to_rank"  # a save from another version is not offered


def test_the_shell_is_asked_for_a_saved_quarter_when_a_portfolio_opens():
    p, run = _quarter()
    run.choose("next_week")
    saved = run.campaign.to_record()
    asked = []
    shell = PortfolioRun([p], seed=3, saved_for=lambda pid: asked.append(pid) or saved)
    shell.choose(("open", p.id))
    assert asked == [p.id] and shell.view().choices[0].action == "resume"


def test_a_browsers_action_log_replays_the_weeks_answers_and_plan_changes():
    import json
    from game.app.portfolio_steps import decode, encode, replay
    from tests.portfolio.helpers import bundled
    p = bundled()
    actions = [("open", p.id), "to_rank", *[("place", a) for a in p.ids], "to_plan", "start_quarter",
               ("answer", ("fenwick-bakeries", "complaint")), ("reply", "visit"), "next_week", "revise",
               ("revise_account", "marlow-finch"), ("revise_set", Contact("call", "monthly")), "next_week"]
    log = json.loads(json.dumps([encode(a) for a in actions]))
    assert [decode(item) for item in log] == actions
    run = replay([p], {"seed": 10, "actions": log})
    assert run.campaign.week == 2 and run.campaign.replies[(1, "fenwick-bakeries", "complaint")] == "visit"
    assert run.plan.contact("marlow-finch") == Contact("call", "monthly")


def test_the_plan_can_change_while_an_account_in_trouble_waits_for_its_call():
    p, run = _quarter()
    while not run.campaign.due:
        run.choose("next_week")
    aid = run.campaign.due[0]
    assert "revise" in [c.action for c in run.view().choices]
    run.choose("revise")
    run.choose(("revise_account", aid))
    said = run.choose(("revise_set", Contact("call", "quarterly")))
    assert said == (CHANGED, revised_words(run.campaign, aid))  # issue 31 (B10): the change is confirmed
    assert said[1].startswith(f"{p.account(aid).name}: phone call once a quarter from week {run.campaign.week + 1}")
    assert run.page == QUARTER and run.campaign.due == [aid]  # the call still waits
    assert run.view().choices[0].action == ("talk", aid)


def test_the_list_and_the_plan_number_their_choices_for_keys_1_to_9():
    p, run = _quarter()
    run.to_list()
    assert [c.number for c in run.view().choices if c.action != "back"] == [1]
    run.choose(("open", p.id))
    run.choose("to_rank")
    for a in p.ids:
        run.choose(("place", a))
    run.choose("to_plan")
    numbered = [(c.number, c.action) for c in run.view().choices if c.number]
    assert numbered == [(n, ("choose", aid)) for n, aid in enumerate(p.ids[:9], 1)]


def test_playing_several_weeks_at_once_shows_every_week_played_not_only_the_last():
    """Issue 31: after "Play to the end" the page used to tell only the last week, so an account that fell from 62
    to 46 over the hidden weeks had no line saying why. Every week played is told, in order, under its heading,
    in the text the window draws (tail) and as data the browser lists (weeks)."""
    p, run = _quarter(seed=3)
    run.choose("next_week")
    assert run.view().weeks == ()  # one week played: told as before
    several, hidden_news = 0, 0
    while not run.campaign.finished:
        for account in list(run.campaign.due):
            run.resolve(account, "retained", 80)
        first = run.campaign.week + 1
        run.choose("to_end")
        view = run.view()
        if run.campaign.week == first:
            assert view.weeks == ()
            continue
        several += 1
        assert [w.week for w in view.weeks] == list(range(first, run.campaign.week + 1))
        for w in view.weeks:
            told = [f"{name}: {what}." for name, what in run.campaign.week_lines(w.week)] or ["A quiet week."]
            assert list(w.lines) == told
            assert f"{w.heading}\n\n" + "\n".join(told) in view.tail  # a heading paragraph, then its lines
        assert view.tail.index(view.weeks[0].heading) < view.tail.index(view.weeks[-1].heading)
        if not run.campaign.due:
            assert view.head.startswith(f"Weeks {first} to {run.campaign.week} of 13 are played")
        hidden_news += sum("health" in line for w in view.weeks[:-1] for line in w.lines)
        run.choose("revise")
        run.choose("to_quarter")
        assert run.view().weeks == view.weeks  # still told after looking at the plan
    assert several >= 2 and hidden_news  # the weeks before the last had news the page used to hide
    run.choose("to_debrief")
    assert run.view().weeks == ()
