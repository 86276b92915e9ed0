"""The autosaved sessions and the player's settings.

Each player has their own save, `sessions/<name>-<hash>.json` (the name
compared without regard to case), so a new player never overwrites another
player's conversation, and Resume is offered only to the player it belongs
to. A save holds the playthrough as data (scenario id, version, content
hash, seed, choices) plus who is playing and how; never the scenario's text.
Saves carry `save_format`; older formats are upgraded one version at a time
by the functions in `UPGRADES`. Format 1 was one `session.json` for
everyone: it is moved into its player's file the first time saves are read.
A server keeps the same documents in its database instead (`store`, the
save store of save_rows.py), checked on read exactly as a file is.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from game.core.result import snapshot_shape_problem
from game.storage.attempts import MAX_NAME, clean_learner_id, clean_player_name
from game.storage.files import StorageError, aside_words, read_json, saves_dir, set_aside, write_json

SAVE_FORMAT = 3
LEGACY_SESSION_FILE = "session.json"  # format 1: one save for every player
SESSIONS_DIR = "sessions"
SETTINGS_FILE = "settings.json"
SESSION_KIND = "session"  # its kind in a save store (save_rows.py)

# UPGRADES[n] turns a save of format n into format n + 1.
UPGRADES: dict[int, callable] = {
    1: lambda data: data,  # same fields; only where the file lives changed (see `_migrate_legacy`)
    2: lambda data: {**data, "active_s": None, "learner": ""},  # time on task unknown before format 3
}


@dataclass
class Session:
    player: str
    mode: str  # "coach" or "assessment"
    scenario_path: str
    snapshot: dict
    started_at: str
    title: str = ""
    active_s: float | None = None  # seconds on task so far; None when not known
    learner: str = ""  # the learner id in use when it began

    def to_dict(self) -> dict:
        return {"save_format": SAVE_FORMAT, **asdict(self)}


def player_key(name: str) -> str:
    """How saves tell players apart: the trimmed name, case folded."""
    return str(name).strip().casefold()


def session_path(player: str) -> Path:
    key = player_key(player)
    slug = re.sub(r"[^a-z0-9]+", "-", key).strip("-")[:32] or "player"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]
    return saves_dir() / SESSIONS_DIR / f"{slug}-{digest}.json"


def _seconds(value) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < 10 ** 9:
        raise ValueError("bad time on task")
    return float(value)


def _upgrade(data: dict) -> dict:
    version = data.get("save_format")
    while isinstance(version, int) and version < SAVE_FORMAT:
        data = UPGRADES[version](dict(data))
        version = data["save_format"] = version + 1
    return data


def _session_of(data) -> Session:
    """The Session a save document holds (upgraded to this format), checked
    before it is trusted. Raises ValueError (or KeyError, TypeError…) when it
    does not hold one."""
    data = _upgrade(data)
    session = Session(player=str(data["player"]), mode=str(data["mode"]),
                      scenario_path=str(data["scenario_path"]), snapshot=dict(data["snapshot"]),
                      started_at=str(data["started_at"]), title=str(data.get("title", "")),
                      active_s=_seconds(data.get("active_s")), learner=clean_learner_id(data.get("learner") or ""))
    clean_player_name(session.player)  # ValueError for an empty, overlong or unprintable name
    if session.mode not in ("coach", "assessment") or not player_key(session.player) \
            or not snapshot_shape_ok(session.snapshot):
        raise ValueError("bad values")
    return session


_BAD = (KeyError, TypeError, ValueError, AttributeError, RecursionError)
NEWER = "the saved session was made by a newer version of Five Levers; it was left untouched"


def _newer(data) -> bool:
    version = data.get("save_format") if isinstance(data, dict) else None
    return isinstance(version, int) and version > SAVE_FORMAT


def _read(path: Path):
    """(Session or None, message or None) for one save file. A damaged one is moved aside."""
    data, problem = read_json(path)
    if data is None:
        return None, problem
    if _newer(data):
        return None, f"the saved session {path.name} was made by a newer version of Five Levers; it was left untouched"
    try:
        return _session_of(data), None
    except _BAD:
        return None, f"the saved session could not be read and {aside_words(set_aside(path))}"


def _read_stored(store, player: str):
    """(Session or None, message or None) from a save store (save_rows.SaveRecords):
    checked as a file is; a bad document is set aside there, with the words."""
    data, problem = store.read_save(SESSION_KIND, player_key(player))
    if data is None:
        return None, problem
    if _newer(data):
        return None, NEWER
    try:
        session = _session_of(data)
        if player_key(session.player) != player_key(player):
            raise ValueError("another player's save")
        return session, None
    except _BAD:
        return None, f"the saved session could not be read and {store.set_save_aside(SESSION_KIND, player_key(player))}"


def snapshot_shape_ok(snap: dict) -> bool:
    """The snapshot's fields have the kinds a playthrough is rebuilt from
    (the engine's check), and numbers a save can hold: a seed within 64 bits,
    reply numbers as a node can show (whether they fit the scenario is
    checked on resume)."""
    if snapshot_shape_problem(snap) is not None:
        return False
    return 0 <= snap.get("seed", 0) < 2 ** 63 and all(0 < c < 100 for c in snap["choices"]) \
        and all(isinstance(snap.get(name, ""), str) for name in ("scenario", "content_hash"))


def _migrate_legacy() -> str | None:
    """Move a format-1 `session.json` into its player's own file."""
    legacy = saves_dir() / LEGACY_SESSION_FILE
    if not legacy.exists():
        return None
    session, problem = _read(legacy)
    if session is None:
        return problem
    target = session_path(session.player)
    if not target.exists():
        save_session(session)
    try:
        legacy.unlink()
    except OSError as exc:
        return f"the old shared save {legacy.name} could not be removed: {exc.strerror or exc}"
    return None


def load_sessions():
    """({player key: Session}, [messages]): every player's saved conversation."""
    try:
        problems = [p for p in [_migrate_legacy()] if p]
        folder = saves_dir() / SESSIONS_DIR
        files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    except StorageError as exc:
        return {}, [str(exc)]
    except OSError as exc:
        return {}, [f"the saved sessions could not be listed: {exc.strerror or exc}"]
    found: dict[str, Session] = {}
    for path in files:
        session, problem = _read(path)
        if problem:
            problems.append(problem)
        if session is not None and path == session_path(session.player):
            found[player_key(session.player)] = session
    return found, problems


def load_session(player: str, store=None):
    """(Session or None, message or None): this player's saved conversation,
    from the files under saves/ or, given one, a save store (a server's
    database: save_rows.SaveRecords)."""
    if not player_key(player):
        return None, None
    if store is not None:
        try:
            return _read_stored(store, player)
        except StorageError as exc:
            return None, str(exc)
    try:
        problem = _migrate_legacy()
        session, found_problem = _read(session_path(player))
    except StorageError as exc:
        return None, str(exc)
    return session, found_problem or problem


def save_session(session: Session, store=None) -> None:
    """Save (replace) the player's conversation, in the files or `store`. Raises StorageError."""
    if store is not None:
        store.write_save(SESSION_KIND, player_key(session.player), session.to_dict())
        return
    path = session_path(session.player)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"the saves folder {path.parent} cannot be used: {exc.strerror or exc}") from exc
    write_json(path, session.to_dict())


