"""File names as `validate` shows them: made without pathlib (issue 33, perf60), they must be the names pathlib
made before, or a trainer's editor and scripts would stop finding the files the diagnostics name."""
from pathlib import Path

import pytest

from game.core import loader
from game.core.file_kinds import COURSE, PORTFOLIO, SCENARIO, file_kind
from game.core.source_files import posix_path


@pytest.mark.parametrize("raw", ["", ".", "./", "/", "//", "///", "//a", "///a//b/", "a", "a/", "./a/./b", "a/../b",
                                 "..", "../x.yaml", "scenarios//", "a/.", "/./a", "a//b.yaml", "ü/ß.yml"])
def test_a_name_is_written_as_pathlib_wrote_it(raw):
    assert posix_path(raw) == str(Path(raw))


def test_a_folder_lists_its_scenario_files_sorted_as_before(tmp_path, monkeypatch):
    for name in ("b.yaml", "a.yml", "c.txt", ".yaml", "d.YAML", "e.yaml.bak"):
        (tmp_path / name).write_text("id: x\n")
    (tmp_path / "sub.yaml").mkdir()
    monkeypatch.chdir(tmp_path)
    for given in (str(tmp_path), f"{tmp_path}//", ".", "./"):
        files, problems = loader.scenario_files([given])
        folder = Path(given)
        expected = [str(p) for p in sorted(folder.iterdir()) if p.suffix in (".yaml", ".yml") and p.is_file()]
        assert (files, problems) == (expected, []) and files[0].endswith("a.yml")


def test_a_file_s_kind_still_comes_from_its_folder(tmp_path):
    for folder in ("courses", "portfolios", "scenarios"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.yaml").write_text("id: x\n")
    assert file_kind(f"{tmp_path}/courses//x.yaml") == COURSE
    assert file_kind(f"{tmp_path}/portfolios/./x.yaml") == PORTFOLIO
    assert file_kind(f"{tmp_path}/scenarios/x.yaml") == SCENARIO
