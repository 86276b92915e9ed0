"""Tables that SQLite (scoreboard.py, migration 7) and PostgreSQL
(pg_board.py) create alike; only the id and real-number types differ."""
from game.core.model import LEVERS

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


# The reviewer's views read these (views.py), kept by views.keep_summaries in
# each attempt's transaction: the scenarios with attempts and their titles,
# the customers (personas) met per scenario, each person's best per scenario
# against one customer. SQLite's migration 11, PostgreSQL's schema 5.
SUMMARY_TABLES = """
    CREATE TABLE scenario_titles (
        scenario TEXT PRIMARY KEY,
        title TEXT NOT NULL
    );
    CREATE TABLE scenario_personas (
        scenario TEXT NOT NULL,
        persona TEXT NOT NULL,
        persona_style TEXT NOT NULL,
        PRIMARY KEY (scenario, persona, persona_style)
    );
    CREATE TABLE persona_bests (
        scenario TEXT NOT NULL,
        persona TEXT NOT NULL,
        person TEXT NOT NULL,
        best INTEGER NOT NULL,
        attempts INTEGER NOT NULL,
        best_id BIGINT NOT NULL,
        PRIMARY KEY (scenario, persona, person)
    );
    CREATE INDEX persona_bests_board ON persona_bests(scenario, persona, best);
"""
# each person's best (a tie: the earlier attempt), from the attempts kept so far
BESTS_FILL = """
    INSERT INTO {table} ({keys}, best, attempts, best_id)
        SELECT {keys}, MAX(score), COUNT(*), 0 FROM attempts WHERE status = 'finished' {only} GROUP BY {keys};
    UPDATE {table} SET best_id = (SELECT id FROM attempts a WHERE {same} AND a.status = 'finished'
        AND a.score = {table}.best ORDER BY finished_at, id LIMIT 1);
"""
SUMMARY_FILL = """
    INSERT INTO scenario_titles (scenario, title) SELECT scenario, MAX(title) FROM attempts GROUP BY scenario;
    INSERT INTO scenario_personas (scenario, persona, persona_style)
        SELECT DISTINCT scenario, persona, persona_style FROM attempts WHERE persona != '';
""" + BESTS_FILL.format(table="persona_bests", keys="scenario, persona, person", only="AND persona != ''",
                        same="a.scenario = persona_bests.scenario AND a.persona = persona_bests.persona "
                             "AND a.person = persona_bests.person")
ALL_BESTS_FILL = BESTS_FILL.format(table="bests", keys="scenario, person", only="",
                                   same="a.scenario = bests.scenario AND a.person = bests.person")

# The team migration (SQLite and PostgreSQL alike, one step each: SQLite's migration 10, PostgreSQL's schema 4): each
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


# Conversations and quarters in progress as documents (SQLite's migration 12,
# PostgreSQL's schema 6; save_rows.py): the same versioned JSON the files
# under saves/ hold, one row per kind and owner (the player's key), so any
# server process on any machine resumes them. A row that fails its check on
# read is moved to saves_set_aside, never deleted.
IN_PROGRESS = """
    CREATE TABLE saves_in_progress (
        kind TEXT NOT NULL,
        owner TEXT NOT NULL,
        doc TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        PRIMARY KEY (kind, owner)
    );
    CREATE TABLE saves_set_aside (
        id {id},
        kind TEXT NOT NULL,
        owner TEXT NOT NULL,
        doc TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        set_aside_at TEXT NOT NULL
    );
"""

# The team dashboard's counting (team_views.py) reads only these columns of
# the attempts: one index holding all of them, led by the person (the views
# group by person), so the database counts from the index (a tenth of the
# table's bytes) and never visits a row. SQLite's migration 13, PostgreSQL's
# schema 7 (issue 33; the saves in progress are 12 / 6).
TEAM_COLUMNS = ", ".join(("status", "scripted", "finished_at", "scenario", "persona", "persona_style", "mode", "score",
                          "mastery", *(f"{lever}_percent" for lever in LEVERS), "learner", "player"))
TEAM_INDEX_SQLITE = f"CREATE INDEX attempts_team ON attempts(person, {TEAM_COLUMNS});"
TEAM_INDEX_POSTGRES = f"CREATE INDEX attempts_team ON attempts(person) INCLUDE ({TEAM_COLUMNS});"


# The `scoreboard` table's widths over every attempt (views.BoardViews.table_widths), one row kept as attempts
# arrive (views.keep_summaries; NULL before the first): the table of every attempt needs no pass to measure them.
# Each cell is measured as the table shows it; numbers by their extremes; the id is MAX(id), read when asked.
def _outcome_width() -> str:
    from game.core.model import OUTCOME_WORDS
    cases = " ".join(f"WHEN '{k}' THEN {len(v)}" for k, v in OUTCOME_WORDS.items())
    return f"CASE outcome {cases} ELSE LENGTH(outcome) END"


WIDTH_COLUMNS = ("finished", "player", "scenario", "low_score", "high_score", "grade", "outcome", "low_breaches",
                 "high_breaches", "mode", "customer", "style")
WIDTH_CELLS = ("MAX(LENGTH(finished_at))", "MAX(LENGTH(player))", "MAX(LENGTH(scenario))", "MIN(score)", "MAX(score)",
               "MAX(LENGTH(grade))", f"MAX({_outcome_width()})", "MIN(breaches)", "MAX(breaches)", "MAX(LENGTH(mode))",
               "MAX(CASE WHEN persona != '' AND persona_style != '' THEN LENGTH(persona) + LENGTH(persona_style) + 3 "
               "WHEN persona != '' THEN LENGTH(persona) ELSE 1 END)",
               "MAX(CASE WHEN player_style != '' THEN LENGTH(player_style) ELSE 1 END)")
# measured again from every attempt kept (the upgrade; a benchmark's attempts written straight into the table)
TABLE_WIDTHS_FILL = f"""
    DELETE FROM table_widths;
    INSERT INTO table_widths (one, {', '.join(WIDTH_COLUMNS)}) SELECT 1, {', '.join(WIDTH_CELLS)} FROM attempts;
"""
TABLE_WIDTHS = f"""
    CREATE TABLE table_widths (
        one INTEGER PRIMARY KEY CHECK (one = 1),
        {', '.join(f'{c} INTEGER' for c in WIDTH_COLUMNS)}
    );
""" + TABLE_WIDTHS_FILL
