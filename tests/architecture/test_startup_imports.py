"""Commands start without importing what they do not use: `--help` needs
only the argument parser, not the loader, YAML, `transitions`, the
explorer, the database drivers or pygame; `validate` needs the loader but
not pygame, a database driver or the explorer (on files that need none);
`scoreboard` needs its database, not the engine, YAML or `transitions`."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SHOW_MODULES = """
import sys, runpy
sys.argv = ["main.py", *sys.argv[1:]]
try:
    runpy.run_path("main.py", run_name="__main__")
except SystemExit:
    pass
found = sorted(sys.modules)  # before json is imported to print them
sys.stdout.flush()
import json
print("\\nMODULES " + json.dumps(found))
"""


def imported_by(*args: str, env: dict | None = None) -> set[str]:
    proc = subprocess.run([sys.executable, "-c", SHOW_MODULES, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={"PATH": "/usr/bin:/bin", "SDL_VIDEODRIVER": "dummy", **(env or {})})
    assert proc.returncode == 0 and not proc.stderr, proc.stderr
    line = next(line for line in proc.stdout.splitlines() if line.startswith("MODULES "))
    return set(json.loads(line[len("MODULES "):]))


def top(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_help_imports_no_loader_yaml_transitions_explorer_driver_or_pygame():
    found = imported_by("--help")
    assert "game.shells.cli.commands" in found  # it did run
    assert not top(found) & {"pygame", "psycopg", "sqlite3", "yaml", "transitions"}, sorted(found)
    assert not found & {"game.core.loader", "game.core.validator", "game.core.explorer", "game.core.engine",
                        "game.core.machines", "game.authoring.blind_review"}, sorted(found)


def test_validate_imports_the_loader_but_no_driver_pygame_or_explorer():
    found = imported_by("validate", "scenarios/tutorial.yaml")
    assert "game.core.loader" in found and "yaml" in found
    assert not top(found) & {"pygame", "psycopg"}, sorted(found)
    assert "game.core.explorer" not in found
    # scenario files only: the portfolio and course checkers, and did-you-mean's difflib (a clean file
    # needs none), are not imported (issue 33)
    assert not found & {"game.core.portfolio.load", "game.core.course.load", "difflib"}, sorted(found)
    # nor OpenSSL (the content hash is CPython's own SHA-256 unless OpenSSL is loaded: game/core/sha.py), nor
    # shutil with bz2 and lzma (argparse's help width is found without it: cli/common.HelpFormatter)
    assert not found & {"_hashlib", "shutil", "lzma", "bz2"}, sorted(found)
    # nor json (only --json output needs it) or dataclasses (the model's classes are written without it:
    # game/core/frozen.py) (issue 33, perf57)
    assert not found & {"json", "dataclasses"}, sorted(found)
    # nor pathlib (with urllib.parse and ipaddress): file names are str, as pathlib wrote them
    # (source_files.posix_path) (issue 33, perf60)
    assert not found & {"pathlib", "urllib.parse", "ipaddress"}, sorted(found)


def test_validate_still_checks_portfolios_and_courses_when_given():
    found = imported_by("validate", "portfolios", "courses", "scenarios/tutorial.yaml")
    assert {"game.core.portfolio.load", "game.core.course.load"} <= found


# what reading the scoreboard never needs: the scenario loader and YAML, the engine and its
# state machines, the reply marks and the quality checks (only recording an attempt uses them) (issue 33)
NOT_FOR_READING = {"yaml", "transitions", "pygame"}
NOT_FOR_READING_MODULES = {"game.core.engine", "game.core.machines", "game.core.loader", "game.core.yaml_reader",
                           "game.core.reply_marks", "game.core.quality", "game.core.explorer", "game.core.playtest"}


@pytest.mark.parametrize("args", [(), ("--format", "json"), ("--format", "csv"),
                                  ("--player", "Ana", "--scenario", "late-delivery", "--since", "2026-11-01"),
                                  ("--style", "analytical", "--format", "json"), ("--persona", "x", "--format", "csv"),
                                  ("--by-style", "--player", "Ana"), ("--portfolio", "launch", "--format", "json"),
                                  ("--team", "levers"), ("--team", "weeks", "--mode", "coach")])
def test_scoreboard_reads_without_the_engine_yaml_or_transitions(store, args):
    """Every format and filter of `scoreboard`, on SQLite and PostgreSQL (`--team certificates` reads its
    course's YAML file, so it is not here)."""
    from game.core import loader
    from game.core.engine import play
    from game.delivery.config import sender_id
    from game.storage.attempts import Attempt
    from game.storage.scoreboard import open_scoreboard
    run = play(loader.load_file(ROOT / "tests" / "plans" / "scenarios" / "late-refund.yaml"), [1, 2, 2])
    board = open_scoreboard()
    board.record(Attempt.from_playthrough(run, "Ana", "coach", started_at="2026-11-20T09:58:30+00:00",
                                          finished_at="2026-11-20T10:00:00+00:00"))
    board.close()
    sender_id()  # made on a machine's first run (with socket and uuid), read on every other
    env = {k: os.environ[k] for k in ("FIVE_LEVERS_SAVES", "FIVE_LEVERS_DB") if k in os.environ}
    found = imported_by("scoreboard", *args, env=env)
    assert "game.storage.scoreboard" in found  # it did run
    assert ("psycopg" in top(found)) == (store == "postgresql")
    assert not top(found) & NOT_FOR_READING, sorted(found)
    assert not found & NOT_FOR_READING_MODULES, sorted(found)
    # nor what only recording needs (psycopg brings some of these itself; typing is not asked: runpy's
    # pkgutil, which this test runs main.py with, imports it)
    if store == "sqlite":
        recording = {"dataclasses", "inspect", "uuid", "socket", "game.core.course.model"}
        assert not found & recording, sorted(found & recording)
