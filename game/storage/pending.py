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

from game.storage.attempts import Attempt, attempt_problem
from game.storage.files import BadAttempt, StorageError, read_json, release_reserve, saves_dir, set_aside, write_json

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
    path = folder / f"{attempt.registration}.json"
    try:
        write_json(path, data)
    except StorageError:
        if not release_reserve():  # a full disk: the space kept for this moment is freed
            raise
        write_json(path, data)


def waiting(problems: list[str] | None = None) -> list[tuple[Path, Attempt]]:
    """Kept attempts, oldest first. A file that is not a whole, well-typed
    attempt is moved aside (never deleted) and said in `problems`; it never
    blocks the attempts behind it."""
    try:
        files = sorted(_folder().glob("*.json"), key=lambda p: p.stat().st_mtime)
    except (OSError, StorageError):
        return []
    out = []
    for path in files:
        data, problem = read_json(path)
        if data is None:
            if problem and problems is not None:
                problems.append(problem)
            continue
        try:
            attempt = Attempt(**{k: v for k, v in data.items() if k in _FIELDS}) if isinstance(data, dict) else None
        except TypeError:
            attempt = None
        why = "it is not an attempt" if attempt is None else attempt_problem(attempt)
        if why is None:
            out.append((path, attempt))
            continue
        aside = set_aside(path)
        if problems is not None:
            where = f"moved aside to {aside.name}" if aside else "left where it is, and skipped"
            problems.append(f"a kept attempt ({path.name}) could not be used: {why}; {where}")
    return out


def retry(board, problems: list[str] | None = None) -> int:
    """Record what is kept; returns how many were recorded. Stops at the
    first failure of the scoreboard (still away: try again later); an
    attempt the scoreboard refuses for its own data is set aside and said in
    `problems`, and the rest go on."""
    done = 0
    for path, attempt in waiting(problems):
        try:
            board.record(attempt)
        except BadAttempt as exc:
            aside = set_aside(path)
            if problems is not None:
                problems.append(f"a kept attempt ({path.name}): {exc}; "
                                + (f"moved aside to {aside.name}" if aside else "skipped"))
            continue
        try:
            path.unlink()
        except OSError:
            pass
        done += 1
    return done
