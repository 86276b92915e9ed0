"""Each attempt keeps the customer's persona and style and the trainee's
own style; the scoreboard filters by them and breaks a player's results
down by customer style; a player's self-check is kept (and replaced)."""
import csv
import io
import sqlite3

import pytest

from game.core import loader
from game.core.engine import Playthrough
from game.storage import export
from game.storage.attempts import Attempt
from game.storage.scoreboard import MIGRATIONS, SQLiteScoreboard, open_scoreboard
from game.delivery.xapi import StatementBuilder
from tests.fair.scenarios import PERSONAS


@pytest.fixture
def two_faces():
    return loader.load_text(PERSONAS, "two-faces.yaml")


def attempt(scenario, player, persona, choices, style="", day=1):
    run = Playthrough(scenario, seed=day, persona=persona)
    run.choose_all(choices)
    return Attempt.from_playthrough(run, player, "coach", f"2026-11-{day:02d}T10:00:00+00:00",
                                    finished_at=f"2026-11-{day:02d}T10:05:00+00:00", player_style=style)


def test_an_attempt_keeps_the_persona_its_style_and_the_players_style(store, two_faces):
    board = open_scoreboard()
    board.record(attempt(two_faces, "Ana", "brisk", [2, 1], style="steady"))
    got = board.attempts()[0]
    assert (got.persona, got.persona_style, got.player_style) == ("brisk", "direct", "steady")
    data = got.to_dict()
    assert (data["persona"], data["persona_style"], data["player_style"]) == ("brisk", "direct", "steady")


def test_the_scoreboard_filters_by_persona_and_by_customer_style(store, two_faces):
    board = open_scoreboard()
    board.record(attempt(two_faces, "Ana", "brisk", [2, 1], day=1))
    board.record(attempt(two_faces, "Ana", "hurt", [1, 1], day=2))
    board.record(attempt(two_faces, "Bo", "hurt", [2, 2], day=3))
    assert [a.player for a in board.attempts(persona="hurt")] == ["Ana", "Bo"]
    assert [a.persona for a in board.attempts(persona_style="direct")] == ["brisk"]
    assert [a.persona for a in board.history("Ana", "two-faces", persona="brisk")] == ["brisk"]
    assert board.personas("two-faces") == [("brisk", "direct"), ("hurt", "expressive")]
    assert [r["player"] for r in board.leaderboard("two-faces", persona="brisk")] == ["Ana"]
    assert [r["player"] for r in board.leaderboard("two-faces", persona="hurt")] == ["Ana", "Bo"]


def test_a_players_results_break_down_by_customer_style(store, two_faces):
    board = open_scoreboard()
    brisk_best = attempt(two_faces, "Ana", "brisk", [2, 1], day=1)
    brisk_bad = attempt(two_faces, "Ana", "brisk", [1, 2], day=2)
    hurt = attempt(two_faces, "Ana", "hurt", [1, 1], day=3)
    for a in (brisk_best, brisk_bad, hurt):
        board.record(a)
    board.record(attempt(two_faces, "Bo", "hurt", [2, 2], day=4))
    rows = {r["style"]: r for r in board.style_breakdown("Ana")}
    assert set(rows) == {"direct", "expressive"}
    assert rows["direct"]["attempts"] == 2 and rows["expressive"]["attempts"] == 1
    assert rows["direct"]["best"] == max(brisk_best.score, brisk_bad.score)
    assert rows["direct"]["average"] == round((brisk_best.score + brisk_bad.score) / 2)
    assert rows["direct"]["retained"] == sum(a.outcome == "retained" for a in (brisk_best, brisk_bad))
    order = [r["style"] for r in board.style_breakdown("Ana")]
    assert order == sorted(order, key=lambda s: -rows[s]["average"])  # best handled first


def test_a_self_check_is_kept_per_player_and_a_retake_replaces_it(store):
    board = open_scoreboard()
    assert board.player_style("Ana") is None
    board.save_style("Ana", "steady", {"steady": 6}, [1] * 10, "2026-11-01T10:00:00+00:00")
    board.save_style("Bo", "direct", {"direct": 7}, [2] * 10, "2026-11-01T11:00:00+00:00")
    board.save_style("Ana", "expressive", {"expressive": 5}, [3] * 10, "2026-11-02T10:00:00+00:00")
    assert board.player_style("Ana") == {"style": "expressive", "counts": {"expressive": 5}, "answers": [3] * 10,
                                         "taken_at": "2026-11-02T10:00:00+00:00"}
    assert board.player_style("Bo")["style"] == "direct"
    board.close()
    assert open_scoreboard().player_style("Ana")["style"] == "expressive"  # survives a restart


def test_a_version_3_scoreboard_gains_styles_and_keeps_its_attempts(saves):
    saves.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(saves / "scoreboard.sqlite3")
    for script in MIGRATIONS[:3]:
        conn.executescript(script)
    conn.execute("INSERT INTO attempts (registration, player, scenario, version, content_hash, mode, started_at, "
                 "finished_at, duration_s, choices, path, levers, rules, breaches, score, grade, outcome, persona) "
                 "VALUES ('r1', 'Ana', 'two-faces', 1, 'h', 'coach', 's', 'f', 1, '[1]', '[]', '{}', '{}', 0, 50, "
                 "'Developing', 'retained', 'hurt')")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    board = SQLiteScoreboard()
    [old] = board.attempts()
    assert (old.persona, old.persona_style, old.player_style) == ("hurt", "", "")
    assert board.player_style("Ana") is None


def test_csv_and_xapi_carry_the_persona_and_both_styles(saves, two_faces):
    a = attempt(two_faces, "Ana", "hurt", [1, 1], style="analytical")
    a.id = 1
    rows = list(csv.DictReader(io.StringIO(export.to_csv([a]))))
    assert (rows[0]["persona"], rows[0]["persona_style"], rows[0]["player_style"]) == \
        ("hurt", "expressive", "analytical")
    builder = StatementBuilder()
    for statement in builder.statements([a]):
        ext = statement["context"]["extensions"]
        assert ext[builder.ext("persona")] == "hurt"
        assert ext[builder.ext("persona-style")] == "expressive"
        assert ext[builder.ext("player-style")] == "analytical"
