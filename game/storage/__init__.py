"""Storage: saves, settings and the scoreboard (SQLite or PostgreSQL), the
pending attempts and the CSV/JSON export.

May import `game.core`; never the app, delivery or a shell.
"""
