"""Plain graph algorithms over a scenario's `goto` edges (no recursion).

A graph here is a dict: state id -> list of successor ids. Endings have no
successors. Everything runs in linear time in the size of the graph.
"""
from __future__ import annotations

from collections import deque


def edges_of(scenario) -> dict[str, list[str]]:
    graph = {nid: [c.goto for c in node.choices] for nid, node in scenario.nodes.items()}
    for eid in scenario.endings:
        graph.setdefault(eid, [])
    return graph


def reachable(graph: dict[str, list[str]], start: str) -> set[str]:
    seen = {start}
    queue = deque([start])
    while queue:
        for nxt in graph.get(queue.popleft(), ()):
            if nxt not in seen and nxt in graph:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def reachable_states(scenario) -> set[str]:
    """Nodes and endings a player can reach from start, following `goto`s
    (conditions ignored); the walk-out ending counts when a reachable choice
    escalates."""
    seen = reachable(edges_of(scenario), scenario.start)
    if any(choice.mood == "escalate" for sid in seen if sid in scenario.nodes
           for choice in scenario.nodes[sid].choices):
        seen.add(scenario.walkout_ending)
    return seen


def reaching(graph: dict[str, list[str]], targets) -> set[str]:
    """Every state from which one of `targets` can be reached."""
    reverse: dict[str, list[str]] = {}
    for src, outs in graph.items():
        for dst in outs:
            reverse.setdefault(dst, []).append(src)
    seen = set(targets)
    queue = deque(seen)
    while queue:
        for prev in reverse.get(queue.popleft(), ()):
            if prev not in seen:
                seen.add(prev)
                queue.append(prev)
    return seen


def strongly_connected(graph: dict[str, list[str]], roots) -> tuple[dict[str, int], list[list[str]]]:
    """Tarjan's algorithm, iterative. Returns (state -> component number,
    components); components come in reverse topological order (a component
    only leads to components with smaller numbers)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    comp_of: dict[str, int] = {}
    comps: list[list[str]] = []
    counter = 0
    for root in roots:
        if root in index or root not in graph:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            v, it = work[-1]
            advanced = False
            for w in it:
                if w not in graph:
                    continue
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(graph[w])))
                    advanced = True
                    break
                if w in on_stack and index[w] < low[v]:
                    low[v] = index[w]
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                if low[v] < low[parent]:
                    low[parent] = low[v]
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp_of[w] = len(comps)
                    comp.append(w)
                    if w == v:
                        break
                comps.append(comp)
    return comp_of, comps


def shortest_path(graph: dict[str, list[str]], start: str, goal, allowed=None) -> list[str]:
    """Breadth-first path from start to a state satisfying `goal` (a set or
    callable), staying inside `allowed` when given."""
    is_goal = goal if callable(goal) else goal.__contains__
    if is_goal(start):
        return [start]
    parent = {start: None}
    queue = deque([start])
    while queue:
        v = queue.popleft()
        for w in graph.get(v, ()):
            if w in parent or (allowed is not None and w not in allowed and not is_goal(w)):
                continue
            parent[w] = v
            if is_goal(w):
                path = [w]
                while parent[path[-1]] is not None:
                    path.append(parent[path[-1]])
                return path[::-1]
            queue.append(w)
    return []
