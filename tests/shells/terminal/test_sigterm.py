"""SIGTERM (a logout) leaves the terminal game cleanly: goodbye, exit 0, no
traceback (issue 27)."""
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def wait_for(stream, text: str) -> str:
    seen = ""
    while text not in seen:
        char = stream.read(1)
        assert char, f"the game ended before saying {text!r}: {seen[-300:]!r}"
        seen += char
    return seen


@pytest.mark.parametrize("command, typed, prompt", [
    (["play", "scenarios/tutorial.yaml", "--text"], "", "Your reply (1-"),  # mid-conversation
    (["--text"], "Zoe\n", "Choose (1-"),  # at the main menu
    (["--text"], "", "Your name: "),  # before the name
])
def test_sigterm_at_a_prompt_says_goodbye_and_exits_0(tmp_path, command, typed, prompt):
    env = {**os.environ, "FIVE_LEVERS_SAVES": str(tmp_path / "saves"), "PYTHONUNBUFFERED": "1"}
    env.pop("FIVE_LEVERS_DB", None)
    with subprocess.Popen([sys.executable, "main.py", *command], cwd=ROOT, env=env,
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as game:
        try:
            if typed:
                game.stdin.write(typed)
                game.stdin.flush()
            wait_for(game.stdout, prompt)
            game.send_signal(signal.SIGTERM)
            out, err = game.communicate(timeout=30)
        finally:
            if game.poll() is None:
                game.kill()
                game.communicate()
    assert game.returncode == 0, err
    assert "Goodbye" in out and "Traceback" not in err
