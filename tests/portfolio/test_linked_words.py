"""Issue 31: a conversation that a bundled portfolio links is played in whichever week of the quarter the account
falls due, so nothing a trainee reads in it (briefing, lines, replies, feedback, endings, coaching) may pin it to a
calendar month or a year: 'up for renewal in March' cannot agree with week 2 and week 12 both. Weekdays stay (a
conversation is its own day: 'Going Live on Monday'), and so do counts ('fourteen months', 'once a month').
A month's plural or possessive is still the month ('your quiet Januarys', 'January's figures': issue 61).
Seasons are checked only in the conversations listed in SEASONLESS: elsewhere a season names something outside the
quarter (a past winter, a contract's summer deep clean, what happens in the spring after the story), but a café's
present plans 'starting in spring' pin the week. docs/decisions.md, 'No calendar in the quarter's conversations'."""
import re

import pytest
import yaml

from tests.portfolio.helpers import BUNDLED, ROOT, bundled

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
# "May I ..." is a question, not the month; a four-digit number from 1900 to 2099 is read as a year.
CALENDAR = re.compile(r"\b(?!May (?:I|we|you|he|she|they)\b)(" + "|".join(MONTHS) + r")(?:s|'s|’s)?\b|\b(19|20)\d\d\b")
SEASON = re.compile(r"\b(spring|summer|autumn|winter)(?:s|'s|’s)?\b", re.IGNORECASE)
SEASONLESS = ("lunch-rush", "card-machine")
CODE_KEYS = {"if", "goto", "set", "add", "id", "next", "speaker", "outcome", "mood", "style"}


def linked_scenarios():
    return sorted({a.scenario for path in BUNDLED for a in bundled(path).accounts if a.scenario})


def texts(node, where=""):
    """Every string a trainee can read in a scenario file, with where it is (code such as conditions left out)."""
    if isinstance(node, str):
        yield where, node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in CODE_KEYS:
                yield from texts(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from texts(value, f"{where}[{i}]")


def test_every_bundled_portfolio_links_the_conversations_checked_here():
    linked = linked_scenarios()
    assert {"two-at-the-table", "quiet-account", "cheaper-quote", "go-live", "card-machine", "lunch-rush"} <= set(
        linked), linked


@pytest.mark.parametrize("scenario", linked_scenarios())
def test_a_linked_conversation_names_no_month_and_no_year(scenario):
    data = yaml.safe_load((ROOT / "scenarios" / f"{scenario}.yaml").read_text(encoding="utf-8"))
    dated = [(where, m.group(0)) for where, text in texts(data) for m in CALENDAR.finditer(text)]
    assert not dated, dated


@pytest.mark.parametrize("scenario", SEASONLESS)
def test_the_cafe_conversations_name_no_season(scenario):
    assert scenario in linked_scenarios()
    data = yaml.safe_load((ROOT / "scenarios" / f"{scenario}.yaml").read_text(encoding="utf-8"))
    seasons = [(where, m.group(0)) for where, text in texts(data) for m in SEASON.finditer(text)]
    assert not seasons, seasons


def test_the_checks_would_catch_the_lunch_rush_trial():
    for text in ("your quiet Januarys, and an overdraft", "January's figures", "since March’s audit",
                 "Two Decembers running"):
        assert CALENDAR.search(text), text
    for text in ("a coffee van we're starting in spring", "Spring's menu", "two winters ago", "Summer deep clean"):
        assert SEASON.search(text), text
    for text in ("the van we're starting up", "your slow weeks", "May I ask", "Mayfair branch", "springboard"):
        assert not CALENDAR.search(text) and not SEASON.search(text), text


def test_the_calendar_check_would_catch_what_the_trial_found():
    for text in ("£96,000 a year, up for renewal in March.", "Twenty-three missed cleans since September.",
                 "Daniel's first payroll day is the 14th of April.", "The last time we changed tills, in 2019,",
                 "the flood you helped them clear in 2016", "May is our busiest month"):
        assert CALENDAR.search(text), text
    for text in ("May I send you our figures?", "Fourteen months since anyone rang", "Going Live on Monday",
                 "a call on the first Monday of each month", "140 people's wages, £96,000 a year", "Year 4"):
        assert not CALENDAR.search(text), text


def test_the_walk_reads_briefings_replies_feedback_and_coaching_but_not_conditions():
    data = {"briefing": "in March", "nodes": {"a": {"text": "x", "choices": [
        {"text": "y", "feedback": "since September", "if": "month == 'March'",
         "personas": {"p": {"feedback": "in 2019"}}}]}},
        "endings": {"e": {"text": "z", "coaching": "by April", "variants": [{"if": "May", "text": "w"}]}}}
    found = {where for where, text in texts(data) if CALENDAR.search(text)}
    assert found == {".briefing", ".nodes.a.choices[0].feedback", ".nodes.a.choices[0].personas.p.feedback",
                     ".endings.e.coaching"}
