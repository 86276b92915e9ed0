"""Portfolio files: the bundled ones, bad ones, the schema."""
import json

import jsonschema
import pytest

from game.core import yaml_reader
from game.core.portfolio import load
from game.authoring.portfolio_report import analysis
from game.authoring.portfolio_schema import portfolio_schema

from .helpers import BUNDLED, LIBRARY, ROOT, SHOP


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_bundled_portfolio_is_clean_and_links_library_scenarios(path):
    checked = load.check_file(path, LIBRARY)
    assert checked.ok and checked.diagnostics == []
    p = checked.portfolio
    assert p.id == path.stem and 8 <= len(p.accounts) <= 12
    linked = [a.scenario for a in p.accounts if a.scenario]
    # every portfolio links two (business banking: quiet-account and lunch-rush, where you are the bank;
    # tests/portfolio/test_linked_business.py holds every link to its business)
    assert len(linked) >= 2 and set(linked) <= LIBRARY


def test_bundled_portfolios_are_in_different_industries():
    industries = {load.load_file(p, LIBRARY).industry for p in BUNDLED}
    assert len(BUNDLED) >= 2 and len(industries) == len(BUNDLED)


def _shop_text():
    return SHOP.read_text(encoding="utf-8")


def _check(text, library=LIBRARY):
    return load.check_bytes(text.encode("utf-8"), "bad.yaml", library)


def test_every_problem_in_a_file_is_reported_with_its_line_and_a_suggestion():
    text = _shop_text()
    text = text.replace("    margin: 0.45\n", "    margin: 45%\n", 1)
    text = text.replace("cue: competitor-interest", "cue: competitor-intrest", 1)
    text = text.replace("scenario: go-live", "scenario: go-lives", 1)
    text = text.replace("    pressure: low\n", "    pressure: lowish\n", 1)
    text = text.replace("    sector: Bookshops\n", "    sector: Bookshops\n    revnue: 3\n", 1)
    checked = _check(text)
    assert not checked.ok
    messages = [d.format() for d in checked.diagnostics if d.is_error]
    lines = text.splitlines()

    def find(fragment):
        hit = [m for m in messages if fragment in m]
        assert hit, (fragment, messages)
        return hit[0]
    margin = find("'margin' in account 'good-grind' must be a number")
    assert "write 0.25 for 25%" in margin
    assert lines[int(margin.split(":")[1]) - 1].strip() == "margin: 45%"
    assert "did you mean 'competitor-interest'?" in find("unknown cue 'competitor-intrest'")
    assert "did you mean 'go-live'?" in find("links scenario 'go-lives', which is not in the library")
    assert "did you mean 'low'?" in find("'pressure' in account")
    assert "did you mean 'revenue'?" in find("unknown key 'revnue'")
    assert len(messages) == 5


@pytest.mark.parametrize("change, expected", [
    (lambda t: t.split("  corner-pharmacy:")[0], "a portfolio has 8 to 12 accounts, not 7"),
    (lambda t: t.replace("budget_hours: 6", "budget_hours: 0"), "'budget_hours' in the portfolio must be more than 0"),
    (lambda t: t.replace("    health: 44\n", "    health: 140\n"), "'health' in account 'good-grind' must be 1..100"),
    (lambda t: t.replace("    revenue: 4800\n", ""), "account 'good-grind' needs 'revenue'"),
    (lambda t: t.replace("format: 2", "format: 3"), "unsupported format '3' (this version reads format 2, and "
                                                    "format 1 with defaults)"),
    (lambda t: "", "the file is empty"),
    (lambda t: "- a list\n", "the top level must be a mapping"),
    (lambda t: t.replace("accounts:\n", "accounts:\n  Bad Id:\n    name: x\n"), "account id 'Bad Id'"),
])
def test_bad_portfolio_files(change, expected):
    checked = _check(change(_shop_text()))
    assert not checked.ok
    assert any(expected in d.message for d in checked.diagnostics), [d.message for d in checked.diagnostics]


def test_yaml_errors_and_unreadable_files_are_diagnostics_not_exceptions(tmp_path):
    assert not _check("accounts: [unclosed\n").ok
    folder = load.check_file(tmp_path)
    assert "folder" in folder.diagnostics[0].message
    missing = load.check_file(tmp_path / "nope.yaml")
    assert "cannot read" in missing.diagnostics[0].message


