"""Load course files: size, UTF-8, YAML, validation (never raises for bad
input in `check_*`; `load_file` raises ScenarioError with every diagnostic)."""
from __future__ import annotations

from dataclasses import dataclass, field

from game.core.course import build
from game.core.course.model import Course
from game.core.errors import Diagnostic, ScenarioError
from game.core.loader import MAX_BYTES, content_hash, read_source, too_large
from game.core.file_kinds import is_course_file  # noqa: F401 - where it was asked for before
from game.core.yaml_reader import decode, read as read_yaml


@dataclass
class CheckedCourse:
    path: str
    course: Course | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.course is not None and not any(d.is_error for d in self.diagnostics)


def check_bytes(data: bytes, file: str = "<course>", scenarios=None, portfolios=None) -> CheckedCourse:
    if len(data) > MAX_BYTES:
        return CheckedCourse(file, None, [too_large(file, len(data), "course")])
    text, diags = decode(data, file)
    if text is None:
        return CheckedCourse(file, None, diags)
    tree, diags = read_yaml(text, file)
    if any(d.is_error for d in diags):
        return CheckedCourse(file, None, diags)
    course, more = build.build(tree, file, content_hash(data), scenarios, portfolios)
    return CheckedCourse(file, course, sorted(diags + more, key=lambda d: (d.line, d.column)))


def check_file(path, scenarios=None, portfolios=None) -> CheckedCourse:
    data, problems = read_source(path, "course")
    if data is None:
        return CheckedCourse(str(path), None, problems)
    return check_bytes(data, str(path), scenarios, portfolios)


def load_file(path, scenarios=None, portfolios=None) -> Course:
    checked = check_file(path, scenarios, portfolios)
    if not checked.ok:
        raise ScenarioError(checked.diagnostics)
    return checked.course
