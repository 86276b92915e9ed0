"""The core never imports pygame, the UI or storage."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# every module directly in game/ is core, apart from the command line (which
# reaches storage and the UI); a new core module is covered automatically
CORE = sorted(f"game.{p.stem}" for p in (ROOT / "game").glob("*.py")
              if p.stem != "__init__" and not p.stem.startswith("cli")) + \
    sorted(f"game.portfolio.{p.stem}" for p in (ROOT / "game" / "portfolio").glob("*.py"))


def test_core_imports_with_pygame_blocked():
    code = (
        "import sys; sys.modules['pygame'] = None\n"
        f"import importlib\nfor name in {CORE!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('game.ui', 'game.storage', 'pygame')) "
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
