"""One trainee's copy of the game, for test_team_end_to_end.py: the real
window (dummy video driver) on this copy's own saves folder, pointed at the
team database and LRS by the environment. Commands on standard input:
`play` plays one conversation to its end (printing `played`); the end of
input quits. Frames run all the while, as they would on a trainee's screen
(each frame counted as half a second, so retries come around sooner)."""
import queue
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from game.shells.window.app import App  # noqa: E402
from tests.shells.window.test_abandoned_attempts import begin  # noqa: E402


def main(name: str) -> None:
    app = App(ROOT / "tests" / "plans" / "scenarios")
    app.input_settle = 0
    app.settings.player, app.settings.learner, app.settings.mode = name, f"{name.lower()}@example.org", "coach"
    app.settings.typewriter = "instant"
    commands: queue.Queue = queue.Queue()

    def read():
        for line in sys.stdin:
            commands.put(line.strip())
        commands.put("quit")
    threading.Thread(target=read, daemon=True).start()
    while True:
        try:
            command = commands.get(timeout=0.1)
        except queue.Empty:
            command = None
        if command == "quit":
            break
        if command == "play":
            while len(app.stack) > 1:
                app.pop()
            dialogue = begin(app, player=name)
            for number in (1, 2, 2):
                dialogue.session.choose(number)
            print("played", flush=True)
        app.update(0.5)
        time.sleep(0.05)
    app.shutdown()


if __name__ == "__main__":
    main(sys.argv[1])
