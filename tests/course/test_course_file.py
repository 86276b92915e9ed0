"""Courses as data (issue 29): `courses/<id>.yaml` is checked like a
scenario, with located errors, did-you-mean and stable codes; the bundled
default course is valid over the bundled library; `validate` and `schema`
cover courses."""
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from game.authoring.course_schema import course_schema
from game.core.course.load import check_bytes, check_file
from game.core.portfolio.load import library_files
from game.core.yaml_reader import read as read_yaml

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = set(library_files(ROOT / "scenarios"))
PORTFOLIOS = set(library_files(ROOT / "portfolios"))

GOOD = """\
format: 1
id: mini
title: Mini course
blocks:
  start:
    title: Start
    scenarios: [tutorial]
  next:
    title: Next
    requires: [start]
    scenarios: [wrong-size, go-live]
    campaign: shop-systems
    certificate: {grade: Legendary, mode: coach, attempts: 1, personas: 2, campaign_score: 60}
"""


def check(text):
    return check_bytes(text.encode(), "courses/x.yaml", SCENARIOS, PORTFOLIOS)


def codes(text):
    return [(d.code, d.line, d.column) for d in check(text).diagnostics]


def test_a_good_course_builds_its_blocks_in_order():
    checked = check(GOOD)
    assert checked.ok, [d.format() for d in checked.diagnostics]
    course = checked.course
    assert [b.id for b in course.blocks] == ["start", "next"]
    nxt = course.blocks[1]
    assert nxt.scenarios == ("wrong-size", "go-live") and nxt.campaign == "shop-systems"
    assert nxt.requires == ("start",)
    rule = nxt.certificate
    assert (rule.grade, rule.mode, rule.attempts, rule.personas, rule.campaign_score) == \
        ("Legendary", "coach", 1, 2, 60)
    default = course.blocks[0].certificate
    assert (default.grade, default.mode, default.attempts) == ("Strong", "assessment", 2)


def test_an_unknown_scenario_is_located_with_a_did_you_mean():
    checked = check(GOOD.replace("[tutorial]", "[tutorail]"))
    [d] = checked.diagnostics
    assert (d.code, d.line, d.column) == ("FC112", 7, 17)
    assert "did you mean 'tutorial'" in d.message and not checked.ok


def test_unknown_keys_grades_and_campaigns_say_what_was_meant():
    text = GOOD.replace("campaign: shop-systems", "campain: shop-systems").replace("grade: Legendary", "grade: legendary")
    found = check(text).diagnostics
    messages = " | ".join(d.format() for d in found)
    assert "courses/x.yaml:12:5: error: unknown key 'campain' in block 'next' (did you mean 'campaign'?)" in messages
    assert "did you mean 'Legendary'" in messages
    assert "FC120" in [d.code for d in check(GOOD.replace("shop-systems", "shop-sytems")).diagnostics]


def test_a_prerequisite_must_be_an_earlier_block():
    text = GOOD.replace("requires: [start]", "requires: [nxt]")
    [d] = check(text).diagnostics
    assert d.code == "FC130" and d.line == 10 and "not a block listed before it" in d.message
    swapped = GOOD.replace("requires: [start]", "requires: [next]")
    assert [d.code for d in check(swapped).diagnostics] == ["FC131"]


@pytest.mark.parametrize("text, code", [
    ("", "FL003"),
    ("- a\n", "FL004"),
    ("format: 1\nid: x\ntitle: X\n", "FL022"),
    ("format: 1\nid: x\ntitle: X\nblocks:\n  a: {title: A, scenarios: []}\n", "FC110"),
    ("format: 1\nid: x\ntitle: X\nblocks:\n  a: {title: A, scenarios: [tutorial, tutorial]}\n", "FC113"),
    ("format: 1\nid: x\ntitle: X\nblocks:\n  a: {title: A, scenarios: [tutorial], certificate: {attempts: 0}}\n",
     "FL031"),
    ("format: 2\nid: x\ntitle: X\nblocks:\n  a: {title: A, scenarios: [tutorial]}\n", "FL033"),
    ("format: 1\nid: x\nid: y\ntitle: X\nblocks: {}\n", "FL010"),
])
def test_broken_courses_get_stable_codes(text, code):
    checked = check(text)
    assert not checked.ok
    assert code in [d.code for d in checked.diagnostics], [d.format() for d in checked.diagnostics]


def test_the_default_course_is_valid_tutorial_first_and_easy_to_hard():
    from game.core import loader
    checked = check_file(ROOT / "courses" / "default.yaml", SCENARIOS, PORTFOLIOS)
    assert checked.ok and not checked.diagnostics, [d.format() for d in checked.diagnostics]
    course = checked.course
    assert course.blocks[0].scenarios == ("tutorial",)
    difficulty = {sid: loader.load_file(path).difficulty for sid, path in library_files(ROOT / "scenarios").items()}
    hardest = [max(difficulty[s] for s in b.scenarios) for b in course.blocks]
    easiest = [min(difficulty[s] for s in b.scenarios) for b in course.blocks]
    assert all(hardest[i] <= easiest[i + 1] + 1 for i in range(len(hardest) - 1))
    assert hardest == sorted(hardest)
    assert set(course.scenario_ids) == SCENARIOS  # every bundled scenario is on the path


def test_the_schema_accepts_the_default_course_and_refuses_what_the_validator_refuses():
    schema = course_schema()
    tree, _ = read_yaml((ROOT / "courses" / "default.yaml").read_text(encoding="utf-8"), "default.yaml")
    plain = json.loads(json.dumps(tree))
    jsonschema.validate(plain, schema)
    plain["blocks"]["first-steps"]["certificat"] = {}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(plain, schema)


def run(*args):
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_validate_and_schema_cover_courses(tmp_path):
    folder = tmp_path / "courses"
    folder.mkdir()
    (folder / "bad.yaml").write_text(GOOD.replace("[tutorial]", "[tutorail]"), encoding="utf-8")
    bad = run("validate", str(folder))
    assert bad.returncode == 1
    assert f"{folder / 'bad.yaml'}:7:17: error: block 'start' lists scenario 'tutorail'" in bad.stdout
    good = run("validate", "courses/", "--json")
    assert good.returncode == 0 and json.loads(good.stdout)["files"] == 1
    schema = run("schema", "--course")
    assert schema.returncode == 0 and json.loads(schema.stdout)["title"].startswith("Five Levers course")


def test_the_shipped_course_schema_is_current():
    shipped = json.loads((ROOT / "docs" / "course.schema.json").read_text(encoding="utf-8"))
    assert shipped == course_schema(), "docs/course.schema.json is stale: run python main.py schema --course"


def test_course_shows_a_players_progress_from_the_scoreboard(saves):
    played = run("play", "scenarios/tutorial.yaml", "--choices", "1,3,2,2,2,2,1,4", "--player", "Ana Lima")
    assert played.returncode == 0, played.stderr
    shown = run("course", "--player", "Ana Lima", "--json")
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    first, second = data["blocks"][:2]
    assert first["certified"] and first["scenarios"][0] == {"id": "tutorial", "met": True, "attempts": 1,
                                                             "best_grade": "Developing", "tries_left": None}
    assert second["open"] and not second["certified"] and len(second["left"]) == 4
    text = run("course", "--player", "Bo")
    assert "Certified in 0 of 5 blocks; next: First steps" in text.stdout
    assert run("course", "--player", "Bo", "--course", "nope").returncode == 2
