"""While coaching shows after a reply, the words on screen are the ones the
reply answered, under the speaker who said them (issue 27: the label came
from the node answered and the text from the next one); assessment mode
keeps the mood meter hidden."""
from game.app.session import GameSession
from game.core import loader

TWO_VOICES = """\
format: 1
id: two-voices
title: Two voices
summary: A customer, then the narrator.
customer: {name: Dana Ortiz}
start: a
nodes:
  a:
    text: "Where is my parcel?"
    choices:
      - {text: "Let me look.", goto: b, levers: {solve_problems: 2}, feedback: "Solve problems: you looked."}
  b:
    speaker: narrator
    text: "The screen shows it at the depot."
    choices:
      - {text: "Tell her.", goto: end, levers: {build_trust: 2}, feedback: "Build trust: plain facts."}
endings:
  end: {outcome: retained, text: Bye.}
"""


def test_the_coaching_screen_shows_the_line_answered_under_its_speaker(make_app, tmp_path, monkeypatch):
    path = tmp_path / "two-voices.yaml"
    path.write_text(TWO_VOICES, encoding="utf-8")
    scenario = loader.load_file(path)
    app = make_app()
    from game.shells.window.scenes import dialogue as dialogue_scene
    drawn = []
    real = dialogue_scene.draw_text
    monkeypatch.setattr(dialogue_scene, "draw_text", lambda s, t, text, *a, **k: (drawn.append(text), real(s, t, text, *a, **k))[1])
    scene = app.go("dialogue", GameSession(scenario, str(path), "Eve", "coach"))
    app.update(0.0)
    scene.choose(1)
    assert scene.phase == "coach" and scene.run.state == "b"
    assert scene._speech_node().id == "a" and scene._node_text() == "Where is my parcel?"
    drawn.clear()
    app.update(0.0)
    app.draw()
    assert "Where is my parcel?" in drawn and "The screen shows it at the depot." not in drawn
    scene._after_reply()
    app.update(0.0)
    assert scene.phase == "talk" and scene._speech_node().speaker == "narrator"
    assert scene._node_text() == "The screen shows it at the depot."


def test_assessment_mode_draws_no_mood_meter(make_app, tmp_path, monkeypatch):
    path = tmp_path / "two-voices.yaml"
    path.write_text(TWO_VOICES, encoding="utf-8")
    scenario = loader.load_file(path)
    from game.shells.window.scenes import dialogue as dialogue_scene
    for mode, meters in (("assessment", 0), ("coach", 1)):
        app = make_app()
        calls = []
        monkeypatch.setattr(dialogue_scene, "draw_mood_meter", lambda *a, **k: calls.append(a))
        app.go("dialogue", GameSession(scenario, str(path), "Eve", mode))
        app.update(0.0)
        app.draw()
        assert len(calls) == meters, mode
