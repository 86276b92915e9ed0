"""Storage: saves, settings and the scoreboard (SQLite or PostgreSQL), the
pending attempts and the CSV/JSON export; a server's conversations and
quarters in progress in the scoreboard's database (save_rows.py); the small
summary tables the reviewer's views and the team dashboard read, kept in
each attempt's transaction (views.py, team_summary.py).

May import `game.core`; never the app, delivery or a shell.
"""
