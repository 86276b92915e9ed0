"""The report card is one designed page: who, what, the verdict, the radar,
the rules broken and the three most useful coaching notes."""
from types import SimpleNamespace

import pygame

from game.app.debrief import coaching_notes
from game.shells.window.report_card import PAGE

from .conftest import LATE, key, post


def step(text, feedback, breaks=(), points=0):
    return SimpleNamespace(text=text, feedback=feedback, breaks=breaks, levers={"connect": points})


def test_the_notes_put_broken_rules_first_then_lost_points_in_conversation_order():
    result = SimpleNamespace(steps=[step("fine", "A good start.", points=2), step("meh", "Could be warmer.", points=0),
                                    step("rude", "That broke a rule.", breaks=("dont_make_it_worse",), points=-1),
                                    step("cold", "That cost trust.", points=-2), step("ok", "", points=1)])
    notes = coaching_notes(result, "Overall: listen first.")
    assert [n[1] for n in notes] == ["Could be warmer.", "That broke a rule.", "That cost trust."]
    assert "broke:" in notes[1][0]
    short = SimpleNamespace(steps=[step("rude", "That broke a rule.", breaks=("dont_make_it_worse",))])
    assert coaching_notes(short, "Listen first.") == [(notes[1][0], "That broke a rule."), ("Overall", "Listen first.")]


def test_the_card_is_one_page_with_the_players_name_and_saves_as_png(make_app, saves):
    app = make_app(player="Eve Adams")
    from game.shells.window.scenes.title import TitleScene
    app.push(TitleScene(app))
    app.top.play_file(LATE)
    post(app, key(pygame.K_RETURN))
    for n in (pygame.K_2, pygame.K_1, pygame.K_3):
        post(app, key(n), key(pygame.K_RETURN))
    post(app, key(pygame.K_RETURN))  # past the ending
    debrief = app.top
    card = debrief.render_report()
    assert card.get_size() == PAGE
    band = card.get_at((10, 10))[:3]
    assert band == app.theme.c("accent")  # the header band
    path = debrief.save_report()
    assert path is not None and pygame.image.load(str(path)).get_size() == PAGE
