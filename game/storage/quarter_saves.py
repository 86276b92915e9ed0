"""A portfolio quarter in progress, saved after every week (and whenever it is
left) so it can be resumed where it was: the campaign's record (seed,
ranking, plan, revisions, answers, conversations, the week reached, and a
conversation under way as its playthrough's snapshot) with who played it and
when it started. One file per player and portfolio under `saves/quarters/`,
written atomically (temporary file, fsync, os.replace); an older format is
upgraded one version at a time (`UPGRADES`); everything read back is checked;
a damaged one (or one made by a newer version of the game, which a new
quarter would overwrite) is moved aside with a message, never a crash."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from game.core.portfolio.model import WEEKS
from game.storage.files import StorageError, aside_words, read_json, saves_dir, set_aside, write_json
from game.storage.saves import snapshot_shape_ok

QUARTERS_DIR = "quarters"
# 2: a conversation under way is kept with its replies ("playing": its snapshot), and the answers and changes of
# plan given for the coming week stand on resume (issue 31); format 1 saved only whole weeks
QUARTER_SAVE_FORMAT = 2
# UPGRADES[n] turns a save of format n into format n + 1.
UPGRADES: dict[int, callable] = {
    1: lambda data: data,  # the same record: a format-1 save holds no conversation under way and nothing ahead
}


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
    version = data.get("save_format") if isinstance(data, dict) else None
    if isinstance(version, int) and not isinstance(version, bool) and version > QUARTER_SAVE_FORMAT:
        return None, f"the saved quarter was made by a newer version of Five Levers and {aside_words(set_aside(path))}"
    try:
        data = _upgrade(data)
        ok = _record_ok(data["record"], portfolio_id) and isinstance(data.get("started_at"), str)
    except (KeyError, TypeError, ValueError, AttributeError):
        ok = False
    if not ok:
        return None, f"the saved quarter could not be read and {aside_words(set_aside(path))}"
    return {"record": data["record"], "started_at": data["started_at"]}, None


def _upgrade(data: dict) -> dict:
    version = data["save_format"]
    while isinstance(version, int) and not isinstance(version, bool) and 1 <= version < QUARTER_SAVE_FORMAT:
        data = UPGRADES[version](dict(data))
        version = data["save_format"] = version + 1
    if version != QUARTER_SAVE_FORMAT:
        raise ValueError("not a quarter save")
    return data


def _whole(value, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _record_ok(record, portfolio_id: str) -> bool:
    """The record has the shape a quarter is replayed from (whether it fits the portfolio is the replay's check):
    its portfolio, a week of the quarter, lists of mappings, and a conversation under way as a playthrough's
    snapshot."""
    if not isinstance(record, dict) or record.get("portfolio") != portfolio_id:
        return False
    if not _whole(record.get("week"), 0, WEEKS) or not _whole(record.get("seed"), -2 ** 63, 2 ** 64):
        return False
    lists = [record.get(name, []) for name in ("conversations", "answers", "revisions")]
    if not all(isinstance(items, list) and all(isinstance(i, dict) for i in items) for items in lists):
        return False
    return all(c.get("playing") is None or (c.get("outcome") is None and snapshot_shape_ok(c["playing"]))
               for c in record.get("conversations", []))


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
