"""The bad-input corpus: every file in tests/bad/ declares the diagnostics it
must produce, as header lines `# expect: SEVERITY at WHERE: TEXT`.

WHERE is `LINE:COL`, or a quoted marker whose first occurrence outside the
comments gives the line and column. TEXT must appear in the message.
"""
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.core import loader

BAD = Path(__file__).resolve().parents[1] / "bad"
FILES = sorted(BAD.glob("*.yaml"))
ROOT = Path(__file__).resolve().parents[2]
EXPECT = re.compile(r"# expect: (error|warning) at (?:(\d+):(\d+)|'(.+?)'): (.+)$")


def expectations(path: Path):
    lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()
    found = []
    for raw in lines:
        m = EXPECT.match(raw)
        if not m:
            continue
        severity, line, column, marker, text = m.groups()
        if marker is not None:
            for number, content in enumerate(lines, 1):
                if not content.startswith("#") and marker in content:
                    line, column = number, content.index(marker) + 1
                    break
            else:
                raise AssertionError(f"{path.name}: marker {marker!r} not found")
        found.append((severity, int(line), int(column), text))
    return found


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_bad_file_reports_each_expected_problem(path):
    expected = expectations(path)
    assert expected, f"{path.name} declares no expectations"
    checked = loader.check_file(path)
    got = [(d.severity, d.line, d.column, d.message) for d in checked.diagnostics]
    for severity, line, column, text in expected:
        assert any(s == severity and (l, c) == (line, column) and text in msg for s, l, c, msg in got), \
            f"{path.name}: expected {severity} at {line}:{column} containing {text!r}; got {got}"
    if any(e[0] == "error" for e in expected):
        assert checked.scenario is None
    else:
        assert checked.scenario is not None and not checked.errors


def test_validate_command_reports_every_bad_file_without_traceback():
    proc = subprocess.run([sys.executable, "main.py", "validate", str(BAD)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    for path in FILES:
        assert f"{path}:" in proc.stdout, f"no line names {path.name}"
    for line in proc.stdout.splitlines()[:-1]:
        assert re.match(r"^.+:\d+:\d+: (error|warning): .+$", line), line


def test_file_over_ten_megabytes_is_refused_before_parsing(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# padding\n" * (1024 * 1024 + 10))
    checked = loader.check_file(big)
    assert [(d.line, d.column) for d in checked.errors] == [(1, 1)]
    assert "limited to 10 MB" in checked.errors[0].message


def test_duplicate_scenario_ids_across_a_library_name_both_files(tmp_path):
    from tests.conftest import MINIMAL
    (tmp_path / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(MINIMAL, encoding="utf-8")
    results, _ = loader.check_library([tmp_path])
    errors = [d for r in results for d in r.errors]
    assert len(errors) == 1
    assert errors[0].file.endswith("b.yaml") and errors[0].line == 2
    assert "duplicate scenario id 'mini'" in errors[0].message and "a.yaml:2" in errors[0].message


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    from tests.conftest import MINIMAL
    (tmp_path / "good.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("nodes: [", encoding="utf-8")
    results, _ = loader.check_library([tmp_path])
    assert {Path(r.path).name: r.ok for r in results} == {"bad.yaml": False, "good.yaml": True}
