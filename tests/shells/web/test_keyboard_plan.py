"""The portfolio campaign's plan by keyboard alone, in a real browser: the
focus starts where a trainee begins (the next account to plan, not "Start
the quarter"), options over the week's hours are reached by Tab and say
why they cannot be chosen, a refusal is announced (role=alert) with the
focus back on the option, and axe finds nothing on any of these pages."""
from __future__ import annotations

import os
import re

import pytest

from game.app.choices import number_keys
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


def _to_the_plan(page) -> None:
    tab_to(page, "Protect your turf", back=True)
    press(page)
    press(page, "1")  # the first portfolio's briefing
    press(page)  # rank the accounts
    for _ in range(20):
        if active(page) == "Plan your contact":
            break
        press(page, "1")
    press(page)


def test_the_arrows_move_through_an_accounts_options_and_the_page_says_the_keys(browser, server):
    """Issue 31: an account's ~17 contact options were a list the arrow keys did nothing in, and no page
    said which keys work. Now ↑/↓ (and ←/→) move through the list, Home/End go to its ends, and the
    page says so beside 1-9 where the choices are numbered."""
    os.makedirs(SHOTS, exist_ok=True)
    context, page = signed_in(browser, server, "Arrow Planner")
    _to_the_plan(page)
    hint = page.locator("#keys-h").inner_text()
    accounts = page.locator('form.replies button[data-key]').count()
    assert "arrows move through this list" in hint and number_keys(accounts) in hint
    first = active(page)
    page.keyboard.press("ArrowDown")
    assert active(page) != first and "no contact" in active(page)  # the next account on the plan
    page.keyboard.press("ArrowUp")
    assert active(page) == first
    press(page)  # its options
    assert active(page).startswith("No contact")
    hint = page.locator("#keys-h").inner_text()
    assert "arrows move through this list" in hint and "Home and End" in hint and "1 to" not in hint
    assert page.locator("fieldset").get_attribute("aria-describedby") == "keys-h"
    page.keyboard.press("ArrowDown")
    assert active(page).startswith("Visit every week")
    page.keyboard.press("ArrowRight")
    assert active(page).startswith("Visit every two weeks")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")  # at the top it stays there
    assert active(page).startswith("No contact")
    page.keyboard.press("End")
    assert active(page) == "Back"
    page.keyboard.press("Home")
    assert active(page).startswith("No contact")
    for _ in range(30):
        if active(page).startswith("E-mail once a quarter"):
            break
        page.keyboard.press("ArrowDown")
    assert axe_violations(page) == []
    page.screenshot(path=f"{SHOTS}/1280-options-arrows.png", full_page=True)
    press(page)  # chosen: back on the plan
    tab_to(page, first.split(" ")[0], back=True)
    press(page)  # the same account again: its options open at the contact planned, as a radio group would
    assert active(page).startswith("E-mail once a quarter")
    context.close()


def test_change_your_plan_takes_the_same_keys_as_the_plan(browser, server):
    """Issue 31: mid-quarter, 'Change your plan' listed the accounts with no keys at all."""
    context, page = signed_in(browser, server, "Reviser")
    _to_the_plan(page)
    tab_to(page, "Start the quarter", back=True)
    press(page)
    page.keyboard.press("End")  # the quarter's choices take the arrows too
    for _ in range(10):
        if active(page).startswith("Change your plan"):
            break
        page.keyboard.press("ArrowUp")
    press(page)
    assert "Change your plan from week 1" in page.inner_text("main")
    numbered = page.locator('form.replies button[data-key]')
    assert numbered.count() >= 2 and page.locator('form.replies button[data-key="1"] .key').inner_text() == "1"
    hint = page.locator("#keys-h").inner_text()
    assert "arrows move through this list" in hint and number_keys(numbered.count()) in hint
    assert axe_violations(page) == []
    page.screenshot(path=f"{SHOTS}/1280-revise-keys.png", full_page=True)
    second = numbered.nth(1).locator("span").nth(1).inner_text().splitlines()[0]
    first = active(page)
    page.keyboard.press("ArrowDown")
    assert active(page) != first
    press(page, "2")  # the second account's contact from the coming week
    assert page.inner_text("main").startswith(page.locator("h1").inner_text())
    assert f"{second}, from week 1 on (planned now: no contact)" in page.inner_text("main")
    assert active(page).startswith("No contact")  # nothing planned for it: its options open there
    page.keyboard.press("ArrowDown")
    assert active(page).startswith("Visit every week")
    page.keyboard.press("End")
    assert active(page) == "Back"
    assert axe_violations(page) == []
    press(page)  # back to the list of accounts
    assert "Change your plan from week 1" in page.inner_text("main")
    context.close()


def test_a_change_of_plan_is_confirmed_on_the_quarter_as_a_status(browser, server):
    """Issue 31: after 'Change your plan' → an account → an option, the window and the terminal say what the plan
    is now ('<account>: <contact> from week N (...). This week's hours: ...'); the browser showed nothing."""
    context, page = signed_in(browser, server, "Confirmed Reviser")
    _to_the_plan(page)
    tab_to(page, "Start the quarter", back=True)
    press(page)
    page.keyboard.press("End")
    for _ in range(10):
        if active(page).startswith("Change your plan"):
            break
        page.keyboard.press("ArrowUp")
    press(page)
    press(page, "1")  # the first account's options
    options = page.inner_text("main")  # names the account whose contact is chosen
    tab_to(page, "Visit every week")
    press(page)  # back on the quarter
    assert page.url.endswith("/portfolio") and "Change your plan" in page.inner_text("main")
    status = page.get_by_role("status").first.inner_text()
    assert "visit every week from week 1 (weeks 1-13)" in status and "This week's hours" in status, status
    assert status.split(":")[0] in options, status
    assert axe_violations(page) == []
    page.screenshot(path=f"{SHOTS}/1280-revised-status.png", full_page=True)
    page.reload()  # said once: a reload does not say it again
    assert "visit every week from week 1" not in page.inner_text("main")
    context.close()
