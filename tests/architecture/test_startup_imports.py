"""Commands start without importing what they do not use: `--help` needs
only the argument parser, not the loader, YAML, `transitions`, the
explorer, the database drivers or pygame; `validate` needs the loader but
not pygame, a database driver or the explorer (on files that need none)."""
import json
import subprocess
import sys
from pathlib import Path

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


def imported_by(*args: str) -> set[str]:
    proc = subprocess.run([sys.executable, "-c", SHOW_MODULES, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={"PATH": "/usr/bin:/bin", "SDL_VIDEODRIVER": "dummy"})
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
