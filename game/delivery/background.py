"""The daemon thread a sender runs on: `start()`, `wake()` after queueing,
`stop()` at exit. A subclass calls `_start_loop_state(name)` in its
`__init__` and writes `_run`, which waits on `self._wake` and ends when
`self._stop` is set."""
from __future__ import annotations

import threading


class BackgroundLoop:
    def _start_loop_state(self, name: str) -> None:
        self._wake, self._stop = threading.Event(), threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def _run(self) -> None:  # pragma: no cover - each sender writes its own
        raise NotImplementedError

    def start(self):
        self._thread.start()
        return self

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)
