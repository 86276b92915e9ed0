"""House rules that need the library's documents, and the house-rule pass
of `validate`.

A scenario in a library (a `scenarios/` folder whose parent has
`docs/content-map.md`, as in this repository) must be listed in the content
map, have a trainer's pack (`docs/trainer-pack/<id>.md`) with objectives,
debrief questions and its decisions, and, unless it is a tutorial, be a
full scenario: two personas with cues in the customer's lines, twelve
nodes, and endings for every outcome. The library's tests enforce all of
it; `validate` says it first, as warnings (FL075-FL079), together with the
pure rules of `game.core.house_rules`.
"""
from __future__ import annotations

import os
import re

from game.core import house_rules
from game.core.errors import Diagnostic
from game.core.model import OUTCOMES

CODES = {
    "FL075": "the content map does not list the scenario",
    "FL076": "the content map names a node the scenario does not have",
    "FL077": "no trainer's pack, or one without objectives, questions or decisions",
    "FL078": "a full scenario with fewer than two personas or too few persona cues",
    "FL079": "a full scenario with fewer than twelve nodes or without every outcome",
}
CONTENT_MAP = os.path.join("docs", "content-map.md")  # str paths: `validate` starts without pathlib


def library_root(path) -> str | None:
    """The library a scenario file belongs to (its folder, resolved), or None."""
    folder = os.path.dirname(os.path.realpath(path))
    if os.path.basename(folder) != "scenarios":
        return None
    root = os.path.dirname(folder)
    return root if os.path.isfile(os.path.join(root, CONTENT_MAP)) else None


def check(scenario, file: str, everywhere: bool = False) -> list[Diagnostic]:
    """The house-rule warnings for one loaded scenario: the pure rules when
    the file is in a library (or `everywhere`), and the library's own."""
    root = library_root(file)
    if root is None and not everywhere:
        return []
    found = house_rules.check(scenario, file)
    if root is not None:
        found += _library(scenario, file, root)
    return found


def content_map(root: str) -> dict[str, list[tuple[str, int]]]:
    """docs/content-map.md read as the library's tests read it: scenario id
    -> the node ids its rows name, each with its line."""
    with open(os.path.join(root, CONTENT_MAP), encoding="utf-8", errors="replace") as handle:
        text = handle.read()
    found: dict[str, list[tuple[str, int]]] = {}
    current = None
    for number, row in enumerate(text.splitlines(), 1):
        if not (row.startswith("|") and "`" in row):
            continue
        cells = [c.strip() for c in row.strip("|").split("|")]
        if len(cells) != 3:
            continue
        ids = re.findall(r"`([^`]+)`", cells[1])
        if ids:
            current = ids[0]
        if current is not None:
            found.setdefault(current, []).extend((node, number) for node in re.findall(r"`([^`]+)`", cells[2]))
    return found


def _warn(code: str, file, line: int, message: str) -> Diagnostic:
    return Diagnostic(code, "warning", str(file), max(1, line), 1, f"{message} [house rule]")


def _library(scenario, file: str, root: str) -> list[Diagnostic]:
    found = []
    mapped = content_map(root)
    map_file = _shown(os.path.join(root, CONTENT_MAP), file)
    if scenario.id not in mapped:
        found.append(_warn("FL075", file, 1, f"{map_file} does not list scenario '{scenario.id}': add a row "
                           "naming it and the nodes where it practises each idea"))
    for node, line in mapped.get(scenario.id, []):
        if node not in scenario.nodes and node not in scenario.endings:
            found.append(_warn("FL076", map_file, line, f"the content map names node '{node}', which "
                               f"scenario '{scenario.id}' ({file}) does not have"))
    found += _pack(scenario, file, root)
    if "tutorial" not in scenario.tags and scenario.id != "tutorial":
        found += _full(scenario, file)
    return found


def _shown(path: str, beside: str) -> str:
    """`path` (resolved) written the way the scenario's own file name is (relative stays relative)."""
    if os.path.isabs(beside):
        return path
    here = os.path.realpath(os.getcwd())
    if path == here:
        return "."
    inside = here if here.endswith("/") else here + "/"
    return path[len(inside):] if path.startswith(inside) else path


def _pack(scenario, file: str, root: str) -> list[Diagnostic]:
    pack = os.path.join(root, "docs", "trainer-pack", f"{scenario.id}.md")
    shown = _shown(pack, file)
    if not os.path.isfile(pack):
        return [_warn("FL077", file, 1, f"no trainer's pack for '{scenario.id}': write {shown} with learning "
                      "objectives, the decisions (name the nodes in `backticks`) and debrief questions")]
    with open(pack, encoding="utf-8", errors="replace") as handle:
        text = handle.read()
    found = []
    if not re.search(r"objective", text, re.I):
        found.append(_warn("FL077", shown, 1, "the trainer's pack has no learning objectives"))
    if not re.search(r"debrief question|questions for", text, re.I):
        found.append(_warn("FL077", shown, 1, "the trainer's pack has no debrief questions"))
    named = set(re.findall(r"`([A-Za-z0-9_-]+)`", text))
    decisions = sorted(nid for nid, node in scenario.nodes.items() if len(node.choices) >= 2)
    missing = [nid for nid in decisions if nid not in named]
    if len(decisions) - len(missing) < len(decisions) // 2:
        found.append(_warn("FL077", shown, 1, f"the trainer's pack walks through {len(decisions) - len(missing)} "
                           f"of {len(decisions)} decisions; name at least half in `backticks` (not yet: "
                           f"{', '.join(missing[:8])}{', …' if len(missing) > 8 else ''})"))
    return found


def _full(scenario, file: str) -> list[Diagnostic]:
    found = []
    cued = [nid for nid, node in scenario.nodes.items()
            if any("persona" in v.condition_source for v in node.variants)]
    if len(scenario.personas) < 2 or len(cued) < 3:
        found.append(_warn("FL078", file, 1, f"a full scenario has two personas or more (this has "
                           f"{len(scenario.personas)}) with their cues in the customer's lines at three nodes or "
                           f"more (`variants:` with `if: persona == …`; now at {len(cued)})"))
    outcomes = {e.outcome for e in scenario.endings.values() if not e.builtin}
    if len(scenario.nodes) < 12 or not outcomes >= set(OUTCOMES):
        lacking = [o for o in OUTCOMES if o not in outcomes]
        found.append(_warn("FL079", file, 1, f"a full scenario has twelve nodes or more (this has "
                           f"{len(scenario.nodes)}) and an ending for every outcome"
                           f"{' (none yet for ' + ', '.join(lacking) + ')' if lacking else ''}; "
                           "tag it `tutorial` if it is one"))
    return found
