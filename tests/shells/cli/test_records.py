"""Reviewer commands, as a team lead runs them: real processes, a real scoreboard file."""
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from ralph.models.xapi.base.statements import BaseXapiStatement

ROOT = Path(__file__).resolve().parents[3]
LATE = ROOT / "tests" / "plans" / "scenarios" / "late-refund.yaml"


@pytest.fixture
def cli(tmp_path):
    saves = tmp_path / "saves"

    def run(*args):
        proc = subprocess.run([sys.executable, "main.py", *map(str, args)], cwd=ROOT, capture_output=True,
                              text=True, timeout=60,
                              env={"PATH": "/usr/bin:/bin", "FIVE_LEVERS_SAVES": str(saves),
                                   "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"})
        assert "Traceback" not in proc.stdout + proc.stderr
        return proc
    run.saves = saves
    return run


def test_scripted_play_with_a_player_is_recorded_and_listed(cli):
    first = cli("play", LATE, "--choices", "1,2,2", "--player", "  Ana Lima ", "--json")
    assert first.returncode == 0 and json.loads(first.stdout)["score"] == 42
    assert "Recorded attempt 1 for Ana Lima" in first.stderr
    cli("play", LATE, "--choices", "1,1,1", "--player", "Bo", "--assess")
    table = cli("scoreboard")
    assert table.returncode == 0
    lines = table.stdout.splitlines()
    assert "Player" in lines[0] and len(lines) == 4
    assert "Ana Lima" in lines[2] and "42" in lines[2] and "coach" in lines[2]
    assert "Bo" in lines[3] and "assessment" in lines[3]
    records = json.loads(cli("scoreboard", "--player", "Bo", "--format", "json").stdout)
    assert [r["player"] for r in records] == ["Bo"]
    for key in ("player", "scenario", "version", "score", "grade", "outcome", "levers", "rules", "finished_at"):
        assert key in records[0]
    assert json.loads(cli("scoreboard", "--scenario", "nope", "--format", "json").stdout) == []
    rows = list(csv.DictReader(io.StringIO(cli("scoreboard", "--format", "csv").stdout)))
    assert [r["player"] for r in rows] == ["Ana Lima", "Bo"]


def test_an_unfinished_scripted_play_is_not_recorded(cli):
    proc = cli("play", LATE, "--choices", "1", "--player", "Ana")
    assert proc.returncode == 0 and "not recorded" in proc.stderr
    assert "No attempts recorded yet" in cli("scoreboard").stdout


@pytest.mark.parametrize("name, why", [("   ", "empty"), ("x" * 41, "at most 40"), ("a\tb", "printable")])
def test_a_bad_player_name_is_refused_with_the_reason(cli, name, why):
    proc = cli("play", LATE, "--choices", "1,2,2", "--player", name)
    assert proc.returncode == 2 and why in proc.stderr and "--player" in proc.stderr


def test_export_csv_neutralises_formulas(cli, tmp_path):
    cli("play", LATE, "--choices", "1,2,2", "--player", "=2+3")
    out = tmp_path / "attempts.csv"
    proc = cli("export", "--csv", out)
    assert proc.returncode == 0 and "Wrote 1 attempt" in proc.stderr
    [row] = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert row["player"] == "'=2+3" and row["score"] == "42"


def test_export_xapi_writes_valid_statements_with_a_configured_home_page(cli, tmp_path):
    cli("play", LATE, "--choices", "1,2,2", "--player", "Ana", "--learner", "Ana.Lima@Example.org")
    cli("play", LATE, "--choices", "1,1,1", "--player", "Bo")
    out = tmp_path / "statements.json"
    proc = cli("export", "--xapi", out, "--home-page", "https://lms.example.org/")
    assert proc.returncode == 0, proc.stderr
    statements = json.loads(out.read_text(encoding="utf-8"))
    assert len(statements) == 2 * (1 + 3 + 2)  # initialized, 3 answered, completed, terminated
    for statement in statements:
        BaseXapiStatement.model_validate(statement)
        assert statement["context"]["extensions"]["https://five-levers.invalid/xapi/extensions/scripted"] is True
    accounts = {s["actor"]["name"]: s["actor"]["account"] for s in statements}
    assert accounts["Ana"] == {"homePage": "https://lms.example.org", "name": "ana.lima@example.org"}
    assert accounts["Bo"] == {"homePage": "https://five-levers.invalid/xapi/players", "name": "Bo"}
    assert len({s["context"]["registration"] for s in statements}) == 2
    assert [s["verb"]["display"]["en-US"] for s in statements].count("completed") == 2


