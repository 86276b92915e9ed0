"""A team lead's views of the scoreboard, as plain data (the command line's
`scoreboard --team VIEW` prints them; the browser dashboard can draw the same):

- `levers`: each person's mean percent on each of the five levers (who
  needs coaching on what), with their attempts, mean score and last play;
- `weeks`: per ISO week, attempts, people, mean score and pass rate (is the
  team improving?);
- `scenarios`: per scenario, attempts, people, mean score and pass rate
  (which scenario is hardest?);
- `absent`: the roster's people who have not played since a date (and
  those who never played);
- `certificates`: who has earned which block's certificate of the course,
  when, and what is left for the next (game/app/team_certificates).

What counts: finished attempts played by a person (scripted and abandoned
attempts are left out). A person is their learner id when they gave one,
else their display name (as on the leaderboards); the roster names people
by learner id. Means are rounded to one decimal; a lever a person's paths
never gave a chance to use is empty (None), not 0.

Dates pick whole ISO weeks (UTC): `since`/`until` count the weeks whose
Thursday is on or after `since` and before `until` (`week_span` says which).

Two ways to the same figures: the `*_from_board` functions (and
`dashboard`, `team_view_from_board`) have the database count
(game/storage/team_views.py: only the figures are read, from a small
summary table kept with each attempt when the filters allow, else counted
from an index); the functions over a list of attempts (`levers_by_person`,
`weeks`, `scenarios`, `absent`, `team_view`) say what the figures mean, and
the tests hold the database's counting to them.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from datetime import datetime, timezone

# the certificates' modules (the course's loader, YAML and the engine behind them) are imported where a
# certificates view is made: the other views start without them (issue 33)
from game.core.model import LEVER_TITLES, LEVERS

VIEWS = ("levers", "weeks", "scenarios", "absent", "certificates")


def counted(attempts) -> list:
    return [a for a in attempts if a.status == "finished" and not a.scripted]


def _mean(values) -> float | None:
    values = [v for v in values if v is not None]
    return round(sum(values) / len(values), 1) if values else None


def _rate(passed: int, total: int) -> float | None:
    return round(100 * passed / total, 1) if total else None


def week_of(iso: str) -> str:
    """'2026-11-20T10:00:00+00:00' -> '2026-W47' (ISO week, UTC)."""
    moment = datetime.fromisoformat(iso)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    year, week, _ = moment.astimezone(timezone.utc).isocalendar()
    return f"{year}-W{week:02d}"


def week_span(since: str | None, until: str | None) -> tuple[str, str] | None:
    """The ISO weeks a date range picks, as their first Monday and last Sunday
    (None when it picks none): what the dashboard says it counted."""
    from datetime import date, timedelta
    first = date.fromisoformat(since) if since else None
    last = date.fromisoformat(until) - timedelta(days=1) if until else None
    if first is not None:  # the first week whose Thursday is on or after `since`
        first += timedelta(days=(3 - first.weekday()) % 7)
    if last is not None:  # the last week whose Thursday is before `until`
        last -= timedelta(days=(last.weekday() - 3) % 7)
    if first is None and last is None:
        return None
    if first is not None and last is not None and first > last:
        return None
    return ((first - timedelta(days=3)).isoformat() if first else "",
            (last + timedelta(days=3)).isoformat() if last else "")


def _names(roster) -> dict[str, dict]:
    return {f"id:{p['learner']}": p for p in roster}


def levers_by_person(attempts, roster=()) -> dict:
    known = _names(roster)
    groups = defaultdict(list)
    for attempt in counted(attempts):
        groups[attempt.person].append(attempt)
    rows = []
    for person, mine in groups.items():
        last = max(mine, key=lambda a: a.finished_at)
        rows.append({"person": person, "name": known.get(person, {}).get("name") or last.player,
                     "learner": last.learner or None, "team": known.get(person, {}).get("team") or None,
                     "attempts": len(mine), "mean_score": _mean(a.score for a in mine),
                     "last_played": last.finished_at,
                     "levers": {lever: _mean(a.levers.get(lever, {}).get("percent") for a in mine) for lever in LEVERS}})
    rows.sort(key=lambda r: (r["name"].lower(), r["person"]))
    return {"view": "levers", "levers": {lever: LEVER_TITLES[lever] for lever in LEVERS}, "people": rows}


def weeks(attempts) -> dict:
    groups = defaultdict(list)
    for attempt in counted(attempts):
        groups[week_of(attempt.finished_at)].append(attempt)
    rows = [{"week": week, "attempts": len(mine), "people": len({a.person for a in mine}),
             "mean_score": _mean(a.score for a in mine), "pass_rate": _rate(sum(a.passed for a in mine), len(mine))}
            for week, mine in sorted(groups.items())]
    return {"view": "weeks", "weeks": rows}


def scenarios(attempts) -> dict:
    groups = defaultdict(list)
    for attempt in counted(attempts):
        groups[attempt.scenario].append(attempt)
    rows = [{"scenario": sid, "title": mine[-1].title, "attempts": len(mine), "people": len({a.person for a in mine}),
             "mean_score": _mean(a.score for a in mine), "pass_rate": _rate(sum(a.passed for a in mine), len(mine))}
            for sid, mine in sorted(groups.items())]
    return {"view": "scenarios", "scenarios": rows}


def absent(attempts, roster, since: str) -> dict:
    """The roster's people with no counted attempt finished at or after `since` (ISO)."""
    last: dict[str, str] = {}
    for attempt in counted(attempts):
        if attempt.learner:
            last[attempt.learner] = max(last.get(attempt.learner, ""), attempt.finished_at)
    rows = [{"learner": p["learner"], "name": p["name"], "team": p["team"] or None,
             "last_played": last.get(p["learner"])}
            for p in roster if last.get(p["learner"], "") < since]
    return {"view": "absent", "since": since, "roster": len(list(roster)), "people": rows}


