"""The portfolio campaign in the window, driven by key and click events
through the one translation point: rank, plan, a quarter with a linked
conversation played in the dialogue scene, the debrief, the scoreboard."""
import pygame
import pytest

from game.core.portfolio.ranking import true_order
from game.shells.window.scenes.dialogue import DialogueScene
from game.shells.window.scenes.portfolio import PortfolioScene

from .conftest import ROOT, click, key, post

SHOP = ROOT / "portfolios" / "shop-systems.yaml"


@pytest.fixture
def app(saves):
    from game.shells.window.app import App
    app = App(ROOT / "scenarios", size=(1280, 720))
    app.input_settle = 0
    app.settings.typewriter = "instant"
    app.apply_settings()
    yield app
    if pygame.display.get_init():
        app.shutdown()


def test_the_title_opens_the_portfolios(app):
    from game.shells.window.scenes.title import TitleScene
    title = TitleScene(app)
    title.player = "Ana"
    title._build()
    app.push(title)
    title.activate("portfolio")
    assert isinstance(app.top, PortfolioScene) and app.top.page == "list"
    assert {p.id for p in app.top.choices} >= {"shop-systems", "cleaning-contracts"}


def test_keys_alone_cannot_win_a_quarter(app):
    """Enter and 1 pressed over and over: the listed order and no contact."""
    scene = PortfolioScene(app, "Keys", path=SHOP, seed=2)
    app.push(scene)
    post(app, key(pygame.K_RETURN))  # Rank the accounts
    for _ in range(9):
        post(app, key(pygame.K_1))
    assert scene.ranking == list(scene.portfolio.ids)
    post(app, key(pygame.K_RETURN))  # Plan your contact: it opens at the first account
    post(app, key(pygame.K_UP), key(pygame.K_RETURN))  # Start the quarter, with no contact anywhere
    assert scene.page == "quarter"
    for _ in range(200):
        if scene.page == "debrief":
            break
        post(app, key(pygame.K_RETURN))
        while app.top is not scene:  # a conversation: Esc, then back to the quarter
            post(app, key(pygame.K_1))
            post(app, key(pygame.K_RETURN))
            if app.top.name == "debrief":
                post(app, key(pygame.K_ESCAPE))
    assert scene.page == "debrief"
    assert scene.result["score"] < 40 and scene.result["rank_percent"] < 75


