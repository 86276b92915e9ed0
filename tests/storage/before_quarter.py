"""For the tests that upgrade a scoreboard of an older schema: record attempts into it as the code of that
schema did, before the attempts' `quarter` column (SQLite 20, PostgreSQL 13; issue 31)."""
from game.storage import sql_board
from game.storage.attempts import Attempt


def record_as_before_quarter(monkeypatch):
    """Record without the `quarter` column from now on; returns the function that puts today's recording back."""
    columns, row = sql_board.COLUMNS, Attempt.row
    monkeypatch.setattr(sql_board, "COLUMNS", tuple(c for c in columns if c != "quarter"))
    monkeypatch.setattr(Attempt, "row", lambda attempt: row(attempt)[:-1])

    def as_today():
        monkeypatch.setattr(sql_board, "COLUMNS", columns)
        monkeypatch.setattr(Attempt, "row", row)
    return as_today
