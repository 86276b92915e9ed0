"""Issue 31 (second trial): a conversation played inside a portfolio quarter, its debrief rebuilt from the
attempt (the browser's debrief, the window's scoreboard, the trainee's history), showed the customer's
standalone lines, not the ones shown live: the attempt did not keep the quarter's story. It does now (an
optional `quarter` on the attempt; records without it read as no story)."""
from pathlib import Path

from game.app.debrief import debrief_view
from game.app.library import Library
from game.app.rebuild import rebuild
from game.core import loader
from game.core.engine import Playthrough
from game.core.quarter_story import QuarterStory
from game.storage.attempts import Attempt
from game.storage.scoreboard import SQLiteScoreboard

ROOT = Path(__file__).resolve().parents[2]
STORY = QuarterStory(week=5, rival_offers=1, price_requests=1)


def _played(story, seed):
    scenario = loader.load_file(ROOT / "scenarios" / "cheaper-quote.yaml")
    run = Playthrough(scenario, seed=seed, story=story)
    while not run.finished:
        run.choose(1 + len(run.path) % len(run.shown_choices()))
    return scenario, run


def _shown(scenario, run):
    view = debrief_view(scenario, run, coach=True)
    return [step.line for step in view.conversation], view.ending


def test_the_rebuilt_debrief_of_a_quarters_conversation_shows_the_lines_as_shown(tmp_path):
    seed = next(s for s in range(40) if _shown(*_played(STORY, s)) != _shown(*_played(None, s)))
    scenario, run = _played(STORY, seed)
    live = _shown(scenario, run)
    board = SQLiteScoreboard(tmp_path / "board.db")
    attempt_id = board.record(Attempt.from_playthrough(run, "Di", "coach", "2026-12-03T10:00:00+00:00"))
    stored = board.get(attempt_id)
    assert stored.quarter == STORY.to_dict()
    session, note = rebuild(Library(ROOT / "scenarios"), stored)
    assert session is not None and note is None
    assert session.run.story == STORY
    assert _shown(session.scenario, session.run) == live  # the customer's lines and the ending as shown


def test_an_attempt_played_alone_or_kept_before_the_story_rebuilds_without_one(tmp_path):
    scenario, run = _played(None, 3)
    board = SQLiteScoreboard(tmp_path / "board.db")
    stored = board.get(board.record(Attempt.from_playthrough(run, "Di", "coach", "2026-12-03T10:00:00+00:00")))
    assert stored.quarter == {}
    session, _note = rebuild(Library(ROOT / "scenarios"), stored)
    assert not session.run.story and _shown(session.scenario, session.run) == _shown(scenario, run)


def test_a_scoreboard_from_before_the_story_is_upgraded_and_its_attempts_read_as_no_story(tmp_path, monkeypatch):
    from game.storage import scoreboard
    from tests.storage.before_quarter import record_as_before_quarter
    full = scoreboard.MIGRATIONS
    monkeypatch.setattr(scoreboard, "MIGRATIONS", full[:-1])  # the schema before the `quarter` column
    as_today = record_as_before_quarter(monkeypatch)
    scenario, run = _played(STORY, 3)
    old = SQLiteScoreboard(tmp_path / "board.db")
    attempt_id = old.record(Attempt.from_playthrough(run, "Di", "coach", "2026-12-03T10:00:00+00:00"))
    old.close()
    monkeypatch.setattr(scoreboard, "MIGRATIONS", full)
    as_today()
    board = SQLiteScoreboard(tmp_path / "board.db")
    stored = board.get(attempt_id)
    assert stored.quarter == {}  # kept before the story was: no story, and it still rebuilds
    session, _note = rebuild(Library(ROOT / "scenarios"), stored)
    assert session is not None and not session.run.story
