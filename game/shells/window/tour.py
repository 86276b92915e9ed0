"""A tour of every screen from fixture data, for `main.py screenshots DIR`
and the layout test: a throwaway saves folder gets a scoreboard of past
attempts (this player's and others'), a saved conversation and a
self-check, then each screen is opened in turn.
"""
from __future__ import annotations

import random
from pathlib import Path

from game.core.engine import Playthrough
from game.shells.window.screenshots import throwaway_saves

PLAYER = "Alex Morgan"
OTHERS = ("Sam Lee", "Jordan Okoro", "Rosa Delgado-Whitfield")
SCENARIO = "renewal-call"  # the tour's conversation
SECOND = "missed-pickups"  # a second scenario for the trend chart
SCREENS = ("title", "name-entry", "select", "briefing", "dialogue", "coaching", "ending", "pause",
           "confirm-leave", "settings", "learner-id", "lrs-settings", "handbook", "learning-path", "style", "scoreboard", "trend-chart", "leaderboard",
           "portfolios", "portfolio-briefing", "portfolio-rank", "portfolio-plan", "portfolio-contact",
           "portfolio-quarter", "portfolio-debrief", "debrief", "report-card")
PORTFOLIO = "shop-systems"


def played(scenario, seed: int, rng: random.Random, best: bool = False) -> Playthrough:
    """A playthrough to its end: replies drawn by `rng` (or always the first shown)."""
    run = Playthrough(scenario, seed=seed)
    while not run.finished and run.shown_choices():
        run.choose(1 if best else rng.randint(1, len(run.shown_choices())))
    return run


def fill_scoreboard(board, library) -> None:
    """Past attempts: six of this player's over two scenarios, and others' on the leaderboard."""
    from game.storage.attempts import Attempt
    scenarios = {e.scenario.id: e.scenario for e in library.playable()}
    rng = random.Random(7)
    started = "2026-11-{:02d}T09:{:02d}:00+00:00"
    for n in range(6):
        scenario = scenarios.get(SCENARIO if n % 2 == 0 else SECOND)
        if scenario is None:
            continue
        run = played(scenario, seed=n, rng=rng)
        attempt = Attempt.from_playthrough(run, PLAYER, "assessment", started.format(n + 2, 10 + n),
                                           finished_at=started.format(n + 2, 20 + n))
        board.record(attempt)
    for n, name in enumerate(OTHERS):
        if SCENARIO in scenarios:
            run = played(scenarios[SCENARIO], seed=10 + n, rng=rng)
            board.record(Attempt.from_playthrough(run, name, "assessment", started.format(n + 10, 30),
                                                  finished_at=started.format(n + 10, 40)))
    board.save_style(PLAYER, "steady", {"direct": 2, "analytical": 2, "steady": 4, "expressive": 2},
                     [3, 3, 1, 3, 2, 4, 3, 3, 1, 2], "2026-11-01T08:00:00+00:00")


def _entry(app, scenario_id: str):
    for entry in app.library.playable():
        if entry.scenario.id == scenario_id:
            return entry
    entries = app.library.playable()
    if not entries:
        raise LookupError("no playable scenario in the library")
    return entries[0]


def _home(app):
    """Back to the title screen alone."""
    while len(app.stack) > 1:
        app.pop()
    return app.top


def visit(app):
    """Open each screen in turn; yields its name with it on top (drawn as the player would see it).
    The report card is yielded as ("report-card", surface)."""
    from game.shells.window.intents import Intent
    from game.app.session import GameSession

    app.input_settle = 0
    app.settings.player = PLAYER
    app.settings.mode = "coach"
    if app.scoreboard is not None:
        fill_scoreboard(app.scoreboard, app.library)
    entry = _entry(app, SCENARIO)
    saved = GameSession(entry.scenario, entry.path, PLAYER, "assessment", app.scoreboard, seed=3)
    saved.run.choose(1)
    saved.autosave()

    title = app.scene_for("title")
    app.push(title)
    yield "title", None
    title.focus_field, title.player = True, "Alex Morg"
    title._build()
    yield "name-entry", None
    title.player, title.focus_field = PLAYER, False
    title._build()
    app.go("select")
    yield "select", None
    briefing = app.scene_for("briefing", entry.scenario, entry.path, player=PLAYER, seed=3)
    app.replace(briefing)
    yield "briefing", None
    briefing.begin()
    app.dispatch(Intent("skip"))
    yield "dialogue", None
    dialogue = app.top
    dialogue.choose(1)
    yield "coaching", None
    app.dispatch(Intent("confirm"))
    session = dialogue.session
    rng = random.Random(1)
    while app.top is dialogue and dialogue.phase != "ending":
        if dialogue.phase == "coach":
            app.dispatch(Intent("confirm"))
            continue
        shown = len(session.run.shown_choices())
        dialogue.choose(rng.randint(1, shown) if len(session.run.choices) > 1 else 1)
    if app.top is dialogue and dialogue.phase == "ending":
        dialogue.reveal = float("inf")  # the last words, whole
        yield "ending", None
        app.dispatch(Intent("confirm"))
    debrief = app.top if getattr(app.top, "name", None) == "debrief" else None
    _home(app)
    resumed = GameSession(entry.scenario, entry.path, PLAYER, "assessment", app.scoreboard, seed=5)
    resumed.run.choose(2)
    app.go("dialogue", resumed)
    app.dispatch(Intent("skip"))
    app.dispatch(Intent("back"))
    yield "pause", None
    pause = app.top
    pause.ask("menu")
    yield "confirm-leave", None
    app.dispatch(Intent("back"))
    app.go("settings", conversation_mode="assessment")
    yield "settings", None
    _home(app)
    learner = app.scene_for("learner")
    learner.value = "alex.morgan@example.org"
    app.push(learner)
    yield "learner-id", None
    _home(app)
    app.go("lrs-settings")
    yield "lrs-settings", None
    _home(app)
    app.go("handbook", topic="connect")
    yield "handbook", None
    _home(app)
    app.go("path", PLAYER)
    app.storage.drain()
    app.storage.poll()
    yield "learning-path", None
    _home(app)
    check = app.scene_for("selfcheck", PLAYER)
    app.push(check)
    check.activate("start")
    for _ in range(10):
        check.activate(("answer", 3))
    yield "style", None
    _home(app)
    board = app.scene_for("scoreboard", PLAYER)
    app.push(board)
    yield "scoreboard", None
    board.scenario_index = 0
    board.activate(("scenario", 1))
    yield "trend-chart", None
    board.activate(("view", "leaders"))
    yield "leaderboard", None
    _home(app)
    yield from _portfolio_tour(app)
    _home(app)
    if debrief is not None:
        app.push(debrief)
        yield "debrief", None
        yield "report-card", debrief.render_report()


