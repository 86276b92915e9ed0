"""SIGTERM (a logout, a shutdown) saves and exits: no "Quit?" dialog.

The handler only sets a flag; the frame loop sees it, saves each
conversation in progress (the autosave every reply makes, now with the time
on task so far) and quits. SDL's own handler would post a window close,
which asks "Quit?" mid-conversation, and nobody is there to answer."""
from __future__ import annotations

import signal


def install(app) -> None:
    """From now on SIGTERM asks `app` to save and quit (main thread only)."""
    def on_term(signum, frame):
        app.terminating = True
    try:
        signal.signal(signal.SIGTERM, on_term)
    except (ValueError, OSError, AttributeError):  # not the main thread, or no SIGTERM on this system
        pass


def save_and_quit(app) -> None:
    """Save every conversation in progress, then stop the loop (`shutdown` follows)."""
    for scene in list(app.stack):
        session = getattr(scene, "session", None)
        if scene.name == "dialogue" and session is not None and not session.run.finished:
            session.autosave()  # a quarter's conversation is not the player's save: its quarter keeps it below
        keep = getattr(scene, "keep_conversation", None)  # the portfolio scene: the quarter, with its replies
        if keep is not None:
            keep()
    app.quit()
