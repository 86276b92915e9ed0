"""Issue 31 in a real browser: after "Play to the end of the quarter" every week played is on the page under its
own heading (h3 under one h2), in order, the headings never skip a level, and axe finds nothing."""
from __future__ import annotations

import os
import re

from tests.shells.web.browser import axe_violations, signed_in

SHOTS = "/tmp/five-levers-web-shots"


def test_play_to_the_end_shows_each_week_under_a_heading_with_no_axe_violations(browser, server):
    os.makedirs(SHOTS, exist_ok=True)
    context, page = signed_in(browser, server, "Weeks Trainee")
    page.goto("/portfolio")

    def click(locator):
        with page.expect_navigation():
            locator.click()

    click(page.locator("form.replies button").first)  # the first portfolio's briefing
    click(page.get_by_role("button", name="Rank the accounts"))
    while not page.get_by_role("button", name="Plan your contact").count():
        click(page.locator("form.replies button").first)
    click(page.get_by_role("button", name="Plan your contact"))
    click(page.get_by_role("button", name="Start the quarter"))  # no contact planned: trouble comes
    checked = 0
    for _ in range(40):
        if page.get_by_role("button", name="See the quarter's debrief").count() and checked:
            break
        if page.get_by_role("button", name=re.compile("^Talk to ")).count():
            click(page.get_by_role("button", name=re.compile("^Talk to ")).first)  # two accounts can be in trouble
            page.goto("/play")
            for _ in range(60):
                if "/ending" in page.url:
                    break
                with page.expect_navigation():
                    page.keyboard.press("1")
            page.goto("/portfolio")
            continue
        if page.get_by_role("button", name="See the quarter's debrief").count():
            break
        first = int(re.search(r"Play week (\d+)", page.inner_text("main")).group(1))
        click(page.get_by_role("button", name=re.compile("^Play to the end of the quarter")))
        section = page.get_by_role("region", name=re.compile(r"^Weeks \d+ to \d+, one by one$"))
        if not section.count():
            continue
        weeks = section.get_by_role("heading", level=3).all_inner_texts()
        last = int(re.search(r"Weeks \d+ to (\d+)", section.get_by_role("heading", level=2).inner_text()).group(1))
        assert weeks == [f"Week {w} of 13" for w in range(first, last + 1)]
        assert len(weeks) >= 2 and page.get_by_role("heading", name="This week").count() == 0
        levels = page.eval_on_selector_all("h1, h2, h3, h4, h5, h6", "els => els.map(e => Number(e.tagName[1]))")
        assert levels.count(1) == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels
        assert axe_violations(page) == []
        if not checked:
            page.screenshot(path=f"{SHOTS}/1280-portfolio-weeks.png", full_page=True)
        checked += 1
    assert checked, "no 'Play to the end' played more than one week"
    # trial B4: the debrief said "`main.py analyze … --seed N` gives these figures" to the trainee, backticks shown
    click(page.get_by_role("button", name="See the quarter's debrief"))
    main = page.inner_text("main")
    assert "`" not in main and re.search(r"This quarter's news was drawn with seed \d+; another seed", main)
    trainers = page.get_by_role("region", name="For trainers")
    assert re.fullmatch(r"main\.py analyze portfolios/\S+\.yaml --seed \d+", trainers.locator("code").inner_text())
    assert "main.py" not in page.get_by_role("region", name=re.compile(r"^Score \d+%")).inner_text()
    assert axe_violations(page) == []
    context.close()
