"""Playtesting in the window: F5 reloads the scenario keeping the position,
F1 shows the playtest overlay."""
import pygame
import pytest

from .conftest import key, post


def start_dialogue(app, library):
    from game.shells.window.scenes.title import TitleScene
    app.push(TitleScene(app))
    app.top.play_file(library / "late-refund.yaml")
    post(app, key(pygame.K_RETURN))  # past the briefing
    assert app.top.name == "dialogue"
    return app.top


def edit(library, old, new):
    path = library / "late-refund.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_f5_keeps_the_position_and_shows_the_new_words(make_app, library):
    app = make_app(mode="assessment")
    scene = start_dialogue(app, library)
    post(app, key(pygame.K_1))
    assert scene.run.state == "story"
    edit(library, "Nobody calls me back.", "Nobody ever calls me back, not once.")
    post(app, key(pygame.K_F5))
    assert app.top is scene and scene.run.state == "story" and scene.run.choices == [1]
    assert "Nobody ever calls me back" in scene._node_text()
    assert any("Reloaded late-refund.yaml (1 node changed): you are still at 'story'" in n[0] for n in app.notices)
    post(app, key(pygame.K_1))  # and play goes on in the new file
    assert scene.run.state == "fix"


def test_f5_when_the_earlier_replies_lead_elsewhere_continues_from_the_same_node(make_app, library):
    app = make_app(mode="assessment")
    scene = start_dialogue(app, library)
    post(app, key(pygame.K_1))
    edit(library, "goto: story", "goto: fix")  # the first reply now skips 'story'
    post(app, key(pygame.K_F5))
    assert scene.run.state == "story" and scene.run.choices == []
    assert any("afresh" in n[0] for n in app.notices)


def test_f5_when_the_node_is_gone_starts_again(make_app, library):
    app = make_app(mode="assessment")
    scene = start_dialogue(app, library)
    post(app, key(pygame.K_1))
    path = library / "late-refund.yaml"
    text = path.read_text(encoding="utf-8").replace("story", "tale")
    path.write_text(text, encoding="utf-8")
    post(app, key(pygame.K_F5))
    assert scene.run.state == "opening"
    assert any("no longer in the file" in n[0] for n in app.notices)


def test_f5_on_a_broken_file_says_why_and_play_continues(make_app, library):
    app = make_app(mode="assessment")
    scene = start_dialogue(app, library)
    post(app, key(pygame.K_1))
    edit(library, "goto: fix", "goto: fixx")
    post(app, key(pygame.K_F5))
    assert scene.run.state == "story"
    notice = next(n[0] for n in app.notices if "Not reloaded" in n[0])
    assert "line" in notice and "fixx" in notice and "did you mean 'fix'" in notice
    post(app, key(pygame.K_1))
    assert scene.run.state == "fix"  # the old version still plays


def test_f1_overlay_in_assessment_mode_shows_nothing_of_the_score(make_app, library):
    app = make_app(mode="assessment")
    scene = start_dialogue(app, library)
    post(app, key(pygame.K_2))  # escalates and breaks a rule
    post(app, key(pygame.K_F1))
    text = scene.overlay_text()
    assert "Node: story" in text and "coach mode" in text
    for secret in ("Mood:", "angry", "Rules broken", "dont_make_it_worse", "Lever points:", "Flags:"):
        assert secret not in text


