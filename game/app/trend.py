"""The scoreboard's trend chart as plain data: which lines it has, what each
is called and its point per attempt (oldest to newest). How a line looks
(colour, marker) is the shell's; `kind` and `index` say which line it is.

One scenario: its score (thick) and each lever's percent; a lever the
scenario does not assess is a gap (None), not a zero, and a lever whose
points went below zero is BELOW_ZERO, drawn in a band under the 0 line.
All scenarios: one score line per scenario (joined across the others'
attempts), so different scenarios are never joined into one line. An
abandoned attempt has no end score and no point.
"""
from __future__ import annotations

from dataclasses import dataclass

from game.app.text import LEVER_SHORT
from game.core.model import LEVERS

BELOW_ZERO = -15  # where a lever whose points went below zero is drawn: under the 0 line, in its own band


@dataclass(frozen=True)
class TrendLine:
    key: str  # 'score', a lever, or a scenario id
    label: str  # the legend's words
    values: list  # per attempt: a percent, BELOW_ZERO, or None (no point there)
    kind: str  # 'score', 'lever' or 'scenario'
    index: int = 0  # the scenario's place among those charted (kind 'scenario')
    thick: bool = False  # a score line
    joined: bool = False  # join points across gaps (a scenario's attempts between others')


def charted(attempts) -> list:
    """The attempts that have a point: the finished ones, oldest first."""
    return [a for a in attempts if getattr(a, "status", "finished") != "abandoned"]


def trend_lines(attempts, by_scenario: bool = False, titles: dict | None = None) -> list[TrendLine]:
    attempts = charted(attempts)
    if by_scenario:
        ids = list(dict.fromkeys(a.scenario for a in attempts))
        return [TrendLine(sid, (titles or {}).get(sid, sid), [a.score if a.scenario == sid else None for a in attempts],
                          "scenario", i, True, True)
                for i, sid in enumerate(ids)]
    lines = [TrendLine("score", "Score", [a.score for a in attempts], "score", thick=True)]
    for lever in LEVERS:
        values = []
        for a in attempts:
            scored = a.levers.get(lever, {})
            value = scored.get("percent")
            values.append(BELOW_ZERO if value is not None and scored.get("points", 0) < 0 else value)
        lines.append(TrendLine(lever, LEVER_SHORT[lever], values, "lever"))
    return lines


def trend_from_rows(rows, by_scenario: bool = False, titles: dict | None = None) -> list[TrendLine]:
    """`trend_lines` from the board's `history_trend` rows (status, scenario, score, then each lever's
    percent and points when charting one scenario): the same lines, without an attempt object each."""
    rows = [r for r in rows if r[0] != "abandoned"]
    if by_scenario:  # one pass over the attempts (thousands), whatever the number of scenarios
        values: dict = {}
        for i, row in enumerate(rows):
            line = values.get(row[1])
            if line is None:
                line = values[row[1]] = [None] * len(rows)
            line[i] = row[2]
        return [TrendLine(sid, (titles or {}).get(sid, sid), line, "scenario", i, True, True)
                for i, (sid, line) in enumerate(values.items())]
    lines = [TrendLine("score", "Score", [r[2] for r in rows], "score", thick=True)]
    for k, lever in enumerate(LEVERS):
        at = 3 + 2 * k
        values = [BELOW_ZERO if r[at] is not None and (r[at + 1] or 0) < 0 else r[at] for r in rows]
        lines.append(TrendLine(lever, LEVER_SHORT[lever], values, "lever"))
    return lines
