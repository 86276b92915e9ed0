"""Scoreboard writes and LRS delivery off the frame loop.

`BoardFront` is what the window's scenes see as `app.scoreboard`: reads go
to the scoreboard, but writes (an attempt, a quarter, a self-check) are
queued for one background thread, in order, so a slow disk or a team
database across the network never freezes a frame. What finishes or fails
there comes back through `poll()`, which the app calls from its frame loop,
so every message is shown from the UI thread. At exit `drain()` waits
(briefly) for queued writes, and the LRS sender is stopped.
"""
from __future__ import annotations

import queue
import threading

from ..storage import pending
from ..storage.files import StorageError

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
            except (StorageError, ValueError) as exc:
                if on_error:
                    self._results.put((on_error, exc))
            else:
                if on_done:
                    self._results.put((on_done, value))
            finally:
                self._jobs.task_done()

    def poll(self) -> None:
        """Run what came back, on the caller's (the UI's) thread."""
        while True:
            try:
                callback, value = self._results.get_nowait()
            except queue.Empty:
                return
            callback(value)

    def drain(self, timeout: float = 10.0) -> bool:
        """Wait until queued work is done (at exit); False when it took too long."""
        done = threading.Event()
        self.submit(done.set)
        return done.wait(timeout)

    def stop(self) -> None:
        self._jobs.put(None)


class BoardFront:
    """The scoreboard as the window uses it: writes queued, reads direct.
    A read waits for writes still queued (read your own writes: the
    scoreboard screen opened just after a conversation shows it)."""

    def __init__(self, board, worker: StorageWorker, notify, written=None):
        self._board, self._worker, self._notify, self._written = board, worker, notify, written
        self.notice = board.notice
        self._pending = 0
        self._idle = threading.Condition()

    def __getattr__(self, name):
        if name in WRITES:
            return lambda *args: self._write(name, *args)
        target = getattr(self._board, name)
        if not callable(target):
            return target

        def read(*args, **kwargs):
            self.wait_for_writes()
            return target(*args, **kwargs)
        return read

    def wait_for_writes(self, timeout: float = 10.0) -> None:
        with self._idle:
            self._idle.wait_for(lambda: self._pending == 0, timeout)

    def _write(self, name: str, *args) -> None:
        what = WRITES[name]
        with self._idle:
            self._pending += 1

        def job():
            try:
                return getattr(self._board, name)(*args)
            except StorageError as exc:
                if name != "record":
                    raise
                pending.keep(args[0])  # kept on this computer; retried until the scoreboard takes it
                raise StorageError(f"{exc}. It is kept on this computer and will be added when the scoreboard "
                                   "can be reached") from exc
            finally:
                with self._idle:
                    self._pending -= 1
                    self._idle.notify_all()
        self._worker.submit(job, on_done=lambda _: self._written and self._written(),
                            on_error=lambda exc: self._notify(f"{what[0].upper()}{what[1:]} could not be added "
                                                              f"to the scoreboard: {exc}"))

    def retry_kept(self) -> None:
        """Try again to record attempts kept on this computer (on the storage thread)."""
        def job():
            return pending.retry(self._board)
        self._worker.submit(job, on_done=lambda n: n and (self._notify(
            f"{n} attempt{'s' if n != 1 else ''} kept on this computer {'were' if n != 1 else 'was'} added to the "
            "scoreboard."), self._written and self._written()))

    def close(self) -> None:
        self._worker.drain()
        self._board.close()


def start_sender(notify):
    """The LRS sender on its own thread and connection, when an LRS is configured; else None."""
    from ..lrs.config import load_config
    from ..lrs.sender import Sender
    from ..storage.scoreboard import open_scoreboard
    config, problem = load_config()
    if problem:
        notify(f"The LRS settings could not be read: {problem}")
    if not config.configured:
        return None
    if config.problems():
        notify(f"Attempts will not be sent to the LRS: {config.problems()[0]}")
        return None
    return Sender(open_scoreboard, config).start()
