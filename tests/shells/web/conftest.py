"""Fixtures for the browser version: the app on the bundled library (read
once), a fresh saves folder and SQLite scoreboard per test, and a trainee
driving it through Starlette's TestClient (cookies kept, like a browser)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

ROOT = Path(__file__).resolve().parents[3]
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
AT = re.compile(r'name="at" value="(\d+)"')


@pytest.fixture(scope="session")
def library():
    from game.app.library import Library
    return Library(ROOT / "scenarios")


class Trainee:
    """One browser: its cookies, the last page, and the moves a trainee makes."""

    def __init__(self, client: TestClient):
        self.client = client
        self.page = client.get("/")

    @property
    def token(self) -> str:
        return CSRF.search(self.page.text).group(1)

    def get(self, path: str):
        self.page = self.client.get(path)
        return self.page

    def post(self, path: str, **data):
        data.setdefault("csrf", self.token)
        self.page = self.client.post(path, data=data)
        return self.page

    def sign_in(self, name: str, mode: str = "coach", learner: str = ""):
        return self.post("/signin", name=name, mode=mode, learner=learner)

    def choose(self, scenario: str = "tutorial"):
        """Play on the scenario list: its briefing opens (nothing is saved yet)."""
        return self.post("/start", scenario=scenario)

    def start(self, scenario: str = "tutorial", replace: bool = True):
        """Play, then Start on the briefing (leaving any conversation in progress when asked)."""
        self.choose(scenario)
        self.post("/begin")
        if replace and 'name="replace"' in self.page.text:
            self.post("/begin", replace="1")
        return self.page

    @property
    def at(self) -> int | None:
        found = AT.search(self.page.text)
        return int(found.group(1)) if found else None

    def reply(self, number: int = 1):
        return self.post("/reply", at=str(self.at), number=str(number))

    def play_to_the_end(self, number: int = 1, limit: int = 60):
        self.get("/play")
        for _ in range(limit):
            if self.at is None:
                return self.page
            self.reply(number)
        raise AssertionError("the conversation did not end")


@pytest.fixture
def make_app(saves, library):
    from game.shells.web.app import create_app

    def make(**options):
        options.setdefault("library", library)
        options.setdefault("rate_per_minute", 0)
        return create_app(**options)
    return make


@pytest.fixture
def web(make_app):
    """(app, a function making a Trainee with its own cookies)."""
    app = make_app()
    clients = []

    def trainee(name: str | None = None, mode: str = "coach") -> Trainee:
        client = TestClient(app, follow_redirects=True)
        client.__enter__()
        clients.append(client)
        t = Trainee(client)
        if name is not None:
            t.sign_in(name, mode)
        return t
    yield app, trainee
    for client in clients:
        client.__exit__(None, None, None)


def attempts(saves_folder=None):
    """Every attempt on the test's SQLite scoreboard."""
    from game.storage.scoreboard import open_scoreboard
    board = open_scoreboard()
    try:
        return board.attempts()
    finally:
        board.close()


# A real browser and a real server for the Playwright tests, one of each per
# test module (each module's server has its own saves folder). A module with
# a server of its own (seeded records, other settings) defines its own.
@pytest.fixture(scope="module")
def browser():
    from tests.shells.web.browser import browser_or_skip
    manager, browser = browser_or_skip()
    yield browser
    browser.close()
    manager.stop()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from tests.shells.web.browser import Server
    server = Server(tmp_path_factory.mktemp("web-saves"))
    yield server
    server.stop()
