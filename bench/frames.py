"""Benchmark: dialogue frame time and time to the first interactive frame.

Run: `.venv/bin/python bench/frames.py [--scenarios N]` (SDL's dummy video
driver unless SDL_VIDEODRIVER says otherwise: `SDL_VIDEODRIVER=x11
DISPLAY=:99` under Xvfb measures a real X display).
Prints the median and 99th-percentile time of one dialogue frame (update +
draw + putting it on screen) at 1280x720 with the typewriter running, long
text and nine replies, compared with the 16.7 ms budget of a 60 Hz frame,
each frame alternated with the floor: a bare loop that blits one
1280x720 surface and flips (the least any full frame does: the same work
minus ours). Then the time from a fresh process to the title screen's
first frame with 140 scenarios (goal: <= 1 s), the game as `main.py` opens
it (the library read on a thread), and when the scenario list is there.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LONG = " ".join(["I have explained this to three different people now and every one of them promised a call back "
                 "that never came, and meanwhile my team is stuck waiting on a delivery we paid extra to rush."] * 4)


def dialogue_scenario() -> str:
    replies = "\n".join(f"      - text: \"Reply {i}: I hear you, and I want to fix this properly. Let me tell you "
                        f"exactly what I will do next and when you will hear from me.\"\n        goto: end"
                        for i in range(1, 10))
    return (f"format: 1\nid: frames\ntitle: Frames\nsummary: Benchmark.\ncustomer: {{name: Alex, mood: upset}}\n"
            f"start: a\nnodes:\n  a:\n    text: \"{LONG}\"\n    choices:\n{replies}\n"
            f"endings:\n  end: {{outcome: retained, text: Done.}}\n")


def frame_times(frames: int = 150) -> tuple[list[float], list[float], list[float]]:
    from game.core import loader
    from game.shells.window.app import App
    from game.shells.window.scenes.dialogue import DialogueScene
    from game.app.session import GameSession
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["FIVE_LEVERS_SAVES"] = tmp
        app = App(Path(tmp), size=(1280, 720))
        app.settings.typewriter = "fast"  # the text changes every frame: the worst case
        scenario = loader.load_text(dialogue_scenario())
        app.push(DialogueScene(app, GameSession(scenario, "frames.yaml", "Bench", "coach")))
        import pygame
        picture = app.screen.copy()
        full, partial, bare = [], [], []
        for i in range(frames):
            t0 = time.perf_counter()
            app.update(1 / 60)
            app.draw()  # everything, as after any change
            pygame.display.flip()
            t1 = time.perf_counter()
            app.update(1 / 60)
            app.render()  # what the main loop does while only the typewriter moves
            t2 = time.perf_counter()
            app.screen.blit(picture, (0, 0))  # the floor: one full-window blit and a flip
            pygame.display.flip()
            t3 = time.perf_counter()
            full.append(t1 - t0)
            partial.append(t2 - t1)
            bare.append(t3 - t2)
        assert not app.top.typing_done, "the typewriter should still be running"
        app.shutdown()
    return full, partial, bare


STARTUP = """
import time; t0 = time.perf_counter()
import os, sys; sys.path.insert(0, {root!r})
from game.shells.window.app import App
from game.shells.window.scenes.title import TitleScene
app = App({folder!r}, library_in_background=True); app.push(TitleScene(app)); app.update(0); app.draw()
import pygame; pygame.display.flip()
first = time.perf_counter() - t0; before = not app.library.ready
app.library.wait()
print(first, len(app.library.entries), time.perf_counter() - t0, before)
"""


def startup_time(runs: int = 5, scenarios: int = 140) -> tuple[float, int, float, int]:
    """Medians of the first frame and of the list being read (seconds), the
    scenarios listed, and in how many runs the first frame came first."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "scenarios"
        folder.mkdir()
        source = (ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")
        for i in range(scenarios):
            (folder / f"s{i}.yaml").write_text(source.replace("id: tutorial", f"id: copy-{i}"), encoding="utf-8")
        env = dict(os.environ, FIVE_LEVERS_SAVES=str(Path(tmp) / "saves"))
        results, lists, first = [], [], 0
        for _ in range(runs):
            out = subprocess.run([sys.executable, "-c", STARTUP.format(root=str(ROOT), folder=str(folder))],
                                 capture_output=True, text=True, env=env, check=True).stdout.split()
            results.append(float(out[0]))
            count = int(out[1])
            lists.append(float(out[2]))
            first += out[3] == "True"
    return statistics.median(results), count, statistics.median(lists), first


def main() -> None:
    import argparse
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=int, default=140)
    args = parser.parse_args()
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(f"{os.cpu_count()} CPUs; video driver {os.environ['SDL_VIDEODRIVER']}; {load}", flush=True)
    full, partial, bare = frame_times()
    floor_p99 = sorted(bare)[int(len(bare) * 0.99) - 1] * 1000
    for name, times in (("full redraw + flip", full), ("main loop (typewriter only)", partial),
                        ("floor: bare blit + flip", bare)):
        times = sorted(times)
        median = statistics.median(times) * 1000
        p99 = times[int(len(times) * 0.99) - 1] * 1000
        print(f"dialogue frame, {name} (1280x720, typewriter, long text, 9 replies): median {median:.3f} ms, "
              f"p99 {p99:.3f} ms = {p99 / 16.7:.3f} of a 60 Hz frame, {p99 / floor_p99:.2f}x the floor's p99",
              flush=True)
    seconds, count, listed, first = startup_time(scenarios=args.scenarios)
    print(f"launch to first title frame with {count} scenarios: {seconds * 1000:.0f} ms (median of 5; goal <= 1 s: "
          f"{'ok' if seconds <= 1 else 'OVER GOAL'}); the scenario list read {listed * 1000:.0f} ms after launch, "
          f"after the first frame in {first} of 5 runs  load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