def test_warnings_when_the_listed_order_gives_the_ranking_away():
    p = load.load_file(SHOP, LIBRARY)
    from game.core.portfolio.ranking import true_order
    # write the accounts in their true order
    text = _shop_text()
    head, body = text.split("accounts:\n")
    blocks = {}
    current = None
    for line in body.splitlines(keepends=True):
        if line.startswith("  ") and not line.startswith("   ") and line.strip().endswith(":"):
            current = line.strip()[:-1]
            blocks[current] = ""
        blocks[current] += line
    ordered = head + "accounts:\n" + "".join(blocks[a] for a in true_order(p))
    checked = _check(ordered)
    assert checked.ok
    assert any(d.code == "FP131" and "scores 100%" in d.message for d in checked.diagnostics)


def test_schema_accepts_the_bundled_portfolios_and_rejects_what_the_validator_rejects():
    schema = portfolio_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    for path in BUNDLED:
        tree, _ = yaml_reader.read(path.read_text(encoding="utf-8"), str(path))
        assert not list(validator.iter_errors(json.loads(json.dumps(tree)))), path
    bad = _shop_text().replace("    pressure: low\n", "    pressure: lowish\n", 1)
    tree, _ = yaml_reader.read(bad, "bad.yaml")
    assert list(validator.iter_errors(json.loads(json.dumps(tree))))


def test_shipped_schema_file_is_current():
    shipped = json.loads((ROOT / "docs" / "portfolio.schema.json").read_text(encoding="utf-8"))
    assert shipped == portfolio_schema(), "docs/portfolio.schema.json is stale: run python main.py schema --portfolio"


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_analysis_names_every_account_and_a_plan_within_budget(path):
    p = load.load_file(path, LIBRARY)
    a = analysis(p, 0)
    assert {x["id"] for x in a["accounts"]} == set(p.ids)
    assert a["best_hours_a_week"] <= p.budget_hours
    assert a["best_profit_kept"] == pytest.approx(sum(x["best_profit_kept"] for x in a["accounts"]), abs=0.05)


def test_a_portfolio_where_the_biggest_bills_are_the_most_profitable_is_warned_about():
    text = _shop_text()
    # give the supermarket franchise a fat margin: ranking by revenue now comes close to the truth
    text = text.replace("    margin: 0.03\n", "    margin: 0.4\n", 1).replace("    revenue: 180000\n", "    revenue: 150000\n", 1)
    checked = _check(text)
    assert checked.ok
    warning = [d for d in checked.diagnostics if d.code == "FP133"]
    assert warning and "ranking by revenue alone scores" in warning[0].message


def test_cadence_and_channel_are_required_and_checked():
    text = _shop_text()
    text = text.replace("    cadence: fortnightly\n", "", 1)
    text = text.replace("    channel: review\n", "    channel: reveiw\n", 1)
    checked = _check(text)
    messages = [d.message for d in checked.diagnostics if d.is_error]
    assert any("account 'good-grind' needs 'cadence'" in m for m in messages), messages
    assert any("'channel' in account 'greenway-grocers'" in m and "did you mean 'review'?" in m for m in messages)


def test_news_says_what_the_customer_says_for_known_events_only():
    text = _shop_text().replace("      complaint:\n        - \"It dropped out again", "      complain:\n        - \"It dropped "
                                "out again", 1)
    checked = _check(text)
    assert any("unknown event 'complain' in the news of account 'good-grind'" in d.message
               and "did you mean 'complaint'?" in d.message for d in checked.diagnostics)
    p = load.load_file(SHOP, LIBRARY)
    vale = p.account("vale-garden")
    assert vale.said("price-cut").startswith("Why do we pay more") and vale.said("price-cut") == vale.lines("price-cut")[0]
    assert len(vale.lines("price-cut")) >= 3  # the first word, then what they say when it comes again


