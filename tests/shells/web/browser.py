"""The browser tests' helpers: the server started as a user starts it
(`main.py serve` on a free loopback port, its own saves folder), Debian's
Chromium driven by Playwright (never a downloaded browser), axe-core run
inside the page."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
CHROMIUM = os.environ.get("FIVE_LEVERS_CHROMIUM", "/usr/bin/chromium")
REQUIRE_ENV = "FIVE_LEVERS_REQUIRE_BROWSER"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")


def browser_or_skip():
    """(playwright, browser), or skip saying why (fail when the browser tests are required, as in CI)."""
    why = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        why = "the playwright package is not installed (pip install -r requirements-dev.txt)"
    if why is None and not os.path.exists(CHROMIUM):
        why = f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)"
    if why:
        if os.environ.get(REQUIRE_ENV):
            pytest.fail(f"{REQUIRE_ENV} is set but {why}")
        pytest.skip(why)
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    return playwright, browser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`main.py serve` in its own process, on a free port."""

    def __init__(self, saves: Path, workers: int = 1, keep_db: bool = False, env: dict | None = None):
        self.saves = saves
        self.port = free_port()
        extra = env or {}
        env = {**os.environ, "FIVE_LEVERS_SAVES": str(saves), "FIVE_LEVERS_RATE_LIMIT": "0"}
        for name in ("FIVE_LEVERS_LRS_ENDPOINT", "FIVE_LEVERS_SECRET", *(() if keep_db else ("FIVE_LEVERS_DB",))):
            env.pop(name, None)
        env.update(extra)  # e.g. one secret and one database for two servers, as on two machines
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "serve", "--host", "127.0.0.1", "--port", str(self.port),
             "--workers", str(workers)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"serve stopped: {self.process.stderr.read().decode(errors='replace')}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("serve did not start within 30 s")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stderr.close()


def axe_violations(page) -> list[str]:
    """axe-core's violations on the page as it is now ('rule: target' each)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE)
    found = page.evaluate("async () => (await axe.run(document)).violations.map("
                          "v => v.id + ': ' + v.help + ' @ ' + v.nodes.map(n => n.target.join(' ')).join(' | '))")
    return found


def active(page) -> str:
    """The focused element's words, once the page has put the focus somewhere (polled: no eval under the CSP)."""
    for _ in range(50):
        words = page.evaluate("document.activeElement && document.activeElement !== document.body ? "
                              "document.activeElement.innerText || document.activeElement.value || document.activeElement.tagName : ''")
        if words:
            return " ".join(words.split())
        page.wait_for_timeout(50)
    raise AssertionError(f"nothing has the focus on {page.url}")


def press(page, key: str = "Enter") -> None:
    """Press `key` and wait for the page it leads to. Enter acts on the focused element, and Chromium moves the
    focus to an `autofocus` element at its next rendering step, which can come after the load event: wait for the
    page to have put the focus somewhere first (a page that focuses nothing is pressed after 2.5 s as before)."""
    if key == "Enter":
        for _ in range(50):
            if page.evaluate("document.activeElement !== null && document.activeElement !== document.body"):
                break
            page.wait_for_timeout(50)
    with page.expect_navigation():
        page.keyboard.press(key)
    settled(page)


def settled(page) -> None:
    """Wait for a page with an `autofocus` element to have moved the focus there, so that keys pressed next
    (an arrow, End, Tab) act from where a trainee's would, not from the body before Chromium's rendering step."""
    for _ in range(50):
        if page.evaluate("document.querySelector('[autofocus]') === null || "
                         "(document.activeElement !== null && document.activeElement !== document.body)"):
            return
        page.wait_for_timeout(50)


def signed_in(browser, server, name: str, width: int = 1280, height: int = 720):
    """A new browser context on the server, signed in by keyboard as `name`: (context, page)."""
    context = browser.new_context(base_url=server.url, viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto("/")
    active(page)
    page.keyboard.type(name)
    press(page)
    return context, page
