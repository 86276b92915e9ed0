"""The in-game scoreboard: history with a trend chart, leaderboards, and an
attempt's debrief rebuilt from its stored choices; keyboard and mouse."""
import pygame

from game.core import loader
from game.core.engine import play
from game.storage.attempts import Attempt

from .conftest import LATE, key, post


def record(app, player, choices, day):
    run = play(loader.load_file(LATE), choices)
    attempt = Attempt.from_playthrough(run, player, "coach", started_at=f"2026-11-{day:02d}T10:00:00+00:00",
                                       finished_at=f"2026-11-{day:02d}T10:05:00+00:00")
    app.scoreboard.record(attempt)
    return attempt


def open_board(app, player="Ana"):
    from game.shells.window.scenes.scoreboard import ScoreboardScene
    app.push(ScoreboardScene(app, player))
    post(app)
    return app.top


def test_history_lists_newest_first_and_draws_a_trend_chart(make_app):
    app = make_app()
    record(app, "Ana", [1, 2, 2], 1)
    record(app, "Ana", [1, 1, 1], 2)
    record(app, "Bo", [2, 1, 1], 3)
    scene = open_board(app)
    assert [r.label[:10] for r in scene.rows] == ["2026-11-02", "2026-11-01"]
    assert len(scene.attempts) == 2 and "chart" in scene._rects
    chart = scene._rects["chart"]
    colours = {app.screen.get_at((x, y))[:3] for x in range(chart.x, chart.right, 7)
               for y in range(chart.y, chart.bottom, 7)}
    assert len(colours) > 6  # lines, markers and legend were drawn, not an empty panel


def test_leaderboard_shows_each_players_best_and_left_right_change_scenario(make_app):
    app = make_app()
    best = record(app, "Ana", [1, 1, 1], 1)
    record(app, "Ana", [1, 2, 2], 2)
    record(app, "Bo", [1, 2, 2], 3)
    scene = open_board(app)
    post(app, pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=scene.tabs[1].rect.center))
    assert scene.view == "leaders" and scene.scenario == "late-refund"
    assert [r.label.split("  ")[0] for r in scene.rows] == ["1.", "2."]
    assert "Ana  (you)" in scene.rows[0].label and "Bo" in scene.rows[1].label
    assert f"best {best.score}" in scene.rows[0].label and "2 attempts" in scene.rows[0].detail
    post(app, key(pygame.K_RIGHT))  # only one scenario recorded: wraps to itself
    assert scene.scenario == "late-refund"


def test_an_attempt_opens_as_its_debrief_rebuilt_from_the_choices_and_esc_returns(make_app):
    app = make_app()
    attempt = record(app, "Ana", [1, 2, 2], 1)
    scene = open_board(app)
    post(app, pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=scene.rows[0].rect.center))
    debrief = app.top
    assert debrief.name == "debrief" and debrief.reviewing == "2026-11-01 10:05"
    assert debrief.result.score == attempt.score == 42
    assert debrief.result.path == attempt.path
    assert [b.label for b in debrief.actions] == ["Back to the scoreboard", "Save report card"]
    post(app, key(pygame.K_ESCAPE))
    assert app.top is scene


def test_keyboard_alone_reaches_an_attempt(make_app):
    app = make_app()
    record(app, "Ana", [1, 2, 2], 1)
    open_board(app)
    for _ in range(6):  # past the four tabs and the two scenario arrows
        post(app, key(pygame.K_TAB))
    post(app, key(pygame.K_RETURN))
    assert app.top.name == "debrief"


def test_an_attempt_whose_scenario_changed_its_path_says_so_instead_of_lying(make_app, library):
    app = make_app()
    attempt = record(app, "Ana", [1, 2, 2], 1)
    text = (library / "late-refund.yaml").read_text(encoding="utf-8")
    (library / "late-refund.yaml").write_text(text.replace("goto: story", "goto: fix", 1), encoding="utf-8")
    app.library.reload()
    scene = open_board(app)
    scene.open_attempt(attempt.id)
    post(app)
    assert app.top is scene
    assert any("changed" in n[0] or "replayed" in n[0] for n in app.notices)


def test_empty_scoreboard_and_no_player_give_messages(make_app):
    app = make_app()
    scene = open_board(app, player="")
    assert "Type your name" in scene.message
    post(app, pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=scene.tabs[1].rect.center))
    assert "No finished conversations yet" in scene.message


def test_the_game_starts_with_a_damaged_scoreboard_and_says_it_was_moved_aside(saves, make_app):
    saves.mkdir(parents=True, exist_ok=True)
    (saves / "scoreboard.sqlite3").write_bytes(b"garbage" * 500)
    app = make_app()
    post(app)  # opened on the storage thread; its notice comes on a frame
    assert app.scoreboard.blocking.count() == 0
    assert any("moved aside" in n[0] for n in app.notices)
    assert any(".corrupt-" in p.name for p in saves.iterdir())


def test_scoreboard_with_many_attempts_fits_at_the_largest_text_and_a_small_window(make_app):
    app = make_app(size=(800, 600), text_size="huge")
    for day in range(1, 16):
        record(app, "Ana", [1, 2, 2] if day % 2 else [1, 1, 1], day)
    scene = open_board(app)
    for _ in range(6 + 10):  # past the four tabs and two arrows, then down the list to the 11th attempt
        post(app, key(pygame.K_DOWN))
    focused = scene.buttons.buttons[scene.buttons.focus]
    assert focused in scene.rows[10:11]
    assert scene._rects["list"].contains(focused.rect)  # scrolled into view
    for view in ("history", "leaders", "styles", "quarters"):
        if view != "history":
            scene.activate(("view", view))
            post(app)
        for button in scene.buttons.buttons:
            assert 0 <= button.rect.left and button.rect.right <= 800, button.label
        for rect in scene._rects.values():
            assert rect.right <= 800 and rect.bottom <= 600


