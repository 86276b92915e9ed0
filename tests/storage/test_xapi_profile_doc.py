"""docs/xapi-profile.md is what an LMS administrator reads: it must agree,
field by field, with the statements Five Levers sends."""
import re
from dataclasses import replace
from pathlib import Path

from game.core.model import LEVERS
from game.delivery.xapi import StatementBuilder

DOC = (Path(__file__).resolve().parents[2] / "docs" / "xapi-profile.md").read_text(encoding="utf-8")
BASE = "https://example.org/fl"


def _table(heading: str) -> list[list[str]]:
    section = DOC.split(heading, 1)[1]
    rows = []
    for line in section.splitlines()[1:]:
        if not line.strip():
            if rows:
                break
            continue
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        if not set(cells[0]) <= {"-", " "}:
            rows.append(cells)
    return rows[1:]  # without the header


def _ticks(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def _flat(result: dict, prefix: str = "") -> set[str]:
    out = set()
    for key, value in result.items():
        if isinstance(value, dict) and key == "score":
            out |= _flat(value, f"{prefix}{key}.")
        else:
            out.add(prefix + key)
    return out


def _sent(make_attempt):
    finished = make_attempt("Ana")
    abandoned = replace(make_attempt("Ben", choices=(1,)), status="abandoned")
    return StatementBuilder("https://lms.example.org", BASE).statements([finished, abandoned])


def _verb(statement) -> str:
    return statement["verb"]["id"].rsplit("/", 1)[1]


def test_every_result_field_sent_is_documented_and_every_documented_one_sent(make_attempt):
    documented = {row[0]: set(_ticks(row[1])) for row in _table("## Results, field by field")}
    sent: dict[str, set] = {}
    for statement in _sent(make_attempt):
        if "result" in statement:
            sent.setdefault(_verb(statement), set()).update(_flat(statement["result"]))
    assert sent == documented


def test_every_extension_sent_is_documented_where_it_is_sent(make_attempt):
    where_words = {"context": "context", "the scenario activity's definition": "scenario"}
    documented = set()
    for row in _table("## Extensions"):
        name, where = _ticks(row[0])[0], row[1]
        place = where_words.get(where) or "result of " + _ticks(where)[0]
        documented.add((name, place))
    sent = set()
    prefix = f"{BASE}/extensions/"
    for statement in _sent(make_attempt):
        for key in statement["context"]["extensions"]:
            sent.add((key.removeprefix(prefix), "context"))
        for key in statement.get("result", {}).get("extensions", {}):
            sent.add((key.removeprefix(prefix), f"result of {_verb(statement)}"))
        if statement["object"]["definition"].get("type", "").endswith("simulation"):
            for key in statement["object"]["definition"].get("extensions", {}):
                sent.add((key.removeprefix(prefix), "scenario"))
    assert sent == documented


def test_the_levers_named_are_the_levers_sent(make_attempt):
    row = next(r for r in _table("## Extensions") if _ticks(r[0])[0] == "levers")
    named = [t for t in _ticks(row[2]) if t in LEVERS or "_" in t]
    answered = next(s for s in _sent(make_attempt) if _verb(s) == "answered")
    assert named == list(answered["result"]["extensions"][f"{BASE}/extensions/levers"]) == list(LEVERS)


def test_the_interaction_definition_is_documented_field_by_field(make_attempt):
    documented = [row[0].strip("`") for row in _table("### The interaction's definition, field by field")]
    answered = next(s for s in _sent(make_attempt) if _verb(s) == "answered")
    assert documented == list(answered["object"]["definition"])


def test_the_hash_is_described_as_what_it_is(make_attempt):
    statement = _sent(make_attempt)[0]
    digest = statement["context"]["extensions"][f"{BASE}/extensions/content-hash"]
    assert re.fullmatch(r"[0-9a-f]{16}", digest)
    assert "first 16 hexadecimal digits of the SHA-256" in DOC
    assert '"version"' not in str(statement) and "version" not in statement
