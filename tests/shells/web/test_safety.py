"""The browser version refuses what it should, plainly: no CSRF token, a huge
body, an unknown scenario, a bad reply, too many requests; its cookie is
HttpOnly and SameSite; every page has a Content-Security-Policy with no
inline script; what a player types is escaped; an error never shows internals."""
from __future__ import annotations

import re

from starlette.testclient import TestClient

from tests.shells.web.conftest import Trainee, attempts

INTERNALS = ("Traceback", "File \"", "Error:", "starlette", "game/", "sqlite")


def _plain(page) -> None:
    for word in INTERNALS:
        assert word not in page.text, word


def test_the_session_cookie_is_httponly_and_samesite_lax(web):
    _, trainee = web
    t = trainee()
    cookie = t.post("/signin", name="Ana", learner="", mode="coach").history[0].headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/" in cookie


def test_every_page_has_a_csp_without_inline_script_and_no_inline_script_or_style(web):
    _, trainee = web
    t = trainee("Ana")
    t.start("tutorial")
    pages = [t.get(p) for p in ("/", "/scenarios", "/briefing", "/play", "/history", "/nowhere")]
    end = t.play_to_the_end()
    pages += [end, t.get(end.url.path.removesuffix("/ending")), t.get("/static/style.css")]
    for page in pages:
        csp = page.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "unsafe-inline" not in csp
        assert page.headers["x-content-type-options"] == "nosniff"
        if page.headers["content-type"].startswith("text/html") and page.status_code == 200:
            assert page.headers["cache-control"] == "no-store"
        if page.headers["content-type"].startswith("text/html"):
            assert not re.search(r"<script(?![^>]*\bsrc=)", page.text)  # scripts only from files
            assert "<style" not in page.text and " style=" not in page.text and " onclick" not in page.text


def test_a_player_named_script_is_just_a_name(web):
    _, trainee = web
    t = trainee('<script>alert("x")</script>')
    t.start("tutorial")
    t.play_to_the_end()
    for path in ("/scenarios", "/history"):
        page = t.get(path)
        assert "<script>alert" not in page.text
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page.text
    assert attempts()[0].player == '<script>alert("x")</script>'


def test_a_form_without_its_csrf_token_is_refused_plainly(web):
    _, trainee = web
    t = trainee("Ana")
    t.start("tutorial")
    for path, data in (("/start", {"scenario": "tutorial"}), ("/reply", {"at": "0", "number": "1"}),
                       ("/signout", {}), ("/signin", {"name": "Mallory"})):
        for token in (None, "forged-token-forged-token-forged-token"):
            sent = dict(data, **({"csrf": token} if token else {}))
            page = t.client.post(path, data=sent)
            assert page.status_code == 400, path
            assert "That form has expired" in page.text
            _plain(page)
    assert "Signed in as Ana" in t.get("/play").text  # nothing changed
    assert t.at == 0


def test_a_huge_body_is_refused_before_it_is_read(web):
    _, trainee = web
    t = trainee("Ana")
    page = t.client.post("/signin", data={"csrf": t.token, "name": "x" * 100_000})
    assert page.status_code == 413 and "too large" in page.text
    chunks = (b"name=" + b"x" * 4096 for _ in range(10))  # no Content-Length: counted as it streams
    page = t.client.post("/signin", content=chunks, headers={"content-type": "application/x-www-form-urlencoded"})
    assert page.status_code == 413


def test_an_unknown_scenario_or_reply_gets_a_plain_message(web):
    _, trainee = web
    t = trainee("Ana")
    page = t.post("/start", scenario="../../etc/passwd")
    assert page.status_code == 404 and "There is no such scenario." in page.text
    _plain(page)
    t.start("tutorial")
    t.get("/play")
    for number, at in (("9", "0"), ("abc", "0"), ("1", "-1"), ("0", "0")):
        page = t.client.post("/reply", data={"csrf": t.token, "at": at, "number": number})
        assert page.status_code == 400 and "Go back to the conversation" in page.text
        _plain(page)
    assert t.get("/play").status_code == 200 and t.at == 0
    page = t.get("/no/such/page")
    assert page.status_code == 404 and "There is no page here." in page.text
    assert t.client.get("/attempts/abc").status_code == 404


def test_too_many_requests_from_one_client_are_slowed_down(make_app):
    with TestClient(make_app(rate_per_minute=60), follow_redirects=True) as client:
        codes = [client.get("/").status_code for _ in range(150)]
    assert codes[0] == 200 and 429 in codes
    assert codes.index(429) >= 100  # a burst is allowed first


def test_an_unexpected_error_shows_a_plain_page_without_internals(make_app, saves):
    from game.storage.scoreboard import open_scoreboard

    class Broken:
        def __init__(self):
            self.real = open_scoreboard()

        def get(self, attempt_id):
            raise RuntimeError("secret internals /srv/db password=hunter2")

        def __getattr__(self, name):
            return getattr(self.real, name)

    with TestClient(make_app(board=Broken()), follow_redirects=True, raise_server_exceptions=False) as client:
        t = Trainee(client)
        t.sign_in("Ana")
        page = client.get("/attempts/1")
    assert page.status_code == 500 and "Something went wrong on our side" in page.text
    assert "hunter2" not in page.text and "RuntimeError" not in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
