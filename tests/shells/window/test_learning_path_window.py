"""Your learning path in the window (issue 29): a button on the title opens
it; it shows the course, the trainee's progress read from the scoreboard
(off the frame loop) and what is left for each certificate."""
from game.core import loader
from game.core.engine import play
from game.storage.attempts import Attempt

from .conftest import LATE, post

COURSE = """\
format: 1
id: small
title: A small path
blocks:
  start:
    title: Getting started
    scenarios: [tutorial]
    certificate: {grade: Needs work, mode: any, attempts: any}
  then:
    title: The late refund
    requires: [start]
    scenarios: [late-refund]
"""


def test_the_title_opens_the_path_with_progress_and_what_is_left(make_app, tmp_path):
    courses = tmp_path / "courses"
    courses.mkdir()
    (courses / "small.yaml").write_text(COURSE, encoding="utf-8")
    app = make_app()
    tutorial = next(e.scenario for e in app.library.playable() if e.scenario.id == "tutorial")
    run = play(tutorial, [1, 3, 2, 2, 2, 2, 1, 4], persona=tutorial.default_persona)
    app.scoreboard.record(Attempt.from_playthrough(run, "Ana", "coach", "2026-11-20T10:00:00+00:00"))
    late = play(loader.load_file(LATE), [1, 2, 2])
    app.scoreboard.record(Attempt.from_playthrough(late, "Ana", "coach", "2026-11-20T11:00:00+00:00"))
    post(app)
    app.go("path", "Ana", courses_dir=courses)
    post(app)
    text = "\n".join(t for _, t in app.top.paragraphs)
    assert app.top.name == "path"
    assert "Certified in 1 of 2 blocks; next: The late refund" in text
    assert "1. Getting started: Certified" in text and "2. The late refund: Open" in text
    assert "The Late Refund: not played yet" not in text  # it was played, in coach mode, which does not count
    assert ("The Late Refund: played in coach mode (practice, best Needs work) — the certificate counts "
            "assessment attempts: play it in assessment mode") in text
    assert "Left for the certificate: The Late Refund: Strong or better in assessment mode (2 tries left)." in text


def test_the_title_has_a_learning_path_button(make_app):
    app = make_app()
    title = app.scene_for("title")
    app.push(title)
    title.player = "Ana"
    title.activate("path")
    post(app)
    assert app.top.name == "path"
    assert any(kind == "heading" or "learning path" in t.lower() for kind, t in app.top.paragraphs)
