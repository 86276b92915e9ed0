"""The window draws a fresh seed and a persona for every playthrough, shows
that persona's customer and briefing, saves both, and a replay is new."""
import pygame

from game.core.turns import draw_persona
from game.storage import saves
from tests.fair.scenarios import PERSONAS

from .conftest import key, post


def open_briefing(app, path, **kwargs):
    from game.shells.window.scenes.title import TitleScene
    app.push(TitleScene(app))
    app.top.play_file(path, **kwargs)
    assert app.top.name == "briefing"
    return app.top


def play_to_the_debrief(app):
    post(app, key(pygame.K_RETURN))
    for _ in range(20):
        if app.top.name == "debrief":
            return app.top
        post(app, key(pygame.K_SPACE), key(pygame.K_1))
    raise AssertionError(f"no debrief: at {app.top.name}")


def test_each_playthrough_draws_a_seed_and_the_persona_it_implies(make_app, tmp_path):
    path = tmp_path / "two-faces.yaml"
    path.write_text(PERSONAS)
    app = make_app(mode="coach")
    seeds, personas = set(), set()
    for _ in range(12):
        briefing = open_briefing(app, path)
        assert briefing.persona == draw_persona(briefing.scenario, briefing.seed)
        seeds.add(briefing.seed)
        personas.add(briefing.persona)
        play_to_the_debrief(app)
        while len(app.stack) > 1:
            app.pop()
        app.pop()
    assert len(seeds) == 12 and personas == {"brisk", "hurt"}


def test_leaving_the_briefing_and_coming_back_meets_the_same_customer(make_app, tmp_path):
    """Issue 27: no shopping for the easy customer in assessment mode."""
    path = tmp_path / "two-faces.yaml"
    path.write_text(PERSONAS)
    app = make_app(mode="assessment")
    first = open_briefing(app, path)
    drawn = (first.seed, first.persona)
    for _ in range(8):
        post(app, key(pygame.K_ESCAPE))  # back to the title
        app.pop()
        again = open_briefing(app, path)
        assert (again.seed, again.persona) == drawn
    post(app, key(pygame.K_RETURN))  # begun, then left mid-conversation: still the same playthrough
    assert (app.top.run.seed, app.top.run.persona) == drawn


def test_replay_shows_the_briefing_of_a_new_playthrough(make_app, tmp_path):
    path = tmp_path / "two-faces.yaml"
    path.write_text(PERSONAS)
    app = make_app(mode="coach")
    first = open_briefing(app, path)
    drawn = (first.seed, first.persona)
    debrief = play_to_the_debrief(app)
    debrief.activate("replay")
    briefing = app.top
    assert briefing.name == "briefing"  # the persona's cue is on it
    assert briefing.seed != drawn[0]
    assert briefing.persona == draw_persona(briefing.scenario, briefing.seed)
    post(app, key(pygame.K_RETURN))
    assert app.top.name == "dialogue" and app.top.run.seed == briefing.seed and app.top.run.choices == []


def test_the_briefing_and_the_customer_are_the_personas_and_the_save_keeps_both(make_app, tmp_path):
    path = tmp_path / "two-faces.yaml"
    path.write_text(PERSONAS)
    app = make_app(mode="coach")
    briefing = open_briefing(app, path, seed=5, persona="brisk")
    assert "between meetings" in briefing._text()
    post(app, key(pygame.K_RETURN))
    scene = app.top
    assert scene.run.persona == "brisk" and scene.run.mood == "uneasy" and scene.run.seed == 5
    assert scene._node_text() == "Refund. Date. Now."
    post(app, key(pygame.K_1))
    saved, _ = saves.load_session(scene.session.player)
    assert saved.snapshot["persona"] == "brisk" and saved.snapshot["seed"] == 5
    again = scene.session.restarted()
    assert again.run.seed != 5 and again.run.persona == "brisk"  # chosen with --persona: kept
    assert again.run.choices == []


def test_resume_meets_the_same_customer_with_the_same_order_of_replies(make_app, tmp_path):
    path = tmp_path / "two-faces.yaml"
    path.write_text(PERSONAS.replace("start: opening", "shuffle: true\nstart: opening"))
    app = make_app(mode="coach", player="Ana")
    briefing = open_briefing(app, path)
    seed, persona = briefing.seed, briefing.persona
    post(app, key(pygame.K_RETURN))
    first = app.top
    post(app, key(pygame.K_SPACE), key(pygame.K_2), key(pygame.K_RETURN))
    shown = [c.text for c in first.run.shown_choices()]
    app.shutdown()
    later = make_app(mode="coach", player="Ana")
    from game.shells.window.scenes.title import TitleScene
    title = TitleScene(later)
    later.push(title)
    title.activate("resume")
    resumed = later.top
    assert resumed.name == "dialogue"
    assert (resumed.run.seed, resumed.run.persona) == (seed, persona)
    assert resumed.run.choices == [2]
    assert [c.text for c in resumed.run.shown_choices()] == shown
    assert resumed.run.customer == first.run.customer
