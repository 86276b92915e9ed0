"""The browser version in a real browser (Debian's Chromium via Playwright):
a scenario played by keyboard alone to the debrief, axe-core on every page,
the attempt on the scoreboard exactly once, a conversation resumed after
the tab is closed, the abuse a server meets, the page at 320 px and 200%
zoom, reduced motion, and screenshots at 1280x720 and 360x740."""
from __future__ import annotations

import re
import sqlite3

import pytest

from tests.shells.web.browser import active, axe_violations, press

SHOTS = "/tmp/five-levers-web-shots"
PLAY = re.compile(r".*/play\??$")  # a button opens it: a GET form with no fields adds "?"


@pytest.fixture
def context(browser, server):
    context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 720})
    yield context
    context.close()


def recorded(server, player: str) -> int:
    with sqlite3.connect(server.saves / "scoreboard.sqlite3") as db:
        return db.execute("SELECT COUNT(*) FROM attempts WHERE player = ?", (player,)).fetchone()[0]


def check(page, seen: dict) -> None:
    """axe finds nothing; one h1; headings never skip a level; a polite live region on a conversation page."""
    assert axe_violations(page) == [], page.url
    levels = page.eval_on_selector_all("h1, h2, h3, h4, h5, h6", "els => els.map(e => Number(e.tagName[1]))")
    assert levels.count(1) == 1 and levels[0] == 1, page.url
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), (page.url, levels)
    assert page.get_attribute("html", "lang") == "en"
    seen[re.sub(r"\d+", "N", page.url.split("//", 1)[1].split("/", 1)[1].split("?")[0] or "/")] = True


def focused(page) -> None:
    """Wait until the page has put the focus on its first control (autofocus)."""
    page.wait_for_function("document.activeElement && document.activeElement !== document.body")


def begin(page) -> None:
    """Start the conversation on its briefing (nothing is saved before)."""
    page.get_by_role("button", name="Start the conversation").click()
    page.wait_for_url(PLAY)


def sign_in_by_keyboard(page, name: str) -> None:
    page.goto("/")
    focused(page)
    page.keyboard.type(name)  # the name field has the focus when the page opens
    page.keyboard.press("Enter")
    page.wait_for_url("**/scenarios")


def test_a_scenario_played_by_keyboard_alone_to_the_debrief_with_no_axe_violations(context, server):
    page = context.new_page()
    seen: dict = {}
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto("/")
    check(page, seen)
    sign_in_by_keyboard(page, "Keyboard Kim")
    check(page, seen)
    focused(page)
    page.keyboard.press("Enter")  # the first scenario's Play button has the focus
    page.wait_for_url("**/briefing")
    check(page, seen)
    focused(page)
    page.keyboard.press("Space")  # Start the conversation: a real button, so Space works as well as Enter
    page.wait_for_url(PLAY)
    check(page, seen)
    page.keyboard.press("Shift+Tab")  # the focus is visible when it moves by keyboard
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.keyboard.press("Tab")
    for _ in range(60):
        if "/ending" in page.url:
            break
        with page.expect_navigation():
            page.keyboard.press("1")
        if "/play" in page.url:
            check(page, seen)
    assert "/ending" in page.url
    check(page, seen)
    focused(page)
    page.keyboard.press("Space")  # See your debrief
    page.wait_for_url(re.compile(r".*/attempts/\d+\??$"))
    check(page, seen)
    assert page.locator("svg.radar").count() == 1 and page.locator("text=Grade").count() >= 1
    page.goto("/history")
    check(page, seen)
    assert set(seen) >= {"/", "scenarios", "briefing", "play", "attempts/N/ending", "attempts/N", "history"}
    assert recorded(server, "Keyboard Kim") == 1
    assert dialogs == []


def test_a_conversation_resumes_after_the_tab_is_closed(context):
    page = context.new_page()
    sign_in_by_keyboard(page, "Resuming Rosa")
    page.get_by_role("button", name=re.compile("^Play Tutorial")).click()
    page.wait_for_url("**/briefing")
    page.get_by_role("button", name="Start the conversation").click()
    page.wait_for_url(PLAY)
    for _ in range(2):
        with page.expect_navigation():
            page.keyboard.press("1")
    line = page.inner_text("#line")
    replies = page.locator("form.replies button").all_inner_texts()
    page.close()
    again = context.new_page()  # a new tab, the same browser (its cookies)
    again.goto("/scenarios")
    focused(again)  # Resume has the focus; Space presses it
    assert again.evaluate("document.activeElement.textContent") == "Resume the conversation"
    again.keyboard.press("Space")
    again.wait_for_url(PLAY)
    assert again.inner_text("#line") == line
    assert again.locator("form.replies button").all_inner_texts() == replies


