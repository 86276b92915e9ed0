"""What the scoreboard screen shows, read from the board on the storage
thread (never on a frame): `gather(board, ask)` answers the screen's
question (which view, scenario and customer filter, for which player)."""
from __future__ import annotations

from game.app.trend import trend_from_rows

HISTORY, LEADERS, STYLES_VIEW, QUARTERS = "history", "leaders", "styles", "quarters"
HISTORY_PAGE = 50  # the history list shows the newest this many attempts, then a row that shows more


def gather_quarters(board, ask: dict) -> dict:
    """The quarters view: the portfolios with recorded quarters, and for the chosen one its leaderboard (each
    player's best) and the player's own quarters."""
    titles = board.portfolios()
    ids = sorted(titles, key=lambda p: (titles[p] or p).lower())
    index = min(ask["index"], max(0, len(ids) - 1))
    chosen = ids[index] if ids else None
    return {"titles": titles, "ids": ids, "index": index, "filters": [None], "filter_index": 0, "attempts": [],
            "own": "", "breakdown": [],
            "leaders": board.quarter_leaderboard(chosen) if chosen else [],
            "quarters": board.quarters(chosen, ask["player"]) if chosen and ask["player"] else []}


def history_list(board, player: str, titles: dict, shown: int) -> dict:
    """The terminal's history, a page at a time: the newest `shown` attempts of every scenario (`attempts`,
    oldest first, as `history_page` gives them), how many there are in all (`total`, counted on the index)
    and the titles to show them by (the board's, the library's where it has the scenario), as `gather` gives
    them for the screen's history, without the chart's read of every attempt."""
    recorded = board.scenarios()
    return {"attempts": board.history_page(player, shown), "total": board.history_count(player),
            "titles": {**recorded, **{k: v for k, v in titles.items() if k in recorded}}}


def gather(board, ask: dict) -> dict:
    """What a view of the scoreboard screen shows, read from the board (on
    the storage thread): the scenarios with attempts, the customer filters,
    then the view's history, leaderboard or style breakdown. The history is
    its newest `ask["shown"]` attempts (HISTORY_PAGE unless said; None: all),
    `total` (how many in all) and `trend` (the chart's lines, every attempt)."""
    view, player = ask["view"], ask["player"]
    if view == QUARTERS:
        return gather_quarters(board, ask)
    recorded = board.scenarios()
    titles = {**recorded, **{k: v for k, v in ask["titles"].items() if k in recorded}}
    ids = sorted(recorded, key=lambda s: titles[s].lower())
    index = min(ask["index"], max(0, len(ids) + (1 if view == HISTORY else 0) - 1))
    if view == HISTORY:
        scenario = None if index == 0 else ids[index - 1]
    else:
        scenario = ids[index] if ids else None
    if view == STYLES_VIEW:
        found = []
    elif scenario is None:
        found = [("style", s) for s in sorted({style for _, style in board.personas() if style})]
    else:
        found = [("persona", p) for p, _ in board.personas(scenario)]
    filters = [None, *found]
    chosen = ask["filter"] if ask["filter"] in filters else None
    result = {"titles": titles, "ids": ids, "index": index, "filters": filters, "filter_index": filters.index(chosen),
              "attempts": [], "leaders": [], "own": "", "breakdown": [], "total": 0, "trend": []}
    if view == HISTORY and player:
        kind, value = chosen or (None, None)  # the database filters: only the shown attempts are read
        selection = {"scenario": scenario, "persona": value if kind == "persona" else None,
                     "persona_style": value if kind == "style" else None}
        # the list: the newest page (`shown`: how many; None: all); the chart: every attempt's few numbers
        result["attempts"] = board.history_page(player, ask.get("shown", HISTORY_PAGE), **selection)
        trend = board.history_trend(player, levers=scenario is not None, **selection)
        result["total"] = len(trend)
        result["trend"] = trend_from_rows(trend, by_scenario=scenario is None, titles=titles)
    elif view == LEADERS and scenario is not None:
        result["leaders"] = board.leaderboard(scenario, persona=chosen[1] if chosen else None)
    elif view == STYLES_VIEW and player:
        result["own"] = (board.player_style(player) or {}).get("style", "")
        result["breakdown"] = [row for row in board.style_breakdown(player) if row["style"]]
    return result
