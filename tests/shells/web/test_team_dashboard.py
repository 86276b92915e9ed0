"""The team dashboard in the browser: a reviewer signs in and reads the same
figures as `scoreboard --team` (the hand count of test_team_views), filters
them and downloads each view as CSV; a trainee and a wrong password are
refused."""
import csv
import io

import pytest
from starlette.testclient import TestClient

from game.app.reviewers import hash_password
from game.core import loader
from game.core.engine import play
from game.storage.attempts import Attempt
from game.storage.scoreboard import open_scoreboard
from tests.shells.cli.test_team_views import COURSE, PLAYED
from tests.shells.cli.test_cli import LATE
from tests.shells.web.conftest import Trainee

PASSWORD = "a long reviewer password"


@pytest.fixture
def team_board(saves):
    scenario = loader.load_file(LATE)
    board = open_scoreboard()
    for who, learner, choices, day, _ in PLAYED:
        board.record(Attempt.from_playthrough(play(scenario, choices), who, "coach", f"{day}T09:00:00+00:00",
                                              finished_at=f"{day}T09:05:00+00:00", learner=learner))
    for learner, name in (("ana@x.org", "Ana Lima"), ("bo@x.org", "Bo Berg"), ("cy@x.org", "Cy Chan"),
                          ("dee@x.org", "Dee Diaz")):
        board.roster_add(learner, name, "North")
    board.reviewer_set("Lee", hash_password(PASSWORD))
    board.close()


@pytest.fixture
def browser(make_app, team_board, tmp_path):
    app = make_app()
    app.state.courses_dir = tmp_path / "courses"  # the learning path of test_team_views' hand count
    app.state.courses_dir.mkdir()
    (app.state.courses_dir / "refunds.yaml").write_text(COURSE, encoding="utf-8")
    clients = []

    def open_one() -> Trainee:
        client = TestClient(app, follow_redirects=True)
        client.__enter__()
        clients.append(client)
        return Trainee(client)
    yield open_one
    for client in clients:
        client.__exit__(None, None, None)


def reviewer(browser) -> Trainee:
    lee = browser()
    lee.get("/team")
    assert "Reviewer name" in lee.page.text
    page = lee.post("/team/signin", name="Lee", password=PASSWORD)
    assert page.status_code == 200 and "Signed in as reviewer Lee" in page.text, page.text
    return lee


def test_a_trainee_and_a_wrong_password_are_refused(browser):
    trainee = browser()
    trainee.sign_in("Ana")
    page = trainee.get("/team")
    assert page.status_code == 403 and "for reviewers" in page.text
    assert trainee.get("/team/levers.csv").status_code == 403
    stranger = browser()
    stranger.get("/team")
    page = stranger.post("/team/signin", name="Lee", password="not the password")
    assert page.status_code == 401 and "do not match" in page.text
    assert stranger.get("/team/weeks.csv").status_code == 403


def test_the_reviewer_reads_the_hand_counted_figures(browser):
    page = reviewer(browser).page.text
    assert "2026-W46" in page and "45.5" in page and "2026-W48" in page and "71.0" in page  # weeks
    assert "The Late Refund" in page and "55.5" in page and "33.3 %" in page  # the scenario's mean, pass rate
    assert "Ana Lima" in page and "87.5 %" in page and 'class="band-4">87.5 %' not in page  # 87.5 is band 3
    assert 'class="band-3">87.5 %' in page and 'class="band-none">–' in page


def test_filters_and_csv_downloads(browser):
    lee = reviewer(browser)
    page = lee.get("/team?since=2026-11-16&absent_since=2026-11-23").text
    assert "2026-W46" not in page and "2026-W47" in page
    assert "Dee Diaz" in page and "never played" in page
    weeks = lee.get("/team/weeks.csv?since=2026-11-16")
    assert weeks.headers["content-type"].startswith("text/csv")
    assert "attachment" in weeks.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(weeks.text)))
    assert [(r["week"], r["mean_score"], r["pass_rate"]) for r in rows] == [("2026-W47", "50.0", "50.0"),
                                                                           ("2026-W48", "71.0", "50.0")]
    absent = list(csv.DictReader(io.StringIO(lee.get("/team/absent.csv?absent_since=2026-11-23").text)))
    assert [r["learner"] for r in absent] == ["ana@x.org", "cy@x.org", "dee@x.org"]
    levers = list(csv.DictReader(io.StringIO(lee.get("/team/levers.csv").text)))
    assert {r["name"]: r["build_trust"] for r in levers}["Ana Lima"] == "50.0"
    assert lee.get("/team?since=yesterday").status_code == 400


def test_dates_pick_whole_iso_weeks_and_the_page_says_which(browser):
    """A trainer's date range counts whole weeks (a week whose Thursday is in the range): a day in the
    middle of week 47 still counts all of week 47, and the page names the weeks it counted."""
    lee = reviewer(browser)
    page = lee.get("/team?since=2026-11-19&until=2026-11-23").text  # Thursday of W47 to Monday of W48
    assert "2026-W47" in page and "2026-W46" not in page and "2026-W48" not in page
    assert "in the weeks from Monday 2026-11-16 to Sunday 2026-11-22" in page
    assert "pick whole weeks" in page
    rows = list(csv.DictReader(io.StringIO(lee.get("/team/weeks.csv?since=2026-11-20").text)))
    assert [r["week"] for r in rows] == ["2026-W48"]  # W47's Thursday (the 19th) is before the 20th
    assert "in no whole week" in lee.get("/team?since=2026-11-20&until=2026-11-26").text
    assert lee.get("/team/nothing.csv").status_code == 404


def test_certificates_earned_and_what_is_left_match_the_hand_count(browser):
    lee = reviewer(browser)
    page = lee.page.text
    assert "Certificates: Refunds" in page
    earned = page[page.index("Certificates: Refunds"):]
    assert "<td>Refund mastery</td><td>2026-11-17</td>" in earned and "<td>Refunds done right</td><td>2026-11-24</td>" in earned
    assert "1 left: The Late Refund: Strong or better in coach mode (1 try left)" in earned  # Cy and Sam
    rows = list(csv.DictReader(io.StringIO(lee.get("/team/certificates.csv").text)))
    assert [(r["name"], r["block"], r["state"]) for r in rows][:4] == [
        ("Ana Lima", "refunds", "certified"), ("Ana Lima", "mastery", "certified"),
        ("Bo Berg", "refunds", "certified"), ("Bo Berg", "mastery", "next")]
    later = list(csv.DictReader(io.StringIO(lee.get("/team/certificates.csv?since=2026-11-20").text)))
    assert [(r["name"], r["block"]) for r in later if r["state"] == "certified"] == [("Bo Berg", "refunds")]
    before = lee.get("/team?until=2026-11-20").text  # the record as it stood: Bo had not earned his yet
    assert "2026-11-24" not in before[before.index("Certificates: Refunds"):]
    assert "Nobody is working" not in before


def test_without_a_learning_path_there_is_no_certificates_section(browser, tmp_path):
    lee = reviewer(browser)
    for course in (tmp_path / "courses").iterdir():
        course.unlink()
    assert "Certificates:" not in lee.get("/team").text
    assert lee.get("/team/certificates.csv").status_code == 404