def test_the_customers_new_line_is_announced_after_each_reply(context):
    """A full page load is not news to a live region, so the line is put into
    a polite status region after the page has loaded: what a screen reader reads."""
    page = context.new_page()
    sign_in_by_keyboard(page, "Listening Lee")
    page.get_by_role("button", name=re.compile("^Play Tutorial")).click()
    page.wait_for_url("**/briefing")
    page.get_by_role("button", name="Start the conversation").click()
    page.wait_for_url(PLAY)
    for turn in range(3):
        line = " ".join(page.inner_text("#line").split())
        coaching = " ".join(page.inner_text("#coaching").split()) if turn else ""
        announcer = page.locator("#announcer[aria-live=polite]")
        said = ""
        for _ in range(50):  # the page's CSP allows no eval, so poll from here
            said = " ".join(announcer.text_content().split()) if announcer.count() else ""
            if said:
                break
            page.wait_for_timeout(100)
        # coach mode: the coaching on the last reply, then the new line, read once (one live region)
        assert said == " ".join(filter(None, (coaching, line))) and line
        assert (turn == 0) == ("Coaching on your last reply" not in said)
        assert page.locator("[aria-live]").count() == 1
        with page.expect_navigation():
            page.keyboard.press("1")


def test_abuse_gets_plain_answers(context, server):
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    sign_in_by_keyboard(page, "<script>alert(1)</script>")
    assert page.inner_text(".who") == "Signed in as <script>alert(1)</script>"
    # a forged CSRF token
    page.eval_on_selector("form[action='/start'] input[name=csrf]", "e => e.value = 'forged'")
    with page.expect_navigation():
        page.locator("form[action='/start'] button").first.click()
    assert page.locator("h1").inner_text() == "That did not work" and "That form has expired" in page.content()
    assert axe_violations(page) == []
    # an unknown scenario id
    page.goto("/scenarios")
    page.eval_on_selector("form[action='/start'] input[name=scenario]", "e => e.value = 'no-such-thing'")
    with page.expect_navigation():
        page.locator("form[action='/start'] button").first.click()
    assert "There is no such scenario." in page.content() and "Traceback" not in page.content()
    # a huge body
    token = page.get_attribute("input[name=csrf]", "value")
    answer = context.request.post("/signin", form={"csrf": token, "name": "x" * 200_000})
    assert answer.status == 413
    assert dialogs == []
    assert recorded(server, "<script>alert(1)</script>") == 0


@pytest.mark.parametrize("width,height", [(320, 640), (640, 360)])  # 320 px wide; 1280 px at 200% zoom
def test_every_page_fits_narrow_windows_without_sideways_scrolling(browser, server, width, height):
    context = browser.new_context(base_url=server.url, viewport={"width": width, "height": height})
    page = context.new_page()
    sign_in_by_keyboard(page, "Narrow Nia")
    page.get_by_role("button", name=re.compile("^Play Tutorial")).click()
    page.wait_for_url("**/briefing")
    widths = {"briefing": page.evaluate("document.documentElement.scrollWidth")}
    begin(page)
    widths["play"] = page.evaluate("document.documentElement.scrollWidth")
    for _ in range(60):
        if "/ending" in page.url:
            break
        with page.expect_navigation():
            page.keyboard.press("1")
    page.goto(page.url.removesuffix("/ending"))
    widths["debrief"] = page.evaluate("document.documentElement.scrollWidth")
    for path in ("/scenarios", "/history", "/self-check", "/portfolio", "/"):
        page.goto(path)
        widths[path] = page.evaluate("document.documentElement.scrollWidth")
    page.goto("/portfolio")
    with page.expect_navigation():
        page.locator("form.replies button").first.click()  # a portfolio's briefing, with every account
    widths["portfolio briefing"] = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert {k: w for k, w in widths.items() if w > width} == {}


def test_no_motion_when_the_browser_asks_for_reduced_motion(browser, server):
    context = browser.new_context(base_url=server.url, reduced_motion="reduce")
    page = context.new_page()
    page.goto("/")
    assert page.evaluate("getComputedStyle(document.querySelector('button')).transitionDuration") == "0s"
    context.close()


