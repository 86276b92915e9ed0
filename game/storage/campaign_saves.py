"""A portfolio quarter in progress in the browser, as data: the seed, when
it began and the choices made so far (an action log that replays it), one
file per trainee under `saves/campaigns/`, written atomically. Any process
of the server reads it, so the quarter resumes wherever the trainee is."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from game.storage.files import StorageError, read_json, saves_dir, write_json
from game.storage.saves import player_key

FOLDER = "campaigns"


def campaign_path(player: str, learner: str = "") -> Path:
    key = f"{player_key(player)}|{learner}"
    slug = re.sub(r"[^a-z0-9]+", "-", player_key(player)).strip("-")[:32] or "player"
    return saves_dir() / FOLDER / f"{slug}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:10]}.json"


def load_campaign(player: str, learner: str = "") -> dict | None:
    """The saved quarter's data, or None (none, or unreadable: a campaign is short, it starts again)."""
    data, _ = read_json(campaign_path(player, learner))
    return data if isinstance(data, dict) else None


def save_campaign(player: str, learner: str, data: dict) -> None:
    path = campaign_path(player, learner)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"the saves folder {path.parent} cannot be used: {exc.strerror or exc}") from exc
    write_json(path, data)


def clear_campaign(player: str, learner: str = "") -> None:
    try:
        campaign_path(player, learner).unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise StorageError(f"the quarter's save could not be removed: {exc.strerror or exc}") from exc