def team_view(view: str, attempts, roster=(), since: str | None = None, course=None, quarters=(),
              titles=None, scenario: str | None = None) -> dict:
    """One view. `certificates` needs the `course` and takes every attempt
    (unfiltered: the course's rule decides what counts), the `quarters` and
    `titles` (scenario id -> title); `scenario` keeps the blocks holding it (for `certificates`,
    `attempts` may be what `certificate_attempts` read)."""
    if view == "certificates":
        from game.app.team_certificates import certificates
        return certificates(course, attempts, quarters, roster, titles, since=since, scenario=scenario)
    attempts = list(attempts)
    if view == "levers":
        return levers_by_person(attempts, roster)
    if view == "weeks":
        return weeks(attempts)
    if view == "scenarios":
        return scenarios(attempts)
    if view == "absent":
        return absent(attempts, list(roster), since or "")
    raise ValueError(f"no team view {view!r} (one of {', '.join(VIEWS)})")


def table(data: dict) -> tuple[list[str], list[list]]:
    """A view as a header and rows (CSV and the terminal's table)."""
    view = data["view"]
    if view == "certificates":
        from game.app.team_certificates import certificates_table
        return certificates_table(data)
    if view == "levers":
        header = ["person", "name", "learner", "team", "attempts", "mean_score", "last_played", *LEVERS]
        rows = [[r["person"], r["name"], r["learner"], r["team"], r["attempts"], r["mean_score"], r["last_played"],
                 *(r["levers"][lever] for lever in LEVERS)] for r in data["people"]]
    elif view == "weeks":
        header = ["week", "attempts", "people", "mean_score", "pass_rate"]
        rows = [[r[k] for k in header] for r in data["weeks"]]
    elif view == "scenarios":
        header = ["scenario", "title", "attempts", "people", "mean_score", "pass_rate"]
        rows = [[r[k] for k in header] for r in data["scenarios"]]
    else:
        header = ["learner", "name", "team", "last_played"]
        rows = [[r[k] for k in header] for r in data["people"]]
    return header, rows


HEAT_BANDS = (40, 60, 75, 90)  # below 40: needs coaching; 90 and up: strong


def heat_band(percent: float | None) -> int | None:
    """0 (below 40 %) to 4 (90 % and up), None when the lever was never in reach: a heat map's shade."""
    if percent is None:
        return None
    return bisect_right(HEAT_BANDS, percent)  # how many edges it reaches


def _from_sums(total: int, count: int) -> float | None:
    return round(total / count, 1) if count else None


def _week_label(thursday: str) -> str:
    year, week, _ = datetime.fromisoformat(thursday).isocalendar()
    return f"{year}-W{week:02d}"


def levers_from_board(board, roster=(), bands: bool = False, **filters) -> dict:
    """`levers_by_person`, counted by the database (the same figures: tests hold them to it);
    `bands`: each row also has its levers' heat_band (the dashboard's heat map)."""
    known = _names(roster)
    rows = []
    for person, n, score_sum, last, player, learner, *sums in board.team_people_rows(**filters):
        mine = known.get(person) or {}
        means = [round(total / count, 1) if count else None for total, count in zip(sums[0::2], sums[1::2])]
        row = {"person": person, "name": mine.get("name") or player, "learner": learner or None,
               "team": mine.get("team") or None, "attempts": n, "mean_score": round(score_sum / n, 1) if n else None,
               "last_played": last, "levers": dict(zip(LEVERS, means))}
        if bands:  # heat_band, inline: 2,500 a view
            row["bands"] = dict(zip(LEVERS, [None if m is None else bisect_right(HEAT_BANDS, m) for m in means]))
        rows.append(row)
    rows.sort(key=lambda r: (r["name"].lower(), r["person"]))
    return {"view": "levers", "levers": {lever: LEVER_TITLES[lever] for lever in LEVERS}, "people": rows}


