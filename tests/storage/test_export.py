"""CSV, table and JSON exports; xAPI statements checked by the Ralph LRS's own models."""
import csv
import io
import json

import pytest
from ralph.models.xapi.base.statements import BaseXapiStatement

from game.storage import export
from game.delivery.xapi import StatementBuilder


@pytest.mark.parametrize("cell", ["=1+1", "+41", "-2", "@SUM(A1)", "\tx", "\r=x"])
def test_a_cell_a_spreadsheet_would_run_is_neutralised_but_still_readable(cell):
    safe = export.neutralise(cell)
    assert safe[0] == "'" and safe[1:] == cell


@pytest.mark.parametrize("cell", ["Ana", "42", "", "a=b", "Łucja"])
def test_ordinary_cells_are_unchanged(cell):
    assert export.neutralise(cell) == cell


def test_csv_has_one_row_per_attempt_with_levers_and_rules(make_attempt):
    attempts = [make_attempt("=HYPERLINK(\"http://x\")"), make_attempt("Bo", (1, 1, 1))]
    rows = list(csv.DictReader(io.StringIO(export.to_csv(attempts))))
    assert len(rows) == 2
    assert rows[0]["player"] == "'=HYPERLINK(\"http://x\")"
    assert rows[0]["score"] == "42" and rows[0]["customers_first_percent"] == "75"
    assert rows[0]["positive_emotions_percent"] == ""  # not assessed: empty, not zero
    assert rows[0]["dont_make_it_worse_breaches"] == "1"
    assert rows[0]["path"] == "opening > story > fix > kept"


def test_json_record_has_the_fields_reviewers_script_against(make_attempt):
    [record] = json.loads(export.to_json([make_attempt()]))
    for key in ("player", "scenario", "version", "score", "grade", "outcome", "levers", "rules", "finished_at"):
        assert key in record
    assert set(record["levers"]) == {"customers_first", "connect", "solve_problems", "build_trust",
                                     "positive_emotions"}


def test_table_lines_up_and_names_every_attempt(make_attempt):
    text = export.to_table([make_attempt("Ana"), make_attempt("Bartholomew", (1, 1, 1))])
    lines = text.splitlines()
    assert lines[0].split()[:4] == ["#", "Finished", "Player", "Scenario"]
    assert "Bartholomew" in lines[3] and "late-refund" in lines[2]


def test_a_corrected_export_is_new_statements_and_the_old_ones_can_be_voided(make_attempt):
    attempt = make_attempt("Ana")
    wrong = StatementBuilder("https://lms.example.org", "https://wrong.example.org/fl")
    right = StatementBuilder("https://lms.example.org", "https://example.org/fl")
    other_home = StatementBuilder("https://other-lms.example.org", "https://example.org/fl")
    sent = wrong.statements([attempt])
    ids = [s["id"] for s in sent]
    assert not set(ids) & {s["id"] for s in right.statements([attempt])}  # an LRS stores the correction
    assert not set(ids) & {s["id"] for s in other_home.statements([attempt])}
    voids = wrong.voiding([attempt])
    assert [v["object"] for v in voids] == [{"objectType": "StatementRef", "id": i} for i in ids]
    for void in voids:
        BaseXapiStatement.model_validate(void)
        assert void["verb"]["id"] == "http://adlnet.gov/expapi/verbs/voided"
    assert voids[0]["actor"] == sent[0]["actor"]
    assert [v["id"] for v in wrong.voiding([attempt])] == [v["id"] for v in voids]  # re-sent: 409, not twice


def test_validator_really_rejects_a_broken_statement(make_attempt):
    statement = StatementBuilder().completed(make_attempt())
    statement["result"]["score"]["scaled"] = 4.2
    with pytest.raises(Exception):
        BaseXapiStatement.model_validate(statement)


@pytest.mark.parametrize("address", ["lms.example.org", "", "not a url", "https://has space/x"])
def test_a_home_page_that_is_not_an_address_is_refused(address):
    with pytest.raises(ValueError, match="absolute address"):
        StatementBuilder(address)


def test_attempts_recorded_before_replies_were_stored_get_them_back_from_the_bundled_file(make_attempt):
    from pathlib import Path

    from game.core import loader
    from game.shells.cli.records import fill_missing_steps
    from game.core.engine import play
    from game.storage.attempts import Attempt
    root = Path(__file__).resolve().parents[2]
    scenario = loader.load_file(root / "scenarios" / "tutorial.yaml")
    old = Attempt.from_playthrough(play(scenario, [1, 1, 1]), "Ana", "coach", "2026-01-01T10:00:00+00:00")
    expected = list(old.steps)
    old.steps = []  # as a version-1 scoreboard stored it
    stranger = make_attempt()
    stranger.steps, stranger.content_hash = [], "changed"  # its file is not the bundled one: left alone
    fill_missing_steps([old, stranger])
    assert [s["text"] for s in old.steps] == [s["text"] for s in expected]
    assert stranger.steps == []
