"""The JSON Schema for editors agrees with the validator on every file we have."""
import json
from pathlib import Path

import jsonschema
import pytest

from game.core import loader, yaml_reader
from game.authoring.schema import scenario_schema

ROOT = Path(__file__).resolve().parents[2]
ALL_FILES = sorted([*(ROOT / "tests" / "bad").glob("*.yaml"), *(ROOT / "scenarios").glob("*.yaml"),
                    *(ROOT / "tests" / "plans" / "scenarios").glob("*.yaml")])


def _tree(path):
    """The file as our reader sees it (YAML 1.2 core), or None when it is not
    readable YAML: then the editor's own YAML parser reports it, not a schema."""
    text, problems = yaml_reader.decode(path.read_bytes(), str(path))
    if text is None:
        return None
    tree, problems = yaml_reader.read(text, str(path))
    return None if tree is None or any(d.is_error for d in problems) else tree


FILES = [p for p in ALL_FILES if _tree(p) is not None]
# errors about the shape of the file: a schema can and must catch these
STRUCTURAL = {"FL020", "FL021", "FL022", "FL023", "FL025", "FL026", "FL027", "FL030", "FL031", "FL032", "FL033",
              "FL034", "FL035", "FL036", "FL037", "FL038", "FL061"}
VALIDATOR = jsonschema.Draft7Validator(scenario_schema())


def test_the_schema_is_a_valid_draft_7_schema_with_descriptions_everywhere():
    jsonschema.Draft7Validator.check_schema(scenario_schema())
    missing = []

    def walk(node, where):
        if isinstance(node, dict):
            props = node.get("properties", {})
            for name, sub in props.items():
                if "description" not in sub:
                    missing.append(f"{where}.{name}")
            for key, sub in node.items():
                walk(sub, f"{where}.{key}")
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                walk(sub, f"{where}[{i}]")
    walk(scenario_schema(), "$")
    assert missing == []


def test_most_files_are_compared():
    assert len(FILES) >= len(ALL_FILES) - 13 and len(FILES) >= 20  # reader-level errors are the editor's YAML parser's job


def test_the_schema_has_enums_for_levers_rules_moods_and_outcomes():
    text = json.dumps(scenario_schema())
    for word in ("customers_first", "positive_emotions", "dont_upset", "shut_up_and_listen", "angry",
                 "at_risk", "escalate"):
        assert f'"{word}"' in text


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.stem}" for p in FILES])
def test_schema_and_validator_agree(path):
    tree = _tree(path)
    schema_errors = list(VALIDATOR.iter_errors(tree))
    checked = loader.check_file(path)
    codes = {d.code for d in checked.diagnostics if d.is_error}
    if checked.ok:
        assert schema_errors == [], f"the schema rejects a valid file: {schema_errors[0].message}"
    if codes & STRUCTURAL:
        assert schema_errors, f"the validator finds {sorted(codes & STRUCTURAL)} but the schema accepts the file"


def test_the_schema_catches_unknown_keys_anywhere(load):
    tree, _ = yaml_reader.read((ROOT / "tests" / "plans" / "scenarios" / "late-refund.yaml").read_text(), "x")
    tree["nodes"]["opening"]["choices"][0]["lever"] = {"connect": 1}
    assert any("lever" in e.message for e in VALIDATOR.iter_errors(tree))
