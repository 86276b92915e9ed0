"""`validate` reports the library's house rules (issue 32) before any test
runs: as warnings with stable codes, all at once, exit 0."""
import json
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "trainer-guide.md"
EXAMPLES = ROOT / "docs" / "examples"


def validate(*args, cwd=ROOT):
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "validate", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
    assert "Traceback" not in proc.stdout + proc.stderr
    return proc


def codes(proc) -> list[str]:
    return [d["code"] for d in json.loads(proc.stdout)["diagnostics"]]


def test_the_bundled_library_keeps_every_house_rule():
    proc = validate("scenarios/", "--json")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["diagnostics"] == []


def test_the_guides_balancing_example_is_what_validate_says():
    guide = GUIDE.read_text(encoding="utf-8")
    section = guide[guide.index("### The balancing rule"):]
    section = section[:section.index("\n## ")]
    # the node the guide shows is the example file's, word for word
    shown = re.search(r"\n\n(      ask:\n(?:      .*\n|\n)+?)\nThe ceilings", section).group(1)
    before = (EXAMPLES / "balancing-before.yaml").read_text(encoding="utf-8")
    assert textwrap.indent(textwrap.dedent(shown), "  ") in before
    # the warning the guide quotes is the one validate prints
    quoted = re.search(r"\n    (docs/examples/balancing-before\.yaml:.*?) …\n", section).group(1)
    proc = validate("docs/examples/balancing-before.yaml", "--house-rules")
    assert proc.returncode == 0
    assert proc.stdout.splitlines()[0].startswith(quoted)
    # and the fix the guide gives removes it
    fix = re.search(r"\n            (levers: .*)\n\nand the warning goes", section).group(1)
    after = (EXAMPLES / "balancing-after.yaml").read_text(encoding="utf-8")
    assert fix in after
    proc = validate("docs/examples/balancing-after.yaml", "--house-rules", "--json")
    assert codes(proc) == []


def test_the_balancing_warning_means_the_best_playthrough_is_below_100():
    from game.core import analysis, loader
    before = analysis.explore(loader.load_file(EXAMPLES / "balancing-before.yaml"))
    after = analysis.explore(loader.load_file(EXAMPLES / "balancing-after.yaml"))
    assert before.best.score < 100 and after.best.score == 100


def test_outside_a_library_the_house_rules_wait_for_the_flag(tmp_path):
    shutil.copy(EXAMPLES / "balancing-before.yaml", tmp_path / "x.yaml")
    assert codes(validate(tmp_path / "x.yaml", "--json")) == []
    assert codes(validate(tmp_path / "x.yaml", "--json", "--house-rules")) == ["FL072"]


def library_with(tmp_path, mutate) -> Path:
    """A copy of the library's layout: one scenario (renewal-call, changed by
    `mutate`), the content map and the trainer's packs."""
    (tmp_path / "scenarios").mkdir()
    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns("*.json", "examples"))
    text = mutate((ROOT / "scenarios" / "renewal-call.yaml").read_text(encoding="utf-8"))
    path = tmp_path / "scenarios" / "renewal-call.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_library_scenario_gets_every_house_rule_at_once(tmp_path):
    feedback = re.compile(r"^(        )feedback: .*$", re.M)  # a reply's own coaching, not a persona's
    lines = [m for m in feedback.finditer((ROOT / "scenarios" / "renewal-call.yaml").read_text(encoding="utf-8"))]
    assert len(lines) > 5

    def mutate(text):
        # two replies lose their coaching, one gets coaching that names nothing
        first, second, third = lines[0], lines[1], lines[2]
        return (text[:first.start()] + first.group(1) + "feedback: ''" + text[first.end():second.start()]
                + second.group(1) + "feedback: ''" + text[second.end():third.start()]
                + third.group(1) + "feedback: Nice one." + text[third.end():])
    path = library_with(tmp_path, mutate)
    (tmp_path / "docs" / "trainer-pack" / "renewal-call.md").unlink()
    content_map = tmp_path / "docs" / "content-map.md"
    content_map.write_text(content_map.read_text(encoding="utf-8").replace("`renewal-call`", "`renewal-calls`"),
                           encoding="utf-8")
    proc = validate(path, "--json", cwd=tmp_path)
    assert proc.returncode == 0  # warnings, not errors
    found = json.loads(proc.stdout)["diagnostics"]
    assert sorted(d["code"] for d in found) == ["FL070", "FL070", "FL071", "FL075", "FL077"]
    # each at the reply it is about: inside the list item the changed `feedback:` belongs to
    source = path.read_text(encoding="utf-8").splitlines()
    changed = [n for n, line in enumerate(source, 1) if line.strip() in ("feedback: ''", "feedback: Nice one.")]
    items = [max(n for n in range(1, f) if source[n - 1].lstrip().startswith("- ")) for f in changed]
    lines = sorted(d["line"] for d in found if d["code"] in ("FL070", "FL071"))
    assert all(item <= line < f for item, line, f in zip(items, lines, changed)), (items, lines, changed)
    text = validate(path, cwd=tmp_path).stdout
    assert re.search(r"scenarios/renewal-call\.yaml:\d+:\d+: warning: .*has no coaching.*\[house rule\]", text)
    assert "docs/content-map.md does not list scenario 'renewal-call'" in text


def test_a_content_map_row_naming_a_missing_node_points_at_the_map(tmp_path):
    path = library_with(tmp_path, lambda text: text)
    content_map = tmp_path / "docs" / "content-map.md"
    text = content_map.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines()
               if line.startswith("|") and line.count("|") == 4 and "`renewal-call`" in line.split("|")[2])
    node = re.findall(r"`([^`]+)`", row.split("|")[3])[0]
    content_map.write_text(text.replace(row, row.replace(f"`{node}`", "`no_such_node`")), encoding="utf-8")
    proc = validate(path, cwd=tmp_path)
    assert re.search(r"docs/content-map\.md:\d+:1: warning: the content map names node 'no_such_node'", proc.stdout)