def test_screenshots_of_every_page_at_1280x720_and_360x740(browser, server):
    import os
    os.makedirs(SHOTS, exist_ok=True)
    for width, height in ((1280, 720), (360, 740)):
        context = browser.new_context(base_url=server.url, viewport={"width": width, "height": height})
        page = context.new_page()
        page.goto("/")
        page.screenshot(path=f"{SHOTS}/{width}-1-signin.png", full_page=True)
        sign_in_by_keyboard(page, f"Shot {width}")
        page.screenshot(path=f"{SHOTS}/{width}-2-scenarios.png", full_page=True)
        page.get_by_role("button", name=re.compile("^Play Tutorial")).click()
        page.wait_for_url("**/briefing")
        page.screenshot(path=f"{SHOTS}/{width}-3-briefing.png", full_page=True)
        begin(page)
        page.screenshot(path=f"{SHOTS}/{width}-4-play.png", full_page=True)
        for _ in range(2):
            with page.expect_navigation():
                page.keyboard.press("1")
        page.screenshot(path=f"{SHOTS}/{width}-5-coaching.png", full_page=True)
        for _ in range(60):
            if "/ending" in page.url:
                break
            with page.expect_navigation():
                page.keyboard.press("1")
        page.screenshot(path=f"{SHOTS}/{width}-6-ending.png", full_page=True)
        page.goto(page.url.removesuffix("/ending"))
        page.screenshot(path=f"{SHOTS}/{width}-7-debrief.png", full_page=True)
        page.goto("/history")
        page.screenshot(path=f"{SHOTS}/{width}-8-history.png", full_page=True)
        context.close()
    assert len(os.listdir(SHOTS)) >= 16


def test_the_self_check_by_keyboard_with_no_axe_violations(context):
    page = context.new_page()
    seen: dict = {}
    sign_in_by_keyboard(page, "Styled Sam")
    page.goto("/self-check")
    check(page, seen)
    focused(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")  # Start the self-check
    check(page, seen)
    for n in range(10):
        assert f"Question {n + 1} of 10" in page.inner_text("#line")
        with page.expect_navigation():
            page.keyboard.press(str(1 + n % 4))
    assert page.locator("h2", has_text="Your style:").count() == 1
    check(page, seen)


def test_the_portfolio_campaign_pages_have_no_axe_violations(context):
    import os
    os.makedirs(SHOTS, exist_ok=True)
    page = context.new_page()
    sign_in_by_keyboard(page, "Portfolio Pat")
    page.goto("/portfolio")
    seen = set()

    def choose(index: int = 0):
        with page.expect_navigation():
            page.locator("form.replies button").nth(index).click()

    def look(name: str):
        if name not in seen:
            seen.add(name)
            assert axe_violations(page) == [], name
            page.screenshot(path=f"{SHOTS}/1280-portfolio-{name}.png", full_page=True)
    look("list")
    choose()
    look("brief")
    choose()
    look("rank")
    while "Plan your contact" not in page.content():
        choose()
    choose()
    look("plan")
    choose(1)
    look("options")
    choose(2)
    choose()  # start the quarter
    look("quarter")
    for _ in range(80):
        if "See the quarter" in page.content():
            break
        if "Talk to " in page.content():
            choose()
            page.goto("/play")
            for _ in range(60):
                if "/ending" in page.url:
                    break
                with page.expect_navigation():
                    page.keyboard.press("1")
            if "conversation-debrief" not in seen:  # issue 31: its debrief's one way on is the quarter, in focus
                press(page)  # See your debrief
                assert re.fullmatch(r"Back to the quarter \(week \d+\)", active(page))
                assert page.get_by_role("button", name=re.compile("^Next:|^Play it again")).count() == 0
                look("conversation-debrief")
                press(page)
                assert page.url.endswith("/portfolio")
            page.goto("/portfolio")
            look("after-talk")
            continue
        choose()
    choose()
    look("debrief")
    assert "Best plan for this quarter" in page.content()


def test_on_a_turn_with_coaching_every_reply_is_in_view_at_1280x720(context):
    page = context.new_page()
    sign_in_by_keyboard(page, "Fold Tester")
    page.get_by_role("button", name=re.compile("^Play Tutorial")).click()
    page.wait_for_url("**/briefing")
    begin(page)
    coached = 0
    for turn in range(8):  # alternately the first and the last reply: long lines and long coaching
        if "/play" not in page.url:
            break
        count = page.locator("[data-key]").count()
        with page.expect_navigation():
            page.keyboard.press(str(count if turn % 2 else 1))
        if "/play" in page.url and page.locator(".coaching").count():
            coached += 1
            last = page.locator(".replies li").last.bounding_box()
            assert last["y"] + last["height"] <= 720, (page.url, last)  # without scrolling
            page.screenshot(path=f"{SHOTS}/1280-coached-{coached}.png")
    assert coached >= 2
