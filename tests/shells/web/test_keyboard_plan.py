"""The portfolio campaign's plan by keyboard alone, in a real browser: the
focus starts where a trainee begins (the next account to plan, not "Start
the quarter"), options over the week's hours are reached by Tab and say
why they cannot be chosen, a refusal is announced (role=alert) with the
focus back on the option, and axe finds nothing on any of these pages."""
from __future__ import annotations

import os
import re

import pytest

from tests.shells.web.browser import active, axe_violations, press, signed_in

SHOTS = "/tmp/five-levers-web-shots"


def tab_to(page, starts: str, back: bool = False, limit: int = 40) -> None:
    for _ in range(limit):
        if active(page).startswith(starts):
            return
        page.keyboard.press("Shift+Tab" if back else "Tab")
    raise AssertionError(f"Tab never reached {starts!r}")


def clean(page, name: str, width: int) -> None:
    assert axe_violations(page) == [], name
    page.screenshot(path=f"{SHOTS}/{width}-plan-{name}.png", full_page=True)


@pytest.mark.parametrize("width,height", [(1280, 720), (360, 740)])
def test_a_quarter_planned_and_started_by_keyboard_alone(browser, server, width, height):
    os.makedirs(SHOTS, exist_ok=True)
    context, page = signed_in(browser, server, f"Planner {width}", width, height)
    tab_to(page, "Protect your turf", back=True)  # in the navigation above the list
    press(page)
    first_portfolio = " ".join(page.locator("form.replies button").first.inner_text().split())
    assert active(page) == first_portfolio  # the list of portfolios starts at the first
    press(page)  # its briefing
    assert active(page) == "Rank the accounts"
    press(page)
    for _ in range(20):  # rank: the most valuable first is the trainee's call; the first left each time here
        if active(page) == "Plan your contact":
            break
        press(page)
    press(page)
    clean(page, "plan", width)
    first = active(page)
    assert first != "Start the quarter" and "no contact" in first  # the first account to plan
    press(page)  # its options
    clean(page, "options", width)
    tab_to(page, "Business review every week")
    press(page)
    second = active(page)
    assert second != first and "no contact" in second  # on to the next account with nothing planned
    press(page)
    over = page.locator('form.replies button[aria-disabled="true"]')
    assert over.count() > 0
    words = " ".join(over.first.inner_text().split())
    tab_to(page, words)  # reached by Tab, not skipped
    assert "over budget" in words
    press(page)  # refused: said aloud and in text, the focus back on it
    alert = page.get_by_role("alert")
    assert alert.count() == 1 and "cannot be chosen" in alert.inner_text() and "over budget" in alert.inner_text()
    assert active(page) == words
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == "refused"
    clean(page, "refused", width)
    tab_to(page, "E-mail once a quarter")
    press(page)
    tab_to(page, "Start the quarter", back=True)
    press(page)
    assert "Before week 1 of 13" in page.content() or "Week 1 of 13" in page.content()
    clean(page, "quarter", width)
    context.close()


def test_keys_1_to_9_pick_on_the_portfolio_list_and_the_plan(browser, server):
    """Issue 31: the list and plan pages had no data-key, so 1-9 did nothing there."""
    context, page = signed_in(browser, server, "Keys Trainee")
    tab_to(page, "Protect your turf", back=True)
    press(page)
    assert page.locator('form.replies button[data-key="1"]').count() == 1
    with page.expect_navigation():
        page.keyboard.press("1")  # the first portfolio's briefing
    assert page.get_by_role("button", name="Rank the accounts").count() == 1
    with page.expect_navigation():
        page.get_by_role("button", name="Rank the accounts").click()
    for _ in range(20):
        if page.get_by_role("button", name="Plan your contact").count():
            break
        with page.expect_navigation():
            page.keyboard.press("1")  # the ranking already took keys: the first left each time
    with page.expect_navigation():
        page.get_by_role("button", name="Plan your contact").click()
    second = page.locator('form.replies button[data-key="2"]')
    assert second.count() == 1
    name = second.locator("span").nth(1).inner_text().splitlines()[0]
    with page.expect_navigation():
        page.keyboard.press("2")
    assert name in page.inner_text("main") and page.get_by_role("button", name=re.compile("Phone call every week")).count()
    context.close()
