"""Coach mode heads each reply's coaching with its judgement in words and
colour, as the browser does: a rule broken in the palette's bad colour, a
good reply in its good colour, with the points."""
from game.app.session import GameSession
from game.core import loader

from .conftest import LATE


def _coaching_after(make_app, monkeypatch, reply: int, replies_before=()):
    from game.shells.window.scenes import dialogue as dialogue_scene
    drawn = []
    real = dialogue_scene.draw_text
    monkeypatch.setattr(dialogue_scene, "draw_text",
                        lambda s, t, text, *a, **k: (drawn.append((text, k.get("colour"))), real(s, t, text, *a, **k))[1])
    app = make_app()
    scene = app.go("dialogue", GameSession(loader.load_file(LATE), str(LATE), "Eve", "coach"))
    app.update(0.0)
    for earlier in replies_before:
        scene.choose(earlier)
        scene._after_reply()
        app.update(0.0)
    scene.choose(reply)
    app.update(0.0)
    drawn.clear()
    app.draw()
    return dict(drawn)


def test_a_good_reply_is_headed_good_in_the_good_colour(make_app, monkeypatch):
    drawn = _coaching_after(make_app, monkeypatch, 1)
    assert drawn.get("Good reply \u00b7 +3 points") == "good"


def test_a_rule_broken_is_headed_in_the_bad_colour_with_the_rule_named(make_app, monkeypatch):
    drawn = _coaching_after(make_app, monkeypatch, 2, replies_before=(1,))
    assert drawn.get("Rule broken: Don't make it worse \u00b7 +2 points") == "bad"
    body = next(text for text in drawn if text.startswith("You said:"))
    assert "Rule broken" not in body  # named once, in the heading
