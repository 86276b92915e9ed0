"""A nearly full disk does not lose a finished attempt: the space kept in
reserve in the saves folder is freed to keep it on this computer, and it is
added once there is room again (issue 27). Runs on a small tmpfs where the
machine allows mounting one (root), else is skipped with the reason."""
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.shells.cli.test_cli import LATE

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True,
                          text=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({proc.stderr.strip() or 'not root'})")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def play(saves, player):
    return subprocess.run([sys.executable, "main.py", "play", str(LATE), "--choices", "1,2,2", "--player", player],
                          cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "FIVE_LEVERS_SAVES": str(saves), "FIVE_LEVERS_DB": ""})


def fill(folder: Path) -> Path:
    filler = folder / f"filler-{uuid.uuid4().hex}"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler


def test_a_full_disk_keeps_the_attempt_and_adds_it_when_there_is_room(small_disk):
    saves = small_disk / "saves"
    first = play(saves, "Ana")
    assert first.returncode == 0, first.stderr
    assert (saves / ".space-reserve").exists()
    filler = fill(small_disk)
    full = play(saves, "Bo")
    assert full.returncode == 4, full.stdout + full.stderr
    assert "kept on this computer" in full.stdout + full.stderr
    assert len(list((saves / "pending").glob("*.json"))) == 1
    filler.unlink()
    again = play(saves, "Cy")
    assert again.returncode == 0, again.stderr
    assert "1 attempt kept on this computer was added" in again.stderr
    listed = subprocess.run([sys.executable, "main.py", "scoreboard", "--format", "json"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60,
                            env={**os.environ, "FIVE_LEVERS_SAVES": str(saves), "FIVE_LEVERS_DB": ""})
    import json
    assert sorted(a["player"] for a in json.loads(listed.stdout)) == ["Ana", "Bo", "Cy"]
