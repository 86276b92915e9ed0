"""Layered layout of a scenario graph (pure: positions only, no drawing).

Layers by longest path from the start (loops broken at their back edges),
long edges routed through virtual points in the layers they cross, and the
order within each layer improved by barycentre sweeps to reduce crossings.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Layout:
    width: int
    height: int
    boxes: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)  # id -> x, y, w, h
    routes: list[list[tuple[int, int]]] = field(default_factory=list)  # per arrow: points source -> target
    # copies of an ending drawn just below a far-away source (instead of a
    # line across the whole graph): copy id -> (ending id, box)
    copies: dict[str, tuple[str, tuple[int, int, int, int]]] = field(default_factory=dict)
    ends: list[str] = field(default_factory=list)  # per arrow: the box (or copy) it points at


def _back_edges(order: list[str], succ: dict[str, list[str]]) -> set[tuple[str, str]]:
    back, state = set(), {}
    for root in order:
        if root in state:
            continue
        stack = [(root, iter(succ[root]))]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            for child in children:
                if state.get(child) == 1:
                    back.add((node, child))
                elif child not in state:
                    state[child] = 1
                    stack.append((child, iter(succ[child])))
                    break
            else:
                state[node] = 2
                stack.pop()
    return back


def layout(graph, start: str, box_w: int = 250, box_h: int = 70, gap_x: int = 50, gap_y: int = 120,
           margin: int = 40) -> Layout:
    ids = list(graph.boxes)
    succ = {i: [] for i in ids}
    for a in graph.arrows:
        if a.source in succ and a.target in succ:
            succ[a.source].append(a.target)
    back = _back_edges([start, *ids], succ)
    forward = [(a.source, a.target) if (a.source, a.target) not in back else (a.target, a.source)
               for a in graph.arrows if a.source in succ and a.target in succ]
    layer = _longest_path_layers(ids, forward)
    # an ending far below its source gets a copy in the next layer; a loop
    # back up more than two layers runs in a lane beside the graph
    rows: dict[int, list[str]] = {}
    for i in ids:
        rows.setdefault(layer[i], []).append(i)
    ends, side, copy_of = [], set(), {}
    for k, a in enumerate(graph.arrows):
        end = a.target
        if a.source in succ and a.target in succ:
            span = layer[a.target] - layer[a.source]
            if graph.boxes[a.target].ending and span > 2:
                end = f"{a.target}\0copy{layer[a.source] + 1}"
                if end not in copy_of:
                    copy_of[end] = a.target
                    layer[end] = layer[a.source] + 1
                    rows.setdefault(layer[end], []).append(end)
            elif span < -2:
                side.add(k)
        ends.append(end)
    chains = []
    for k, a in enumerate(graph.arrows):
        if a.source not in succ or a.target not in succ or k in side:
            chains.append([])
            continue
        top, bottom = sorted((layer[a.source], layer[ends[k]]))
        chain = []
        for level in range(top + 1, bottom):
            name = f"\0{k}:{level}"
            rows.setdefault(level, []).append(name)
            chain.append(name)
        if layer[a.source] > layer[ends[k]]:
            chain.reverse()
        chains.append(chain)
    neighbours: dict[str, list[str]] = {}
    for k, (a, chain) in enumerate(zip(graph.arrows, chains)):
        if a.source not in succ or a.target not in succ or k in side:
            continue
        points = [a.source, *chain, ends[k]]
        for u, v in zip(points, points[1:]):
            neighbours.setdefault(u, []).append(v)
            neighbours.setdefault(v, []).append(u)
    levels = sorted(rows)
    _reduce_crossings(rows, levels, neighbours, layer)
    widest = max(len(r) for r in rows.values()) if rows else 1
    lane = 14
    body = 2 * margin + widest * box_w + (widest - 1) * gap_x  # the boxes; lanes for loops go to its right
    width = body + lane * len(side)
    height = 2 * margin + (levels[-1] + 1 if levels else 1) * (box_h + gap_y) - gap_y
    centres = {}
    for level in levels:
        row = rows[level]
        row_w = len(row) * box_w + (len(row) - 1) * gap_x
        x0 = (body - row_w) // 2
        for i, name in enumerate(row):
            centres[name] = (x0 + i * (box_w + gap_x) + box_w // 2, margin + level * (box_h + gap_y) + box_h // 2)
    out = Layout(width, height, ends=ends)
    for i in ids:
        cx, cy = centres[i]
        out.boxes[i] = (cx - box_w // 2, cy - box_h // 2, box_w, box_h)
    for copy, target in copy_of.items():
        cx, cy = centres[copy]
        out.copies[copy] = (target, (cx - box_w // 2, cy - box_h // 2, box_w, box_h))
    lanes = 0
    for k, (a, chain) in enumerate(zip(graph.arrows, chains)):
        if a.source not in succ or a.target not in succ:
            out.routes.append([])
        elif k in side:
            lanes += 1
            x = body - margin // 2 + lanes * lane
            (sx, sy), (tx, ty) = centres[a.source], centres[a.target]
            out.routes.append([(sx, sy), (x, sy), (x, ty), (tx, ty)])
        else:
            out.routes.append([centres[a.source], *(centres[c] for c in chain), centres[ends[k]]])
    return out


def _longest_path_layers(ids: list[str], forward: list[tuple[str, str]]) -> dict[str, int]:
    """Each box's layer: the longest path to it over the acyclic forward edges."""
    indeg = {i: 0 for i in ids}
    out_edges: dict[str, list[str]] = {i: [] for i in ids}
    for s, t in forward:
        if s != t:
            indeg[t] += 1
            out_edges[s].append(t)
    layer = {i: 0 for i in ids}
    queue = [i for i in ids if indeg[i] == 0]
    while queue:
        node = queue.pop()
        for t in out_edges[node]:
            layer[t] = max(layer[t], layer[node] + 1)
            indeg[t] -= 1
            if indeg[t] == 0:
                queue.append(t)
    return layer


def _reduce_crossings(rows: dict[int, list[str]], levels: list[int], neighbours: dict[str, list[str]],
                      layer: dict[str, int]) -> None:
    """Reorder each row by the mean position of its neighbours in the row
    above (then below), a few sweeps: the barycentre heuristic."""
    position = {name: i for level in levels for i, name in enumerate(rows[level])}
    for sweep in range(8):
        order = levels if sweep % 2 == 0 else list(reversed(levels))
        for level in order[1:]:
            ref = level - 1 if sweep % 2 == 0 else level + 1

            def centre(name):
                near = [position[n] for n in neighbours.get(name, []) if n in position and _level(n, layer) == ref]
                return sum(near) / len(near) if near else position[name]
            rows[level].sort(key=centre)
            for i, name in enumerate(rows[level]):
                position[name] = i


def _level(name: str, layer: dict[str, int]) -> int:
    if name.startswith("\0"):
        return int(name.rsplit(":", 1)[1])
    return layer[name]
