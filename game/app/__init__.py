"""The application layer: the use cases (a game session: start, resume,
finish and record a playthrough; rebuild one from the scoreboard; reads and
writes off the window's frame loop) and what each screen says, as plain data.

No pygame. May import `game.core`, `game.authoring`, `game.storage` and
`game.delivery`; never a shell.
"""
