"""Where the LRS is and how to sign in: configured once.

From the environment (FIVE_LEVERS_LRS_ENDPOINT, FIVE_LEVERS_LRS_USER,
FIVE_LEVERS_LRS_SECRET, and FIVE_LEVERS_XAPI_HOME_PAGE / FIVE_LEVERS_XAPI_BASE
for the statements), else from `lrs.json` in the saves folder, written by
`main.py lrs configure` or the Settings screen, readable only by its owner.
The environment wins field by field, so a team can share an endpoint and give
each machine its own key. `sends` says what this machine delivers: `all`
(the team's one sender, e.g. `serve`), `own` (only the attempts it recorded:
the default, and all there is on a machine's own SQLite file) or `none`
(the team's sender delivers everything; FIVE_LEVERS_LRS_SENDS). The secret is never printed, logged or shown:
`describe()` and `repr` say only whether one is set.
"""
from __future__ import annotations

import os
import threading
import time
from urllib.parse import urlsplit

from game.core.frozen import DataclassFieldsOnUse
from game.storage.files import StorageError, read_json, saves_dir, write_json
from game.delivery.xapi import DEFAULT_ACTIVITY_BASE, DEFAULT_HOME_PAGE, check_iri

CONFIG_FILE = "lrs.json"
ENV = {"endpoint": "FIVE_LEVERS_LRS_ENDPOINT", "user": "FIVE_LEVERS_LRS_USER", "secret": "FIVE_LEVERS_LRS_SECRET",
       "home_page": "FIVE_LEVERS_XAPI_HOME_PAGE", "activity_base": "FIVE_LEVERS_XAPI_BASE",
       "sends": "FIVE_LEVERS_LRS_SENDS"}
SENDS = ("own", "all", "none")
SENDER_ID_FILE = "sender-id"
SENDER_ID_ENV = "FIVE_LEVERS_SENDER_ID"


def endpoint_problem(endpoint: str) -> str | None:
    """Why an LRS address cannot be used, in words (None: it can). Checked
    when it is entered, on the command line, in Settings and from the
    environment, so a bad one never reaches the sender."""
    shown = ascii(endpoint)[1:-1][:120]
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in endpoint):
        return f"the LRS endpoint may not contain spaces or control characters: '{shown}'"
    try:
        parts = urlsplit(endpoint)
        port = parts.port  # a port that is not a number in 0-65535 raises ValueError
        host = parts.hostname
    except ValueError as exc:
        return f"the LRS endpoint '{shown}' is not a web address ({exc})"
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"the LRS endpoint must be an http:// or https:// address, not '{shown}'"
    if not host:
        return f"the LRS endpoint '{shown}' names no host"
    if port == 0:
        return f"the LRS endpoint '{shown}' has port 0"
    return None


class LRSConfig:
    """Where and how attempts are sent. A plain class (what `@dataclass` made of it, written out: its
    `__init__` and `__eq__`): reading the scoreboard labels the board with it and starts without
    `dataclasses` and the `inspect` it brings (issue 33)."""
    endpoint: str = ""
    user: str = ""
    secret: str = ""
    home_page: str = DEFAULT_HOME_PAGE
    activity_base: str = DEFAULT_ACTIVITY_BASE
    sends: str = "own"
    __dataclass_fields__ = DataclassFieldsOnUse()  # dataclasses.replace, fields and asdict work on it
    _fields = ("endpoint", "user", "secret", "home_page", "activity_base", "sends")

    def __init__(self, endpoint: str = "", user: str = "", secret: str = "", home_page: str = DEFAULT_HOME_PAGE,
                 activity_base: str = DEFAULT_ACTIVITY_BASE, sends: str = "own"):
        self.endpoint, self.user, self.secret = endpoint, user, secret
        self.home_page, self.activity_base, self.sends = home_page, activity_base, sends

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return [getattr(self, f) for f in self._fields] == [getattr(other, f) for f in other._fields]
        return NotImplemented

    __hash__ = None  # mutable, as the dataclass was (unhashable)

    def __repr__(self) -> str:  # never the secret, even in a traceback or a log
        return f"LRSConfig(endpoint={self.endpoint!r}, user={self.user!r}, secret={'set' if self.secret else 'not set'})"

    __str__ = __repr__

    @property
    def configured(self) -> bool:
        return bool(self.endpoint)

    def statements_url(self) -> str:
        return self.endpoint.rstrip("/") + "/statements"

    def describe(self) -> dict:
        """What `lrs status` shows: everything but the secret."""
        return {"endpoint": self.endpoint or None, "user": self.user or None, "secret": bool(self.secret),
                "home_page": self.home_page, "activity_base": self.activity_base, "sends": self.sends}

    def problems(self, one_at_a_time: bool = False) -> list[str]:
        """What is wrong with these settings, in words (empty: fine).
        `one_at_a_time`: the key and the secret are being set one after the
        other (the Settings screen), so one may still be missing."""
        out = []
        if self.endpoint:
            problem = endpoint_problem(self.endpoint)
            if problem:
                out.append(problem)
        for value, what in ((self.home_page, "the players' home page"), (self.activity_base, "the activity base")):
            try:
                check_iri(value, what)
            except ValueError as exc:
                out.append(str(exc))
        if self.sends not in SENDS:
            out.append(f"what this machine sends must be own, all or none, not {self.sends!r}")
        if self.endpoint and bool(self.user) != bool(self.secret) and not one_at_a_time:
            out.append("the LRS needs both a user (key) and a secret, or neither")
        return out


