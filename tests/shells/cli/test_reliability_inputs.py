"""What a trainee or a trainer types on the command line never hangs,
never reads without limit and never ends in a traceback (issue 27)."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
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


def test_a_superscript_digit_at_a_prompt_is_asked_again_not_a_crash():
    proc = run("play", TUTORIAL, "--text", stdin="²\n٣\nq\n".encode())
    assert proc.returncode == 0
    assert proc.stdout.count(b"Please type a number from") == 2


def test_a_diagnostic_is_one_line_and_never_echoes_a_huge_value(tmp_path):
    path = tmp_path / "x.yaml"
    key = "a\\nFAKE.yaml:1:1: error: forged"
    path.write_text(TUTORIAL.read_text(encoding="utf-8").replace("format: 1", f'format: 1\n"{key}": 1', 1),
                    encoding="utf-8")
    proc = run("validate", path)
    lines = proc.stdout.decode().splitlines()
    assert proc.returncode == 1 and len(lines) == 2 and "unknown key 'a\\nFAKE.yaml" in lines[0], lines
    huge = tmp_path / "huge.yaml"
    huge.write_text(TUTORIAL.read_text(encoding="utf-8").replace("start: ", f"start: {'z' * 5_000_000}\nx: ", 1),
                    encoding="utf-8")
    proc = run("validate", huge, timeout=60)
    assert proc.returncode == 1 and len(proc.stdout) < 2_000 and b"(5,000,000 characters)" in proc.stdout


def test_export_never_replaces_a_device_a_pipe_a_link_or_a_folder(tmp_path, monkeypatch):
    env_saves = tmp_path / "saves"
    link = tmp_path / "link.csv"
    target = tmp_path / "elsewhere.csv"
    target.write_text("keep me")
    link.symlink_to(target)
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    for path in (link, fifo, tmp_path, "/dev/null"):
        proc = subprocess.run([sys.executable, "main.py", "export", "--csv", str(path)], cwd=ROOT, capture_output=True,
                              text=True, timeout=30, env={**os.environ, "FIVE_LEVERS_SAVES": str(env_saves)})
        assert proc.returncode == 1 and "is not a regular file" in proc.stderr, (path, proc.stderr)
    assert link.is_symlink() and target.read_text() == "keep me" and fifo.is_fifo()


def test_screenshots_into_something_that_is_not_a_folder_is_a_plain_error():
    proc = run("play", TUTORIAL, "--choices", "1", "--screenshot", "/dev/null")
    assert proc.returncode == 2 and b"cannot hold the pictures: it is not a folder" in proc.stderr


def test_a_text_option_that_is_not_utf8_is_a_usage_error():
    proc = subprocess.run([sys.executable, "main.py", "scoreboard", "--persona", b"\xff"], cwd=ROOT,
                          capture_output=True, timeout=30)
    assert proc.returncode == 2 and b"--persona: the value is not UTF-8 text" in proc.stderr
