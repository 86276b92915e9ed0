"""SQLite's schema, one script per version (`PRAGMA user_version` counts those run);
scoreboard.SQLiteScoreboard runs the missing ones on open, each in one transaction."""
from __future__ import annotations

from game.storage.shared_tables import (IN_PROGRESS, OUTBOX_AND_BESTS, SQLITE_TYPES, SUMMARY_FILL, SUMMARY_TABLES,
                                       TABLE_WIDTHS, TEAM, TEAM_INDEX_SQLITE, number_columns_sql)
from game.storage.certificate_summary import migration as certificate_migration
from game.storage.kept_json import migration as kept_json_migration
from game.storage.team_people_months import migration as people_months_migration
from game.storage.team_scenario_weeks import migration as scenario_weeks_migration
from game.storage.team_summary import migration as team_summary_migration, months_migration
from game.storage.team_views import SQLITE_WEEK

MIGRATIONS = [
    # version 1
    """
    CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        registration TEXT NOT NULL UNIQUE,
        player TEXT NOT NULL,
        scenario TEXT NOT NULL,
        version INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        mode TEXT NOT NULL,
        seed INTEGER NOT NULL DEFAULT 0,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        duration_s REAL NOT NULL,
        choices TEXT NOT NULL,
        path TEXT NOT NULL,
        levers TEXT NOT NULL,
        rules TEXT NOT NULL,
        breaches INTEGER NOT NULL,
        score INTEGER NOT NULL,
        grade TEXT NOT NULL,
        outcome TEXT NOT NULL,
        ending TEXT
    );
    CREATE INDEX attempts_by_scenario ON attempts(scenario, player, score);
    CREATE INDEX attempts_by_player ON attempts(player, finished_at);
    """,
    # version 2: each reply's text and points, so exports and detail views
    # don't depend on the scenario file still being the same
    """
    ALTER TABLE attempts ADD COLUMN steps TEXT NOT NULL DEFAULT '[]';
    """,
    # version 3: the persona the customer was (empty: the scenario has none),
    # so replays and reviews meet the same customer
    """
    ALTER TABLE attempts ADD COLUMN persona TEXT NOT NULL DEFAULT '';
    """,
    # version 4: styles. Each attempt keeps the customer's style and the
    # trainee's own (from the self-check, at the time); each player's latest
    # self-check is kept in `players`.
    """
    ALTER TABLE attempts ADD COLUMN persona_style TEXT NOT NULL DEFAULT '';
    ALTER TABLE attempts ADD COLUMN player_style TEXT NOT NULL DEFAULT '';
    CREATE TABLE players (
        name TEXT PRIMARY KEY,
        style TEXT NOT NULL DEFAULT '',
        style_counts TEXT NOT NULL DEFAULT '{}',
        style_answers TEXT NOT NULL DEFAULT '[]',
        style_taken_at TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX attempts_by_persona ON attempts(scenario, persona);
    """,
    # version 5: abandoned assessment attempts are kept (status), never ranked
    """
    ALTER TABLE attempts ADD COLUMN status TEXT NOT NULL DEFAULT 'finished';
    """,
    # version 6: the portfolio campaign's quarters (see portfolio_board.py)
    """
    CREATE TABLE portfolio_attempts (
        id INTEGER PRIMARY KEY,
        registration TEXT NOT NULL UNIQUE,
        player TEXT NOT NULL,
        portfolio TEXT NOT NULL,
        version INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        seed INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        score INTEGER NOT NULL,
        rank_percent INTEGER NOT NULL,
        profit_kept REAL NOT NULL,
        best_profit_kept REAL NOT NULL,
        record TEXT NOT NULL
    );
    CREATE INDEX portfolio_attempts_board ON portfolio_attempts(portfolio, player, score);
    """,
    # version 7: learner ids (a person is their learner id, else their display
    # name), time on task, scripted play, the mastery score, each person's
    # bests, the LRS outbox (every attempt already kept is queued once:
    # nothing recorded is left out of the LRS), and the replies in a table of
    # their own (most of an attempt's bytes: lists and history never read them)
    """
    ALTER TABLE attempts ADD COLUMN learner TEXT NOT NULL DEFAULT '';
    ALTER TABLE attempts ADD COLUMN person TEXT NOT NULL DEFAULT '';
    UPDATE attempts SET person = 'name:' || player;
    ALTER TABLE attempts ADD COLUMN active_s REAL;
    ALTER TABLE attempts ADD COLUMN scripted INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE attempts ADD COLUMN mastery INTEGER NOT NULL DEFAULT 75;
    CREATE INDEX attempts_board ON attempts(scenario, status, person, score);
    CREATE INDEX attempts_by_finish ON attempts(finished_at);
    """ + OUTBOX_AND_BESTS.format(**SQLITE_TYPES) + """
    INSERT INTO attempt_steps (attempt_id, steps) SELECT id, steps FROM attempts;
    ALTER TABLE attempts DROP COLUMN steps;
    INSERT INTO bests (scenario, person, best, attempts, best_id)
        SELECT scenario, person, MAX(score), COUNT(*), 0 FROM attempts WHERE status = 'finished'
        GROUP BY scenario, person;
    UPDATE bests SET best_id = (SELECT id FROM attempts a WHERE a.scenario = bests.scenario
        AND a.person = bests.person AND a.status = 'finished' AND a.score = bests.best ORDER BY finished_at, id LIMIT 1);
    INSERT INTO outbox (registration, queued_at) SELECT registration, finished_at FROM attempts ORDER BY id;
    """,
    # version 8: a player's history read from one index holding every column
    # it shows (sql_board.HISTORY_COLUMNS): 2,000 attempts in a few
    # milliseconds, without a visit to each row. It replaces attempts_by_player.
    """
    CREATE INDEX attempts_history ON attempts(player, finished_at, id, learner, scenario, title, mode, duration_s,
        choices, levers, rules, score, grade, outcome, persona, persona_style, player_style, status);
    DROP INDEX attempts_by_player;
    """,
    # version 9: each lever's points, ceiling and percent and each rule's
    # breaches as plain numbers (attempts.NUMBER_COLUMNS), filled from the JSON
    # of the attempts already kept: exports and SQL reports read them as they are
    number_columns_sql(lambda kind, path: f"json_extract({kind}, '$.{'.'.join(path)}')"),
    # version 10: the team migration (shared_tables.TEAM): the outbox keeps each
    # attempt's statement settings and origin, the roster, the reviewers
    TEAM,
    # version 11: small tables the reviewer's views read instead of the
    # attempts (views.py): titles, customers met, bests against one customer
    SUMMARY_TABLES + SUMMARY_FILL,
    # version 12: conversations and quarters in progress, for servers (save_rows.py)
    IN_PROGRESS.format(**SQLITE_TYPES),
    # version 13: the team dashboard counts from one index holding what it reads
    # (shared_tables.TEAM_INDEX_SQLITE)
    TEAM_INDEX_SQLITE,
    # version 14: the team dashboard's summary table (team_summary.py), kept in each
    # attempt's transaction and filled here from the attempts kept so far
    team_summary_migration(SQLITE_WEEK, sqlite=True),
    # version 15: the `scoreboard` table's widths kept as attempts arrive (shared_tables.TABLE_WIDTHS)
    TABLE_WIDTHS,
    # version 16: the team dashboard's pairs of filters and its months (team_summary.months_migration)
    months_migration(SQLITE_WEEK, sqlite=True),
    # version 17: what any course's certificate rule reads of each person's attempts
    # (certificate_summary.py), and the people's whole months (team_people_months.py), both
    # kept in each attempt's transaction and filled here
    certificate_migration(sqlite=True) + people_months_migration(SQLITE_WEEK, sqlite=True),
    # version 18: the scenarios view over any range of weeks, exactly (team_scenario_weeks.py): per scenario and
    # week the sums, and the people by the week each last played it before; kept in each attempt's transaction
    scenario_weeks_migration(SQLITE_WEEK, sqlite=True),
    # version 19: each attempt's line of the reviewer's JSON kept ready (kept_json.py), filled here and kept
    # by triggers in the transaction of every write (a tuple: one statement each, a trigger has semicolons)
    kept_json_migration(),
    # version 20: the portfolio quarter's story on the account a conversation was played in (issue 31), so its
    # debrief, rebuilt from the attempt, shows the customer's lines as they were shown; '{}' (records before it
    # and conversations played alone): no story
    "ALTER TABLE attempts ADD COLUMN quarter TEXT NOT NULL DEFAULT '{}';",
]