def weeks_from_board(board, **filters) -> dict:
    """`weeks`, counted by the database."""
    return {"view": "weeks", "weeks": [
        {"week": _week_label(thursday), "attempts": n, "people": people, "mean_score": _from_sums(total, n),
         "pass_rate": _rate(passed, n)} for thursday, n, people, total, passed in board.team_weeks(**filters)]}


def scenarios_from_board(board, **filters) -> dict:
    """`scenarios`, counted by the database (the title: the scenario list's)."""
    titles = board.scenarios()
    return {"view": "scenarios", "scenarios": [
        {"scenario": sid, "title": titles.get(sid, sid), "attempts": n, "people": people,
         "mean_score": _from_sums(total, n), "pass_rate": _rate(passed, n)}
        for sid, n, people, total, passed in board.team_scenarios(**filters)]}


def absent_from_board(board, roster, since: str, **filters) -> dict:
    """`absent`: the roster's people with no counted attempt (under `filters`, any date) at or after `since`."""
    roster = list(roster)
    last = board.team_last_played([p["learner"] for p in roster], **filters)
    rows = [{"learner": p["learner"], "name": p["name"], "team": p["team"] or None,
             "last_played": last.get(p["learner"])}
            for p in roster if last.get(p["learner"], "") < since]
    return {"view": "absent", "since": since, "roster": len(roster), "people": rows}


def team_view_from_board(view: str, board, roster=(), since: str | None = None, **filters) -> dict:
    """A team view (`scoreboard --team VIEW`), counted by the database; `since` starts the counted
    period and, for `absent`, is the date nobody on the list has played since."""
    if view == "levers":
        return levers_from_board(board, roster, since=since, **filters)
    if view == "weeks":
        return weeks_from_board(board, since=since, **filters)
    if view == "scenarios":
        return scenarios_from_board(board, since=since, **filters)
    if view == "absent":
        return absent_from_board(board, roster, since or "", **filters)
    raise ValueError(f"no team view {view!r} (one of {', '.join(VIEWS)})")


def dashboard(board, scenario: str | None = None, persona: str | None = None, style: str | None = None,
              mode: str | None = None, since: str | None = None, until: str | None = None,
              absent_since: str | None = None, course=None, titles: dict | None = None) -> dict:
    """Every team view at once, for the browser dashboard, with the filters
    applied (`since`/`until`: ISO dates picking whole ISO weeks, UTC: a week
    counts when its Thursday is on or after `since` and before `until`, so a
    month is the weeks whose Thursday is in it; see docs/decisions.md).
    `absent_since` names who has not played since then (all attempts count
    for "last played", whatever the date filters). `course`: the learning
    path whose certificates are shown (None: no certificates section);
    `titles`: scenario id -> title for scenarios nobody has played yet.
    The database counts (filters and grouping in SQL): only the figures are read."""
    chosen = {"scenario": scenario, "persona": persona, "persona_style": style, "mode": mode}
    dated = {**chosen, "since": since, "until": until}
    roster = board.roster()
    levers = levers_from_board(board, roster, bands=True, **dated)
    return {"levers": levers, "weeks": weeks_from_board(board, **dated),
            "scenarios": scenarios_from_board(board, **dated),
            "absent": absent_from_board(board, roster, absent_since, **chosen) if absent_since else None,
            "certificates": _certificates(board, course, roster, scenario, since, until, titles),
            "filters": {"scenario": scenario, "persona": persona, "style": style, "mode": mode, "since": since,
                        "until": until, "absent_since": absent_since},
            "weeks_counted": week_span(since, until) if since or until else None,
            "counted": sum(p["attempts"] for p in levers["people"]), "known_scenarios": board.scenarios()}


def certificate_attempts(board, course, until: str | None = None):
    """What the certificates view reads of `board` for `course`: the history rebuilt from the kept rows
    (a few dozen per person: certificate_history), or with `until` the rule's columns of every attempt,
    or (a board without them) every attempt."""
    from game.app.certificate_history import groups_of, history_from_summary
    if until is None and hasattr(board, "certificate_summary"):
        return history_from_summary(board.certificate_summary(groups_of(course, board.certificate_modes())), course)
    if hasattr(board, "certificate_rows"):
        return board.certificate_rows(until)
    return board.attempts(with_steps=False)


def _certificates(board, course, roster, scenario, since, until, titles) -> dict | None:
    """The certificates view over every attempt played by a person (the rule decides what counts; see
    team_certificates), read as the rule's columns only where the board can (the database)."""
    if course is None:
        return None
    quarters = board.quarters() if hasattr(board, "quarters") else []
    attempts = certificate_attempts(board, course, until)
    from game.app.team_certificates import certificates
    return certificates(course, attempts, quarters, roster,
                        {**(titles or {}), **board.scenarios()},
                        since=since, until=until, scenario=scenario)
