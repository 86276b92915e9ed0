"""`main.py review FILE --blind`: the reviewer sees only the replies, plays
once per persona, and is scored at the end; the printable sheet and
`--answers` score a colleague's ticks the same way."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from game.authoring import blind_review
from game.core import loader
from game.core.engine import Playthrough

from tests.fair.scenarios import PERSONAS

ROOT = Path(__file__).resolve().parents[2]
SECRETS = ["Where is my refund?", "Refund. Date. Now.", "And?", "Dana has called about a refund.",
           "Dana is between meetings.", "Brisk and to the point", "Hurt and wants to be heard", "Dana is satisfied",
           "She wanted the date first."]


def run(*args, stdin="", timeout=60):
    return subprocess.run([sys.executable, "main.py", *map(str, args)], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, timeout=timeout)


def scenario_file(tmp_path):
    path = tmp_path / "two-faces.yaml"
    path.write_text(PERSONAS, encoding="utf-8")
    return path


def played(path, persona, choices):
    out = run("play", path, "--persona", persona, "--choices", ",".join(map(str, choices)), "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_blind_play_shows_only_the_replies_and_scores_each_persona_at_the_end(tmp_path):
    path = scenario_file(tmp_path)
    # run 1 (brisk): 'Tell me what happened', then 'I'll call you Friday'; run 2 (hurt): the same picks
    out = run("review", path, "--blind", stdin="1\n1\n1\n1\n")
    assert out.returncode == 0, out.stderr
    during, _, after = out.stdout.partition("Blind review: what your picks scored")
    assert after, out.stdout
    for secret in SECRETS:
        assert secret.lower() not in during.lower(), secret
    assert not re.search(r"score \d|\d+ \((Legendary|Strong|Developing|Needs work)\)", during)
    assert "Tell me what happened." in during and "Policy is policy." in during
    assert during.count("=== Run") == 2
    brisk, hurt = played(path, "brisk", [1, 1]), played(path, "hurt", [1, 1])
    after = " ".join(after.split())
    assert f"score {brisk['score']} ({brisk['grade']})" in after.split("Hurt and wants")[0]
    assert f"score {hurt['score']} ({hurt['grade']})" in after.split("Hurt and wants")[1]
    bests = json.loads(run("analyze", path, "--json", "--runs", "0").stdout)["personas"]
    assert f"best possible {bests['brisk']['best_score']}" in after.split("Hurt and wants")[0]
    assert f"best possible {bests['hurt']['best_score']}" in after.split("Hurt and wants")[1]
    mean = round((brisk["score"] + hurt["score"]) / 2 + 1e-9)
    assert f"Mean over the customers: {mean}" in after
    assert "replay: main.py play" in after and "--persona brisk --seed 0 --choices 1,1" in after


def test_blind_play_json_and_the_verdict_when_the_replies_give_it_away(tmp_path):
    path = scenario_file(tmp_path)
    out = run("review", path, "--blind", "--json", stdin="1\n1\n1\n1\n")
    data = json.loads(out.stdout[out.stdout.index("{"):])
    assert [r["persona"] for r in data["runs"]] == ["brisk", "hurt"]
    assert data["gives_answer_away"] == (data["mean"] >= 75 or any(r["score"] >= 90 for r in data["runs"]))
    assert ("give the answer away" in data["verdict"]) == data["gives_answer_away"]


def test_the_verdict_names_legendary_runs_and_a_strong_mean():
    def review(*scores):
        made = blind_review.Review("x", 0)
        made.runs = [blind_review.RunResult(f"p{i}", f"Customer {i}", "", [], s, "", "retained", True, 100)
                     for i, s in enumerate(scores)]
        return made
    assert "Legendary with Customer 0" in review(90, 10).verdict()  # mean 50, but one customer is Legendary
    assert review(90, 10).to_dict()["gives_answer_away"]
    assert "average 75 (Strong or better)" in review(80, 70).verdict()
    assert "below Strong" in review(80, 68).verdict() and not review(80, 68).to_dict()["gives_answer_away"]


def test_quitting_or_end_of_input_scores_nothing_and_a_superscript_digit_is_asked_again(tmp_path):
    path = scenario_file(tmp_path)
    for stdin in ("q\n", "", "1\n"):
        out = run("review", path, "--blind", stdin=stdin)
        assert out.returncode == 0 and "nothing is scored" in out.stdout and "Traceback" not in out.stderr
    out = run("review", path, "--blind", stdin="²\n7\n1\n1\n1\n1\n")
    assert out.returncode == 0 and out.stdout.count("Please type a number from 1 to") == 2
    assert "Mean over the customers" in out.stdout


def test_sheet_lists_every_decision_without_the_customer_and_answers_score_like_play(tmp_path):
    path = scenario_file(tmp_path)
    sheet = tmp_path / "sheet.md"
    out = run("review", path, "--blind", "--sheet", sheet)
    assert out.returncode == 0, out.stderr
    text = sheet.read_text(encoding="utf-8")
    for secret in SECRETS:
        assert secret.lower() not in text.lower(), secret
    assert text.count("## Decision") == 2 and text.count("- [ ]") == 4
    # tick 'It goes out Friday.' and 'I'll call you Friday to confirm.'
    filled = text.replace("- [ ] B. It goes out Friday.", "- [x] B. It goes out Friday.")
    filled = filled.replace("- [ ] A. I'll call you Friday to confirm.", "- [X] A. I'll call you Friday to confirm.")
    assert len(re.findall(r"^- \[[xX]\]", filled, re.M)) == 2, text
    answers = tmp_path / "filled.md"
    answers.write_text(filled, encoding="utf-8")
    out = run("review", path, "--answers", answers, "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    scenario = loader.load_file(path)
    for result in data["runs"]:
        replay = Playthrough(scenario, seed=0, persona=result["persona"])
        replay.choose_all(result["choices"])
        assert [s.text for s in replay.result().steps] == ["It goes out Friday.", "I'll call you Friday to confirm."]
        assert result["score"] == replay.result().score and result["finished"]


def test_bad_sheets_are_refused_with_the_line_and_the_reason(tmp_path):
    path = scenario_file(tmp_path)
    sheet = tmp_path / "sheet.md"
    run("review", path, "--blind", "--sheet", sheet)
    text = sheet.read_text(encoding="utf-8")
    two = tmp_path / "two.md"
    two.write_text(text.replace("- [ ] A.", "- [x] A.").replace("- [ ] B.", "- [x] B."), encoding="utf-8")
    out = run("review", path, "--answers", two)
    assert out.returncode == 1
    assert re.search(rf"{re.escape(str(two))}:\d+:1: error: decision 1: 2 replies are marked as the first choice "
                     r"\(A, B\); mark exactly one", out.stderr)
    empty = run("review", path, "--answers", sheet)
    assert empty.returncode == 1 and "no reply is ticked" in empty.stderr
    other = tmp_path / "other.yaml"
    other.write_text(PERSONAS.replace("Where is my refund?", "Where is my money?"), encoding="utf-8")
    filled = tmp_path / "filled.md"
    filled.write_text(text.replace("- [ ] A.", "- [x] A."), encoding="utf-8")
    changed = run("review", other, "--answers", filled)
    assert changed.returncode == 1 and "make a new sheet" in changed.stderr
    notes = tmp_path / "notes.md"
    notes.write_text("# my notes\n- [x] A. yes\n", encoding="utf-8")
    out = run("review", path, "--answers", notes)
    assert out.returncode == 1 and f"{notes}:1:1: error: this is not a blind review sheet" in out.stderr
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    out = run("review", path, "--answers", fifo, timeout=20)
    assert out.returncode == 2 and "not a regular file" in out.stderr


def test_usage_errors_say_what_to_do(tmp_path):
    path = scenario_file(tmp_path)
    assert "--blind" in run("review", path).stderr
    assert run("review", path, "--sheet", tmp_path / "s.md").returncode == 2
    assert run("review", tmp_path / "missing.yaml", "--blind").returncode == 2
    folder = tmp_path / "folder"
    folder.mkdir()
    out = run("review", path, "--blind", "--sheet", folder)
    assert out.returncode == 2 and "not a regular file" in out.stderr


def test_decisions_follow_the_conversation_breadth_first():
    scenario = loader.load_text(PERSONAS)
    assert blind_review.decisions(scenario) == ["opening", "fix"]


CONDITIONAL = """\
format: 1
id: conditional
title: Conditional
summary: A reply offered only after another.
customer: {name: Sam}
start: a
nodes:
  a:
    text: "Hello."
    choices:
      - {text: "Ask about the order.", goto: b, set: {asked: true}, levers: {connect: 2}}
      - {text: "Go straight on.", goto: b}
  b:
    text: "So?"
    choices:
      - {text: "Use what you told me.", goto: end, if: asked, levers: {solve_problems: 2}}
      - {text: "Offer the standard fix.", goto: end, levers: {solve_problems: 1}}
      - {text: "Say goodbye.", goto: end}
