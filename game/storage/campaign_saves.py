"""A portfolio quarter in progress in the browser, as data: the seed, when
it began and the choices made so far (an action log that replays it), one
file per trainee under `saves/campaigns/`, written atomically, or (on a
server) one row of the save store in the scoreboard's database
(save_rows.py), so any process on any machine resumes the quarter."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from game.storage.files import StorageError, read_json, saves_dir, write_json
from game.storage.saves import player_key

FOLDER = "campaigns"
KIND = "campaign"  # its kind in a save store


def owner_key(player: str, learner: str) -> str:
    return f"{player_key(player)}|{learner}"


def campaign_path(player: str, learner: str = "") -> Path:
    key = f"{player_key(player)}|{learner}"
    slug = re.sub(r"[^a-z0-9]+", "-", player_key(player)).strip("-")[:32] or "player"
    return saves_dir() / FOLDER / f"{slug}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:10]}.json"


def load_campaign(player: str, learner: str = "", store=None) -> dict | None:
    """The saved quarter's data, or None (none, or unreadable: a campaign is
    short, it starts again; a bad row of a store is set aside there, a bad
    file is left for the next save to replace)."""
    if store is not None:
        data, _ = store.read_save(KIND, owner_key(player, learner))
    else:
        data, _ = read_json(campaign_path(player, learner))
    if store is not None and data is not None and not isinstance(data.get("actions"), list):
        store.set_save_aside(KIND, owner_key(player, learner))
        return None
    return data if isinstance(data, dict) else None


def save_campaign(player: str, learner: str, data: dict, store=None) -> None:
    if store is not None:
        store.write_save(KIND, owner_key(player, learner), data)
        return
    path = campaign_path(player, learner)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"the saves folder {path.parent} cannot be used: {exc.strerror or exc}") from exc
    write_json(path, data)


def set_aside(player: str, learner: str, store) -> None:
    """A quarter whose log no longer replays: kept in the store's set-aside table, not overwritten."""
    store.set_save_aside(KIND, owner_key(player, learner))


def clear_campaign(player: str, learner: str = "", store=None) -> None:
    if store is not None:
        store.drop_save(KIND, owner_key(player, learner))
        return
    try:
        campaign_path(player, learner).unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise StorageError(f"the quarter's save could not be removed: {exc.strerror or exc}") from exc
