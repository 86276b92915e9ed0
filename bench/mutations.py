"""The large mutation run (issue 27): N mutated scenario files (default
3,400), each through validate, analyze, graph and scripted play, in this
process; prints any crash or hang with the seed that reproduces it.

    python bench/mutations.py [N] [FIRST_SEED]
"""
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.reliability.harness import check  # noqa: E402

SOURCES = sorted((ROOT / "scenarios").glob("*.yaml")) + sorted((ROOT / "tests" / "bad").glob("*.yaml"))


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 3400
    first = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        import os
        os.environ["FIVE_LEVERS_SAVES"] = str(Path(folder) / "saves")
        failures = check(SOURCES, range(first, first + count), Path(folder))
    for line in failures:
        print(line)
    print(f"{count} mutated files, {len(failures)} failures, {time.perf_counter() - started:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
