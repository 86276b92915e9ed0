"""The scoreboard off the frame loop: opened, written and read on one
background thread; LRS delivery on another.

`BoardFront` is what the window's scenes see as `app.scoreboard`. Nothing
on it waits: writes (an attempt, a quarter, a self-check) are queued, and a
read is a `fetch(read, on_done)` whose answer comes back on a later frame,
so a slow disk or a team database across the network never freezes one.
The queue keeps its order, so a read sees every write queued before it (the
scoreboard screen opened just after a conversation shows it). What
finishes or fails comes back through `StorageWorker.poll()`, which the app
calls from its frame loop, so every callback runs on the UI thread. At exit
`drain()` waits (briefly) for queued work, and the LRS sender is stopped.
"""
from __future__ import annotations

import queue
import threading

from game.storage import pending
from game.storage.files import StorageError, Unreachable
from game.storage.saves import player_key
from game.storage.scoreboard import open_scoreboard

WRITES = {"record": "this attempt", "record_quarter": "this quarter", "save_style": "your style"}


class StorageWorker:
    def __init__(self):
        self._jobs: queue.Queue = queue.Queue()
        self._results: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="five-levers-storage", daemon=True)
        self._thread.start()

    def submit(self, job, on_done=None, on_error=None) -> None:
        self._jobs.put((job, on_done, on_error))

    def _run(self) -> None:
        while True:
            item = self._jobs.get()
            if item is None:
                return
            job, on_done, on_error = item
            try:
                value = job()
            except Exception as exc:  # noqa: BLE001 - any failure is a message on the UI thread, and the thread goes on
                if on_error:
                    self._results.put((on_error, exc))
            else:
                if on_done:
                    self._results.put((on_done, value))
            finally:
                self._jobs.task_done()

    def later(self, callback, value) -> None:
        """Have `callback(value)` run on the UI thread at the next poll (from the storage thread)."""
        self._results.put((callback, value))

    def poll(self) -> None:
        """Run what came back, on the caller's (the UI's) thread."""
        while True:
            try:
                callback, value = self._results.get_nowait()
            except queue.Empty:
                return
            callback(value)

    def drain(self, timeout: float = 10.0) -> bool:
        """Wait until queued work is done (at exit, in tests); False when it took too long."""
        done = threading.Event()
        self.submit(done.set)
        return done.wait(timeout)

    def stop(self) -> None:
        self._jobs.put(None)


def open_board() -> tuple:
    """(the scoreboard, a notice for the player or None). A team database
    that cannot be reached now is connected to later; attempts wait on this
    computer meanwhile."""
    from game.delivery.config import label_board
    try:
        board = label_board(open_scoreboard())
    except Unreachable as exc:
        return label_board(open_scoreboard(connect=False)), (
            f"{str(exc)[0].upper()}{str(exc)[1:]}. Your attempts are kept on this computer and added when it can "
            "be reached.")
    return board, board.notice


class BoardFront:
    """The scoreboard as the window uses it: writes queued, reads fetched,
    the board itself opened on the storage thread (a scoreboard being
    upgraded, or a team database far away, never holds up the window)."""

    def __init__(self, worker: StorageWorker, notify, written=None, opener=open_board):
        self._worker, self._notify, self._written, self._opener = worker, notify, written, opener
        self._board = None
        self.styles: dict[str, str] = {}  # player key -> style of their latest self-check ('' for none), as known
        self._asked: set[str] = set()
        worker.submit(self._board_here, on_error=lambda exc: notify(
            f"The scoreboard is unavailable ({exc}); your attempts are kept on this computer and added when it "
            "can be opened.", seconds=10.0))

    def _board_here(self):
        """The board, opened on first use (the storage thread only)."""
        if self._board is None:
            board, notice = self._opener()
            self._board = board
            if notice:
                self._worker.later(lambda text: self._notify(text, seconds=10.0), notice)
        return self._board

    def fetch(self, read, on_done, on_error=None) -> None:
        """`read(board)` on the storage thread, after every write queued
        before it; `on_done(value)`, or `on_error(exc)` (default: a notice),
        on a later frame, on the UI thread."""
        self._worker.submit(lambda: read(self._board_here()), on_done,
                            on_error or (lambda exc: self._notify(f"The scoreboard could not be read: {exc}")))

    def style_of(self, player: str) -> str | None:
        """The player's style as far as known now ('' when they have none);
        None while it is being read (it is asked for once, in the background)."""
        key = player_key(player or "")
        if not key:
            return ""
        if key not in self.styles and key not in self._asked:
            self._asked.add(key)
            # read without lookup_style, which answers '' when the board fails: that
            # would be kept as "no style"; a failure here is asked again next time
            self.fetch(lambda board: (board.player_style(player) or {}).get("style", ""),
                       on_done=lambda style: self.styles.setdefault(key, style),
                       on_error=lambda exc: self._asked.discard(key))
        return self.styles.get(key)

    @property
    def blocking(self):
        """The board itself, once queued work is done: for tests and tools
        that run outside a frame. Scenes use `fetch`."""
        self._worker.drain()
        if self._board is None:
            raise StorageError("the scoreboard could not be opened")
        return self._board

    def __getattr__(self, name):
        if name not in WRITES:
            raise AttributeError(f"{name!r}: the window reads the scoreboard with fetch(), never on a frame")
        return lambda *args: self._write(name, *args)

    def _write(self, name: str, *args) -> None:
        what = WRITES[name]
        if name == "save_style":
            self.styles[player_key(args[0])] = args[1]

        def job():
            try:
                return getattr(self._board_here(), name)(*args)
            except StorageError as exc:
                if name != "record":
                    raise
                pending.keep(args[0])  # kept on this computer; retried until the scoreboard takes it
                raise StorageError(f"{exc}. It is kept on this computer and will be added when the scoreboard "
                                   "can be reached") from exc
        self._worker.submit(job, on_done=lambda _: self._written and self._written(),
                            on_error=lambda exc: self._notify(f"{what[0].upper()}{what[1:]} could not be added "
                                                              f"to the scoreboard: {exc}"))

    def retry_kept(self) -> None:
        """Try again to record attempts kept on this computer (on the storage thread)."""
        def job():
            skipped: list[str] = []
            done = pending.retry(self._board_here(), skipped)
            for problem in skipped:
                self._worker.later(lambda text: self._notify(text, seconds=10.0), f"{problem[0].upper()}{problem[1:]}.")
            return done
        self._worker.submit(job, on_done=lambda n: n and (self._notify(
            f"{n} attempt{'s' if n != 1 else ''} kept on this computer {'were' if n != 1 else 'was'} added to the "
            "scoreboard."), self._written and self._written()))

    def close(self) -> None:
        self._worker.drain()
        if self._board is not None:
            self._board.close()


def start_sender(notify, team_sender: bool = False):
    """The LRS sender on its own thread and connection, when an LRS is configured; else None.
    `team_sender` (`serve`): it sends every machine's attempts, unless this
    computer is set to send none."""
    from game.delivery.config import load_config
    from game.delivery.sender import Sender
    config, problem = load_config()
    if problem:
        notify(f"The LRS settings could not be read: {problem}")
    if not config.configured:
        return None
    if config.problems():
        notify(f"Attempts will not be sent to the LRS: {config.problems()[0]}")
        return None
    origin = None if team_sender and config.sends != "none" else "auto"
    return Sender(open_scoreboard, config, origin=origin, reload=lambda: load_config()[0]).start()
