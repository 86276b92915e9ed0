"""The terminal game from one menu (issue 27): scenarios with difficulty,
minutes and the best so far, the campaign, the self-check, history and
leaderboards; back to the menu after a debrief; Quit leaves; no internal
node ids; no word broken at 80 columns."""
import io
import re
import shutil
from pathlib import Path

import pytest

from game.core import loader
from game.core.length import measured_minutes
from game.shells.cli import portfolio as cli_portfolio
from game.shells.cli.records import recorder
from game.shells.terminal.menu import Hooks, run_menu

ROOT = Path(__file__).resolve().parents[3]
LATE = ROOT / "tests" / "plans" / "scenarios" / "late-refund.yaml"
QUIT = "7"  # the menu's last entry


class Typist:
    """Standard input that echoes each answer, as a terminal shows what is typed."""

    def __init__(self, answers: list[str], out: io.StringIO):
        self.answers, self.out = list(answers), out

    def readline(self) -> str:
        if not self.answers:
            return ""
        answer = self.answers.pop(0)
        self.out.write(answer + "\n")
        return answer + "\n"


@pytest.fixture
def folder(tmp_path, saves):
    scenarios = tmp_path / "scenarios"
    scenarios.mkdir()
    shutil.copy(LATE, scenarios / "late-refund.yaml")
    (scenarios / "zz-broken.yaml").write_text("format: 1\nid: [\n", encoding="utf-8")
    return scenarios


def menu(folder, answers, player="Ana Lima", mode="coach", **hooks):
    out = io.StringIO()
    hooks = Hooks(folder, hooks.pop("portfolios", ROOT / "portfolios"),
                  recorder=lambda m: recorder(player, m, stream=out),
                  record_quarter=cli_portfolio.record_quarter, linked_scenario=cli_portfolio.linked_scenario)
    code = run_menu(player, mode, hooks, stdin=Typist(answers, out), stdout=out)
    return code, out.getvalue()


def test_a_debrief_returns_to_the_menu_and_quit_leaves(folder):
    code, out = menu(folder, ["1", "1", "1", "2", "2", "", QUIT])
    assert code == 0
    assert out.count("main menu") == 2  # before the scenario and after its debrief
    assert "Debrief" in out and "Recorded attempt 1 for Ana Lima" in out
    assert "(cannot be played) " in out and "zz-broken.yaml:3:1: error" in out
    assert out.rstrip().endswith("Goodbye.")


def test_the_scenario_list_shows_difficulty_minutes_and_the_best_so_far(folder):
    scenario = loader.check_file(LATE).scenario
    _, out = menu(folder, ["1", "1", "1", "2", "2", "", "1", "0", QUIT])
    first, second = out.split("Choose a customer")[1:3]
    assert f"difficulty {scenario.difficulty} of 5 · about {measured_minutes(scenario)} min" in first
    assert "not played yet" in first
    assert "your best 42 (Needs work)" in second


def test_no_internal_node_ids_are_shown(folder):
    _, out = menu(folder, ["1", "1", "1", "2", "2", "", QUIT])
    scenario = loader.check_file(LATE).scenario
    assert "path:" not in out
    ids = "|".join(re.escape(n) for n in list(scenario.nodes) + list(scenario.endings))
    assert not re.search(rf"\b({ids}) > ({ids})\b", out)  # was "path: opening > story > …"
    assert "walked_out" not in out


