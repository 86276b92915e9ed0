"""The portfolio campaign's quarters on the scoreboard, with their own
leaderboard. A quarter is kept as its record (seed, ranking, plan, the
weeks' answers, conversations: enough to replay it) plus the numbers lists
need."""
from __future__ import annotations

import json

from game.storage.attempts import clean_player_name, now_iso

QUARTER_COLUMNS = ("registration", "player", "portfolio", "version", "content_hash", "title", "seed",
                   "started_at", "finished_at", "score", "rank_percent", "profit_kept", "best_profit_kept", "record")


def quarter_row(debrief: dict, player: str, started_at: str, finished_at: str | None = None) -> tuple:
    """A row for `record_quarter` from a debrief (game.core.portfolio.review.debrief)."""
    record = {k: debrief[k] for k in ("portfolio", "version", "content_hash", "seed", "ranking", "plan",
                                      "conversations", "answers") if k in debrief}
    import uuid  # here: reading the scoreboard starts without uuid (issue 33)
    return (str(uuid.uuid4()), clean_player_name(player), debrief["portfolio"], debrief["version"],
            debrief["content_hash"], debrief.get("title", ""), debrief["seed"], started_at,
            finished_at or now_iso(), debrief["score"], debrief["rank_percent"], debrief["profit_kept"],
            debrief["best_profit_kept"], json.dumps(record, ensure_ascii=False, sort_keys=True))


class PortfolioRecords:
    """Mixed into SQLBoard (which provides transaction, _where and _query)."""

    def record_quarter(self, row: tuple) -> int:
        placeholders = ", ".join("?" for _ in QUARTER_COLUMNS)
        with self.transaction("the quarter") as run:
            return run(f"INSERT INTO portfolio_attempts ({', '.join(QUARTER_COLUMNS)}) "
                       f"VALUES ({placeholders}) RETURNING id", row).fetchone()["id"]

    def quarters(self, portfolio: str | None = None, player: str | None = None) -> list[dict]:
        """Quarters oldest first, each as a dict (record parsed)."""
        clause, params = self._where((("portfolio", portfolio), ("player", player)))
        rows = self._query(f"SELECT * FROM portfolio_attempts {clause} ORDER BY finished_at, id", params)
        out = []
        for row in rows:
            item = dict(row)
            try:
                item["record"] = json.loads(item["record"])
            except ValueError:
                item["record"] = None  # one bad row never hides the others
            out.append(item)
        return out

    def quarter_leaderboard(self, portfolio: str, limit: int = 20) -> list[dict]:
        """Each player's best quarter in a portfolio: score, then ranking, then the earliest."""
        rows = self._query(
            "SELECT player, score, rank_percent, profit_kept, finished_at, id, "
            "(SELECT COUNT(*) FROM portfolio_attempts q WHERE q.portfolio = p.portfolio AND q.player = p.player) "
            "AS attempts FROM portfolio_attempts p WHERE portfolio = ? AND id = ("
            "  SELECT id FROM portfolio_attempts b WHERE b.portfolio = p.portfolio AND b.player = p.player "
            "  ORDER BY score DESC, rank_percent DESC, finished_at, id LIMIT 1) "
            "ORDER BY score DESC, rank_percent DESC, player LIMIT ?", (portfolio, limit))
        return [{"player": r["player"], "best": r["score"], "rank_percent": r["rank_percent"],
                 "profit_kept": r["profit_kept"], "attempts": r["attempts"], "finished_at": r["finished_at"],
                 "id": r["id"]} for r in rows]

    def portfolios(self) -> dict[str, str]:
        """Portfolio id -> title, of every recorded quarter."""
        return {r["portfolio"]: r["title"] for r in self._query(
            "SELECT portfolio, MAX(title) AS title FROM portfolio_attempts GROUP BY portfolio ORDER BY portfolio")}
