"""The team's certificates, as plain data: for each person, which of the
course's block certificates they have earned and when, and what is left
for the next one (who is close). `scoreboard --team certificates` prints it;
the team dashboard draws it.

The rule is the learning path's own (`course_view.progress_of`, over the
core's `evaluate`): nothing here decides what earns a certificate. What
counts: every attempt played by a person (scripted runs are left out;
abandoned attempts count, as the rule says: quitting a bad run does not buy
another try) and their campaign quarters. A person is their learner id when
they gave one, else their display name, as in the other team views.

When a certificate was earned: the finish of the attempt (or quarter) after
which the rule first says "certified". A rule only ever gains with more
attempts (the counted tries are the first ones, the best grade and the
temperaments met only grow), so the moment is found by bisection.

Filters (decided in docs/decisions.md): `until` evaluates the record as it
stood then; `since` lists the certificates earned from then on; `scenario`
keeps the blocks that hold it. The persona, style and mode filters do not
apply: the course's rule names its own mode and how many temperaments count.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from game.app.certificate_history import SummaryHistory
from game.app.course_view import left_in_words, progress_of

STATES = ("certified", "next", "open", "locked")


def _names(roster) -> dict[str, dict]:
    return {f"id:{p['learner']}": p for p in roster}


def _earned_at(course, events, index: int) -> str:
    """The finish of the first event after which block `index` is certified (it is, after them all)."""
    low, high = 1, len(events)
    while low < high:
        middle = (low + high) // 2
        attempts = [e for kind, e in events[:middle] if kind == "attempt"]
        quarters = [e for kind, e in events[:middle] if kind == "quarter"]
        if progress_of(course, attempts, quarters).blocks[index].certified:
            high = middle
        else:
            low = middle + 1
    kind, event = events[low - 1]
    return event.finished_at if kind == "attempt" else event["finished_at"]


def _earned_by_mode(course, by_mode: dict, quarters, index: int) -> str:
    """_earned_at over a history rebuilt from the summary (game.app.certificate_history). A block is
    certified by its own rule alone, over its scenarios' attempts in its rule's mode and the quarters:
    only those are evaluated, each prefix up to one moment."""
    block = course.blocks[index]
    alone = replace(course, blocks=(block,))
    mode, scenarios = block.certificate.mode, set(block.scenarios)
    tries = [t for t in by_mode.get(mode, ()) if t.scenario in scenarios]
    keys = sorted({t.key for t in tries} | {(q["finished_at"], 1, 0, 0) for q in quarters})
    low, high = 1, len(keys)
    while low < high:
        middle = (low + high) // 2
        cut = keys[middle - 1]
        upto = {mode: [t for t in tries if t.key <= cut]}
        if progress_of(alone, [], [q for q in quarters if (q["finished_at"], 1, 0, 0) <= cut],
                       upto).blocks[0].certified:
            high = middle
        else:
            low = middle + 1
    return keys[low - 1][0]


def _person(course, attempts, quarters, titles) -> tuple[dict, list]:
    """A person's blocks: state, when certified, what is left. `attempts`: oldest first, or a history
    rebuilt from the summary ({rule mode: its attempts}, game.app.certificate_history)."""
    by_mode = attempts if isinstance(attempts, dict) else None
    progress = progress_of(course, [] if by_mode is not None else attempts, quarters, by_mode)
    events = sorted([(a.finished_at, 0, ("attempt", a)) for a in attempts if by_mode is None] +
                    [(q["finished_at"], 1, ("quarter", q)) for q in quarters], key=lambda e: e[:2])
    events = [e[2] for e in events]
    nxt = progress.next_block
    blocks = []
    for index, bp in enumerate(progress.blocks):
        state = ("certified" if bp.certified else "next" if bp is nxt else "open" if bp.open else "locked")
        earned = None if not bp.certified else _earned_at(course, events, index) if by_mode is None else \
            _earned_by_mode(course, by_mode, quarters, index)
        blocks.append({"block": bp.block.id, "title": bp.block.title, "state": state,
                       "earned_at": earned,
                       "left": [] if bp.certified else list(left_in_words(bp, titles))})
    return {"next": nxt.block.id if nxt else None}, blocks


def certificates(course, attempts, quarters=(), roster=(), titles=None, since: str | None = None,
                 until: str | None = None, scenario: str | None = None) -> dict:
    """The `certificates` team view (see the module's docstring). `attempts`:
    anything with the scoreboard's attempt fields, oldest first; `quarters`:
    the scoreboard's quarter dicts; `titles`: scenario id -> title."""
    titles, known = titles or {}, _names(roster)
    mine, names, last = defaultdict(list), {}, {}
    if isinstance(attempts, SummaryHistory):  # rebuilt from the summary: the whole history (no `until`)
        mine, names, last = defaultdict(dict, attempts.people), attempts.names, attempts.last
        attempts = ()
    for attempt in attempts:
        if attempt.scripted or (until and attempt.finished_at >= until):
            continue
        mine[attempt.person].append(attempt)
        names.setdefault(attempt.player, attempt.person)
        last[attempt.person] = attempt
    theirs = defaultdict(list)
    for quarter in quarters:
        if until and quarter["finished_at"] >= until:
            continue
        person = names.get(quarter["player"], f"name:{quarter['player']}")
        theirs[person].append(quarter)
    shown = [b for b in course.blocks if not scenario or scenario in b.scenarios]
    ids = {b.id for b in shown}
    people, earned, close = [], [], []
    for person in sorted(set(mine) | set(theirs)):
        about = known.get(person, {})
        latest = last.get(person)
        name = about.get("name") or (latest.player if latest else person.partition(":")[2])
        head, blocks = _person(course, mine[person], theirs[person], titles)
        row = {"person": person, "name": name, "learner": latest.learner if latest and latest.learner else None,
               "team": about.get("team") or None, "next": head["next"],
               "blocks": [b for b in blocks if b["block"] in ids]}
        people.append(row)
        for block in row["blocks"]:
            who = {"person": person, "name": name, "learner": row["learner"], "team": row["team"]}
            if block["state"] == "certified" and (not since or block["earned_at"] >= since):
                earned.append({**who, "block": block["block"], "title": block["title"],
                               "earned_at": block["earned_at"]})
            elif block["state"] == "next":
                close.append({**who, "block": block["block"], "title": block["title"], "left": block["left"]})
    people.sort(key=lambda r: (r["name"].lower(), r["person"]))
    earned.sort(key=lambda r: (r["earned_at"], r["name"].lower()))
    close.sort(key=lambda r: (len(r["left"]), r["name"].lower()))
    return {"view": "certificates", "course": course.id, "title": course.title,
            "blocks": [{"block": b.id, "title": b.title} for b in shown],
            "people": people, "earned": earned, "close": close,
            "filters": {"since": since, "until": until, "scenario": scenario}}


def certificates_table(data: dict) -> tuple[list[str], list[list]]:
    """One row per person and block: the CSV and the terminal's table."""
    header = ["person", "name", "learner", "team", "block", "block_title", "state", "earned_at", "left_count", "left"]
    rows = [[p["person"], p["name"], p["learner"], p["team"], b["block"], b["title"], b["state"], b["earned_at"],
             len(b["left"]), "; ".join(b["left"])]
            for p in data["people"] for b in p["blocks"]]
    if data["filters"].get("since"):  # certified before `since`: not this period's news
        rows = [r for r in rows if r[6] != "certified" or r[7] >= data["filters"]["since"]]
    return header, rows
