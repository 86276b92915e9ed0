"""The folders are the architecture: each layer imports only what
docs/decisions.md ("Layout and import rules") allows, no `game` modules
import each other in a circle, and every module stays under 400 lines."""
from pathlib import Path

from tests.architecture.imports import ROOT, cycles, import_graph, layer_of, module_files, outside_imports, violations

MAX_LINES = 400


def test_every_module_keeps_to_its_layer():
    assert violations() == []


def test_only_the_window_imports_pygame_and_the_core_no_io():
    """pygame only in the window; the core reads no database, network or threads."""
    pygame = sorted(name for name, path in module_files().items()
                    if "pygame" in outside_imports(path) and layer_of(name) != "game.shells.window")
    assert pygame == []
    io = {"sqlite3", "psycopg", "urllib", "http", "socket", "threading", "queue", "subprocess"}
    core = {name: sorted(outside_imports(path) & io) for name, path in module_files().items()
            if layer_of(name) == "game.core"}
    assert {name: found for name, found in core.items() if found} == {}


def test_no_import_cycle_among_game_modules():
    assert cycles(import_graph()) == []


def test_no_scene_imports_another_scene():
    """Scenes ask for a screen by name (`app.go("debrief", …)`); only
    navigation.py knows the scene classes. base.py and common.py are parts, not scenes."""
    scenes = "game.shells.window.scenes."
    parts = {scenes + "base", scenes + "common", scenes.rstrip(".")}
    graph = import_graph()
    found = {name: sorted(m for m in imported if m.startswith(scenes) and m not in parts)
             for name, imported in graph.items() if name.startswith(scenes)}
    assert {name: found for name, found in found.items() if found} == {}
    assert {name for name, imported in graph.items() if any(m.startswith(scenes) and m not in parts
                                                           for m in imported)} == {"game.shells.window.navigation"}


def test_every_module_is_under_400_lines():
    long = {str(p.relative_to(ROOT)): n for p in (ROOT / "game").rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) >= MAX_LINES}
    assert long == {}


def _fake_game(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in {"game/__init__.py": "", "game/core/__init__.py": "", "game/storage/__init__.py": "",
                       "game/shells/__init__.py": "", "game/shells/window/__init__.py": "",
                       "game/shells/terminal/__init__.py": "", "game/app/__init__.py": "", **files}.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_the_checker_finds_a_core_module_importing_storage_inside_a_function(tmp_path):
    root = _fake_game(tmp_path, {"game/storage/saves.py": "",
                                 "game/core/model.py": "def f():\n    from game.storage import saves\n"})
    assert violations(root) == ["game/core/model.py:2: game.core.model (game.core) may not import "
                                "game.storage.saves (game.storage)"]


def test_the_checker_finds_a_shell_importing_another_shell_and_storage_importing_the_app(tmp_path):
    root = _fake_game(tmp_path, {"game/shells/window/app.py": "",
                                 "game/shells/terminal/play.py": "from game.shells.window import app\n",
                                 "game/app/session.py": "",
                                 "game/storage/saves.py": "from ..app.session import x\n"})
    found = violations(root)
    assert len(found) == 2
    assert found[0].startswith("game/shells/terminal/play.py:1: game.shells.terminal.play")
    assert found[1].startswith("game/storage/saves.py:1: game.storage.saves (game.storage) may not import "
                               "game.app.session")


def test_the_checker_finds_a_module_outside_every_layer(tmp_path):
    root = _fake_game(tmp_path, {"game/stray.py": "x = 1\n"})
    assert violations(root) == ["game/stray.py: module game.stray is in no layer"]


def test_the_cycle_finder_finds_a_circle_through_a_function_level_import(tmp_path):
    root = _fake_game(tmp_path, {"game/core/a.py": "from game.core import b\n",
                                 "game/core/b.py": "def f():\n    from game.core.c import x\n",
                                 "game/core/c.py": "import game.core.a\n", "game/core/d.py": "import game.core.a\n"})
    assert cycles(import_graph(root)) == [["game.core.a", "game.core.b", "game.core.c"]]
