"""Item analysis for trainers (`analyze FILE --attempts`), against a worked
example on the hand-checked late-refund scenario, whose best replies are
each node's first (opening: listen, 3 points; story: the call-back, 3
points; fix: the refund, 5 points).

Six attempts, ranked by score: 1,1,1 (100), 1,2,1 (84), 1,1,2 (58),
2,1,1 (49), 1,2,2 (42), 2,2,2 (0): the top third is the first two, the
bottom third the last two.
- opening: picks 4 / 2; difficulty 4/6; top 2/2, bottom 1/2: discrimination 0.5
- story: picks 3 / 3; difficulty 3/6; top 1/2, bottom 0/2: 0.5
- fix: picks 3 / 3 / 0; difficulty 3/6; top 2/2, bottom 0/2: 1.0; reply 3
  (walk away) never picked over six attempts: flagged
"""
import json
import subprocess
import sys
from dataclasses import replace

from game.core import loader
from game.core.engine import play
from game.storage.attempts import Attempt
from game.storage.scoreboard import open_scoreboard
from tests.shells.cli.test_cli import LATE, ROOT

WORKED = ([1, 1, 1], [1, 2, 1], [1, 1, 2], [2, 1, 1], [1, 2, 2], [2, 2, 2])


def record(paths, **changes):
    scenario = loader.load_file(LATE)
    board = open_scoreboard()
    for n, choices in enumerate(paths):
        attempt = Attempt.from_playthrough(play(scenario, choices), f"P{n}", "assessment",
                                           f"2026-11-2{n}T09:00:00+00:00", finished_at=f"2026-11-2{n}T09:05:00+00:00")
        board.record(replace(attempt, **changes))
    board.close()


def analyze(saves) -> dict:
    proc = subprocess.run([sys.executable, "main.py", "analyze", str(LATE), "--attempts", "--json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "FIVE_LEVERS_SAVES": str(saves)})
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_item_analysis_matches_the_worked_example(saves):
    record(WORKED)
    record([[2, 2, 2]], scripted=True)  # a script's run
    record([[2, 2, 2]], content_hash="0123456789abcdef")  # played on another version of the file
    data = analyze(saves)
    assert (data["attempts"], data["left_out"], data["third"]) == (6, 2, 2)
    by_node = {d["node"]: d for d in data["decisions"]}
    assert [r["picks"] for r in by_node["opening"]["replies"]] == [4, 2]
    assert [r["picks"] for r in by_node["story"]["replies"]] == [3, 3]
    assert [r["picks"] for r in by_node["fix"]["replies"]] == [3, 3, 0]
    assert [r["pick_rate"] for r in by_node["opening"]["replies"]] == [0.667, 0.333]
    assert [r["best"] for r in by_node["fix"]["replies"]] == [True, False, False]
    assert [by_node[n]["difficulty"] for n in ("opening", "story", "fix")] == [0.667, 0.5, 0.5]
    assert [by_node[n]["discrimination"] for n in ("opening", "story", "fix")] == [0.5, 0.5, 1.0]
    assert by_node["fix"]["flags"] == [{"flag": "never-picked", "choice": 3, "text": "Nothing I can do."}]
    assert by_node["opening"]["flags"] == by_node["story"]["flags"] == []


def test_a_decision_the_strong_players_get_wrong_is_flagged(saves):
    record([[1, 2, 1], [1, 1, 2], [2, 1, 1]])  # 84 (misses the call-back), 58, 49 (takes it)
    story = next(d for d in analyze(saves)["decisions"] if d["node"] == "story")
    assert (story["difficulty"], story["discrimination"]) == (0.667, -1.0)
    assert {"flag": "strong-players-miss"} in story["flags"]


def test_the_text_report_names_the_flags(saves):
    record(WORKED)
    proc = subprocess.run([sys.executable, "main.py", "analyze", str(LATE), "--attempts"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "FIVE_LEVERS_SAVES": str(saves)})
    assert proc.returncode == 0 and "nobody picks reply 3" in proc.stdout and "difficulty 0.67" in proc.stdout
