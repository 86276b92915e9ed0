"""The long random-input run in the window (issue 27): seeded random keys,
typing, clicks and resizes for N frames per seed under SDL's dummy driver;
prints any exception or hang with the seed and the last events, and the
scenes reached.

    python bench/random_input.py [FRAMES_PER_SEED] [SEEDS] [FIRST_SEED]
"""
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from tests.reliability.random_input import timed_run  # noqa: E402


def main() -> int:
    frames = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    seeds = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    first = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    with tempfile.TemporaryDirectory() as folder:
        os.environ["FIVE_LEVERS_SAVES"] = str(Path(folder) / "saves")
        failures, seen, seconds = timed_run(range(first, first + seeds), frames, ROOT / "scenarios")
    for line in failures:
        print(line)
    print(f"{seeds} seeds x {frames} frames, {len(failures)} failures, {seconds:.0f} s; scenes reached: "
          + ", ".join(f"{name} {count}" for name, count in seen.most_common()))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