def test_a_whole_quarter_with_a_conversation_is_recorded(app):
    scene = PortfolioScene(app, "Ana Lee", path=SHOP, seed=5)
    app.push(scene)
    scene.activate("to_rank")
    for account_id in true_order(scene.portfolio):
        scene.activate(("place", account_id))
    scene.activate("to_plan")
    # choose a contact by clicking: the first account's button, then the option
    app.update(0.016)
    first = scene.buttons.buttons[1]
    post(app, click(first.rect.center))
    assert scene.page == "options"
    over = [b for b in scene.buttons.buttons if not b.enabled]
    assert not over  # nothing is over budget yet
    visit = next(b for b in scene.buttons.buttons if b.label == "Visit every two weeks")
    scene.activate(visit.action)
    assert scene.page == "plan" and "contacts 18 of the quarter's 78 h" in scene.title
    scene.activate(("choose", true_order(scene.portfolio)[1]))
    assert any(not b.enabled and "over budget" in b.detail for b in scene.buttons.buttons)  # weekly reviews
    scene.activate("back")
    scene.activate("start_quarter")
    talked = False
    while scene.page != "debrief":
        if scene.campaign.due:
            post(app, key(pygame.K_RETURN))  # Talk to …
            dialogue = app.top
            assert isinstance(dialogue, DialogueScene) and dialogue.session.in_campaign
            while not dialogue.session.run.finished:
                dialogue.choose(1)
                if dialogue.phase == "coach":
                    post(app, key(pygame.K_RETURN))
            post(app, key(pygame.K_RETURN))  # See your debrief
            assert app.top.name == "debrief"
            # issue 31: the way on is the quarter at its week (in focus), never another scenario
            assert [b.label for b in app.top.actions] == [f"Back to the quarter (week {scene.campaign.week})",
                                                         "Save report card"]
            assert app.top.buttons.focus == 0
            post(app, key(pygame.K_RETURN))
            assert app.top is scene
            talked = True
        else:
            post(app, key(pygame.K_RETURN))
    assert talked
    played = [c for c in scene.result["conversations"] if c["source"] == "played"]
    assert played and played[0]["outcome"] in ("retained", "at_risk", "lost")
    quarters = app.scoreboard.blocking.quarters("shop-systems")
    assert [q["player"] for q in quarters] == ["Ana Lee"]
    assert quarters[0]["record"]["conversations"] == scene.result["conversations"]
    assert scene.leaders and scene.leaders[0]["player"] == "Ana Lee"
    # the conversation is on the scoreboard too, as an attempt of its own
    assert app.scoreboard.blocking.attempts(player="Ana Lee")
    # Done: back to the campaign's list of portfolios in the same scene, not out to the title
    done = next(b for b in scene.buttons.buttons if b.label == "Done")
    app.update(0.016)
    scene.buttons.focus = scene.buttons.buttons.index(done)
    post(app, key(pygame.K_RETURN))
    assert app.top is scene and scene.page == "list" and scene.view.title == "Protect your turf: account portfolios"
    assert any(b.action == ("open", "shop-systems") for b in scene.buttons.buttons)


def test_leaving_a_conversation_keeps_it_due(app):
    scene = PortfolioScene(app, "Bo", path=SHOP, seed=5)
    app.push(scene)
    scene.activate("to_rank")
    for account_id in scene.portfolio.ids:
        scene.activate(("place", account_id))
    scene.activate("to_plan")
    scene.activate("start_quarter")
    while not scene.campaign.due:
        scene.activate("next_week")
    due = list(scene.campaign.due)
    scene.activate(("talk", due[0]))
    post(app, key(pygame.K_ESCAPE))  # pause
    app.top.to_menu()
    assert app.top is scene and scene.campaign.due == due
    assert scene.buttons.buttons[0].label.startswith("Talk to")


def test_a_conversation_left_part_way_is_saved_with_the_quarter_and_goes_on_where_it_was(app):
    # issue 31 (trial A8): leaving a conversation part-way, then the quarter, lost its replies and the save was the
    # week before, so the week's news came again; now the quarter is saved inside the conversation, and the
    # briefing offers the week that leaving named
    from game.app.portfolio_run import leave_quarter
    scene = PortfolioScene(app, "Bo", path=SHOP, seed=5)
    app.push(scene)
    scene.activate("to_rank")
    for account_id in scene.portfolio.ids:
        scene.activate(("place", account_id))
    scene.activate("to_plan")
    scene.activate("start_quarter")
    while not scene.campaign.due:
        scene.activate("next_week")
    due, week = list(scene.campaign.due), scene.campaign.week
    scene.activate(("talk", due[0]))
    dialogue = app.top
    dialogue.choose(1)
    made = list(dialogue.session.run.choices)
    post(app, key(pygame.K_ESCAPE))  # pause
    app.top.to_menu()
    assert app.top is scene and scene.campaign.due == due
    assert scene.campaign.playing(due[0])["choices"] == made
    title, words, _yes = leave_quarter(scene.campaign)
    name = scene.portfolio.account(due[0]).name
    assert f"You are at week {week} of 13, in your conversation with {name}." in words
    scene.leave_saved()  # confirmed: saved as it stands, the scene closes
    again = PortfolioScene(app, "Bo", path=SHOP, seed=99)
    app.push(again)
    assert again.buttons.buttons[0].label == f"Resume your saved quarter (week {week} of 13)"
    again.activate("resume")
    assert again.campaign.week == week and again.campaign.due == due and again.campaign.news() == []
    again.activate(("talk", due[0]))
    assert isinstance(app.top, DialogueScene) and app.top.session.run.choices == made  # goes on, not from the top