def load_config() -> tuple[LRSConfig, str | None]:
    """The configuration in effect, and a problem reading the file (None when fine)."""
    config, problem = LRSConfig(), None
    try:
        data, problem = read_json(saves_dir() / CONFIG_FILE)
    except StorageError as exc:
        data, problem = None, str(exc)
    if isinstance(data, dict):
        for key in ENV:
            if isinstance(data.get(key), str) and data[key]:
                setattr(config, key, data[key])
    for key, name in ENV.items():
        value = os.environ.get(name, "").strip()
        if value:
            setattr(config, key, value)
    return config, problem


def save_config(config: LRSConfig) -> None:
    """Write lrs.json atomically, readable by its owner only (it holds the secret)."""
    path = saves_dir() / CONFIG_FILE
    write_json(path, {"endpoint": config.endpoint, "user": config.user, "secret": config.secret,
                      "home_page": config.home_page, "activity_base": config.activity_base, "sends": config.sends})
    try:
        os.chmod(path, 0o600)
    except OSError:
        pass


_ids: dict[str, str] = {}
_ids_lock = threading.Lock()


def _kept_id(path) -> str:
    """The sender id kept in `path`, '' when there is none yet (or it is being written this instant)."""
    try:
        return path.read_text(encoding="utf-8").strip()[:120]
    except OSError:
        return ""


def sender_id() -> str:
    """This machine's name in the outbox (which attempts it recorded):
    FIVE_LEVERS_SENDER_ID, else made once and kept in the saves folder
    (created exclusively, so two threads or processes starting together
    agree on one)."""
    given = os.environ.get(SENDER_ID_ENV, "").strip()
    if given:
        return given[:120]
    path = saves_dir() / SENDER_ID_FILE
    with _ids_lock:
        if str(path) in _ids:
            return _ids[str(path)]
        known = _kept_id(path)
        if known:  # made before (by this machine's first run): read, nothing made
            _ids[str(path)] = known
            return known
        import socket  # here: reading the scoreboard starts without socket and uuid (issue 33)
        import uuid
        made = f"{socket.gethostname()[:60]}-{uuid.uuid4().hex[:8]}"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            try:
                os.write(handle, (made + "\n").encode("utf-8"))
                os.fsync(handle)
            finally:
                os.close(handle)
        except FileExistsError:
            for _ in range(50):  # another process is writing it this instant
                try:
                    known = path.read_text(encoding="utf-8").strip()
                except OSError:
                    known = ""
                if known:
                    made = known[:120]
                    break
                time.sleep(0.01)
        except OSError:
            pass  # not kept: this run still has one name
        _ids[str(path)] = made
        return made


def label_board(board, config: LRSConfig | None = None):
    """Have the board write, with each attempt it records, the statement
    settings in force now and this machine's sender id (the statements are
    fixed then: no other machine's settings can relabel them)."""
    config = config or load_config()[0]
    problems = [p for p in config.problems() if "home page" in p or "activity base" in p]
    if not problems:
        board.outbox_labels = {"home_page": config.home_page, "activity_base": config.activity_base,
                               "origin": sender_id()}
    return board


def sending_origin(board, config: LRSConfig) -> str | None | bool:
    """Whose attempts this machine sends: None for all, its sender id for
    its own, False for none. On a machine's own file, own is all."""
    if config.sends == "none":
        return False
    if config.sends == "all" or not getattr(board, "shared", False):
        return None
    return sender_id()
