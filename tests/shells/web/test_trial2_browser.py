"""The second trial's fixes in a real browser: a phone user reads the
coaching top-down after a reply (keys 1-9 still work), and the new pages
(a chosen briefing with the mode switch, the question before replacing a
conversation in progress) are clean for axe."""
from __future__ import annotations

import re


from tests.shells.web.browser import Server, axe_violations

PLAY = re.compile(r".*/play\??$")


def _signed_in(browser, server, name: str, width: int, height: int):
    context = browser.new_context(base_url=server.url, viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto("/")
    page.fill("input[name=name]", name)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return context, page


def _begin(page, scenario: str = "^Play Tutorial") -> None:
    page.get_by_role("button", name=re.compile(scenario)).click()
    page.wait_for_url("**/briefing")
    page.get_by_role("button", name="Start the conversation").click()
    page.wait_for_url(PLAY)


def test_on_a_phone_the_coaching_is_in_view_after_a_reply_and_keys_still_reply(browser, server):
    context, page = _signed_in(browser, server, "Phone Pat", 360, 740)
    _begin(page)
    for turn in range(2):
        with page.expect_navigation():
            page.keyboard.press("1")  # keys 1-9 reply though no reply button has the focus
        assert "/play" in page.url, page.url
        box = page.locator("#coaching").bounding_box()
        assert box is not None and 0 <= box["y"] < 740, (turn, box)  # the coaching starts in view, not above it
        assert page.evaluate("document.activeElement.id") == "coaching"
        assert axe_violations(page) == []
    page.keyboard.press("Tab")  # from the coaching, Tab reaches the replies
    assert page.evaluate("document.activeElement.dataset.key") == "1"
    context.close()


def test_the_chosen_briefing_and_the_replace_question_are_clean_for_axe(browser, server):
    context, page = _signed_in(browser, server, "Axe Ada", 1280, 720)
    _begin(page)
    with page.expect_navigation():
        page.keyboard.press("1")
    page.goto("/scenarios")
    assert axe_violations(page) == []
    page.get_by_role("button", name=re.compile("^Play The Wrong Size|^Play .*Size")).first.click()
    page.wait_for_url("**/briefing")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Switch to assessment mode").click()
    page.wait_for_url("**/briefing")
    assert page.get_by_role("button", name="Switch to coach mode").count() == 1
    page.get_by_role("button", name="Start the conversation").click()
    page.wait_for_url("**/begin")
    assert "You have a conversation in progress" in page.content()
    assert axe_violations(page) == []
    page.get_by_role("button", name=re.compile("^Resume it")).click()
    page.wait_for_url(PLAY)
    assert page.url.endswith("/play"), page.url  # a button that opens a page leaves no stray "?"
    assert "the mode it began in" in page.content()  # a coach-mode conversation, resumed after the switch
    assert axe_violations(page) == []
    context.close()


SIZES = """sel => Array.from(document.querySelectorAll(sel)).map(t => {
  const svg = t.ownerSVGElement;
  return parseFloat(getComputedStyle(t).fontSize) * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
})"""


def test_on_a_phone_the_chart_text_is_readable_and_the_trend_table_label_fits(browser, server):
    context, page = _signed_in(browser, server, "Chart Cleo", 360, 740)
    _begin(page)
    for _ in range(60):
        if "/ending" in page.url:
            break
        with page.expect_navigation():
            page.keyboard.press("1")
    page.goto(page.url.removesuffix("/ending"))
    radar = page.evaluate(SIZES, "svg.radar text")
    assert radar and min(radar) >= 12, radar
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.locator("section.levers").screenshot(path="/tmp/five-levers-web-shots/360-trial2-radar.png")
    page.goto("/history")
    axis = page.evaluate(SIZES, "svg.trend text")
    assert axis and min(axis) >= 12, axis
    label = page.locator("#trend-table-c").bounding_box()
    assert label["x"] >= 0 and label["x"] + label["width"] <= 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/five-levers-web-shots/360-trial2-history.png", full_page=True)
    context.close()


def test_the_team_dashboard_fits_at_1280_and_360_with_a_visible_sign_out_and_no_axe_violations(
        browser, tmp_path, monkeypatch):
    from game.app.reviewers import hash_password
    from game.core import loader
    from game.core.engine import play
    from game.storage.attempts import Attempt
    from game.storage.scoreboard import open_scoreboard
    from tests.shells.cli.test_cli import LATE
    monkeypatch.setenv("FIVE_LEVERS_SAVES", str(tmp_path))
    monkeypatch.delenv("FIVE_LEVERS_DB", raising=False)
    board = open_scoreboard()
    scenario = loader.load_file(LATE)
    for who, learner, choices in (("Ana Lima", "ana.lima@example.org", [1, 2, 2]), ("Bo Berg", "", [2, 1, 1])):
        board.record(Attempt.from_playthrough(play(scenario, choices), who, "coach", "2026-11-20T09:00:00+00:00",
                                              finished_at="2026-11-20T09:05:00+00:00", learner=learner))
    board.reviewer_set("Lee Park", hash_password("a long reviewer password"))
    board.close()
    team = Server(tmp_path)
    try:
        for width, height in ((1280, 800), (360, 740)):
            context = browser.new_context(base_url=team.url, viewport={"width": width, "height": height})
            page = context.new_page()
            page.goto("/team")
            page.fill("input[name=name]", "Lee Park")
            page.fill("input[name=password]", "a long reviewer password")
            with page.expect_navigation():
                page.keyboard.press("Enter")
            assert "Signed in as reviewer Lee Park" in page.content()
            sign_out = page.get_by_role("button", name="Sign out")
            colour = sign_out.evaluate("b => getComputedStyle(b).color")
            assert colour != "rgb(255, 255, 255)", colour  # not white on the light page
            assert page.evaluate("document.documentElement.scrollWidth") <= width, width
            if width == 1280:  # every column of the levers table in view, not scrolled away
                fits = page.eval_on_selector("table.heat", "t => t.scrollWidth <= t.parentElement.clientWidth")
                assert fits
            for h in ("levers-h", "weeks-h", "scenarios-h"):  # each table scrolls in its own labelled region
                assert page.locator(f"div.table-scroll[role=region][aria-labelledby='{h} table-word'][tabindex='0'] table").count() == 1
            assert axe_violations(page) == [], width
            page.screenshot(path=f"/tmp/five-levers-web-shots/{width}-trial2-team.png", full_page=True)
            context.close()
    finally:
        team.stop()
