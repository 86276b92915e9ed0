"""The core never imports pygame, a shell, the app, storage or delivery."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# every module under game/core is core; a new core module is covered automatically
CORE = sorted(".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
              for p in (ROOT / "game" / "core").rglob("*.py"))
OUTSIDE = ("game.shells", "game.app", "game.authoring", "game.storage", "game.delivery", "pygame", "sqlite3",
           "psycopg", "urllib.request", "socket")


def test_core_imports_with_pygame_blocked():
    code = (
        "import sys; sys.modules['pygame'] = None\n"
        f"import importlib\nfor name in {CORE!r}: importlib.import_module(name)\n"
        f"bad = sorted(m for m in sys.modules if m.startswith({OUTSIDE!r}) "
        "and sys.modules[m] is not None)\n"
        "print(bad)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_only_the_reader_imports_yaml_and_only_machines_imports_transitions():
    for path in (ROOT / "game").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        if path.name != "yaml_reader.py":
            assert "import yaml" not in source, path
        if path.name != "machines.py":
            assert "from transitions" not in source and "import transitions" not in source, path
