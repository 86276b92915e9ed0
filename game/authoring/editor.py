"""What an editor needs to know about a scenario being written: the language
server's knowledge, as plain data (no editor protocol here; the shell in
`game/shells/lsp` speaks it).

* `study(text, file)`: exactly what `validate FILE` says about the text,
  house rules included (the real validator, not a copy of it), and the
  index: where each node, ending and persona is
  declared, every `goto` and `if`, the flags, and the loaded scenario when
  it loads; `None` when the text is not readable YAML (the server then
  keeps the last index it had).
* `completions`, `definition`, `references`, `hover`: positions are 1-based
  (line, column), like the diagnostics.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from game.core import loader, yaml_reader
from game.core.errors import Diagnostic
from game.core.model import BEHAVIOUR_NAMES, LEVERS, MOOD_CHANGES, MOODS, OUTCOMES, QUARTER_NAMES, RULES

_WORD = re.compile(r"[A-Za-z0-9_-]+")
_GOTO = re.compile(r"(?:^|[\s{,])(?:goto|start|on_walkout):\s*[\"']?[\w-]*$")
_IF = re.compile(r"(?:^|[\s{,])if:\s")
_PERSONA_TEST = re.compile(r"persona\s*(?:==|!=)\s*[\"']?[\w-]*$")
_LEVERS = re.compile(r"levers:\s*\{(?:[^}]*,)?\s*[\w]*$|^\s+[\w]*$")
_BREAKS = re.compile(r"breaks:\s*(?:\[(?:[^\]]*,)?\s*)?[\w]*$")
_MOOD = re.compile(r"mood:\s*[\w]*$")
_OUTCOME = re.compile(r"outcome:\s*[\w]*$")


@dataclass
class Index:
    """Where things are in one scenario text (1-based positions)."""
    ids: dict[str, tuple[int, int, str]] = field(default_factory=dict)  # id -> (line, column, "node"|"ending")
    gotos: list[tuple[int, int, str, str]] = field(default_factory=list)  # (line, column, target, from node)
    personas: dict[str, tuple[int, int]] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    scenario: object = None  # the loaded Scenario, when the text has no errors

    def node_lines(self) -> dict[str, int]:
        return {nid: pos[0] for nid, pos in self.ids.items()}


def study(text: str, file: str) -> tuple[list[Diagnostic], Index | None]:
    """What `validate FILE` prints for this text (errors, warnings, house
    rules), and the index (None when the text is not readable YAML)."""
    from game.authoring.library_rules import check as house_rules
    checked = loader.check_text(text, file)
    found = list(checked.diagnostics)
    if checked.scenario is not None:
        found += house_rules(checked.scenario, file)
    index = build_index(text, file, checked.scenario)
    return found, index


def build_index(text: str, file: str, scenario=None) -> Index | None:
    tree, _ = yaml_reader.read(text, file)
    if not isinstance(tree, yaml_reader.YMap):
        return None
    index = Index()
    for section, kind in (("nodes", "node"), ("endings", "ending")):
        states = tree.get(section)
        if isinstance(states, yaml_reader.YMap):
            for sid in states:
                index.ids[sid] = (*states.key_pos[sid], kind)
    personas = tree.get("personas")
    if isinstance(personas, yaml_reader.YMap):
        index.personas = {pid: tuple(personas.key_pos[pid]) for pid in personas}
    for key in ("start", "on_walkout"):
        if isinstance(tree.get(key), str):
            index.gotos.append((*tree.value_pos[key], tree[key], ""))
    nodes = tree.get("nodes")
    for nid, node in (nodes.items() if isinstance(nodes, yaml_reader.YMap) else ()):
        choices = node.get("choices") if isinstance(node, yaml_reader.YMap) else None
        for choice in (choices if isinstance(choices, yaml_reader.YSeq) else ()):
            if isinstance(choice, yaml_reader.YMap) and isinstance(choice.get("goto"), str):
                index.gotos.append((*choice.value_pos["goto"], choice["goto"], nid))
    index.flags = _flags(tree)
    index.scenario = scenario
    return index


def _flags(tree) -> set[str]:
    found, todo = set(), [tree]
    while todo:
        item = todo.pop()
        if isinstance(item, yaml_reader.YMap):
            for key in ("set", "add"):
                if isinstance(item.get(key), yaml_reader.YMap):
                    found.update(item[key])
            todo.extend(item.values())
        elif isinstance(item, yaml_reader.YSeq):
            todo.extend(item)
    return found


def completions(index: Index | None, before: str) -> list[tuple[str, str, str]]:
    """(label, kind, detail) for the text of the line up to the cursor.
    Kinds: node, ending, persona, flag, behaviour, lever, rule, mood, outcome, keyword."""
    index = index or Index()
    if _GOTO.search(before):
        return [(sid, kind, f"{kind}, line {line}") for sid, (line, _, kind) in index.ids.items()]
    if _IF.search(before):
        if _PERSONA_TEST.search(before):
            return _personas(index)
        return ([(f, "flag", "flag (set or added by a reply)") for f in sorted(index.flags)]
                + [(b, "behaviour", "what the portfolio quarter told (0 when played alone; words only)"
                    if b in QUARTER_NAMES else "how the conversation has gone so far") for b in BEHAVIOUR_NAMES]
                + [("mood", "behaviour", "the customer's mood")]
                + [(m, "mood", "a mood") for m in MOODS]
                + [(w, "keyword", "") for w in ("and", "or", "not", "true", "false")]
                + _personas(index))
    if _BREAKS.search(before):
        return [(r, "rule", "a rule for upset customers") for r in RULES]
    if _MOOD.search(before):
        return [(m, "mood", "how the reply moves the mood") for m in MOOD_CHANGES]
    if _OUTCOME.search(before):
        return [(o, "outcome", "an ending's outcome") for o in OUTCOMES]
    if "levers" in before or _LEVERS.search(before):
        return [(lever, "lever", "a lever: -3..+3") for lever in LEVERS]
    return _personas(index) + [(lever, "lever", "a lever") for lever in LEVERS] + \
        [(r, "rule", "a rule") for r in RULES]


def _personas(index: Index) -> list[tuple[str, str, str]]:
    return [(pid, "persona", f"persona, line {line}") for pid, (line, _) in index.personas.items()]


def word_at(line_text: str, column: int) -> tuple[str, int] | None:
    """The id-like word under a 1-based column, and the column it starts at."""
    for m in _WORD.finditer(line_text):
        if m.start() + 1 <= column <= m.end() + 1:  # on the word, or just after it
            return m.group(0), m.start() + 1
    return None


def _target(index: Index, line_text: str, column: int) -> str | None:
    found = word_at(line_text, column)
    return found[0] if found and found[0] in index.ids else None


def definition(index: Index | None, line_text: str, column: int) -> tuple[int, int] | None:
    """Where the node or ending under the cursor (a goto, start, on_walkout) is declared."""
    if index is None:
        return None
    target = _target(index, line_text, column)
    return index.ids[target][:2] if target else None


def references(index: Index | None, line_text: str, column: int, declaration: bool = False) -> list[tuple[int, int]]:
    """Every reply (and `start`/`on_walkout`) that goes to the node under the cursor."""
    if index is None:
        return []
    target = _target(index, line_text, column)
    if target is None:
        return []
    found = [(line, col) for line, col, goto, _ in index.gotos if goto == target]
    return ([index.ids[target][:2]] if declaration else []) + found


def hover(index: Index | None, line_text: str, column: int) -> str | None:
    """A node's or ending's line, what leads to it and, for a node, its
    ceiling: the most each lever can still collect from there."""
    if index is None:
        return None
    target = _target(index, line_text, column)
    if target is None:
        return None
    line, _, kind = index.ids[target]
    into = [g for g in index.gotos if g[2] == target and g[3]]
    lines = [f"**{kind} `{target}`**, line {line}; {len(into)} repl{'y goes' if len(into) == 1 else 'ies go'} here"]
    scenario = index.scenario
    if scenario is not None and kind == "node":
        from game.core.scoring import bests_from
        for persona in scenario.personas or [""]:
            best = bests_from(scenario, persona).get(target)
            who = f" ({persona})" if persona else ""
            if best is None:
                lines.append(f"ceiling from here{who}: not reachable from `start`, or no ending after it")
                continue
            points = ", ".join(f"{lever} {value}" for lever, value in best.items() if value > 0) or "none"
            lines.append(f"ceiling from here{who}: {points}")
    elif scenario is not None and kind == "ending" and target in scenario.endings:
        lines.append(f"outcome: {scenario.endings[target].outcome}")
    return "\n\n".join(lines)