def test_the_window_the_terminal_and_a_scripted_plan_play_the_same_quarter(app, tmp_path):
    """Seed 4, the listed order, no planned contact, week 1's two events answered, every reply the first:
    the window's quarter is the scripted one (the same events and answers, health week by week, conversations
    and score), and the terminal, fed the same decisions as keys, prints the scripted quarter's debrief."""
    import json
    import subprocess
    import sys
    scene = PortfolioScene(app, "Di", path=SHOP, seed=4)
    app.push(scene)
    scene.activate("to_rank")
    for account_id in scene.portfolio.ids:
        scene.activate(("place", account_id))
    scene.activate("to_plan")
    scene.activate("start_quarter")
    answers = [("good-grind", "complaint", "call"), ("vale-garden", "competitor-offer", "visit")]
    for account_id, event, reply in answers:
        scene.activate(("answer", (account_id, event)))
        scene.activate(("reply", reply))
    choices = {}
    while scene.page != "debrief":
        if scene.campaign.due:
            account_id = scene.campaign.due[0]
            scene.activate(("talk", account_id))
            dialogue = app.top
            while not dialogue.session.run.finished:
                dialogue.choose(1)
                if dialogue.phase == "coach":
                    post(app, key(pygame.K_RETURN))
            choices[account_id] = len(dialogue.session.run.choices)
            post(app, key(pygame.K_RETURN))  # See your debrief
            post(app, key(pygame.K_RETURN))  # Back to the quarter
        elif scene.campaign.finished:
            scene.activate("to_debrief")
        else:
            scene.activate("next_week")
    script = ("seed: 4\nranking: [" + ", ".join(scene.portfolio.ids) + "]\nanswers:\n"
              + "".join(f"  - {{week: 1, account: {a}, event: {e}, answer: {r}}}\n" for a, e, r in answers)
              + "conversations:\n" + "".join(f"  {a}: {{choices: {[1] * n}}}\n" for a, n in choices.items()))
    plan = tmp_path / "plan.yaml"
    plan.write_text(script, encoding="utf-8")
    proc = subprocess.run([sys.executable, "main.py", "portfolio", str(SHOP), "--plan", str(plan), "--json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    scripted, played = json.loads(proc.stdout), scene.result
    assert choices  # at least one conversation was played
    for key_ in ("score", "profit_kept", "rank_percent", "answers", "events_answered", "accounts_lost"):
        assert played[key_] == scripted[key_], key_
    assert [a["health"] for a in played["accounts"]] == [a["health"] for a in scripted["accounts"]]
    assert [(c["account"], c["week"], c["outcome"], c["score"]) for c in played["conversations"]] == \
        [(c["account"], c["week"], c["outcome"], c["score"]) for c in scripted["conversations"]]
    assert [a["events"] for a in played["accounts"]] == [a["events"] for a in scripted["accounts"]]
    # the terminal: the listed order, no contact, a call for the café's complaint and a visit for the garden
    # centres' rival offer (answers 2 and 3 of their lists), then Enter, every reply the first
    stdin = "1 2 3 4 5 6 7 8 9\n" + "0\n" * 9 + "a\n2\n3\n" + ("\n" + "1\n" * 12) * 13
    env = {"PATH": "/usr/bin:/bin", "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy",
           "FIVE_LEVERS_SAVES": str(tmp_path)}  # no COLUMNS: both print at the same width
    terminal = subprocess.run([sys.executable, "main.py", "portfolio", str(SHOP), "--text", "--seed", "4"],
                              cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=120, env=env)
    as_text = subprocess.run([sys.executable, "main.py", "portfolio", str(SHOP), "--plan", str(plan)],
                             cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
    assert terminal.returncode == 0 and as_text.returncode == 0, terminal.stderr + as_text.stderr
    debrief_text = terminal.stdout[terminal.stdout.index("Protect Your Turf: Shop Systems: the quarter's debrief"):]
    assert debrief_text.strip() == as_text.stdout.strip()
    assert f"Score {scripted['score']}%" in debrief_text and "You answered 2 of the" in debrief_text


def _start(app, player="Cy", seed=7, size=None):
    scene = PortfolioScene(app, player, path=SHOP, seed=seed)
    app.push(scene)
    scene.activate("to_rank")
    for account_id in true_order(scene.portfolio):
        scene.activate(("place", account_id))
    scene.activate("to_plan")
    scene.activate("start_quarter")
    app.update(0.016)
    return scene


def test_the_weeks_news_is_answered_by_click_and_the_quarter_is_saved_each_week(app):
    from game.storage.quarter_saves import quarter_path
    scene = _start(app, seed=10)  # seed 10: Fenwick Bakeries complain in week 1
    news = next(b for b in scene.buttons.buttons if b.label.startswith("Fenwick Bakeries: they have a complaint"))
    post(app, click(news.rect.center))
    assert scene.page == "answer" and "How will you answer?" in scene.view.head
    app.update(0.016)
    visit = next(b for b in scene.buttons.buttons if b.label == "Go and see them")
    post(app, click(visit.rect.center))
    assert scene.page == "quarter" and "your answer: go and see them" in scene.buttons.buttons[1].detail
    scene.buttons.focus = 0
    post(app, key(pygame.K_RETURN))  # Play week 1
    assert scene.campaign.week == 1 and "put right, and they noticed" in scene.view.tail
    assert quarter_path("Cy", "shop-systems").exists()
    # the next time the portfolio opens, the saved quarter is offered and resumes exactly
    again = PortfolioScene(app, "Cy", path=SHOP, seed=99)
    app.push(again)
    assert again.buttons.buttons[0].label == "Resume your saved quarter (week 2 of 13)"  # week 1 played: at 2
    again.activate("resume")
    assert again.page == "quarter" and again.campaign.to_record() == scene.campaign.to_record()


def test_the_plan_is_changed_mid_quarter_in_the_window(app):
    scene = _start(app)
    scene.activate("next_week")
    app.update(0.016)
    change = next(b for b in scene.buttons.buttons if b.label == "Change your plan")
    scene.activate(change.action)
    assert scene.page == "revise"
    second = scene.buttons.buttons[1]
    assert [b.number for b in scene.buttons.buttons[:2]] == [1, 2]  # issue 31: numbered like the plan
    post(app, key(pygame.K_2))  # the second account's contact from the coming week
    assert scene.page == "revise_options" and scene.run.choosing == second.action[1]
    scene.activate("revise")
    scene.activate(("revise_account", "fenwick-bakeries"))
    app.update(0.016)
    fortnightly = next(b for b in scene.buttons.buttons if b.label == "Visit every two weeks")
    post(app, click(fortnightly.rect.center))
    assert scene.page == "quarter" and scene.plan.contact("fenwick-bakeries").frequency == "fortnightly"


def test_health_charts_are_tall_enough_to_read_in_a_small_window_with_huge_text(saves):
    from game.shells.window.app import App
    app = App(ROOT / "scenarios", size=(800, 600))
    app.input_settle = 0
    app.settings.text_size = "huge"
    app.apply_settings()
    scene = _start(app)
    scene.activate("next_week")
    app.update(0.016)
    assert scene.view.charts and scene._layout["row_h"] >= 56
    post(app)  # a frame is drawn with them
    app.shutdown()


@pytest.mark.parametrize("size", [(800, 600), (1280, 720)])
def test_the_plan_opens_at_its_first_account_and_the_debriefs_done_is_in_view(saves, size):
    """Issue 31: the plan opened with the focus on 'Start the quarter' and, at 800×600, its first account
    below the fold; the quarter's debrief put Done below the fold at 800×600. Both open at the top with
    what a trainee acts on first fully in view and focused, without scrolling."""
    from game.shells.window.app import App
    app = App(ROOT / "scenarios", size=size)
    app.input_settle = 0
    try:
        scene = PortfolioScene(app, "Sized", path=SHOP, seed=3)
        app.push(scene)
        scene.activate("to_rank")
        for account_id in true_order(scene.portfolio):
            scene.activate(("place", account_id))
        post(app, key(pygame.K_RETURN))  # Plan your contact, by key as a trainee does
        assert scene.page == "plan"
        app.update(0.016)
        first = scene.buttons.buttons[1]
        assert first.action == ("choose", true_order(scene.portfolio)[0])
        assert scene.buttons.focus == 1 and scene.scroll.offset == 0
        assert scene._view.top < first.rect.top and first.rect.bottom < scene._view.bottom
        post(app, key(pygame.K_RETURN))  # Enter opens the focused account's options, not the quarter
        assert scene.page == "options"
        scene.activate("to_plan")
        scene.activate("start_quarter")
        scene.campaign.play_out(lambda campaign, account_id: ("retained", "played", 80))
        scene.activate("to_debrief")
        app.update(0.016)
        done = scene.buttons.buttons[scene.buttons.focus]
        assert done.label == "Done" and scene.scroll.offset == 0
        assert scene._view.top < done.rect.top and done.rect.bottom < scene._view.bottom
        text = scene.view.head
        assert text.split("\n\n")[0].startswith("Score ")  # the score stays above Done; the figures go under it
        post(app)  # a frame is drawn
    finally:
        app.shutdown()


def test_play_to_the_end_draws_every_week_played_under_its_own_heading(app):
    """Issue 31: the window draws the page's tail; after several weeks at once it holds each week under a heading
    paragraph (drawn bold and larger), not only the last week."""
    from game.shells.window.page_columns import is_heading
    scene = PortfolioScene(app, "Weeks", path=SHOP, seed=3)
    app.push(scene)
    run = scene.run
    run.choose("to_rank")
    for a in run.portfolio.ids:
        run.choose(("place", a))
    run.choose("to_plan")
    run.choose("start_quarter")
    run.choose("to_end")
    scene._build()
    assert run.campaign.week >= 2
    paragraphs = scene._texts[1].split("\n\n")
    headings = [p for p in paragraphs if is_heading(p)]
    assert headings == [f"Week {w} of 13" for w in range(1, run.campaign.week + 1)]
    app.render()  # and it draws


def test_the_windows_quarter_conversation_starts_with_the_quarters_story(app):
    """Issue 31 (qstory): the conversation the window opens for an account in trouble knows what the quarter told
    on that account, so the customer takes it up instead of telling it as new (game/core/quarter_story.py)."""
    scene = PortfolioScene(app, "Bo", path=SHOP, seed=9)  # seed 9: the café's rival offer comes in week 3
    app.push(scene)
    scene.activate("to_rank")
    for account_id in true_order(scene.portfolio):
        scene.activate(("place", account_id))
    scene.activate("to_plan")
    scene.activate("start_quarter")
    while "good-grind" not in scene.campaign.due:
        assert not scene.campaign.due, "another account fell due first"
        scene.activate("next_week")
    scene.activate(("talk", "good-grind"))
    session = app.top.session
    assert isinstance(app.top, DialogueScene)
    assert session.run.story == scene.campaign.story("good-grind") and session.run.story.rival_offers == 1
    assert session.run.snapshot()["quarter"]["rival_offers"] == 1


def _to_a_due_conversation(app, player: str):
    """The shop quarter, nothing planned, every week played until a conversation falls due (seed 4: the café)."""
    scene = PortfolioScene(app, player, path=SHOP, seed=4)
    app.push(scene)
    scene.activate("to_rank")
    for account_id in true_order(scene.portfolio):
        scene.activate(("place", account_id))
    scene.activate("to_plan")
    scene.activate("start_quarter")
    for _ in range(40):
        if scene.campaign.due:
            break
        post(app, key(pygame.K_RETURN))
    assert scene.campaign.due and app.top is scene
    return scene


def test_a_quarters_conversation_is_never_offered_as_the_titles_resume(app):
    """Issue 31: a conversation played inside a quarter was also saved as the player's own conversation, so the
    title's Resume offered it as a standalone one (its outcome then never reached the quarter). It resumes only
    through its quarter, and a conversation of the player's own, saved before, stays the one Resume offers."""
    from game.app.session import GameSession
    from game.core import loader
    from game.storage import saves
    own_path = ROOT / "scenarios" / "anniversary-table.yaml"
    mine = GameSession(loader.load_file(own_path), str(own_path), "Quinn", "coach", app.scoreboard)
    mine.choose(1)  # a conversation of Quinn's own, saved part-way

    def offered():
        return saves.load_sessions()[0].get(saves.player_key("Quinn"))  # what the title's Resume offers

    scene = _to_a_due_conversation(app, "Quinn")
    post(app, key(pygame.K_RETURN))  # Talk to …
    talk = app.top
    assert isinstance(talk, DialogueScene) and talk.session.in_campaign
    talk.choose(1)
    assert offered().scenario_path == str(own_path) and offered().snapshot == mine.run.snapshot()
    from game.shells.window import logout
    from game.storage import quarter_saves
    logout.save_and_quit(app)  # a logout now: the reply is kept with the quarter, not as Quinn's conversation
    assert offered().snapshot == mine.run.snapshot()
    kept = quarter_saves.load_quarter("Quinn", "shop-systems")[0]["record"]["conversations"]
    assert [len(c["playing"]["choices"]) for c in kept if c.get("playing")] == [1]
    app.running = True
    app.pop()  # back to the quarter: the conversation stays due there, with its reply
    assert app.top is scene and scene.campaign.playing(scene.campaign.due[0])
    post(app, key(pygame.K_RETURN))  # talk again: it goes on, and this time to its end
    talk = app.top
    assert len(talk.session.run.choices) == 1
    while not talk.session.run.finished:
        talk.choose(1)
        if talk.phase == "coach":
            post(app, key(pygame.K_RETURN))
    assert offered() is not None and offered().snapshot == mine.run.snapshot()  # finishing it kept Quinn's own


def test_a_saved_quarter_that_no_longer_replays_is_set_aside_and_not_offered_again(app):
    """Issue 31: the window said the saved quarter could not be resumed but kept it, and offered it every time
    the portfolio opened; it is set aside (as the terminal does) and the notice says so."""
    import json
    from game.storage.quarter_saves import quarter_path
    scene = _start(app, player="Vi")
    scene.activate("next_week")  # week 1 played: the quarter is saved
    path = quarter_path("Vi", "shop-systems")
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["record"]["plan"]  # the shape is still a quarter's, but it no longer replays
    path.write_text(json.dumps(data), encoding="utf-8")
    again = PortfolioScene(app, "Vi", path=SHOP, seed=99)
    app.push(again)
    assert again.buttons.buttons[0].label.startswith("Resume your saved quarter")
    app.notices.clear()
    again.activate("resume")
    said = " ".join(text for text, _ in app.notices)
    assert "cannot be resumed" in said and "moved aside" in said, said
    assert not path.exists() and list(path.parent.glob(path.stem + "*"))  # kept aside for a trainer, not deleted
    third = PortfolioScene(app, "Vi", path=SHOP, seed=99)
    app.push(third)
    assert not any(b.label.startswith("Resume your saved quarter") for b in third.buttons.buttons)
