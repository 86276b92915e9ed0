"""The queries a user waits on read the index made for them: a player's
history is one index holding every column it shows (no visit to the rows),
on SQLite and on PostgreSQL."""
from game.storage.scoreboard import open_scoreboard
from game.storage.sql_board import HISTORY_COLUMNS


def history_plan(board, backend: str) -> str:
    sql, params = board._selection(player="Ana", columns=", ".join(HISTORY_COLUMNS))
    if backend == "sqlite":
        return " ".join(row[-1] for row in board._query(f"EXPLAIN QUERY PLAN {sql}", params, plain=True))
    conn = board._connection()
    conn.execute("VACUUM ANALYZE attempts")  # the visibility map an index-only scan relies on
    conn.execute("SET enable_seqscan = off")  # a test table is tiny: ask for the plan a big one gets
    conn.execute("SET enable_bitmapscan = off")
    try:
        return " ".join(row[0] for row in board._plain_cursor().execute(
            f"EXPLAIN {board._sql(sql)}", params).fetchall())
    finally:
        conn.execute("RESET enable_seqscan")
        conn.execute("RESET enable_bitmapscan")


def test_a_players_history_is_read_from_its_covering_index_alone(store, make_attempt):
    board = open_scoreboard()
    for n in range(3):
        board.record(make_attempt(player="Ana"))
    board.record(make_attempt(player="Bo"))
    plan = history_plan(board, store)
    if store == "sqlite":
        assert "USING COVERING INDEX attempts_history" in plan, plan
    else:
        assert "Index Only Scan using attempts_history" in plan, plan
    assert "SORT" not in plan.upper(), plan  # the index gives the order too
    assert [a.player for a in board.history("Ana")] == ["Ana"] * 3
