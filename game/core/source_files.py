"""Reading a trainer's file safely: regular files only, the size limit first.

A path given on the command line may be anything: a pipe that never ends,
a device such as /dev/zero, a folder, a name longer than the system allows.
`read_limited` never waits on any of them and never reads more than the
limit and one byte: it opens without blocking, asks the open file what it is
(so nothing can be swapped in between), and refuses anything but a regular
file. `-` and `/dev/stdin` are standard input, read as a stream (a command
that takes a file can be given `cat x.yaml | main.py validate -`); it is
read once and kept, so two readers in one command see the same bytes.
"""
from __future__ import annotations

import os
import stat
import sys

STDIN_NAMES = ("-", "/dev/stdin")
_stdin_bytes: bytes | None = None
_last: tuple[tuple, bytes] | None = None  # ((path, size, mtime_ns), data): the file just read


class NotReadable(Exception):
    """Why a file cannot be read, in words for the user."""


class TooLarge(NotReadable):
    def __init__(self, size: int):
        super().__init__(f"the file is {size / 1048576:.1f} MB")
        self.size = size


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def is_stdin(path) -> bool:
    return str(path) in STDIN_NAMES


def read_limited(path, limit: int, what: str = "file") -> bytes:
    """The bytes of `path`: at most `limit` + 1 of them (a file that grew
    while read, or standard input, may reach it: the caller says "too
    large"). Raises TooLarge for a regular file over the limit, NotReadable
    with the reason for anything else."""
    global _stdin_bytes, _last
    if is_stdin(path):
        if _stdin_bytes is None:
            stream = getattr(sys.stdin, "buffer", None)
            if stream is None:
                raise NotReadable("standard input cannot be read here")
            _stdin_bytes = stream.read(limit + 1)
        return _stdin_bytes[:limit + 1]
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except IsADirectoryError:
        raise NotReadable(f"this is a folder, not a {what}") from None
    except OSError as exc:
        raise NotReadable(f"cannot read the file: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotReadable(f"this is {_kind(info.st_mode)}, not a {what}; give a regular file"
                              + (" (or - for standard input)" if stat.S_ISFIFO(info.st_mode) else ""))
        key = (str(path), info.st_size, info.st_mtime_ns, info.st_ino)
        last = _last  # once: another thread (the window's library) may replace it meanwhile
        if last is not None and last[0] == key:
            return last[1]
        if info.st_size > limit:
            raise TooLarge(info.st_size)
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        _last = (key, data)
        return data
    except OSError as exc:
        raise NotReadable(f"cannot read the file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def size_of(path) -> int | None:
    """The size of a regular file, else None (never opens or waits)."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def posix_path(raw) -> str:
    """`raw` written as str(pathlib.Path(raw)) writes it on POSIX (empty and `.` parts and doubled or trailing
    slashes dropped, `..` kept; two leading slashes kept, three or more made one), without importing pathlib
    (`validate` starts without it): the names files are shown by are the ones they were before."""
    text = os.fspath(raw)
    lead = "//" if text.startswith("//") and not text.startswith("///") else "/" if text.startswith("/") else ""
    return lead + "/".join(part for part in text.split("/") if part and part != ".") or "."
