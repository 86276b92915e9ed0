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
    assert "about 5 min" not in cards[tutorial.title]
