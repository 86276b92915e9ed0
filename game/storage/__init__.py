"""Storage: saves, settings and the scoreboard (SQLite or PostgreSQL), the
pending attempts and the CSV/JSON export; a server's conversations and
quarters in progress in the scoreboard's database (save_rows.py).

May import `game.core`; never the app, delivery or a shell.
"""
