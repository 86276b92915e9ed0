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


def number_columns_sql(extract, source: str = "") -> str:
    """The migration that adds attempts.NUMBER_COLUMNS (each lever's points,
    ceiling and percent; each rule's breaches) and fills them from the JSON
    of the attempts kept so far. `extract(kind, path)` is the database's
    JSON read of 'levers' or 'rules' at a path like ('connect', 'points');
    `source` a FROM that the reads need (PostgreSQL parses each row once)."""
    from game.core.model import RULES
    from game.storage.attempts import LEVER_NUMBERS
    adds = [f"ALTER TABLE attempts ADD COLUMN {lever}_{key} INTEGER" for lever, key in LEVER_NUMBERS]
    adds += [f"ALTER TABLE attempts ADD COLUMN {rule}_breaches INTEGER NOT NULL DEFAULT 0" for rule in RULES]
    sets = [f"{lever}_{key} = {extract('levers', (lever, key))}" for lever, key in LEVER_NUMBERS]
    sets += [f"{rule}_breaches = COALESCE({extract('rules', (rule,))}, 0)" for rule in RULES]
    return ";\n".join(adds) + f";\nUPDATE attempts SET {', '.join(sets)} {source};\n"


# The team migration (SQLite and PostgreSQL alike, one step each): each
# outbox row keeps the home page and activity base in force when its attempt
# was recorded (its statements are fixed then: no machine relabels
# another's; '' for rows queued before, sent with the sender's settings),
# which machine recorded it (`origin`: a desktop client on a team database
# sends only its own), and whether a send timed out so the LRS must be asked
# before sending again (`unconfirmed`); the roster of people a lead expects
# to play; the reviewers who may open the team dashboard (scrypt hashes).
TEAM = """
    ALTER TABLE outbox ADD COLUMN home_page TEXT NOT NULL DEFAULT '';
    ALTER TABLE outbox ADD COLUMN activity_base TEXT NOT NULL DEFAULT '';
    ALTER TABLE outbox ADD COLUMN origin TEXT NOT NULL DEFAULT '';
    ALTER TABLE outbox ADD COLUMN unconfirmed INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE roster (
        learner TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        team TEXT NOT NULL DEFAULT '',
        added_at TEXT NOT NULL
    );
    CREATE TABLE reviewers (
        name TEXT PRIMARY KEY,
        hash TEXT NOT NULL,
        added_at TEXT NOT NULL
    );
"""
