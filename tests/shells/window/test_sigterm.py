"""SIGTERM (a logout) saves the conversation in progress and exits 0, with
no "Quit?" dialog left waiting for an answer nobody will give (issue 27)."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

GAME = """
import sys
from game.shells.window.app import App
from game.shells.window.intents import Intent
app = App(sys.argv[1])
app.input_settle = 0
app.settings.player = "Ana"
title = app.scene_for("title")
app.push(title)
title.play_file(sys.argv[2], seed=4)
app.top.begin()
app.dispatch(Intent("skip"))
app.dispatch(Intent("number", 1))
print("ready", flush=True)
sys.exit(app.run())
"""


def _session_files(saves: Path) -> list[Path]:
    return sorted((saves / "sessions").glob("*.json")) if (saves / "sessions").exists() else []


def test_sigterm_mid_conversation_saves_and_exits_cleanly(tmp_path):
    saves = tmp_path / "saves"
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "FIVE_LEVERS_SAVES": str(saves),
           "PYTHONPATH": str(ROOT)}
    for name in ("FIVE_LEVERS_DB", "FIVE_LEVERS_LRS_ENDPOINT"):
        env.pop(name, None)
    game = subprocess.Popen([sys.executable, "-c", GAME, str(ROOT / "scenarios"), str(ROOT / "scenarios" / "tutorial.yaml")],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with game:
        try:
            assert game.stdout.readline().strip() == "ready"
            time.sleep(1.5)  # the conversation stays on screen a while: time on task grows
            before = json.loads(_session_files(saves)[0].read_text())
            game.send_signal(signal.SIGTERM)
            _, stderr = game.communicate(timeout=30)
        finally:
            if game.poll() is None:
                game.kill()
                game.communicate()
    code = game.returncode
    assert code == 0, stderr
    assert "Traceback" not in stderr
    saved = json.loads(_session_files(saves)[0].read_text())
    assert saved["snapshot"]["choices"] == [1]  # the reply made is kept, resumable
    assert saved["active_s"] > before["active_s"]  # saved again at the signal, with the time so far
