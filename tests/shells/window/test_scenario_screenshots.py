"""`main.py screenshots DIR --scenario FILE`: the trainer's own scenario's
screens, and a plain list of what does not fit, naming the node."""
import subprocess
import sys
from pathlib import Path

import pygame

ROOT = Path(__file__).resolve().parents[3]
LATE = ROOT / "tests" / "plans" / "scenarios" / "late-refund.yaml"
RAMBLE = " ".join(["and furthermore I would like to explain our refund policy in full detail"] * 30)


def shots(*args):
    proc = subprocess.run([sys.executable, "main.py", "screenshots", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"})
    assert "Traceback" not in proc.stdout + proc.stderr
    return proc


def test_the_trainers_scenario_is_rendered_screen_by_screen(tmp_path):
    proc = shots(tmp_path / "out", "--scenario", LATE)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names[0] == "01-briefing.png" and names[-1].endswith("-debrief.png")
    for node in ("opening", "story", "fix"):
        assert any(n.endswith(f"-node-{node}.png") for n in names), names
    assert any("-ending-" in n for n in names)
    picture = pygame.image.load(str(tmp_path / "out" / "02-node-opening.png"))
    assert picture.get_size() == (1280, 720)
    assert "Everything fits at 1280x720 with medium text." in proc.stdout


def test_a_reply_far_too_long_is_named_with_its_node(tmp_path):
    text = LATE.read_text(encoding="utf-8").replace('"I\'ve raised a ticket."', f'"I\'ve raised a ticket, {RAMBLE}."')
    assert RAMBLE in text
    path = tmp_path / "late-refund.yaml"
    path.write_text(text, encoding="utf-8")
    proc = shots(tmp_path / "out", "--scenario", path, "--size", "800x600", "--text-size", "huge")
    assert proc.returncode == 1
    problems = [line for line in proc.stdout.splitlines() if line.startswith("does not fit")]
    assert problems and all("(800x600, huge text)" in line for line in problems)
    assert any("node 'fix': reply" in line and "I've raised a ticket" in line for line in problems), problems
    assert not any("node 'opening'" in line for line in problems)
    picture = pygame.image.load(str(next((tmp_path / "out").glob("*-node-fix.png"))))
    assert picture.get_size() == (800, 600)


def test_a_broken_scenario_is_refused_with_its_error(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(LATE.read_text(encoding="utf-8").replace("goto: fix", "goto: fixx", 1), encoding="utf-8")
    proc = shots(tmp_path / "out", "--scenario", path)
    assert proc.returncode == 1 and "fixx" in proc.stderr and not proc.stdout
