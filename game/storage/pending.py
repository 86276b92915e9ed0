"""Attempts kept on this computer until the scoreboard can take them.

When recording fails (the team database unreachable, the network pulled,
a full disk), the window keeps the attempt as a small JSON file in
`saves/pending/` (written atomically) and tries again later; recording is
idempotent (by registration), so a retry never counts an attempt twice.
Nothing finished is lost because a database was away.
"""
from __future__ import annotations

from dataclasses import asdict, fields
from pathlib import Path

from game.storage.attempts import Attempt
from game.storage.files import StorageError, read_json, saves_dir, write_json

FOLDER = "pending"
_FIELDS = {f.name for f in fields(Attempt)}


def _folder() -> Path:
    return saves_dir() / FOLDER


def keep(attempt: Attempt) -> None:
    """Keep an attempt that could not be recorded (raises StorageError if even that fails)."""
    folder = _folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"the attempt could not be kept on this computer: {exc.strerror or exc}") from exc
    data = {k: v for k, v in asdict(attempt).items() if k in _FIELDS}
    data["id"] = None
    write_json(folder / f"{attempt.registration}.json", data)


def waiting() -> list[tuple[Path, Attempt]]:
    """Kept attempts, oldest first; unreadable files are moved aside by read_json, never deleted."""
    try:
        files = sorted(_folder().glob("*.json"), key=lambda p: p.stat().st_mtime)
    except (OSError, StorageError):
        return []
    out = []
    for path in files:
        data, _ = read_json(path)
        if not isinstance(data, dict):
            continue
        try:
            out.append((path, Attempt(**{k: v for k, v in data.items() if k in _FIELDS})))
        except TypeError:
            continue
    return out


def retry(board) -> int:
    """Record what is kept; returns how many were recorded (stops at the first failure)."""
    done = 0
    for path, attempt in waiting():
        board.record(attempt)  # StorageError: still away; try again later
        try:
            path.unlink()
        except OSError:
            pass
        done += 1
    return done
