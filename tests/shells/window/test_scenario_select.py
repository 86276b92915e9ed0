"""Scenario select: each card shows the measured minutes."""
from game.core.length import measured_minutes


def test_each_card_shows_minutes_measured_from_the_scenario(make_app):
    app = make_app()
    app.go("select")
    app.update(0.016)
    cards = {b.label: b.detail for b in app.top.buttons.buttons if b.enabled and hasattr(b.action, "scenario")}
    late = next(detail for label, detail in cards.items() if "refund" in label.lower())
    assert "about 1 min" in late
    tutorial = next(e.scenario for e in app.library.playable() if e.scenario.id == "tutorial")
    assert f"about {measured_minutes(tutorial)} min" in cards[tutorial.title]
    assert f"about {tutorial.estimated_minutes} min" not in cards[tutorial.title]  # not the file's guess


def test_keys_in_the_same_frame_as_the_screen_opens_are_taken(make_app):
    """Found by the random-input run: Tab before the first layout raised IndexError."""
    from game.shells.window.intents import Intent
    app = make_app(player="Ana")
    app.go("title")
    select = app.go("select")
    for kind, value in (("tab", 1), ("down", None), ("tab", -1), ("right", None)):
        app.dispatch(Intent(kind, value))
    app.update(0.016)
    assert app.top is select and select.buttons.focus >= 0
