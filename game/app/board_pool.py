"""A few scoreboard connections shared by a server's request threads.

One scoreboard object holds one connection under a lock, so a server
process with one of them answers its trainees' database reads one at a
time. `BoardPool` opens up to `size` boards (on first need) and lends one
to each call: `pool.bests(player)` takes a free board, calls it and gives
it back. It answers only the names a board has (so `hasattr` checks keep
working) and closes every board it opened.
"""
from __future__ import annotations

import queue
import threading


class BoardPool:
    def __init__(self, open_board, size: int = 4):
        self._open = open_board
        self._size = max(1, size)
        self._free: queue.LifoQueue = queue.LifoQueue()
        self._opened: list = []
        self._lock = threading.Lock()
        first = open_board()  # the first at once: a scoreboard that cannot be opened says so at start
        self._opened.append(first)
        self._free.put(first)
        self._kind = type(first)

    def _take(self):
        try:
            return self._free.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if len(self._opened) < self._size:
                board = self._open()
                self._opened.append(board)
                return board
        return self._free.get()  # all in use: wait for one

    def __getattr__(self, name):
        if name.startswith("_") or not hasattr(self._kind, name):
            raise AttributeError(name)

        def call(*args, **kwargs):
            board = self._take()
            try:
                return getattr(board, name)(*args, **kwargs)
            finally:
                self._free.put(board)
        return call

    def close(self) -> None:
        with self._lock:
            for board in self._opened:
                board.close()
            self._opened = []
