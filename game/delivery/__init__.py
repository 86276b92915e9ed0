"""Delivery to a learning record store: the xAPI statements, configuration,
the HTTP client and the background sender.

May import `game.core` and `game.storage`; never the app or a shell.
"""
