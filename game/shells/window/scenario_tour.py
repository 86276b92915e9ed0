"""`main.py screenshots DIR --scenario FILE`: the trainer's own scenario in
the real window, at any size and text size: the briefing, every node's
line with its replies, each ending and the debrief, one PNG each, and a
plain list of what does not fit (naming the node).

Each node is shown as the first way through the scenario reaches it (its
line's variants, its replies after conditions, in coach mode, the first
persona); a node no way reaches is opened on its own (a playtest start).
It runs with a throwaway saves folder, so it records nothing.
"""
from __future__ import annotations

import re
from collections import deque
from pathlib import Path

from game.core.engine import Playthrough
from game.shells.window.screenshots import throwaway_saves

MAX_STATES = 5000  # ways tried while looking for each node (a big file's rest are opened on their own)
PLAYER = "Screenshot"


def first_visits(scenario) -> tuple[dict, dict]:
    """({node: the first playthrough standing at it}, {ending: (playthrough before it, reply number)})
    by a breadth-first walk from `start` over the replies shown."""
    nodes, endings = {}, {}
    queue = deque([Playthrough(scenario, seed=0)])
    seen = set()
    while queue and len(seen) < MAX_STATES:
        run = queue.popleft()
        key = run.state_key()
        if key in seen:
            continue
        seen.add(key)
        nodes.setdefault(run.state, run)
        for number in range(1, len(run.shown_choices()) + 1):
            nxt = run.fork()
            nxt.choose(number)
            if nxt.finished:
                endings.setdefault(nxt.state, (run, number))
            elif nxt.state not in nodes or len(nodes) < len(scenario.nodes):
                queue.append(nxt)
    return nodes, endings


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-")[:60] or "node"


def _words(text: str, n: int = 6) -> str:
    words = text.split()
    return " ".join(words[:n]) + ("…" if len(words) > n else "")


def dialogue_problems(scene, where: str) -> list[str]:
    """What the trainee cannot see at once on a conversation screen: a line
    taller than the window, replies below its bottom (they must scroll)."""
    view = scene._rects["view"]
    found = []
    speech = scene._rects["speech"]
    if speech.h > view.h:
        found.append(f"{where}: the line does not fit: it is {speech.h} px tall, the window shows {view.h} px "
                     "(the trainee must scroll through it; shorten it or split it over two nodes)")
    for number, button in enumerate(scene.buttons.buttons, 1):
        if button.rect.h > view.h:
            found.append(f"{where}: reply {number} (\"{_words(button.label)}\") does not fit: it is "
                         f"{button.rect.h} px tall, the window shows {view.h} px")
        elif button.rect.bottom > view.bottom:
            found.append(f"{where}: reply {number} (\"{_words(button.label)}\") is clipped at the bottom of the "
                         f"window by {button.rect.bottom - view.bottom} px: the trainee must scroll to read it")
    return found


def render_scenario(path, out_dir, size=(1280, 720), text_size: str = "medium",
                    high_contrast: bool = False) -> tuple[list[Path], list[str], str]:
    """(files written, what does not fit, error message or '')."""
    from game.core import loader
    checked = loader.check_file(str(path))
    if not checked.ok:
        return [], [], f"{path} has errors; fix them first: {(checked.errors or checked.diagnostics)[0].format()}"
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with throwaway_saves():
        return _render(checked.scenario, str(path), out, size, text_size, high_contrast)


def _render(scenario, path, out, size, text_size, high_contrast):
    from game.app.session import GameSession
    from game.shells.window.app import App
    from game.shells.window.intents import Intent
    from game.shells.window.layout_check import drawn_boxes, problems

    app = App(size=size)
    files: list[Path] = []
    found: list[str] = []
    try:
        app.input_settle = 0
        app.settings.player, app.settings.mode = PLAYER, "coach"
        app.settings.text_size, app.settings.high_contrast = text_size, high_contrast
        app.settings.typewriter = "instant"
        app.apply_settings()

        def shot(name: str, where: str, extra=()) -> None:
            app.update(0.0)
            found.extend(f"{where}: {p}" for p in problems(drawn_boxes(app), app.screen.get_size()))
            found.extend(extra() if callable(extra) else extra)
            target = out / f"{len(files) + 1:02d}-{name}.png"
            app.screenshot(target)
            files.append(target)

        title = app.scene_for("title")
        app.push(title)
        briefing = app.scene_for("briefing", scenario, path, player=PLAYER, seed=0)
        app.push(briefing)
        shot("briefing", "briefing", lambda: [
            f"briefing: the briefing is {briefing.scroll.content_height} px tall, the window shows "
            f"{briefing.scroll.view_height} px (the trainee must scroll through it)"]
            if briefing.scroll.max_offset > 0 else [])
        app.pop()
        nodes, endings = first_visits(scenario)
        for node_id in scenario.nodes:
            run = nodes.get(node_id)
            run = run.fork() if run is not None else Playthrough(scenario, seed=0, start=node_id)
            session = GameSession(scenario, path, PLAYER, "coach", None, run=run, ask_style=False)
            app.go("dialogue", session)
            scene = app.top
            app.dispatch(Intent("skip"))
            where = f"node '{node_id}'"
            shot(f"node-{_slug(node_id)}", where, lambda: dialogue_problems(scene, where))
            app.pop()
        last_debrief = None
        for ending_id, (before, number) in endings.items():
            session = GameSession(scenario, path, PLAYER, "coach", None, run=before.fork(), ask_style=False)
            app.go("dialogue", session)
            scene = app.top
            scene.choose(number)
            app.dispatch(Intent("confirm"))  # past the reply's coaching
            scene.reveal = float("inf")
            shot(f"ending-{_slug(ending_id)}", f"ending '{ending_id}'")
            last_debrief = scene
            app.pop()
        if last_debrief is not None:
            app.push(last_debrief)
            last_debrief.to_debrief()
            shot("debrief", "debrief")
    finally:
        app.shutdown()
    return files, found, ""
