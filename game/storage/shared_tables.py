"""Tables that SQLite (scoreboard.py, migration 7) and PostgreSQL
(pg_board.py) create alike; only the id and real-number types differ."""

OUTBOX_AND_BESTS = """
    CREATE TABLE outbox (
        id {id},
        registration TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL DEFAULT 'waiting',
        tries INTEGER NOT NULL DEFAULT 0,
        next_try {real} NOT NULL DEFAULT 0,
        lease_until {real} NOT NULL DEFAULT 0,
        reason TEXT NOT NULL DEFAULT '',
        queued_at TEXT NOT NULL,
        sent_at TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX outbox_due ON outbox(state, next_try);
    CREATE TABLE bests (
        scenario TEXT NOT NULL,
        person TEXT NOT NULL,
        best INTEGER NOT NULL,
        attempts INTEGER NOT NULL,
        best_id BIGINT NOT NULL,
        PRIMARY KEY (scenario, person)
    );
    CREATE INDEX bests_board ON bests(scenario, best);
    CREATE TABLE attempt_steps (
        attempt_id {ref} PRIMARY KEY,
        steps TEXT NOT NULL
    );
"""
SQLITE_TYPES = {"id": "INTEGER PRIMARY KEY", "real": "REAL", "ref": "INTEGER"}
POSTGRES_TYPES = {"id": "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "real": "DOUBLE PRECISION", "ref": "BIGINT"}