def test_f1_panel_stays_whole_while_the_line_is_typed(make_app, library):
    app = make_app(mode="coach")
    scene = start_dialogue(app, library)
    post(app, key(pygame.K_F1))
    overlay = scene._draw_overlay(app.screen, scene.theme)
    ink = app.screen.get_at((overlay.x + 4, overlay.y + overlay.h // 2))
    scene.reveal = 1  # the typewriter starts again: it redraws the line, which lies below the panel
    rects = scene.draw_changes(app.screen)
    assert rects and not any(r.colliderect(overlay) for r in rects)
    assert app.screen.get_at((overlay.x + 4, overlay.y + overlay.h // 2)) == ink


def test_f1_overlay_shows_node_flags_mood_points_and_rules(make_app, library):
    app = make_app(mode="coach")
    scene = start_dialogue(app, library)
    post(app, key(pygame.K_2))  # "Calm down.": escalates and breaks a rule
    post(app, key(pygame.K_SPACE))  # past the coaching
    before = pygame.Surface.copy(app.screen)
    post(app, key(pygame.K_F1))
    assert scene.overlay
    text = scene.overlay_text()
    for part in ("Node: story", "Mood: angry", "Rules broken: dont_make_it_worse", "Lever points:", "Flags:"):
        assert part in text
    changed = sum(1 for x in range(0, 1280, 16) for y in range(0, 200, 8)
                  if app.screen.get_at((x, y)) != before.get_at((x, y)))
    assert changed > 20  # the overlay is really drawn
    post(app, key(pygame.K_F1))
    assert not scene.overlay


def test_f5_on_the_briefing_reloads_the_file(make_app, library):
    from game.shells.window.scenes.title import TitleScene
    app = make_app()
    app.push(TitleScene(app))
    app.top.play_file(library / "late-refund.yaml")
    briefing = app.top
    edit(library, "title: The Late Refund", "title: The Very Late Refund")
    post(app, key(pygame.K_F5))
    assert briefing.scenario.title == "The Very Late Refund"
    post(app, key(pygame.K_RETURN))
    assert app.top.name == "dialogue" and app.top.run.scenario.title == "The Very Late Refund"


def test_play_from_a_node_with_flags_and_mood_in_the_window_is_a_playtest_never_recorded(make_app, library):
    from game.core import loader, playtest
    from game.shells.window.scenes.title import TitleScene
    app = make_app(mode="coach", player="Tess")
    app.push(TitleScene(app))
    path = library / "tutorial.yaml"
    preset = playtest.build(loader.load_file(path), ["heard_real_need=true"], "upset")
    app.top.play_file(path, start="truth", seed=0, persona="talker", preset=preset)
    assert app.top.name == "briefing"
    note = app.top._text()
    assert "(Playtest: starting at node 'truth', with mood upset, heard_real_need = true; not recorded" in note
    post(app, key(pygame.K_RETURN))
    scene = app.top
    assert scene.name == "dialogue" and scene.run.mood == "upset" and scene.run.flags == {"heard_real_need": True}
    assert "After a morning of nothing" in scene._node_text()
    assert any(b.label.startswith("So you can stay put") for b in scene.buttons.buttons)  # behind the flag
    for _ in range(12):
        if app.top.name != "dialogue":
            break
        post(app, key(pygame.K_1), key(pygame.K_RETURN))
    assert app.top.name == "debrief" and app.top.session.run.finished
    assert app.scoreboard.blocking.attempts() == []  # a playtest is never on the scoreboard
    app.top.activate("replay")  # a replay is the same playtest
    assert app.top.name == "briefing" and app.top.preset == preset and app.top.start == "truth"


@pytest.mark.parametrize("size, text_size", [((1280, 720), "medium"), ((800, 600), "medium"),
                                             ((1280, 720), "huge"), ((800, 600), "huge")])
def test_f1_panel_never_covers_the_line_and_f5_message_never_covers_the_footer(make_app, library, size, text_size):
    from game.shells.window.layout_check import drawn_boxes, problems
    app = make_app(size=size, text_size=text_size, mode="coach")
    scene = start_dialogue(app, library)
    post(app, key(pygame.K_1))  # a reply: its coaching is on screen
    post(app, key(pygame.K_RETURN))
    post(app, key(pygame.K_F1))
    assert scene.overlay
    speech, overlay = scene._rects["speech"], scene._rects["overlay"]
    assert not overlay.colliderect(speech)
    assert not any(overlay.colliderect(b.rect) for b in scene.buttons.buttons)
    assert not problems(drawn_boxes(app), size), problems(drawn_boxes(app), size)
    edit(library, "Nobody calls me back.", "Nobody ever calls me back, not once.")
    post(app, key(pygame.K_F5))
    assert any("Reloaded" in n[0] for n in app.notices)
    boxes = drawn_boxes(app)
    toasts = [rect for kind, rect, _ in boxes if kind == "toast"]
    assert toasts
    w, h = size
    portrait = scene._rects["portrait"]
    footer = [rect for kind, rect, _ in boxes if kind == "text" and rect.x == portrait.x and rect.bottom > h - 80]
    assert footer or (size, text_size) == ((800, 600), "huge"), "the footer (the keys hint) is drawn"
    for toast in toasts:
        assert not toast.colliderect(speech) and not any(toast.colliderect(f) for f in footer)
    if text_size == "medium":  # room for everything: the message covers nothing at all
        assert not problems(boxes, size), problems(boxes, size)
    app.screenshot(f"/tmp/five-levers-f1-f5-{w}x{h}-{text_size}.png")