def test_no_word_is_broken_at_80_columns(folder, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    _, out = menu(folder, ["1", "1", "1", "2", "2", "", "3"] + ["1"] * 10 + ["", "4", "", QUIT])
    long = [line for line in out.splitlines() if len(line) > 80]
    assert not long


def test_history_and_leaderboards_come_from_the_scoreboard(folder):
    _, out = menu(folder, ["1", "1", "1", "2", "2", "", "4", "", "5", "1", "", QUIT])
    history = out.split("Your history (Ana Lima)")[1]
    assert "The Late Refund" in history and "Score 42 · Needs work" in history
    leaders = out.split("the best of each player")[1]
    assert "Ana Lima  (you)" in leaders and "best 42" in leaders


def test_the_self_check_is_on_the_menu_and_its_style_is_kept(folder):
    # "" starts the self-check where it has an intro page (else it is asked again)
    _, out = menu(folder, ["3", ""] + ["1"] * 10 + ["", "3", "q"])
    assert "Your style: " in out
    assert re.search(r"Your style is \w+ \(self-check of \d{4}-\d\d-\d\d\)", out)  # the second time: kept
    assert out.count("main menu") >= 2


def test_the_portfolio_campaign_is_on_the_menu(saves):
    _, out = menu(ROOT / "scenarios", ["2", "0", QUIT], portfolios=ROOT / "portfolios")
    assert "Protect your turf: choose a portfolio" in out
    assert out.count("main menu") == 2


def test_after_a_quarter_the_list_of_portfolios_comes_back(saves, monkeypatch):
    """Done with a quarter: the campaign's list again (another portfolio, or 0 for the menu), not the menu."""
    from game.shells.terminal import portfolio as campaign
    played = []

    def quarter(p, *args, stdout=None, **kwargs):
        played.append(p.id)
        stdout.write(f"{p.title}: the quarter's debrief\n")
        return 0
    monkeypatch.setattr(campaign, "play", quarter)
    _, out = menu(ROOT / "scenarios", ["2", "1", "", "2", "m", QUIT], portfolios=ROOT / "portfolios")
    assert out.count("Protect your turf: choose a portfolio") == 2 and len(played) == 2
    assert out.index("Press Enter for the list of portfolios") < out.rindex("Protect your turf: choose a portfolio")
    assert out.count("main menu") == 2  # "m" after the second quarter: the menu


def test_end_of_input_and_q_leave_cleanly(folder):
    assert menu(folder, [])[0] == 0
    code, out = menu(folder, ["1", "q"])
    assert code == 0 and out.rstrip().endswith("Goodbye.")


def test_the_learning_path_is_on_the_menu_with_what_is_left(folder):
    out = io.StringIO()
    hooks = Hooks(ROOT / "scenarios", ROOT / "portfolios", recorder=lambda m: recorder("Ana Lima", m, stream=out),
                  courses_dir=ROOT / "courses")
    code = run_menu("Ana Lima", "coach", hooks, stdin=Typist(["2", "", "8"], out), stdout=out)
    assert code == 0
    assert "Your learning path" in out.getvalue().split("Choose (1-8)")[0]
    shown = out.getvalue().split("Choose (1-8)")[1]
    assert "Certified in 0 of 5 blocks; next: First steps" in shown
    assert "The basics: Locked until First steps is certified" in shown
    assert "Protect Your Turf: Shop Systems: not played yet" in shown
    assert "Left for the certificate:" in shown
    assert out.getvalue().rstrip().endswith("Goodbye.")


def test_the_learning_path_names_a_coach_mode_game_as_practice_not_as_unplayed(folder):
    """A scenario finished in coach mode is not 'not played yet' on the path:
    it says it was practice and which mode the certificate counts."""
    from game.core.engine import Playthrough
    from game.storage.attempts import Attempt
    from game.storage.scoreboard import open_scoreboard
    wrong_size = loader.load_file(ROOT / "scenarios" / "wrong-size.yaml")
    board = open_scoreboard()
    try:
        run = Playthrough(wrong_size, seed=0, persona=wrong_size.default_persona)
        while not run.finished:
            run.choose(1)
        board.record(Attempt.from_playthrough(run, "Ana Lima", "coach", "2026-11-20T10:00:00+00:00"))
    finally:
        board.close()
    out = io.StringIO()
    hooks = Hooks(ROOT / "scenarios", ROOT / "portfolios", recorder=lambda m: recorder("Ana Lima", m, stream=out),
                  courses_dir=ROOT / "courses")
    assert run_menu("Ana Lima", "coach", hooks, stdin=Typist(["2", "", "8"], out), stdout=out) == 0
    shown = " ".join(out.getvalue().split("Choose (1-8)")[1].split())
    assert f"{wrong_size.title}: not played yet" not in shown
    assert (f"{wrong_size.title}: played in coach mode (practice, best {run.result().grade}) — the certificate "
            "counts assessment attempts: play it in assessment mode") in shown


def test_a_long_history_is_listed_a_page_at_a_time_newest_first_and_every_attempt_can_be_reached(folder):
    """53 attempts: the newest 50, then 'Press Enter' lists the 3 older ones (issue 33, perf60: read a page at a
    time, as the window's list); every attempt listed once, newest first; m instead goes back to the menu."""
    from game.core.engine import play
    from game.storage.attempts import Attempt
    from game.storage.scoreboard import open_scoreboard
    scenario = loader.load_file(LATE)
    board = open_scoreboard()
    try:
        for day in range(53):
            board.record(Attempt.from_playthrough(play(scenario, [1, 2, 2]), "Ana Lima", "coach",
                                                  started_at="2026-01-01T09:00:00+00:00",
                                                  finished_at=f"2026-{1 + day // 28:02d}-{1 + day % 28:02d}T10:00:00+00:00"))
    finally:
        board.close()
    _, out = menu(folder, ["4", "", "", QUIT])
    history = out.split("Your history (Ana Lima)")[1].split("main menu")[0]
    first, rest = history.split("3 older attempts not listed yet")
    assert first.count("The Late Refund") == 50 and rest.count("The Late Refund") == 3
    listed = re.findall(r"(2026-\d\d-\d\d) 10:00", history)
    assert listed == sorted(set(listed), reverse=True) and len(listed) == 53  # each once, newest first
    assert "Press Enter for 3 more (m for the menu)" in rest
    _, out = menu(folder, ["4", "m", QUIT])
    history = out.split("Your history (Ana Lima)")[1]
    assert history.count("The Late Refund") == 50 and out.rstrip().endswith("Goodbye.")
