"""A scenario as a graph: the data (nodes, endings, labelled choices, the
best path) and its Mermaid and Graphviz (DOT) text. The PNG drawing lives in
the UI package (it needs pygame); this module is pure."""
from __future__ import annotations

from dataclasses import dataclass, field

from game.core.analysis import explore, rule_sites
from game.core.engine import play
from game.core.model import LEVERS, RULES

LEVER_LABELS = {"customers_first": "first", "connect": "connect", "solve_problems": "solve",
                "build_trust": "trust", "positive_emotions": "emotion"}
RULE_LABELS = {"dont_upset": "don't upset", "dont_make_it_worse": "don't make worse", "shut_up_and_listen": "listen"}
OUTCOME_COLOURS = {"retained": ("#c8e6c9", "#2e7d32"), "at_risk": ("#ffe0b2", "#bf7800"),
                   "lost": ("#ffcdd2", "#b22830")}
BEST_COLOUR = "#186e80"


@dataclass
class Box:
    id: str
    text: str  # the first words said
    ending: str | None = None  # the outcome, for endings
    speaker: str = "customer"


@dataclass
class Arrow:
    source: str
    target: str
    number: int  # 1-based authored position of the choice
    label: str
    breaks: tuple[str, ...] = ()
    best: bool = False


@dataclass
class Graph:
    title: str
    boxes: dict[str, Box] = field(default_factory=dict)
    arrows: list[Arrow] = field(default_factory=list)
    best_score: int | None = None


def shorten(text: str, limit: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "\u2026"


def choice_label(choice) -> str:
    parts = [f"{'+' if choice.levers[lv] > 0 else ''}{choice.levers[lv]} {LEVER_LABELS[lv]}"
             for lv in LEVERS if choice.levers.get(lv)]
    if choice.mood != "steady":
        parts.append(choice.mood)
    return f"{choice.index + 1}" + (": " + ", ".join(parts) if parts else "")


def build(scenario, best_choices: list[int] | None = None, persona: str = "") -> Graph:
    """The graph of a scenario as `persona` meets it; the best-scoring
    playthrough's arrows marked."""
    if best_choices is None:
        best = explore(scenario, persona).best
    else:
        best = play(scenario, best_choices, persona=persona or None).result() if best_choices else None
    best_edges = {(s.node, s.index) for s in best.steps} if best else set()
    best_score = best.score if best else None
    graph = Graph(scenario.title, best_score=best_score)
    for nid, node in scenario.nodes.items():
        graph.boxes[nid] = Box(nid, shorten(" ".join(node.text)), speaker=node.speaker)
    targets = {c.goto for n in scenario.nodes.values() for c in n.choices} | {scenario.walkout_ending}
    for eid, ending in scenario.endings.items():
        if ending.builtin and eid not in targets:
            continue
        graph.boxes[eid] = Box(eid, shorten(" ".join(ending.text)), ending=ending.outcome)
    broken_at: dict[tuple[str, int], set[str]] = {}
    for rule, sites in rule_sites(scenario, persona).items():
        for site in sites:
            broken_at.setdefault((site["node"], site["choice"]), set()).add(rule)
    for nid, node in scenario.nodes.items():
        for base in node.choices:
            choice = base.for_persona(persona)
            broken = tuple(r for r in RULES if r in broken_at.get((nid, choice.index + 1), ()))
            label = choice_label(choice)
            if broken:
                label += "; breaks " + ", ".join(RULE_LABELS[r] for r in broken)
            if choice.condition_source:
                label += f"; if {choice.condition_source}"
            graph.arrows.append(Arrow(nid, choice.goto, choice.index + 1, label, broken,
                                      (nid, choice.index) in best_edges))
    return graph


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;").replace("\n", " ")


def to_mermaid(graph: Graph) -> str:
    ids = {bid: f"n{i}" for i, bid in enumerate(graph.boxes)}
    lines = [f"%% {graph.title}" + (f" (best path: score {graph.best_score})" if graph.best_score is not None else ""),
             "flowchart TD"]
    for bid, box in graph.boxes.items():
        label = _mermaid_text(f"{bid}: {box.text}")
        if box.ending:
            lines.append(f'  {ids[bid]}(["{_mermaid_text(bid)} ({box.ending.replace("_", " ")}): '
                         f'{_mermaid_text(box.text)}"]):::{box.ending}')
        else:
            lines.append(f'  {ids[bid]}["{label}"]' + (":::narrator" if box.speaker == "narrator" else ""))
    best_links = []
    emitted = 0
    for arrow in graph.arrows:
        if arrow.target not in ids:
            continue
        lines.append(f'  {ids[arrow.source]} -->|"{_mermaid_text(arrow.label)}"| {ids[arrow.target]}')
        if arrow.best:
            best_links.append(str(emitted))
        emitted += 1
    for outcome, (fill, stroke) in OUTCOME_COLOURS.items():
        lines.append(f"  classDef {outcome} fill:{fill},stroke:{stroke},color:#111")
    lines.append("  classDef narrator fill:#ede7f6,stroke:#564a78")
    if best_links:
        lines.append(f"  linkStyle {','.join(best_links)} stroke:{BEST_COLOUR},stroke-width:4px")
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def to_dot(graph: Graph) -> str:
    lines = ["digraph scenario {",
             f'  label="{_dot_text(graph.title)}"; labelloc=t; rankdir=TB;',
             '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="DejaVu Sans"];',
             '  edge [fontname="DejaVu Sans", fontsize=10];']
    for bid, box in graph.boxes.items():
        if box.ending:
            fill, stroke = OUTCOME_COLOURS[box.ending]
            lines.append(f'  "{_dot_text(bid)}" [shape=oval, fillcolor="{fill}", color="{stroke}", '
                         f'label="{_dot_text(bid)} ({box.ending.replace("_", " ")})\\n{_dot_text(box.text)}"];')
        else:
            fill = "#ede7f6" if box.speaker == "narrator" else "#ffffff"
            lines.append(f'  "{_dot_text(bid)}" [fillcolor="{fill}", label="{_dot_text(bid)}\\n{_dot_text(box.text)}"];')
    for arrow in graph.arrows:
        style = f', color="{BEST_COLOUR}", penwidth=3' if arrow.best else ""
        if arrow.breaks:
            style += ', fontcolor="#b22830"'
        lines.append(f'  "{_dot_text(arrow.source)}" -> "{_dot_text(arrow.target)}" '
                     f'[label="{_dot_text(arrow.label)}"{style}];')
    lines.append("}")
    return "\n".join(lines) + "\n"
