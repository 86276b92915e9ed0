"""The autosaved session and the player's settings.

The session save holds the playthrough as data (scenario id, version,
content hash, seed, choices) plus who is playing and how; never the
scenario's text. Saves carry `save_format`; older formats are upgraded one
version at a time by the functions in `UPGRADES`.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .files import StorageError, read_json, saves_dir, set_aside, write_json

SAVE_FORMAT = 1
SESSION_FILE = "session.json"
SETTINGS_FILE = "settings.json"

# UPGRADES[n] turns a save of format n into format n + 1.
UPGRADES: dict[int, callable] = {}


@dataclass
class Session:
    player: str
    mode: str  # "coach" or "assessment"
    scenario_path: str
    snapshot: dict
    started_at: str
    title: str = ""

    def to_dict(self) -> dict:
        return {"save_format": SAVE_FORMAT, **asdict(self)}


def _upgrade(data: dict) -> dict:
    version = data.get("save_format")
    while isinstance(version, int) and version < SAVE_FORMAT:
        data = UPGRADES[version](dict(data))
        version = data["save_format"] = version + 1
    return data


def load_session():
    """(Session or None, message or None). A damaged save is moved aside."""
    try:
        path = saves_dir() / SESSION_FILE
    except StorageError as exc:
        return None, str(exc)
    data, problem = read_json(path)
    if data is None:
        return None, problem
    version = data.get("save_format") if isinstance(data, dict) else None
    if isinstance(version, int) and version > SAVE_FORMAT:
        return None, "the saved session was made by a newer version of Five Levers; it was left untouched"
    try:
        data = _upgrade(data)
        session = Session(player=str(data["player"]), mode=str(data["mode"]),
                          scenario_path=str(data["scenario_path"]), snapshot=dict(data["snapshot"]),
                          started_at=str(data["started_at"]), title=str(data.get("title", "")))
        if session.mode not in ("coach", "assessment") or not isinstance(session.snapshot.get("choices"), list):
            raise ValueError("bad values")
    except (KeyError, TypeError, ValueError, AttributeError):
        aside = set_aside(path)
        return None, f"the saved session could not be read and has been moved aside to {aside.name}"
    return session, None


def save_session(session: Session) -> None:
    write_json(saves_dir() / SESSION_FILE, session.to_dict())


def clear_session() -> None:
    """Forget the conversation in progress; a save that cannot be removed is
    a message (StorageError), never a crash at the end of a conversation."""
    try:
        (saves_dir() / SESSION_FILE).unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise StorageError(f"the finished conversation's save could not be removed: {exc.strerror or exc}") from exc


TEXT_SIZES = ("small", "medium", "large", "huge")
TYPEWRITER_SPEEDS = ("instant", "fast", "normal", "slow")


@dataclass
class Settings:
    player: str = ""
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
        if not isinstance(self.player, str):
            self.player = ""
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