def clear_session(player: str, store=None) -> None:
    """Forget this player's conversation in progress; a save that cannot be
    removed is a message (StorageError), never a crash at the end of a conversation."""
    if store is not None:
        store.drop_save(SESSION_KIND, player_key(player))
        return
    try:
        session_path(player).unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise StorageError(f"the finished conversation's save could not be removed: {exc.strerror or exc}") from exc


TEXT_SIZES = ("small", "medium", "large", "huge")
TYPEWRITER_SPEEDS = ("instant", "fast", "normal", "slow")


@dataclass
class Settings:
    player: str = ""
    learner: str = ""  # learner id (LMS login or e-mail) for the LRS; '' for none
    text_size: str = "medium"
    typewriter: str = "normal"
    mode: str = "coach"
    high_contrast: bool = False
    fullscreen: bool = False
    sound: bool = False
    extra: dict = field(default_factory=dict)

    def clean(self) -> "Settings":
        defaults = Settings()
        if self.text_size not in TEXT_SIZES:
            self.text_size = defaults.text_size
        if self.typewriter not in TYPEWRITER_SPEEDS:
            self.typewriter = defaults.typewriter
        if self.mode not in ("coach", "assessment"):
            self.mode = defaults.mode
        for flag in ("high_contrast", "fullscreen", "sound"):
            if not isinstance(getattr(self, flag), bool):
                setattr(self, flag, False)
        if not isinstance(self.player, str) or len(self.player) > MAX_NAME or not self.player.isprintable():
            self.player = ""
        try:
            self.learner = clean_learner_id(self.learner or "")
        except ValueError:
            self.learner = ""
        return self


def load_settings():
    try:
        data, problem = read_json(saves_dir() / SETTINGS_FILE)
    except StorageError as exc:  # the game still starts, with default settings
        return Settings(), f"{exc}; settings and progress will not be kept this time"
    if not isinstance(data, dict):
        return Settings(), problem
    known = {k: data[k] for k in Settings.__dataclass_fields__ if k in data and k != "extra"}
    return Settings(**known).clean(), problem


def save_settings(settings: Settings) -> None:
    data = asdict(settings)
    data.pop("extra", None)
    write_json(saves_dir() / SETTINGS_FILE, {"save_format": SAVE_FORMAT, **data})
