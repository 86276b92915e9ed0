"""Indentation slips get plain words (issue 32): the line, the line above
and the indentation it should have, never PyYAML's jargon alone."""
import subprocess
import sys
from pathlib import Path

import pytest

from game.core import loader

ROOT = Path(__file__).resolve().parents[2]
GOOD = (ROOT / "docs" / "examples" / "balancing-after.yaml").read_text(encoding="utf-8")


def first_error(text):
    checked = loader.check_text(text, "x.yaml")
    errors = [d for d in checked.diagnostics if d.is_error]
    assert errors
    return errors[0]


def line_of(text, needle):
    return text[:text.index(needle)].count("\n") + 1


@pytest.mark.parametrize("spaces, how", [(3, "1 short of"), (5, "1 past")])
def test_a_key_one_space_off_names_the_line_above_and_the_indentation(spaces, how):
    text = GOOD.replace("\n    choices:\n", "\n" + " " * spaces + "choices:\n", 1)
    d = first_error(text)
    assert d.code == "FL001"
    assert d.line == line_of(text, " choices:")
    assert d.column == spaces + 1
    above = line_of(text, "text: \"The parts were due")
    assert f"indented {spaces} spaces, {how} the line above it (line {above}:" in d.message
    assert "indent it 4 spaces" in d.message
    assert "did not find expected" not in d.message


def test_a_key_inside_a_list_item_one_space_short():
    text = GOOD.replace("        goto: close\n", "       goto: close\n", 1)
    d = first_error(text)
    assert d.line == line_of(text, "       goto: close")
    assert "indent it 8 spaces" in d.message and "did not find expected" not in d.message


@pytest.mark.parametrize("spaces", [4, 8])
def test_a_list_item_at_the_wrong_level_names_the_item_before_it(spaces):
    text = GOOD.replace("      - text: \"Let me find", " " * spaces + "- text: \"Let me find", 1)
    d = first_error(text)
    assert d.line == line_of(text, "- text: \"Let me find")
    first_item = line_of(text, "- text: \"Thursday")
    assert f"this list item is indented {spaces} spaces, but the item before it in the list (line {first_item}:" \
        in d.message
    assert "indent it 6 spaces" in d.message


def test_other_syntax_errors_keep_their_own_hints():
    text = GOOD.replace("title: The Late Parts", "title: Late: the parts")
    d = first_error(text)
    assert "colon" in d.message and "indent" not in d.message


def test_new_writes_a_modeline_that_finds_the_schema_outside_the_repository(tmp_path):
    out = tmp_path / "elsewhere" / "late.yaml"
    out.parent.mkdir()
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "new", "late", "--out", str(out)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    first = out.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    schema = Path(first.split("$schema=", 1)[1])
    assert schema.is_absolute() and schema.is_file() and schema.name == "scenario.schema.json"
    # inside the repository it stays relative, so it moves with the repository
    inside = ROOT / "docs" / "examples" / "zz-modeline-test.yaml"
    try:
        proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "new", "zz", "--out", str(inside)],
                              cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        first = inside.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../scenario.schema.json"
    finally:
        inside.unlink(missing_ok=True)
