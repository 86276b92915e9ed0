"""Load portfolio files: size, UTF-8, YAML, validation (never raises for bad input
in `check_*`; `load_*` raise ScenarioError with every diagnostic)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from game.core.yaml_reader import MAX_BYTES, decode, read as read_yaml
from game.core.errors import Diagnostic, ScenarioError
from game.core.loader import MAX_BYTES, content_hash, read_source, too_large
from game.core.file_kinds import is_portfolio_file  # noqa: F401 - where it was asked for before
from game.core.portfolio import build
from game.core.portfolio.model import Portfolio


@dataclass
class CheckedPortfolio:
    path: str
    portfolio: Portfolio | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.portfolio is not None and not any(d.is_error for d in self.diagnostics)


def check_bytes(data: bytes, file: str = "<portfolio>", library=None) -> CheckedPortfolio:
    if len(data) > MAX_BYTES:
        return CheckedPortfolio(file, None, [too_large(file, len(data), "portfolio")])
    text, diags = decode(data, file)
    if text is None:
        return CheckedPortfolio(file, None, diags)
    tree, diags = read_yaml(text, file)
    if any(d.is_error for d in diags):
        return CheckedPortfolio(file, None, diags)
    portfolio, more = build.build(tree, file, content_hash(data), library)
    if portfolio is not None and isinstance(library, dict) and library:
        portfolio = with_titles(portfolio, library)
    ordered = sorted(diags + more, key=lambda d: (d.line, d.column))
    return CheckedPortfolio(file, portfolio, ordered)


def check_file(path, library=None) -> CheckedPortfolio:
    data, problems = read_source(path, "portfolio")
    if data is None:
        return CheckedPortfolio(str(path), None, problems)
    return check_bytes(data, str(path), library)


def load_file(path, library=None) -> Portfolio:
    checked = check_file(path, library)
    if not checked.ok:
        raise ScenarioError(checked.diagnostics)
    return checked.portfolio


def library_files(folder) -> dict[str, Path]:
    """Scenario id -> file, for the scenarios in a folder (read from each
    file's top-level `id:` line, so a file may be named differently)."""
    found: dict[str, Path] = {}
    folder = Path(folder)
    if not folder.is_dir():
        return found
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".yaml", ".yml") or not path.is_file():
            continue
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                for line in handle:
                    if line.startswith("id:"):
                        found.setdefault(line[3:].split("#")[0].strip().strip("'\""), path)
                        break
        except OSError:
            continue
    return found


def scenario_title(entry) -> str | None:
    """A library entry's scenario title: from a checked entry (`.scenario.title`), or a scenario file's
    top-level `title:` line (the library as files); None when it cannot be told."""
    scenario = getattr(entry, "scenario", None)
    if scenario is not None:
        return getattr(scenario, "title", None)
    if isinstance(entry, (str, Path)):
        try:
            with open(entry, encoding="utf-8", errors="replace") as handle:
                for line in handle:
                    if line.startswith("title:"):
                        return line[6:].split(" #")[0].strip().strip("'\"") or None
        except OSError:
            return None
    return None


def scenario_story(entry) -> tuple[str, ...]:
    """The kinds of the quarter's news a library entry's scenario takes up (its conditions read their counts): from
    a checked entry's variants, or the `if:` lines of a scenario file; () when it cannot be told."""
    from game.core.quarter_story import KIND_NAMES, kinds_read
    scenario = getattr(entry, "scenario", None)
    if scenario is not None:
        from game.core.conditions import names
        return kinds_read(set().union(*(names(v.condition) for where in (*scenario.nodes.values(),
                                                                           *scenario.endings.values())
                                        for v in where.variants)))
    if isinstance(entry, (str, Path)):
        try:
            with open(entry, encoding="utf-8", errors="replace") as handle:
                read = {name for line in handle if line.lstrip().startswith(("- if:", "if:"))
                        for name in KIND_NAMES.values() if name in line}
        except OSError:
            return ()
        return kinds_read(read)
    return ()


def with_titles(portfolio: Portfolio, library) -> Portfolio:
    """The portfolio with each linked account's scenario title, for the week's line that names the conversation,
    and the kinds of news the conversation takes up."""
    accounts = tuple(replace(a, scenario_title=scenario_title(library.get(a.scenario)),
                             scenario_story=scenario_story(library.get(a.scenario))) if a.scenario in library
                     else a for a in portfolio.accounts)
    return replace(portfolio, accounts=accounts)
