"""A JSON Schema of the course format (`courses/<id>.yaml`), for editors;
built from the same constants as the course validator (a test keeps them in
agreement)."""
from __future__ import annotations

from game.core.course.build import BLOCK_KEYS, BLOCK_PATTERN, ID_PATTERN, RULE_KEYS, TOP_KEYS
from game.core.course.model import FORMAT_VERSION, GRADES, MAX_BLOCKS, MAX_SCENARIOS, MODES

SCHEMA_ID = "https://five-levers.invalid/schema/course-1.json"


def _pattern(compiled) -> str:
    return "^" + compiled.pattern.replace("\\Z", "") + "$"


def _ids(description: str, most: int | None = None) -> dict:
    seq = {"type": "array", "items": {"type": "string", "minLength": 1}}
    if most:
        seq.update(minItems=1, maxItems=most)
    return {"description": description, "anyOf": [seq, {"type": "string", "minLength": 1}]}


def course_schema() -> dict:
    rule = {
        "type": ["object", "null"], "additionalProperties": False,
        "description": "What earns the block's certificate (default: Strong in assessment mode, first or second try).",
        "properties": {
            "grade": {"enum": list(GRADES), "default": "Strong",
                      "description": "The grade each scenario of the block needs, or better."},
            "mode": {"enum": list(MODES), "default": "assessment", "description": "The mode attempts must be in."},
            "attempts": {"anyOf": [{"type": "integer", "minimum": 1, "maximum": 100}, {"const": "any"}], "default": 2,
                         "description": "Only the first N attempts at a scenario (in that mode) count; 'any': all."},
            "personas": {"type": "integer", "minimum": 0, "maximum": 10, "default": 0,
                         "description": "At least this many different customer temperaments met in the block."},
            "campaign_score": {"type": "integer", "minimum": 0, "maximum": 100, "default": 0,
                               "description": "With a campaign: a quarter scoring at least this."},
        },
    }
    block = {
        "type": "object", "additionalProperties": False, "required": ["title", "scenarios"],
        "properties": {
            "title": {"type": "string", "minLength": 1, "description": "The block's title, one line."},
            "description": {"type": ["string", "null"], "description": "What the block is about."},
            "scenarios": _ids("Scenario ids, in the order the trainee meets them.", MAX_SCENARIOS),
            "campaign": {"type": "string", "minLength": 1, "description": "A portfolio id (the campaign)."},
            "requires": _ids("Ids of earlier blocks that must be certified first."),
            "certificate": rule,
        },
    }
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
        "title": "Five Levers course (learning path)", "type": "object", "additionalProperties": False,
        "required": ["format", "id", "title", "blocks"],
        "properties": {
            "format": {"const": FORMAT_VERSION},
            "id": {"type": "string", "pattern": _pattern(ID_PATTERN)},
            "version": {"type": "integer", "minimum": 1, "default": 1},
            "title": {"type": "string", "minLength": 1},
            "summary": {"type": ["string", "null"]},
            "blocks": {"type": "object", "minProperties": 1, "maxProperties": MAX_BLOCKS,
                       "propertyNames": {"pattern": _pattern(BLOCK_PATTERN)}, "additionalProperties": block},
        },
    }
    assert set(schema["properties"]) == set(TOP_KEYS) and set(block["properties"]) == set(BLOCK_KEYS)
    assert set(rule["properties"]) == set(RULE_KEYS)
    return schema