endings:
  end: {outcome: retained, text: Bye.}
"""


def test_ranked_choices_stand_in_when_the_first_is_not_on_offer(tmp_path):
    path = tmp_path / "conditional.yaml"
    path.write_text(CONDITIONAL, encoding="utf-8")
    sheet = tmp_path / "sheet.md"
    assert run("review", path, "--blind", "--sheet", sheet).returncode == 0
    text = sheet.read_text(encoding="utf-8")
    assert "number your next choices too" in text
    filled = (text.replace("- [ ] B. Go straight on.", "- [x] B. Go straight on.")
              .replace("- [ ] A. Use what you told me.", "- [1] A. Use what you told me.")
              .replace("- [ ] B. Offer the standard fix.", "- [2] B. Offer the standard fix."))
    assert len(re.findall(r"^- \[[x12]\]", filled, re.M)) == 3, text
    answers = tmp_path / "filled.md"
    answers.write_text(filled, encoding="utf-8")
    out = run("review", path, "--answers", answers, "--json")
    assert out.returncode == 0, out.stderr
    [result] = json.loads(out.stdout)["runs"]
    # 'Use what you told me.' is hidden after 'Go straight on.': the second choice is played
    assert result["finished"] and not result["note"]
    replay = Playthrough(loader.load_file(path), seed=0)
    replay.choose_all(result["choices"])
    assert [s.text for s in replay.result().steps] == ["Go straight on.", "Offer the standard fix."]
    only_first = answers.read_text().replace("- [2] B.", "- [ ] B.")
    answers.write_text(only_first, encoding="utf-8")
    [result] = json.loads(run("review", path, "--answers", answers, "--json").stdout)["runs"]
    assert not result["finished"] and "none of the marked replies is on offer" in result["note"]
    bad = answers.read_text().replace("- [1] A.", "- [?] A.")
    answers.write_text(bad, encoding="utf-8")
    out = run("review", path, "--answers", answers)
    assert out.returncode == 1 and "neither x nor a number" in out.stderr
