"""Read every `game` module's imports with `ast` (function-level imports
included) and check them against the layer rules of docs/decisions.md
("Layout and import rules")."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# what each layer may import besides itself and the package root `game`
# (the longest matching prefix decides a module's layer)
LAYERS = {
    "game.core": (),
    "game.authoring": ("game.core",),
    "game.storage": ("game.core",),
    "game.delivery": ("game.core", "game.storage"),
    "game.app": ("game.core", "game.authoring", "game.storage", "game.delivery"),
    "game.shells.window": ("game.app", "game.core", "game.authoring", "game.storage", "game.delivery"),
    "game.shells.terminal": ("game.app", "game.core", "game.authoring", "game.storage", "game.delivery"),
    "game.shells.cli": ("game.app", "game.core", "game.authoring", "game.storage", "game.delivery"),
    "game.shells.web": ("game.app", "game.core", "game.authoring", "game.storage", "game.delivery"),
    "game.shells.lsp": ("game.app", "game.core", "game.authoring", "game.storage", "game.delivery"),
    "game.shells": (),  # the package of the shells; its __init__ imports nothing
    "game.launch": ("game",),  # the composition root: the one module that may import a shell
}


def module_files(root: Path = ROOT) -> dict[str, Path]:
    """Dotted module name -> file, for every module under root/game."""
    found = {}
    for path in sorted((root / "game").rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path, known: set[str]) -> list[tuple[str, int]]:
    """(imported game module, line) for every import in the file, at any depth."""
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:  # `from package import module` imports the module
                sub = f"{module}.{alias.name}"
                found.append((sub if sub in known else module, node.lineno))
    return [(m, line) for m, line in found if m == "game" or m.startswith("game.")]


def layer_of(module: str) -> str | None:
    matches = [layer for layer in LAYERS if module == layer or module.startswith(layer + ".")]
    return max(matches, key=len) if matches else None


def allowed(importer: str, imported: str) -> bool:
    """May module `importer` import module `imported`? (`game` itself, with
    only `__version__`, may be imported by all and imports nothing.)"""
    if imported == "game":
        return True
    layer = layer_of(importer)
    if layer is None:
        return False
    if layer_of(imported) == layer:
        return True
    return any(imported == ok or imported.startswith(ok + ".") for ok in LAYERS[layer])


def violations(root: Path = ROOT) -> list[str]:
    files = module_files(root)
    known = set(files)
    problems = []
    for name, path in files.items():
        if layer_of(name) is None and name != "game":
            problems.append(f"{path.relative_to(root)}: module {name} is in no layer")
            continue
        for imported, line in imports_of(name, path, known):
            if not allowed(name, imported):
                problems.append(f"{path.relative_to(root)}:{line}: {name} ({layer_of(name)}) "
                                f"may not import {imported} ({layer_of(imported)})")
    return problems


def outside_imports(path: Path) -> set[str]:
    """Top-level names of the non-`game` modules a file imports (at any depth)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module.split(".")[0])
    return found - {"game"}


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    files = module_files(root)
    known = set(files)
    return {name: {m for m, _ in imports_of(name, path, known) if m in known and m != name}
            for name, path in files.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found
