"""Flex your style in the window: the self-check from the title, the
debrief's comparison and tip, the scoreboard's customer filter and style
breakdown, and practising with customers unlike you."""
import pygame

from game.core.styles import QUESTIONS
from tests.fair.scenarios import PERSONAS

from .conftest import key, post, text


def with_two_faces(library):
    (library / "two-faces.yaml").write_text(PERSONAS, encoding="utf-8")


def open_title(app):
    from game.shells.window.scenes.title import TitleScene
    app.push(TitleScene(app))
    post(app)
    return app.top


def take_self_check(app, answer=4):
    """From the title (name already typed): Your style, start, answer every question."""
    title = app.top
    title.buttons.focus = next(i for i, b in enumerate(title.buttons.buttons) if b.action == "style")
    post(app, key(pygame.K_RETURN))
    assert app.top.name == "selfcheck"
    post(app, key(pygame.K_RETURN))  # start
    for n in range(len(QUESTIONS)):
        assert app.top.page == "question" and f"Question {n + 1} of {len(QUESTIONS)}" in app.top.text()[0]
        post(app, key(getattr(pygame, f"K_{answer}")))
    return app.top


def play_two_faces(app, persona, numbers, seed=3):
    from game.shells.window.scenes.briefing import BriefingScene
    entry = next(e for e in app.library.playable() if e.scenario.id == "two-faces")
    app.push(BriefingScene(app, entry.scenario, entry.path, player=app.settings.player, seed=seed, persona=persona))
    post(app, key(pygame.K_RETURN))
    for number in numbers:
        scene = app.top
        post(app, key(pygame.K_SPACE))
        chosen = scene.run.shown_choices()[number - 1].text
        post(app, key(getattr(pygame, f"K_{number}")))
        if app.top.name == "dialogue" and app.top.phase == "coach":
            post(app, key(pygame.K_RETURN))
        if app.top.name == "dialogue" and app.top.phase == "ending":
            post(app, key(pygame.K_RETURN))  # past the last words, to the debrief
        yield chosen


def test_the_self_check_is_reached_from_the_title_scored_stored_and_retakable(make_app):
    app = make_app(player="Ana")
    open_title(app)
    scene = take_self_check(app, answer=4)
    expected = QUESTIONS[-1].answers[3][0]  # answer 4 every time: the style most picked as 4th
    assert scene.page == "result" and scene.result.style
    stored = app.scoreboard.blocking.player_style("Ana")
    assert stored["style"] == scene.result.style and stored["answers"] == [4] * len(QUESTIONS)
    assert sum(stored["counts"].values()) == len(QUESTIONS)
    assert expected in stored["counts"]
    post(app, key(pygame.K_RETURN))  # Done
    assert app.top.name == "title"
    again = take_self_check(app, answer=1)
    assert app.scoreboard.blocking.player_style("Ana")["answers"] == [1] * len(QUESTIONS)
    assert again.result.style == app.scoreboard.blocking.player_style("Ana")["style"]


def test_the_self_check_can_go_back_a_question_and_needs_a_name(make_app):
    app = make_app()
    title = open_title(app)
    post(app, key(pygame.K_RETURN))  # leave the empty name field
    title.activate("style")
    assert app.top.name == "title" and "empty" in title.error
    post(app, *[text(c) for c in "Bo"])
    title.activate("style")
    scene = app.top
    post(app, key(pygame.K_RETURN), key(pygame.K_2), key(pygame.K_3))
    assert scene.answers == [2, 3]
    scene.activate("previous")
    assert scene.answers == [2] and "Question 2 of" in scene.text()[0]


def test_the_debrief_compares_the_reply_with_the_other_customer_and_gives_the_tip(make_app, library):
    with_two_faces(library)
    app = make_app(player="Ana", mode="coach")
    app.scoreboard.save_style("Ana", "steady", {}, [], "2026-11-24T10:00:00+00:00")
    said = list(play_two_faces(app, "brisk", [1, 1]))
    debrief = app.top
    assert debrief.name == "debrief"
    flex = "\n".join(debrief.flex_lines)
    assert "This customer was \u201cBrisk and to the point\u201d: Direct" in flex
    assert "Your style is Steady. Tip for this pairing:" in flex
    if said[0] in ("Tell me what happened.", "It goes out Friday."):
        assert f"Reply 1: \u201c{said[0]}\u201d" in flex and "Hurt and wants to be heard" in flex
    assert "Customer: Brisk and to the point (Direct)" in debrief._pairing()
    [attempt] = app.scoreboard.blocking.history("Ana")
    assert (attempt.persona, attempt.persona_style, attempt.player_style) == ("brisk", "direct", "steady")
    assert "Flex your style" in debrief._section_y
    debrief.render_report()  # the report card has the section too, and renders


