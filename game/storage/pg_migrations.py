"""PostgreSQL's schema, one script per version (the schema_version table counts those run);
pg_board.PostgresScoreboard runs the missing ones in one transaction under an advisory lock."""
from __future__ import annotations

from game.storage.shared_tables import (IN_PROGRESS, OUTBOX_AND_BESTS, POSTGRES_TYPES, SUMMARY_FILL,
                                       SUMMARY_TABLES, TABLE_WIDTHS, TEAM, TEAM_INDEX_POSTGRES, number_columns_sql)
from game.storage.certificate_summary import migration as certificate_migration
from game.storage.team_people_months import migration as people_months_migration
from game.storage.team_scenario_weeks import migration as scenario_weeks_migration
from game.storage.team_summary import migration as team_summary_migration, months_migration
from game.storage.team_views import POSTGRES_WEEK

SCHEMA = [
    # version 1: everything SQLite has at its version 7, in PostgreSQL's types
    """
    CREATE TABLE attempts (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        registration TEXT NOT NULL UNIQUE,
        player TEXT NOT NULL,
        scenario TEXT NOT NULL,
        version BIGINT NOT NULL,
        content_hash TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        mode TEXT NOT NULL,
        seed BIGINT NOT NULL DEFAULT 0,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        duration_s DOUBLE PRECISION NOT NULL,
        choices TEXT NOT NULL,
        path TEXT NOT NULL,
        levers TEXT NOT NULL,
        rules TEXT NOT NULL,
        breaches INTEGER NOT NULL,
        score INTEGER NOT NULL,
        grade TEXT NOT NULL,
        outcome TEXT NOT NULL,
        ending TEXT,
        persona TEXT NOT NULL DEFAULT '',
        persona_style TEXT NOT NULL DEFAULT '',
        player_style TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'finished',
        learner TEXT NOT NULL DEFAULT '',
        person TEXT NOT NULL DEFAULT '',
        active_s DOUBLE PRECISION,
        scripted INTEGER NOT NULL DEFAULT 0,
        mastery INTEGER NOT NULL DEFAULT 75
    );
    CREATE INDEX attempts_by_scenario ON attempts(scenario, player, score);
    CREATE INDEX attempts_by_player ON attempts(player, finished_at);
    CREATE INDEX attempts_by_persona ON attempts(scenario, persona);
    CREATE INDEX attempts_board ON attempts(scenario, status, person, score);
    CREATE INDEX attempts_by_finish ON attempts(finished_at);
    CREATE TABLE players (
        name TEXT PRIMARY KEY,
        style TEXT NOT NULL DEFAULT '',
        style_counts TEXT NOT NULL DEFAULT '{}',
        style_answers TEXT NOT NULL DEFAULT '[]',
        style_taken_at TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE portfolio_attempts (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        registration TEXT NOT NULL UNIQUE,
        player TEXT NOT NULL,
        portfolio TEXT NOT NULL,
        version BIGINT NOT NULL,
        content_hash TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        seed BIGINT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        score INTEGER NOT NULL,
        rank_percent INTEGER NOT NULL,
        profit_kept DOUBLE PRECISION NOT NULL,
        best_profit_kept DOUBLE PRECISION NOT NULL,
        record TEXT NOT NULL
    );
    CREATE INDEX portfolio_attempts_board ON portfolio_attempts(portfolio, player, score);
    """ + OUTBOX_AND_BESTS.format(**POSTGRES_TYPES) + """
    """,
    # version 2 (SQLite's 8): a player's history from one index holding what it
    # shows (an index-only scan), in place of attempts_by_player
    """
    CREATE INDEX attempts_history ON attempts(player, finished_at, id) INCLUDE (learner, scenario, title, mode,
        duration_s, choices, levers, rules, score, grade, outcome, persona, persona_style, player_style, status);
    DROP INDEX attempts_by_player;
    """,
    # version 3 (SQLite's 9): levers and rules as plain numbers too (attempts.NUMBER_COLUMNS)
    number_columns_sql(lambda kind, path: f"({'lv' if kind == 'levers' else 'rv'} #>> '{{{','.join(path)}}}')::integer",
                       "FROM (SELECT id AS jid, levers::jsonb AS lv, rules::jsonb AS rv FROM attempts) AS j "
                       "WHERE j.jid = attempts.id"),
    # version 4 (SQLite's 10): the team migration (shared_tables.TEAM)
    TEAM,
    # version 5 (SQLite's 11): the small tables the reviewer's views read (views.py)
    SUMMARY_TABLES + SUMMARY_FILL,
    # version 6 (SQLite's 12): conversations and quarters in progress, for servers (save_rows.py)
    IN_PROGRESS.format(**POSTGRES_TYPES),
    # version 7 (SQLite's 13): the team dashboard's index (shared_tables.TEAM_INDEX_POSTGRES)
    TEAM_INDEX_POSTGRES,
    # version 8 (SQLite's 14): the team dashboard's summary table, filled from the attempts (team_summary.py)
    team_summary_migration(POSTGRES_WEEK, sqlite=False),
    # version 9 (SQLite's 15): the `scoreboard` table's widths kept as attempts arrive (shared_tables.TABLE_WIDTHS)
    TABLE_WIDTHS,
    # version 10 (SQLite's 16): the team dashboard's pairs of filters and its months (team_summary.months_migration)
    months_migration(POSTGRES_WEEK, sqlite=False),
    # version 11 (SQLite's 17): what any course's certificate rule reads of each person's attempts
    # (certificate_summary.py), and the people's whole months (team_people_months.py), both
    # kept in each attempt's transaction and filled here
    certificate_migration(sqlite=False) + people_months_migration(POSTGRES_WEEK, sqlite=False),
    # version 12 (SQLite's 18): the scenarios view over any range of weeks (team_scenario_weeks.py)
    scenario_weeks_migration(POSTGRES_WEEK, sqlite=False),
    # version 13 (SQLite's 20): the quarter's story a conversation was played in (issue 31; '{}': none)
    "ALTER TABLE attempts ADD COLUMN quarter TEXT NOT NULL DEFAULT '{}';",
]
