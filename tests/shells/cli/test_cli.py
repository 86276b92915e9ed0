"""The command line as scripts and trainers use it: real processes."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
LATE = ROOT / "tests" / "plans" / "scenarios" / "late-refund.yaml"


def run(*args, stdin=None):
    proc = subprocess.run([sys.executable, "main.py", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, input=stdin, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"})
    assert "Traceback" not in proc.stdout + proc.stderr
    return proc


def test_scripted_play_json_matches_the_contract_field_by_field():
    proc = run("play", LATE, "--choices", "1,2,2", "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert list(out) == ["scenario", "version", "persona", "finished", "path", "ending", "outcome", "mood",
                         "levers", "rules", "score", "grade", "steps"]
    assert out["persona"] is None
    assert (out["scenario"], out["version"], out["finished"]) == ("late-refund", 3, True)
    assert out["path"] == ["opening", "story", "fix", "kept"]
    assert (out["ending"], out["outcome"], out["mood"]) == ("kept", "retained", "calm")
    assert out["levers"] == {
        "customers_first": {"points": 3, "ceiling": 4, "percent": 75},
        "connect": {"points": 2, "ceiling": 2, "percent": 100},
        "solve_problems": {"points": 1, "ceiling": 3, "percent": 33},
        "build_trust": {"points": 0, "ceiling": 2, "percent": 0},
        "positive_emotions": {"points": 0, "ceiling": 0, "percent": None},
    }
    assert out["rules"] == {"dont_upset": 0, "dont_make_it_worse": 1, "shut_up_and_listen": 0}
    assert (out["score"], out["grade"]) == (42, "Needs work")
    assert out["steps"][0]["line"] == "Third time I'm calling!"
    assert out["steps"][0] == {"node": "opening", "line": out["steps"][0]["line"], "choice": 1, "text": "I'm sorry. Please, tell me what happened.",
                               "mood_before": "upset", "mood_after": "uneasy", "breaks": [],
                               "feedback": "Inviting the story first builds connection."}
    assert [s["breaks"] for s in out["steps"]] == [[], ["dont_make_it_worse"], []]


def test_unfinished_play_reports_nulls_and_scores_so_far():
    out = json.loads(run("play", LATE, "--choices", "1", "--json").stdout)
    assert (out["finished"], out["ending"], out["outcome"]) == (False, None, None)
    assert out["path"] == ["opening", "story"] and out["levers"]["connect"]["points"] == 2


def test_empty_choices_is_a_playthrough_that_has_not_started():
    out = json.loads(run("play", LATE, "--choices", "", "--json").stdout)
    assert out["path"] == ["opening"] and out["finished"] is False and out["steps"] == []


def test_choice_not_shown_exits_3_naming_step_node_and_count():
    proc = run("play", LATE, "--choices", "1,7", "--json")
    assert proc.returncode == 3 and proc.stdout == ""
    assert "step 2" in proc.stderr and "'story'" in proc.stderr and "2 choices shown" in proc.stderr


def test_too_many_choices_after_the_end_exits_3():
    proc = run("play", LATE, "--choices", "1,1,1,1")
    assert proc.returncode == 3 and "step 4" in proc.stderr and "ended" in proc.stderr


def test_invalid_scenario_exits_1_with_compiler_style_errors(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(LATE.read_text().replace("goto: story\n        levers", "goto: stroy\n        levers", 1))
    proc = run("play", bad, "--choices", "1", "--json")
    assert proc.returncode == 1 and proc.stdout == ""
    assert f"{bad}:19:15: error: choice goes to unknown node 'stroy' (did you mean 'story'?)" in proc.stderr


@pytest.mark.parametrize("args", [
    ("play", LATE, "--choices", "1,x"),
    ("play", LATE, "--choices", "0"),
    ("play", LATE, "--seed", "abc", "--choices", "1"),
    ("play",),
    ("frobnicate",),
    ("play", "no-such-file.yaml", "--choices", "1"),
    ("play", LATE, "--json"),
    ("play", LATE, "--from", "nowhere", "--choices", "1"),
])
def test_usage_errors_exit_2(args):
    proc = run(*args)
    assert proc.returncode == 2, proc.stderr
    assert "error" in proc.stderr


def test_seed_changes_shuffled_order_and_is_reported_back(tmp_path):
    text = LATE.read_text().replace("    venting: true\n", "    venting: true\n    shuffle: true\n")
    path = tmp_path / "s.yaml"
    path.write_text(text)
    firsts = {json.loads(run("play", path, "--choices", "1", "--json", "--seed", seed).stdout)["steps"][0]["text"]
              for seed in range(8)}
    assert len(firsts) == 2


def test_play_from_a_node():
    out = json.loads(run("play", LATE, "--from", "fix", "--choices", "1", "--json").stdout)
    assert out["path"] == ["fix", "kept"]


def test_validate_exit_codes_and_summary(tmp_path):
    ok = run("validate", ROOT / "scenarios")
    assert ok.returncode == 0 and "0 errors" in ok.stdout
    warn = run("validate", ROOT / "tests" / "bad" / "warnings-only.yaml")
    assert warn.returncode == 0 and "warning:" in warn.stdout
    bad = run("validate", ROOT / "tests" / "bad" / "trap.yaml", ROOT / "scenarios")
    assert bad.returncode == 1 and "trap.yaml:16:3: error:" in bad.stdout
    missing = run("validate", tmp_path / "nope.yaml")
    assert missing.returncode == 1 and "no such file" in missing.stdout


def test_validate_json_for_scripts():
    out = json.loads(run("validate", ROOT / "tests" / "bad" / "unknown-goto.yaml", "--json").stdout)
    assert out["errors"] == 1 and out["diagnostics"][0]["code"] == "FL042"
    assert out["diagnostics"][0]["line"] == 14


@pytest.mark.parametrize("command", [(), ("play",), ("validate",)])
def test_help_for_every_command(command):
    proc = run(*command, "--help")
    assert proc.returncode == 0 and "usage:" in proc.stdout


def test_text_play_through_a_pipe():
    proc = run("play", LATE, "--text", stdin="1\nabc\n5\n2\n2\n")
    assert proc.returncode == 0
    assert "Please type a number from 1 to 2" in proc.stdout
    assert "Score 42 (Needs work)" in proc.stdout


def test_text_play_ends_cleanly_at_end_of_input():
    proc = run("play", LATE, "--text", stdin="1\n")
    assert proc.returncode == 0 and "Goodbye" in proc.stdout


def test_no_display_says_so_and_offers_the_terminal_version(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "FIVE_LEVERS_SAVES": str(tmp_path)}  # no DISPLAY, no SDL driver
    proc = subprocess.run([sys.executable, "main.py"], cwd=ROOT, capture_output=True, text=True, input="Zoe\n",
                          timeout=60, env=env)
    assert proc.returncode == 0
    assert "No display is available" in proc.stderr and proc.stderr.count("\n") == 1
    assert "Your name: " in proc.stdout  # the terminal asks who is playing, as the title screen does
    assert "main menu" in proc.stdout and "Play a scenario" in proc.stdout  # the whole game, from one menu
    assert "Traceback" not in proc.stdout + proc.stderr


def test_the_terminal_game_asks_the_name_records_under_it_and_remembers_it(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "FIVE_LEVERS_SAVES": str(tmp_path)}
    proc = subprocess.run([sys.executable, "main.py", "--text"], cwd=ROOT, capture_output=True, text=True,
                          input="\n" + "x" * 41 + "\nZoe Park\n1\n" + "1\n" * 16, timeout=60, env=env)
    assert "cannot be empty" in proc.stdout and "at most 40 characters" in proc.stdout
    assert "Zoe Park" in proc.stdout and "Traceback" not in proc.stdout + proc.stderr
    board = subprocess.run([sys.executable, "main.py", "scoreboard", "--player", "Zoe Park", "--format", "json"],
                           cwd=ROOT, capture_output=True, text=True, timeout=60, env=env)
    assert json.loads(board.stdout), board.stdout + board.stderr
    again = subprocess.run([sys.executable, "main.py", "--text"], cwd=ROOT, capture_output=True, text=True,
                           input="", timeout=60, env=env)
    assert "Your name (Enter for Zoe Park): " in again.stdout


@pytest.mark.parametrize("command", [["main.py"], ["main.py", "play", "scenarios/tutorial.yaml"]])
def test_a_display_that_names_no_x_server_falls_back_to_the_terminal_at_once(tmp_path, command):
    """SDL falls back to its offscreen driver when DISPLAY names no server:
    the game would draw into nothing and seem to hang. It must notice."""
    import time
    env = {"PATH": "/usr/bin:/bin", "FIVE_LEVERS_SAVES": str(tmp_path), "DISPLAY": ":97"}
    started = time.monotonic()
    proc = subprocess.run([sys.executable, *command], cwd=ROOT, capture_output=True, text=True, input="",
                          timeout=60, env=env)
    assert time.monotonic() - started < 20  # a generous bound: the point is "not forever"
    assert "No display is available" in proc.stderr and "Traceback" not in proc.stdout + proc.stderr
    assert proc.returncode == 0