def test_two_playthroughs_meet_two_customers_and_the_debrief_says_how_the_reply_landed_with_each(
        make_app, library):
    with_two_faces(library)
    app = make_app(player="Ana", mode="assessment")
    seen = {}
    for persona in ("brisk", "hurt"):
        list(play_two_faces(app, persona, [1, 1], seed=0))
        debrief = app.top
        seen[persona] = debrief.flex_lines
        app.pop()
    assert seen["brisk"] != seen["hurt"]
    assert any("cost you" in line for line in seen["brisk"]) or any("helped" in line for line in seen["brisk"])


def test_the_scoreboard_filters_by_customer_and_shows_each_style(make_app, library):
    with_two_faces(library)
    app = make_app(player="Ana", mode="coach")
    app.scoreboard.save_style("Ana", "steady", {}, [], "2026-11-24T10:00:00+00:00")
    for persona in ("brisk", "hurt", "brisk"):
        list(play_two_faces(app, persona, [1, 1]))
        app.pop()
    from game.shells.window.scenes.scoreboard import ScoreboardScene
    board = ScoreboardScene(app, "Ana")
    app.push(board)
    post(app)
    board.activate(("scenario", 1))  # from "all scenarios" to two-faces
    post(app)
    assert board.filter_button in board.buttons.buttons and board.filter_label() == "Customers: all"
    assert len(board.rows) == 3
    board.activate(("filter", 1))
    post(app)
    assert board.filter_label() == "Customer: Brisk and to the point" and len(board.rows) == 2
    assert all("Customer: Brisk and to the point (Direct)" in r.detail for r in board.rows)
    board.activate(("view", "styles"))
    post(app)
    labels = [r.label for r in board.rows]
    assert any(label.startswith("Direct customers") for label in labels)
    assert any(label.startswith("Expressive customers") for label in labels)
    assert all("Tip:" in r.detail for r in board.rows)
    assert board.scenario_label() == "You: Steady"


def test_practise_with_customers_unlike_you_picks_the_opposite_style(make_app, library):
    with_two_faces(library)
    app = make_app(player="Ana")
    from game.shells.window.scenes.select import UNLIKE, SelectScene
    select = SelectScene(app)
    app.push(select)
    post(app)
    card = select.buttons.buttons[0]
    assert card.action == UNLIKE and "self-check" in card.detail
    select.practise_unlike()
    assert app.top.name == "selfcheck"  # no style yet: the self-check first
    app.pop()
    app.scoreboard.save_style("Ana", "steady", {}, [], "2026-11-24T10:00:00+00:00")
    select.on_resume()
    assert "steady" in select.buttons.buttons[0].detail
    for _ in range(3):
        select.practise_unlike()
        briefing = app.top
        assert briefing.name == "briefing" and briefing.persona == "brisk" and briefing.persona_fixed
        app.pop()


def test_new_screens_fit_a_small_window_at_the_largest_text(make_app, library):
    with_two_faces(library)
    app = make_app(player="Ana", size=(800, 600), text_size="huge")
    open_title(app)
    scene = take_self_check(app)
    for page in ("result", "question", "intro"):
        if page == "question":
            scene.activate("start")
        elif page == "intro":
            app.pop()
            from game.shells.window.scenes.selfcheck import SelfCheckScene
            scene = SelfCheckScene(app, "Ana")
            app.push(scene)
        post(app)
        for _ in range(len(scene.buttons.buttons)):
            post(app, key(pygame.K_DOWN))
            focused = scene.buttons.buttons[scene.buttons.focus]
            assert scene._view.contains(focused.rect), (page, focused.label)
            assert focused.rect.right <= 800


def test_every_title_button_comes_into_view_when_focused_in_a_small_window(make_app):
    app = make_app(player="Ana", size=(800, 600), text_size="huge")
    title = open_title(app)
    assert [b.action for b in title.buttons.buttons][:3] == ["start", "portfolio", "style"]
    for _ in range(len(title.buttons.buttons)):
        focused = title.buttons.buttons[title.buttons.focus]
        assert 0 <= focused.rect.top and focused.rect.bottom <= 600, focused.label
        post(app, key(pygame.K_DOWN))