def test_export_void_takes_back_an_export_made_with_the_wrong_activity_base(cli, tmp_path):
    cli("play", LATE, "--choices", "1,2,2", "--player", "Ana")
    wrong, void, right = tmp_path / "wrong.json", tmp_path / "void.json", tmp_path / "right.json"
    cli("export", "--xapi", wrong, "--activity-base", "https://wrong.example.org/fl")
    proc = cli("export", "--xapi", void, "--void", "--activity-base", "https://wrong.example.org/fl")
    assert proc.returncode == 0 and "6 voiding statements from 1 attempt to" in proc.stderr
    cli("export", "--xapi", right, "--activity-base", "https://example.org/fl")
    sent = [s["id"] for s in json.loads(wrong.read_text(encoding="utf-8"))]
    voids = json.loads(void.read_text(encoding="utf-8"))
    assert [v["object"]["id"] for v in voids] == sent
    assert not set(sent) & {s["id"] for s in json.loads(right.read_text(encoding="utf-8"))}
    refused = cli("export", "--csv", tmp_path / "a.csv", "--void")
    assert refused.returncode == 2 and "--void goes with --xapi" in refused.stderr


def test_export_refuses_a_home_page_that_is_not_an_address(cli, tmp_path):
    proc = cli("export", "--xapi", tmp_path / "x.json", "--home-page", "lms")
    assert proc.returncode == 2 and "absolute address" in proc.stderr
    assert not (tmp_path / "x.json").exists()


def test_export_needs_a_format(cli):
    proc = cli("export")
    assert proc.returncode == 2 and "--csv" in proc.stderr


def test_export_to_a_folder_that_does_not_exist_says_so(cli, tmp_path):
    proc = cli("export", "--csv", tmp_path / "missing" / "a.csv")
    assert proc.returncode == 1 and "could not save a.csv" in proc.stderr


def test_the_terminal_game_records_for_the_remembered_player_when_enter_keeps_the_name(cli):
    cli.saves.mkdir(parents=True)
    (cli.saves / "settings.json").write_text(json.dumps({"save_format": 1, "player": "Ana", "mode": "assessment"}),
                                             encoding="utf-8")
    proc = subprocess.run([sys.executable, "main.py", "--text"], cwd=ROOT, capture_output=True, text=True,
                          input="\n" + "1\n" * 40, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "FIVE_LEVERS_SAVES": str(cli.saves)})
    assert proc.returncode == 0, proc.stderr
    assert "Recorded attempt 1 for Ana" in proc.stdout
    records = json.loads(cli("scoreboard", "--format", "json").stdout)  # the menu comes back: maybe played again
    assert records and all((r["player"], r["mode"], r["scenario"]) == ("Ana", "assessment", "tutorial")
                           for r in records)


# --- personas and styles -------------------------------------------------------

TWO_FACES = ROOT / "tests" / "plans" / "scenarios" / "two-faces.yaml"


def test_attempts_record_the_persona_and_the_scoreboard_filters_and_breaks_down_by_style(cli, tmp_path):
    cli("play", TWO_FACES, "--choices", "2,1", "--persona", "brisk", "--player", "Ana")
    cli("play", TWO_FACES, "--choices", "1,1", "--persona", "hurt", "--player", "Ana")
    cli("play", TWO_FACES, "--choices", "1,2", "--persona", "brisk", "--player", "Bo")
    brisk = json.loads(cli("scoreboard", "--persona", "brisk", "--format", "json").stdout)
    assert [(r["player"], r["persona"], r["persona_style"]) for r in brisk] == \
        [("Ana", "brisk", "direct"), ("Bo", "brisk", "direct")]
    expressive = json.loads(cli("scoreboard", "--style", "expressive", "--format", "json").stdout)
    assert [r["persona"] for r in expressive] == ["hurt"]
    table = cli("scoreboard").stdout
    assert "brisk (direct)" in table and "hurt (expressive)" in table
    by_style = cli("scoreboard", "--by-style", "--player", "Ana", "--format", "json")
    data = json.loads(by_style.stdout)
    assert data["player"] == "Ana" and data["style"] is None
    assert sorted(r["style"] for r in data["customers"]) == ["direct", "expressive"]
    assert all(r["attempts"] == 1 for r in data["customers"])
    text = cli("scoreboard", "--by-style", "--player", "Ana").stdout
    assert "Direct customers" in text and "take the self-check" in text
    assert cli("scoreboard", "--by-style").returncode == 2
    out = tmp_path / "s.json"
    assert cli("export", "--xapi", out, "--persona", "hurt").returncode == 0
    statements = json.loads(out.read_text(encoding="utf-8"))
    assert statements and all(BaseXapiStatement.model_validate(s) for s in statements)
    ext = statements[-1]["context"]["extensions"]
    assert ext["https://five-levers.invalid/xapi/extensions/persona"] == "hurt"
    assert ext["https://five-levers.invalid/xapi/extensions/persona-style"] == "expressive"
    assert ext["https://five-levers.invalid/xapi/extensions/player-style"] is None


