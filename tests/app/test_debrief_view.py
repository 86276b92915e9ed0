"""The debrief is worked out once (game.app.debrief) and drawn by the window
and the terminal: both show the same facts for one playthrough."""
from pathlib import Path

import pytest

from game.app.debrief import debrief_view
from game.app.session import GameSession
from game.core import loader
from game.core.engine import play
from game.shells.terminal.play import debrief_lines

ROOT = Path(__file__).resolve().parents[2]
LATE = ROOT / "tests" / "plans" / "scenarios" / "late-refund.yaml"


@pytest.fixture
def played():
    scenario = loader.check_file(LATE).scenario
    return scenario, play(scenario, [2, 1, 3])  # a walk-out: three rules broken, one lever not assessed


def facts(view) -> list[str]:
    """Every fact a debrief must show, as the text it is shown in."""
    shown = [view.outcome_title, str(view.score), view.grade]
    shown += [f"{line.percent}%" if line.assessed else "not assessed" for line in view.levers]
    shown += [text for broken in view.rules_broken for text in (broken.title, broken.reply)]
    shown.append(view.summary[0])  # the closing words, built from the playthrough: its first sentence
    return shown


def test_the_view_holds_the_facts_of_the_playthrough(played):
    scenario, run = played
    view = debrief_view(scenario, run, "Eve Adams")
    result = run.result()
    assert (view.outcome, view.score, view.grade) == (result.outcome, result.score, result.grade) == \
        ("lost", 0, "Needs work")
    assert {line.lever: line.percent for line in view.levers} == {lv: s.percent for lv, s in result.levers.items()}
    assert [(b.title, b.reply) for b in view.rules_broken] == [
        ("Don't make it worse", "Calm down."), ("Shut up and listen", "Calm down."),
        ("Don't make it worse", "Nothing I can do.")]
    assert [step.reply for step in view.conversation] == [step.text for step in result.steps]
    assert view.summary[0] == "Needs work, and the customer is lost."
    assert any(s.startswith("Rule broken: Don't make it worse, when you said \u201cCalm down.\u201d") for s in view.summary)


def test_the_window_and_the_terminal_show_the_same_debrief(played, saves, monkeypatch):
    scenario, run = played
    view = debrief_view(scenario, run, "Eve Adams")
    terminal = "\n".join(debrief_lines(view))
    missing = [fact for fact in facts(view) if fact not in terminal]
    assert missing == []

    from game.shells.window import widgets
    from game.shells.window.app import App
    from game.shells.window.scenes import debrief as debrief_scene
    drawn = []

    def record_text(surface, theme, text, *args, **kwargs):
        drawn.append(text)
        return original_text(surface, theme, text, *args, **kwargs)

    def record_button(surface, theme, button, *args, **kwargs):
        drawn.extend((button.label, button.detail))
        return original_button(surface, theme, button, *args, **kwargs)
    original_text, original_button = debrief_scene.draw_text, widgets.draw_button
    monkeypatch.setattr(debrief_scene, "draw_text", record_text)
    monkeypatch.setattr(debrief_scene, "draw_button", record_button)
    app = App(LATE.parent, size=(1280, 2400))  # tall enough that the whole debrief is on screen
    try:
        session = GameSession(scenario, str(LATE), "Eve Adams", "coach", run=run, player_style="")
        scene = app.go("debrief", session)
        app.update(0.0)
        app.draw()
        assert scene.view == view
        window = "\n".join(drawn)
        missing = [fact for fact in facts(view) if fact not in window]
        assert missing == []
    finally:
        app.shutdown()


def test_a_lever_another_customer_is_assessed_on_says_so_not_this_scenario():
    """card-machine: the 'logged' customer is not assessed on Connect, the
    'saturday' one is; the debrief must not say 'not assessed in this scenario'."""
    scenario = loader.check_file(ROOT / "scenarios" / "card-machine.yaml").scenario
    from game.core.engine import Playthrough
    run = Playthrough(scenario, seed=0, persona="logged")
    view = debrief_view(scenario, run)
    connect = next(line for line in view.levers if line.lever == "connect")
    assert not connect.assessed
    assert connect.words == "not assessed with this customer"
    assert "not assessed with this customer" in "\n".join(debrief_lines(view))
    late = loader.check_file(LATE).scenario  # no personas: the scenario itself does not assess it
    lone = next(line for line in debrief_view(late, play(late, [2, 1, 3])).levers if not line.assessed)
    assert lone.words == "not assessed in this scenario"
