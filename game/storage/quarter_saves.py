"""A portfolio quarter in progress, saved after every week so it can be
resumed: the campaign's record (seed, ranking, plan, revisions, answers,
conversations, the week reached) with who played it and when it started.
One file per player and portfolio under `saves/quarters/`, written
atomically; a damaged one is moved aside with a message, never a crash."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from game.storage.files import StorageError, aside_words, read_json, saves_dir, set_aside, write_json

QUARTERS_DIR = "quarters"
QUARTER_SAVE_FORMAT = 1


def quarter_path(player: str, portfolio_id: str) -> Path:
    key = f"{str(player).strip().casefold()}/{portfolio_id}"
    slug = re.sub(r"[^a-z0-9]+", "-", key).strip("-")[:40] or "quarter"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]
    return saves_dir() / QUARTERS_DIR / f"{slug}-{digest}.json"


def save_quarter(player: str, record: dict, started_at: str) -> None:
    """Save (replace) the player's quarter of this portfolio. Raises StorageError."""
    path = quarter_path(player, record["portfolio"])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"the quarters folder cannot be used: {exc.strerror or exc}") from exc
    write_json(path, {"save_format": QUARTER_SAVE_FORMAT, "player": player, "started_at": started_at,
                      "record": record})


def load_quarter(player: str, portfolio_id: str) -> tuple[dict | None, str | None]:
    """({"record", "started_at"} or None, a message or None). A damaged file is moved aside."""
    try:
        path = quarter_path(player, portfolio_id)
    except StorageError as exc:
        return None, str(exc)
    data, problem = read_json(path)
    if data is None:
        return None, problem
    ok = isinstance(data, dict) and data.get("save_format") == QUARTER_SAVE_FORMAT and \
        isinstance(data.get("record"), dict) and data["record"].get("portfolio") == portfolio_id and \
        isinstance(data.get("started_at"), str)
    if not ok:
        return None, f"the saved quarter could not be read and {aside_words(set_aside(path))}"
    return {"record": data["record"], "started_at": data["started_at"]}, None


def discard_quarter(player: str, portfolio_id: str, damaged: bool = False) -> str | None:
    """Remove the saved quarter (finished, or started anew); a damaged one is moved aside, with the words."""
    try:
        path = quarter_path(player, portfolio_id)
        if damaged:
            return f"the saved quarter could not be resumed and {aside_words(set_aside(path))}"
        path.unlink(missing_ok=True)
    except (OSError, StorageError):
        pass
    return None
