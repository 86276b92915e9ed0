"""Drive the real window through a scripted playthrough and save a PNG of
every screen it passes: `main.py play FILE --choices 1,2 --screenshot DIR`.

It runs with a throwaway saves folder, so it never touches a player's
autosave, settings or scoreboard.
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from game.shells.window.intents import Intent


def capture(path: str, choices: list[int], out_dir: str, seed: int = 0, assess: bool = False,
            size=(1280, 720), text_size: str | None = None, start=None,
            persona: str | None = None, preset=None) -> tuple[int, list[Path], str]:
    """Returns (exit code, files written, message)."""
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        why = "it is not a folder" if isinstance(exc, (FileExistsError, NotADirectoryError)) else \
            (exc.strerror or str(exc))
        return 2, [], f"--screenshot: {out_dir} cannot hold the pictures: {why}"
    with throwaway_saves():
        return _capture(path, choices, out, seed, assess, size, text_size, start, persona, preset)


@contextmanager
def throwaway_saves():
    """FIVE_LEVERS_SAVES pointed at an empty temporary folder for the duration."""
    previous = os.environ.get("FIVE_LEVERS_SAVES")
    with tempfile.TemporaryDirectory(prefix="five-levers-shots-") as tmp:
        os.environ["FIVE_LEVERS_SAVES"] = tmp
        try:
            yield Path(tmp)
        finally:
            if previous is None:
                os.environ.pop("FIVE_LEVERS_SAVES", None)
            else:
                os.environ["FIVE_LEVERS_SAVES"] = previous


def _capture(path, choices, out, seed, assess, size, text_size, start, persona=None, preset=None):
    from game.shells.window.app import App

    app = App(size=size)
    app.input_settle = 0  # scripted picks arrive at machine speed
    app.settings.player = "Screenshot"
    app.settings.mode = "assessment" if assess else "coach"
    if text_size:
        app.settings.text_size = text_size
    app.apply_settings()
    files: list[Path] = []

    def shot(name: str) -> None:
        target = out / f"{len(files) + 1:02d}-{name}.png"
        app.screenshot(target)
        files.append(target)

    try:
        title = app.scene_for("title")
        app.push(title)
        title.play_file(path, start=start, seed=seed, persona=persona, preset=preset)
        if app.top.name != "briefing":
            return 1, files, (app.notices[-1][0] if app.notices else "the scenario could not be opened")
        shot("briefing")
        app.dispatch(Intent("confirm"))
        for step, number in enumerate(choices, 1):
            scene = app.top
            if scene.name != "dialogue":
                return 3, files, f"step {step}: the conversation has already ended"
            app.dispatch(Intent("skip"))
            shot(f"dialogue-step{step}")
            shown = len(scene.buttons.buttons)
            if not 1 <= number <= shown:
                return 3, files, (f"step {step}: choice {number} does not exist at node '{scene.run.state}' "
                                  f"({shown} choices shown)")
            app.dispatch(Intent("number", number))
            if scene.phase == "coach":
                shot(f"coaching-step{step}")
                app.dispatch(Intent("confirm"))
        if app.top.name == "dialogue" and app.top.phase == "ending":
            app.dispatch(Intent("skip"))  # the last words, whole
            shot("ending")
            app.dispatch(Intent("confirm"))
        if app.top.name == "debrief":
            shot("debrief")
        return 0, files, ""
    finally:
        app.shutdown()