def test_a_kinds_news_is_one_line_or_a_list_of_lines():
    """Issue 31: `news: {complaint: "…"}` still reads (the first word only); a list gives the lines in order, and a
    line that is not one line of text is an error at its own line."""
    text = _shop_text()
    import re
    one = re.sub(r"      disclosure:\n        - (\"Sorry if I'm short[^\n]*)(\n        - [^\n]*)*", r"      disclosure: \1",
                 text, count=1)
    p = _check(one).portfolio
    assert p is not None and p.account("good-grind").lines("disclosure") == ("Sorry if I'm short, my mum's in hospital "
                                                                             "this week.",)
    bad = text.replace("        - \"Mum's home now, thank goodness. I'm doing the early shifts and the late ones.\"",
                       "        - {said: nothing}", 1)
    line = next(i for i, row in enumerate(bad.splitlines(), 1) if "{said: nothing}" in row)
    errors = [d for d in _check(bad).diagnostics if d.is_error]
    assert any("line 2 of 'disclosure' in the news of account 'good-grind' must be one line of text" in d.message
               and d.line == line for d in errors), [d.message for d in errors]


def _format_1(text):
    """The shop portfolio as it was written before cadence and channel (format 1)."""
    import re
    text = text.replace("format: 2", "format: 1", 1)
    return re.sub(r"\n    (cadence|channel): \w+", "", text)


def test_a_format_1_portfolio_is_read_with_defaults_and_told_what_to_add(tmp_path):
    import subprocess
    import sys
    text = _format_1(_shop_text())
    assert "cadence:" not in text and "channel:" not in text
    checked = _check(text)
    assert checked.ok  # an old portfolio still plays
    warnings = [d for d in checked.diagnostics if d.code == "FP102"]
    assert len(warnings) == 1 and warnings[0].severity == "warning"
    line = text.splitlines().index("format: 1") + 1
    assert (warnings[0].line, warnings[0].column) == (line, 9)
    message = warnings[0].message
    assert "'good-grind', 'greenway-grocers', 'fenwick-bakeries', 'page-turners' and 5 more are read as " \
        "'cadence: monthly' and 'channel: call'" in message
    assert "Add both to every account" in message and "change it to 'format: 2'" in message
    p = checked.portfolio
    assert {(a.cadence, a.channel) for a in p.accounts} == {("monthly", "call")}
    # an account that already says how it likes to hear from you keeps it, and is not named
    one = _format_1(_shop_text()).replace("    pressure: high\n    scenario: card-machine",
                                          "    pressure: high\n    cadence: fortnightly\n    channel: visit\n"
                                          "    scenario: card-machine", 1)
    again = _check(one)
    assert again.portfolio.account("good-grind").channel == "visit"
    assert "'good-grind'" not in next(d for d in again.diagnostics if d.code == "FP102").message
    # a format 1 file that has them all is told only to change the number
    upgraded = _check(_shop_text().replace("format: 2", "format: 1", 1))
    assert [d.message for d in upgraded.diagnostics] == [
        "this file says 'format: 1' but every account has a cadence and a channel: change it to 'format: 2'"]
    # validate prints it like a compiler, and the file still passes
    old = tmp_path / "shop-systems.yaml"
    old.write_text(text, encoding="utf-8")
    proc = subprocess.run([sys.executable, "main.py", "validate", str(old)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"shop-systems.yaml:{line}:9: warning: format 1 has no cadence or channel" in proc.stdout + proc.stderr


def test_a_format_2_account_without_cadence_or_channel_is_an_error_saying_what_to_add():
    text = _shop_text().replace("    cadence: fortnightly\n", "", 1)
    checked = _check(text)
    assert not checked.ok
    error = next(d for d in checked.diagnostics if d.is_error)
    assert "account 'good-grind' needs 'cadence' (one of: weekly, fortnightly, monthly, quarterly)" in error.message
    assert text.splitlines()[error.line - 1].strip() == "name: The Good Grind café"


def test_an_account_without_words_for_every_kind_is_warned_at_its_line():
    """Issue 31 (FP135): every kind of event can come to every account, so news missing a kind, or giving a kind only
    its first word, leaves the trainee reading events with no customer in them."""
    text = _shop_text()
    start = text.index("  page-turners:")
    news = text.index("    news:", start)
    end = text.index("\n  vale-garden:", news)
    cut = text[:news] + '    news:\n      complaint: "The stock screen has been slow since the update."' + text[end:]
    line = text[:start].count("\n") + 1
    found = [d for d in _check(cut).diagnostics if d.code == "FP135"]
    assert [(d.line, d.severity) for d in found] == [(line, "warning")], [d.message for d in found]
    assert "'page-turners' has no words for competitor-offer, price-cut, disclosure" in found[0].message
    assert "only a first word for complaint" in found[0].message
    assert not [d for d in _check(text).diagnostics if d.code == "FP135"]
