"""The server's pool of scoreboard connections: calls go to a free board,
at most `size` are opened, `hasattr` answers as a board would, and close
closes them all."""
from __future__ import annotations

import threading
import time

from game.app.board_pool import BoardPool


class Board:
    opened = 0

    def __init__(self):
        Board.opened += 1
        self.closed = False
        self.busy = threading.Lock()

    def slow(self):
        assert self.busy.acquire(blocking=False), "one board lent to two calls at once"
        time.sleep(0.05)
        self.busy.release()
        return id(self)

    def close(self):
        self.closed = True


def test_calls_run_on_at_most_size_boards_at_once_and_close_closes_them():
    Board.opened = 0
    pool = BoardPool(Board, size=3)
    used = []
    threads = [threading.Thread(target=lambda: used.append(pool.slow())) for _ in range(9)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(used) == 9 and Board.opened == 3 and len(set(used)) == 3
    assert hasattr(pool, "slow") and not hasattr(pool, "style_of")  # GameSession asks hasattr(board, "style_of")
    boards = list(pool._opened)
    pool.close()
    assert all(b.closed for b in boards)