def test_an_attempt_carries_the_players_style_from_their_self_check(cli):
    from game.storage.scoreboard import SQLiteScoreboard
    cli.saves.mkdir(parents=True, exist_ok=True)
    board = SQLiteScoreboard(cli.saves / "scoreboard.sqlite3")
    board.save_style("Ana", "analytical", {"analytical": 6}, [1] * 10, "2026-11-24T10:00:00+00:00")
    board.close()
    cli("play", TWO_FACES, "--choices", "2,1", "--persona", "hurt", "--player", "Ana")
    [record] = json.loads(cli("scoreboard", "--format", "json").stdout)
    assert record["player_style"] == "analytical"
    text = cli("scoreboard", "--by-style", "--player", "Ana").stdout
    assert "your style is Analytical" in text and "tip:" in text


def test_the_style_breakdown_as_csv_is_safe_for_any_player_name(cli):
    cli("play", TWO_FACES, "--choices", "2,1", "--persona", "brisk", "--player", "=Lima, Ana")
    proc = cli("scoreboard", "--by-style", "--player", "=Lima, Ana", "--format", "csv")
    [row] = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert row["player"] == "'=Lima, Ana" and row["customer_style"] == "direct" and row["attempts"] == "1"


def test_export_since_a_date_and_only_what_the_lrs_does_not_have(cli, tmp_path, monkeypatch):
    from game.storage.scoreboard import open_scoreboard
    from game.storage.attempts import Attempt
    from game.core import loader
    from game.core.engine import play
    monkeypatch.setenv("FIVE_LEVERS_SAVES", str(cli.saves))
    monkeypatch.delenv("FIVE_LEVERS_DB", raising=False)
    scenario = loader.load_file(LATE)
    board = open_scoreboard()
    made = []
    for day in (18, 20, 22):
        attempt = Attempt.from_playthrough(play(scenario, [1, 2, 2]), f"P{day}", "coach",
                                           f"2026-11-{day}T09:00:00+00:00", finished_at=f"2026-11-{day}T09:05:00+00:00")
        board.record(attempt)
        made.append(attempt)
    board.mark_sent([made[1].registration], "2026-11-23T00:00:00+00:00")
    board.close()
    out = tmp_path / "since.csv"
    assert cli("export", "--csv", out, "--since", "2026-11-20").returncode == 0
    assert [r["player"] for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))] == ["P20", "P22"]
    proc = cli("export", "--xapi", "-", "--unsent")
    assert proc.returncode == 0
    assert {s["actor"]["name"] for s in json.loads(proc.stdout)} == {"P18", "P22"}
    bad = cli("export", "--csv", out, "--since", "last week")
    assert bad.returncode == 2 and "is not a date" in bad.stderr


def test_export_xapi_uses_the_configured_home_page_and_activity_base_by_default(cli, tmp_path):
    """The ids of an export match the statements the sender delivered with the same configuration."""
    cli.saves.mkdir(parents=True, exist_ok=True)
    (cli.saves / "lrs.json").write_text(json.dumps({"endpoint": "http://127.0.0.1:9/xAPI", "home_page":
                                                    "https://lms.example.org", "activity_base":
                                                    "https://example.org/fl"}), encoding="utf-8")
    cli("play", LATE, "--choices", "1,2,2", "--player", "Ana", "--learner", "ana@example.org")
    configured, explicit = tmp_path / "configured.json", tmp_path / "explicit.json"
    assert cli("export", "--xapi", configured).returncode == 0
    cli("export", "--xapi", explicit, "--home-page", "https://lms.example.org", "--activity-base",
        "https://example.org/fl")
    statements = json.loads(configured.read_text(encoding="utf-8"))
    assert statements[0]["actor"]["account"]["homePage"] == "https://lms.example.org"
    assert statements[0]["object"]["id"] == "https://example.org/fl/scenarios/late-refund"
    assert [s["id"] for s in statements] == [s["id"] for s in json.loads(explicit.read_text(encoding="utf-8"))]
