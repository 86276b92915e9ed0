"""Which kind of file a YAML file is, told without loading it: a course (in
a `courses` folder, or with a top-level `blocks:` key), a portfolio (in a
`portfolios` folder, or with a top-level `accounts:` key) or a scenario.

Light on purpose: `validate` sorts its files with it and imports the
course and portfolio loaders only when there is such a file to check.
"""
from __future__ import annotations

import os

from game.core.source_files import NotReadable, posix_path, read_limited

MAX_BYTES = 10 * 1024 * 1024  # as yaml_reader.MAX_BYTES: a longer file is refused by its checker

COURSE, PORTFOLIO, SCENARIO = "course", "portfolio", "scenario"


def _folder(path: str) -> str:
    """The name of the folder `path` is in, as pathlib's `parent.name` (no pathlib: `validate` starts without it)."""
    return os.path.basename(os.path.dirname(path))


def _has_key(data: bytes, key: bytes) -> bool:
    return data.startswith(key) or b"\n" + key in data


def file_kind(path) -> str:
    """COURSE, PORTFOLIO or SCENARIO, as `is_course_file` and then
    `is_portfolio_file` tell (a file that cannot be read is a scenario
    outside a `portfolios` folder: its checker says why). Read once."""
    p = posix_path(path)
    if _folder(p) == "courses":
        return COURSE
    try:
        data = read_limited(p, MAX_BYTES)
    except NotReadable:
        data = b""
    if _has_key(data, b"blocks:"):
        return COURSE
    return PORTFOLIO if _folder(p) == "portfolios" or _has_key(data, b"accounts:") else SCENARIO


def _marked(path, folder: str, key: bytes) -> bool:
    """A file in `folder`, or one with the top-level `key`."""
    p = posix_path(path)
    if _folder(p) == folder:
        return True
    try:
        return _has_key(read_limited(p, MAX_BYTES), key)
    except NotReadable:
        return False


def is_course_file(path) -> bool:
    """A file in a `courses` folder, or one with a top-level `blocks:` key."""
    return _marked(path, "courses", b"blocks:")


def is_portfolio_file(path) -> bool:
    """A file in a `portfolios` folder, or one with a top-level `accounts:` key."""
    return _marked(path, "portfolios", b"accounts:")