def test_the_leaderboard_opens_only_your_own_transcript(make_app):
    """Others' attempts show scores only; full transcripts are for their owner
    (reviewers read them through `main.py scoreboard --format json`)."""
    app = make_app()
    record(app, "Ana", [1, 1, 1], 1)
    record(app, "Bo", [1, 2, 2], 2)
    scene = open_board(app, player="ana")  # the same player, typed in another case
    scene.activate(("view", "leaders"))
    post(app)
    mine, theirs = scene.rows
    assert "(you)" in mine.label and "scores only" in theirs.detail
    post(app, pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=theirs.rect.center))
    assert app.top is scene  # Bo's replies stay closed
    assert any("theirs to open" in n[0] for n in app.notices)
    post(app, pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=mine.rect.center))
    assert app.top.name == "debrief"
    bo_id = theirs.action  # not an attempt action at all
    assert bo_id[0] == "others"
    app.pop()
    scene.open_attempt(2)  # even asked directly, Bo's attempt does not open
    post(app)
    assert app.top is scene


def test_the_trend_chart_keeps_scenarios_apart_and_shows_points_below_zero():
    from types import SimpleNamespace as A

    from game.app.trend import BELOW_ZERO, trend_lines
    levers = {"connect": {"points": -2, "ceiling": 4, "percent": 0}, "customers_first": {"points": 0, "ceiling": 2,
                                                                                        "percent": 0}}
    attempts = [A(scenario="a", score=40, levers=levers, status="finished"),
                A(scenario="b", score=90, levers=levers, status="finished"),
                A(scenario="a", score=10, levers=levers, status="abandoned"),
                A(scenario="a", score=60, levers=levers, status="finished")]
    lines = trend_lines(attempts, by_scenario=True, titles={"a": "Alpha", "b": "Beta"})
    assert [(s.label, s.values) for s in lines] == [("Alpha", [40, None, 60]), ("Beta", [None, 90, None])]
    assert all(s.joined for s in lines)  # Alpha's two attempts are one line, across Beta's
    one = {s.key: s.values for s in trend_lines([attempts[0]])}
    assert one["connect"] == [BELOW_ZERO]  # points below zero: under the 0 line, not on it
    assert one["customers_first"] == [0] and one["build_trust"] == [None]  # zero is zero; not assessed is a gap


def test_quarters_have_their_own_tab_with_a_leaderboard_per_portfolio(make_app):
    from game.core.portfolio import load
    from game.core.portfolio.campaign import Campaign
    from game.core.portfolio.plan import Plan
    from game.core.portfolio.policy import answer_week
    from game.core.portfolio.ranking import true_order
    from game.core.portfolio.review import debrief
    from game.storage.portfolio_board import quarter_row
    from pathlib import Path
    app = make_app()
    p = load.load_file(Path(__file__).resolve().parents[3] / "portfolios" / "shop-systems.yaml")
    for player, ranking, decide in (("Ana", true_order(p), answer_week), ("Bo", list(p.ids), None)):
        campaign = Campaign(p, 3, ranking, Plan({}))
        campaign.play_out(lambda c, aid: ("at_risk", "played", None), decide)
        app.scoreboard.blocking.record_quarter(quarter_row(debrief(campaign), player, "2026-11-01T10:00:00+00:00"))
    scene = open_board(app)
    post(app, pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=scene.tabs[3].rect.center))
    assert scene.view == "quarters" and scene.scenario_label() == p.title
    labels = [r.label for r in scene.rows]
    assert labels[0].startswith("1.  Ana  (you)  —  best quarter") and labels[1].startswith("2.  Bo")
    assert "your quarter: score" in labels[2] and "events answered" in scene.rows[2].detail


def test_a_long_history_lists_the_newest_page_then_shows_older_ones_and_charts_every_attempt(make_app, monkeypatch):
    from game.app import scoreboard_reads
    from game.shells.window.scenes import scoreboard as scene_module
    monkeypatch.setattr(scoreboard_reads, "HISTORY_PAGE", 4)
    monkeypatch.setattr(scene_module, "HISTORY_PAGE", 4)
    app = make_app()
    for day in range(1, 11):
        record(app, "Ana", [1, 2, 2] if day % 2 else [1, 1, 1], day)
    scene = open_board(app)
    assert [r.label[:10] for r in scene.rows[:4]] == [f"2026-11-{d:02d}" for d in (10, 9, 8, 7)]
    assert scene.rows[4].label == "Show 4 older attempts" and scene.rows[4].action == ("more", 4)
    assert "6 older attempts not listed yet (the chart above has all 10)" in scene.rows[4].detail
    assert len(scene.series[0].values) == 10  # the chart: every attempt, not the page
    scene.activate(scene.rows[4].action)
    post(app)
    assert len(scene.rows) == 9 and scene.rows[8].label == "Show 2 older attempts"
    scene.activate(scene.rows[8].action)
    post(app)
    assert [r.label[:10] for r in scene.rows] == [f"2026-11-{d:02d}" for d in range(10, 0, -1)]  # all: no more row
