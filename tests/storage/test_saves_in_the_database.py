"""Conversations and quarters in progress kept in the scoreboard's database
(what `serve` uses, so servers on several machines share them): read back
as they were written, checked before they are trusted, and a bad row is set
aside with a plain message, never dropped silently."""
from __future__ import annotations

from game.storage import campaign_saves
from game.storage import saves as saved_sessions
from game.storage.scoreboard import open_scoreboard


def _session(player: str = "Ana Lima") -> saved_sessions.Session:
    return saved_sessions.Session(player=player, mode="assessment", scenario_path="scenarios/tutorial.yaml",
                         snapshot={"scenario": "tutorial", "version": 1, "content_hash": "abc", "seed": 7,
                                   "persona": None, "start": None, "choices": [1, 2]},
                         started_at="2026-12-03T10:00:00+00:00", title="Tutorial", active_s=12.5,
                         learner="ana@example.org")


def _rows(board, table: str) -> list:
    return board._query(f"SELECT kind, owner, doc FROM {table} ORDER BY kind, owner", plain=True)


def test_a_saved_conversation_reads_back_exactly_for_its_player_only(store, saves):
    board = open_scoreboard()
    saved_sessions.save_session(_session(), board)
    got, problem = saved_sessions.load_session("  ana lima ", board)
    assert problem is None and got == _session()
    assert saved_sessions.load_session("Bo", board) == (None, None)
    saved_sessions.clear_session("Ana Lima", board)
    assert saved_sessions.load_session("Ana Lima", board) == (None, None)
    assert not (saves / "sessions").exists()


def test_a_bad_row_is_set_aside_with_a_message_and_never_lost(store, saves):
    board = open_scoreboard()
    saved_sessions.save_session(_session(), board)
    with board.transaction("spoiling it") as run:  # the snapshot's choices edited into nonsense
        run("UPDATE saves_in_progress SET doc = REPLACE(doc, '[1, 2]', '\"two\"')")
    got, problem = saved_sessions.load_session("Ana Lima", board)
    assert got is None and "could not be read" in problem and "set aside" in problem
    aside = _rows(board, "saves_set_aside")
    assert len(aside) == 1 and aside[0][0] == "session" and '"two"' in aside[0][2]
    assert _rows(board, "saves_in_progress") == []  # the next start is offered a fresh conversation
    with board.transaction("writing garbage") as run:
        run("INSERT INTO saves_in_progress (kind, owner, doc, saved_at) VALUES ('session', 'ana lima', "
            "'{not json', 'now')")
    assert "set aside" in saved_sessions.load_session("Ana Lima", board)[1]
    assert len(_rows(board, "saves_set_aside")) == 2


def test_a_newer_save_is_left_untouched(store, saves):
    board = open_scoreboard()
    board.write_save("session", "ana lima", {**_session().to_dict(), "save_format": saved_sessions.SAVE_FORMAT + 1})
    got, problem = saved_sessions.load_session("Ana Lima", board)
    assert got is None and "newer version" in problem
    assert len(_rows(board, "saves_in_progress")) == 1 and _rows(board, "saves_set_aside") == []


def test_a_quarter_in_progress_is_kept_per_player_and_learner_id(store, saves):
    board = open_scoreboard()
    data = {"seed": 3, "started_at": "2026-12-03T10:00:00+00:00", "actions": [["open", "shop-systems"]],
            "talking": None}
    campaign_saves.save_campaign("Ana", "ana@example.org", data, board)
    assert campaign_saves.load_campaign("ana", "ana@example.org", board) == data
    assert campaign_saves.load_campaign("Ana", "", board) is None  # another learner id, another trainee
    board.write_save("campaign", campaign_saves.owner_key("Ana", "ana@example.org"), {"actions": "nonsense"})
    assert campaign_saves.load_campaign("Ana", "ana@example.org", board) is None
    assert len(_rows(board, "saves_set_aside")) == 1  # kept for a trainer to look at
    assert not (saves / "campaigns").exists()
