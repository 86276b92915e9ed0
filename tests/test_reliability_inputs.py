"""What a trainee or a trainer types on the command line never hangs,
never reads without limit and never ends in a traceback (issue 27)."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


def run(*args, stdin=None, timeout=30):
    proc = subprocess.run([sys.executable, "main.py", *map(str, args)], cwd=ROOT, input=stdin,
                          capture_output=True, timeout=timeout, env={**os.environ, "SDL_VIDEODRIVER": "dummy"})
    assert proc.returncode != 70 and b"Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.mark.parametrize("command", [["validate"], ["analyze"], ["graph"], ["play", "--choices", "1"]])
def test_a_pipe_given_as_a_scenario_is_refused_at_once(tmp_path, command):
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    proc = run(command[0], fifo, *command[1:], timeout=20)
    assert proc.returncode == 1 and b"this is a pipe, not a scenario file" in proc.stdout + proc.stderr


def test_a_device_is_refused_before_anything_is_read():
    proc = run("validate", "/dev/zero", timeout=20)
    assert proc.returncode == 1 and b"/dev/zero:1:1: error: this is a device" in proc.stdout


def test_standard_input_is_read_as_a_stream_where_a_command_takes_it():
    text = TUTORIAL.read_bytes()
    for name in ("-", "/dev/stdin"):
        proc = run("validate", name, stdin=text)
        assert proc.returncode == 0 and b"0 errors" in proc.stdout, proc.stderr
    proc = run("play", "-", "--choices", "1", stdin=text)
    assert proc.returncode == 2 and b"needs a scenario file, not standard input" in proc.stderr


def test_a_name_too_long_for_the_system_is_a_plain_error(tmp_path):
    proc = run("validate", tmp_path / ("a" * 256 + ".yaml"))
    assert proc.returncode == 1 and b"File name too long" in proc.stdout


def test_a_portfolio_plan_that_is_a_pipe_is_refused(tmp_path):
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    proc = run("portfolio", ROOT / "portfolios" / "shop-systems.yaml", "--plan", fifo, "--json", timeout=20)
    assert proc.returncode == 2 and b"this is a pipe" in proc.stderr
