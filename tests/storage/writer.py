"""A separate process that records attempts: `python -m tests.storage.writer NAME COUNT [GO_FILE]`.

Prints the id of each attempt once its transaction has committed."""
import os
import sys
import time

from game.core import loader
from game.core.engine import play
from game.storage.attempts import Attempt
from game.storage.scoreboard import open_scoreboard
from tests.shells.cli.test_cli import LATE


def main(name: str, count: int, go_file: str | None) -> None:
    scenario = loader.load_file(LATE)
    run = play(scenario, [1, 2, 2])
    board = open_scoreboard()  # FIVE_LEVERS_DB when set (the PostgreSQL tests and bench)
    print("ready", flush=True)
    while go_file and not os.path.exists(go_file):
        time.sleep(0.001)
    for n in range(count):
        attempt = Attempt.from_playthrough(run, f"{name}", "coach", started_at="2026-11-20T10:00:00+00:00")
        board.record(attempt)
        print(attempt.id, attempt.registration, flush=True)
    board.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None)