def _portfolio_tour(app):
    """The campaign's pages: a ranking half done, a plan, one account's choices,
    a week with a conversation due, and the debrief (recorded beside others')."""
    scene = app.scene_for("portfolio", PLAYER, seed=5)
    app.push(scene)
    yield "portfolios", None
    scene.activate(("open", PORTFOLIO))
    yield "portfolio-briefing", None
    scene.activate("to_rank")
    from game.core.portfolio.ranking import true_order
    order = true_order(scene.portfolio)
    order[3], order[4] = order[4], order[3]  # one slip, so the debrief explains it
    for account_id in order[:4]:
        scene.activate(("place", account_id))
    yield "portfolio-rank", None
    for account_id in order[4:]:
        scene.activate(("place", account_id))
    scene.activate("to_plan")
    from game.core.portfolio.quarter import Contact
    for account_id, contact in ((order[0], Contact("visit", "fortnightly")), (order[2], Contact("call", "weekly")),
                                (order[3], Contact("review", "monthly")), (order[6], Contact("email", "monthly"))):
        scene.activate(("choose", account_id))
        scene.activate(("set", contact))
    scene.activate("to_rank")  # the plan as it opens (at the top, the first account left to plan in focus),
    scene.activate("to_plan")  # not scrolled to the account just planned
    yield "portfolio-plan", None
    scene.activate(("choose", order[1]))
    yield "portfolio-contact", None
    scene.activate("back")
    scene.activate("start_quarter")
    while not scene.campaign.due and not scene.campaign.finished:
        scene.activate("next_week")
    yield "portfolio-quarter", None
    scene.campaign.play_out(lambda campaign, account_id: ("retained", "played", 80))
    from game.core.portfolio.campaign import Campaign
    from game.core.portfolio.plan import Plan
    from game.core.portfolio.review import debrief
    from game.storage.portfolio_board import quarter_row
    for n, name in enumerate(OTHERS):  # others' quarters for the leaderboard
        other = Campaign(scene.portfolio, n, order, Plan({a: Contact("call", "fortnightly") for a in order[:n + 3]}))
        other.play_out(lambda campaign, account_id: ("at_risk", "played", 50))
        if app.scoreboard is not None:
            app.scoreboard.record_quarter(quarter_row(debrief(other), name, "2026-11-20T10:00:00+00:00"))
    scene.activate("to_debrief")
    yield "portfolio-debrief", None


def render_all(out_dir, size=(1280, 720), text_size: str = "medium", high_contrast: bool = False,
               scenarios_dir=None) -> tuple[list[Path], list[str]]:
    """Every screen as a PNG in `out_dir`; returns (files, layout problems found on the way)."""
    import pygame

    from game.shells.window.app import SCENARIOS_DIR, App
    from game.shells.window.layout_check import drawn_boxes, problems

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files, found = [], []
    with throwaway_saves():
        app = App(scenarios_dir or SCENARIOS_DIR, size=size)
        try:
            app.settings.text_size, app.settings.high_contrast = text_size, high_contrast
            app.apply_settings()
            for name, image in visit(app):
                target = out / f"{len(files) + 1:02d}-{name}.png"
                if image is None:
                    found += [f"{name}: {p}" for p in problems(drawn_boxes(app), app.screen.get_size())]
                    app.screenshot(target)
                else:
                    pygame.image.save(image, str(target))
                files.append(target)
        finally:
            app.shutdown()
    return files, found


def render_scenario(path, out_dir, size=(1280, 720), text_size: str = "medium", high_contrast: bool = False):
    """The trainer's own scenario's screens (game/shells/window/scenario_tour.py)."""
    from game.shells.window.scenario_tour import render_scenario as render
    return render(path, out_dir, size=size, text_size=text_size, high_contrast=high_contrast)
