"""Load scenario files: size check, UTF-8, YAML, validation, library checks.

`check_*` functions return diagnostics and never raise for bad input;
`load_*` functions raise ScenarioError carrying every diagnostic.
"""
from __future__ import annotations

import gc
import os
import stat

from game.core import sha, validator, yaml_reader
from game.core.errors import Diagnostic, ScenarioError
from game.core.model import Scenario
from game.core.source_files import NotReadable, TooLarge, is_stdin, posix_path, read_limited

SCENARIO_SUFFIXES = (".yaml", ".yml")
MAX_BYTES = yaml_reader.MAX_BYTES


class Checked:
    """The result of checking one file. (Written by hand, not a dataclass: `validate` starts without
    importing dataclasses; the same __init__, __eq__ and __repr__, and unhashable, as the dataclass was.)"""
    path: str
    scenario: Scenario | None
    diagnostics: list[Diagnostic]
    __hash__ = None

    def __init__(self, path: str, scenario: Scenario | None, diagnostics: list[Diagnostic] | None = None):
        self.path, self.scenario = path, scenario
        self.diagnostics = [] if diagnostics is None else diagnostics

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return (self.path, self.scenario, self.diagnostics) == (other.path, other.scenario, other.diagnostics)
        return NotImplemented

    def __repr__(self) -> str:
        return f"Checked(path={self.path!r}, scenario={self.scenario!r}, diagnostics={self.diagnostics!r})"

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def ok(self) -> bool:
        return self.scenario is not None and not self.errors


def content_hash(data: bytes) -> str:
    return sha.of_file(data).hexdigest()[:16]


def too_large(file: str, size: int, what: str = "scenario") -> Diagnostic:
    return Diagnostic("FL005", "error", file, 1, 1, f"the file is {size / 1048576:.1f} MB; {what}s are limited to 10 MB")


def read_source(path, what: str = "scenario") -> tuple[bytes | None, list[Diagnostic]]:
    """A YAML file's bytes (at most 10 MB and one byte), or why it cannot be
    read: only a regular file, or `-` for standard input (source_files)."""
    file = str(path)
    try:
        return read_limited(path, MAX_BYTES, f"{what} file"), []
    except TooLarge as exc:
        return None, [too_large(file, exc.size, what)]
    except NotReadable as exc:
        return None, [Diagnostic("FL006", "error", file, 1, 1, str(exc))]


def check_bytes(data: bytes, file: str = "<scenario>") -> Checked:
    if len(data) > MAX_BYTES:
        return Checked(file, None, [too_large(file, len(data))])
    text, diags = yaml_reader.decode(data, file)
    if text is None:
        return Checked(file, None, diags)
    # Parsing allocates many small objects; the cyclic garbage collector
    # would otherwise rescan them over and over while the file loads.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        tree, diags = yaml_reader.read(text, file)
        # a value the reader refused (a number beyond 64 bits, a control character
        # written as an escape) leaves the tree whole: check the rest of the file too
        if any(d.is_error and d.code not in yaml_reader.VALUE_ERRORS for d in diags):
            return Checked(file, None, diags)
        scenario, more = validator.build(tree, file, content_hash(data))
    finally:
        if was_enabled:
            gc.enable()
    ordered = sorted(diags + more, key=lambda d: (d.line, d.column))
    return Checked(file, scenario if not any(d.is_error for d in diags) else None, ordered)


def check_text(text: str, file: str = "<scenario>") -> Checked:
    return check_bytes(text.encode("utf-8"), file)


def check_file(path: str | os.PathLike) -> Checked:
    data, problems = read_source(path)
    if data is None:
        return Checked(str(path), None, problems)
    return check_bytes(data, str(path))


def _raise_on_errors(checked: Checked) -> Scenario:
    if checked.scenario is None or checked.errors:
        raise ScenarioError(checked.diagnostics)
    return checked.scenario


def load_file(path) -> Scenario:
    return _raise_on_errors(check_file(path))


def load_text(text: str, file: str = "<scenario>") -> Scenario:
    return _raise_on_errors(check_text(text, file))


def scenario_files(paths) -> tuple[list[str], list[Diagnostic]]:
    """Expand files and folders into scenario files (sorted within a folder)."""
    files: list[str] = []
    problems: list[Diagnostic] = []
    for raw in paths:
        if is_stdin(raw):
            files.append(str(raw))
            continue
        path = posix_path(raw)
        try:
            info = os.stat(path)
        except (OSError, ValueError) as exc:
            missing = isinstance(exc, FileNotFoundError)
            reason = "no such file or folder" if missing else \
                f"cannot read it: {getattr(exc, 'strerror', None) or exc}"
            problems.append(Diagnostic("FL006", "error", str(raw), 1, 1, reason))
            continue
        if stat.S_ISDIR(info.st_mode):
            try:
                inside = "" if path == "." else path if path.endswith("/") else path + "/"  # as pathlib joins: '.' drops
                found = sorted(inside + name for name in os.listdir(path)
                               if os.path.splitext(name)[1] in SCENARIO_SUFFIXES and os.path.isfile(inside + name))
            except OSError as exc:
                problems.append(Diagnostic("FL006", "error", str(raw), 1, 1,
                                           f"cannot list the folder: {exc.strerror or exc}"))
                continue
            files.extend(found)
        else:
            files.append(path)
    return files, problems



def check_library(paths, progress=None) -> tuple[list[Checked], list[Diagnostic]]:
    """Check every file and then the library as a whole (duplicate ids).
    `progress(done, total)`, when given, is called after each file."""
    files, problems = scenario_files(paths)
    results = []
    for f in files:
        results.append(check_file(f))
        if progress is not None:
            progress(len(results), len(files))
    first_seen: dict[str, Checked] = {}
    for checked in results:
        scenario = checked.scenario
        if scenario is None:
            continue
        other = first_seen.get(scenario.id)
        if other is None:
            first_seen[scenario.id] = checked
            continue
        line = _id_line(checked.path)
        checked.diagnostics.append(Diagnostic(
            "FL044", "error", checked.path, line, 1,
            f"duplicate scenario id '{scenario.id}' (also used by {other.path}:{_id_line(other.path)})"))
        checked.scenario = None
    return results, problems


def _id_line(path: str) -> int:
    try:
        data = read_limited(path, MAX_BYTES)
    except NotReadable:
        return 1
    for number, line in enumerate(data.split(b"\n"), 1):
        if line.startswith(b"id:"):
            return number
    return 1
