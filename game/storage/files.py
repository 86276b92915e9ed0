"""Where runtime data lives, and crash-safe JSON files.

Writes go to a temporary file in the same folder, are flushed and fsynced,
then moved over the old file with `os.replace`, so a crash or kill mid-save
leaves either the old file or the new one, never half of one. A file that
cannot be read as the JSON we expect is moved aside (never deleted).
"""
from __future__ import annotations

import os
import time
from contextlib import contextmanager

from game.core.source_files import NotReadable, read_limited

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))  # a str: no pathlib on validate's path
STORED_LIMIT = 64 * 1048576  # saves, settings and pending attempts are a few kilobytes


class StorageError(Exception):
    """A storage problem with a message fit for the user."""


class Unreachable(StorageError):
    """The team database cannot be reached now (it may be later)."""


class BadAttempt(StorageError):
    """An attempt whose data does not fit (wrong types): never written, never trusted."""


def saves_dir() -> Path:
    """`FIVE_LEVERS_SAVES` if set, else `saves/` beside the game; created on use."""
    from pathlib import Path  # here, not at the top: `validate` starts without pathlib
    folder = Path(os.environ.get("FIVE_LEVERS_SAVES") or os.path.join(ROOT, "saves"))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        why = "a file stands where the folder should be" if isinstance(exc, (FileExistsError, NotADirectoryError)) \
            else (exc.strerror or str(exc))
        raise StorageError(f"the saves folder {folder} cannot be used: {why}") from exc
    return folder


RESERVE_FILE = ".space-reserve"
RESERVE_BYTES = 256 * 1024


def ensure_reserve() -> None:
    """Keep a little disk space in the saves folder for a rainy day: when the
    disk is full, `release_reserve` frees it so a finished attempt can still
    be kept (pending) instead of lost. Quietly does nothing when it cannot."""
    try:
        path = saves_dir() / RESERVE_FILE
        if path.exists() and path.stat().st_size >= RESERVE_BYTES:
            return
        with open(path, "wb") as handle:
            handle.write(b"\0" * RESERVE_BYTES)
            handle.flush()
            os.fsync(handle.fileno())
    except (OSError, StorageError):
        try:
            (saves_dir() / RESERVE_FILE).unlink()
        except (OSError, StorageError):
            pass


def release_reserve() -> bool:
    """Free the reserved space; True when there was some to free."""
    try:
        (saves_dir() / RESERVE_FILE).unlink()
        return True
    except (OSError, StorageError):
        return False


def write_json(path: Path, data) -> None:
    import json  # here, not at the top: `validate` starts without json
    write_text(path, json.dumps(data, indent=2, ensure_ascii=False))


def write_text(path: Path, text: str) -> None:
    """Write `text` to `path` atomically (temporary file, fsync, os.replace)."""
    with atomic_open(path) as handle:
        handle.write(text)


@contextmanager
def atomic_open(path: Path, binary: bool = False):
    """A text (or, with `binary`, a bytes) file to write to that replaces
    `path` only when complete (a crash, a full disk or an error leaves the
    old file): temporary file in the same folder, flushed and fsynced, then
    `os.replace`. For exports of any size, written as they stream."""
    from pathlib import Path  # here, not at the top: `validate` starts without pathlib
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with (open(tmp, "wb") if binary else open(tmp, "w", encoding="utf-8", newline="")) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise StorageError(f"could not save {path.name}: {exc.strerror or exc}") from exc
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    try:  # make the rename itself durable
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass


def set_aside(path: Path) -> Path | None:
    """Move a bad file out of the way, keeping it for inspection. None when
    it cannot be moved (a read-only folder): the caller skips it and says so."""
    from pathlib import Path  # here, not at the top: `validate` starts without pathlib
    path = Path(path)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    try:
        os.replace(path, target)
    except OSError:
        return None
    return target


def aside_words(aside: Path | None) -> str:
    """How a damaged file was dealt with, for a message."""
    return f"has been moved aside to {aside.name}" if aside else \
        "could not be moved aside (the folder cannot be written), so it is ignored"


def read_json(path: Path):
    """(data, problem): data is None when the file is missing or was set aside."""
    from pathlib import Path  # here, not at the top: `validate` starts without pathlib
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        return None, None
    try:
        raw = read_limited(path, STORED_LIMIT, "stored file")
    except NotReadable as exc:
        return None, f"could not read {path.name}: {exc}"
    if len(raw) > STORED_LIMIT:
        return None, f"could not read {path.name}: it is larger than {STORED_LIMIT // 1048576} MB"
    try:
        import json  # here, not at the top: `validate` starts without json
        return json.loads(raw.decode("utf-8")), None
    except (UnicodeDecodeError, ValueError, RecursionError):
        # not JSON, a number too long to read, or nesting too deep to read: the parser's verdict
        return None, f"{path.name} was damaged and {aside_words(set_aside(path))}"
