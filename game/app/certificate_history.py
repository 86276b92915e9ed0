"""A person's history as the course's certificate rule reads it, rebuilt from the certificate summary's
rows (game.storage.certificate_summary) instead of every attempt: the team's certificates at a million
attempts read a few dozen rows per person.

Why it is exact. The rule (game.core.course.progress) reads, per scenario, the attempts in its mode
(or every mode), oldest first: the first N (N ≤ 100, or all) count, and of those only the finished
ones' best grade and the temperaments they met. The first finished attempt with each grade (or
temperament) is in the first N exactly when fewer than N attempts came before it (its rank); so each
sequence is rebuilt as those first attempts at their ranks, with an abandoned stand-in at every other
place among the first min(count, N) (what the rule counts as a try and nothing more; N: the most tries
the course's rules in that mode count). A stand-in
takes the finish of the next kept attempt (after the last one: the sequence's latest), so a prefix of
the history in time is the rule's view of the real one up to that moment (when a certificate was
earned is found by bisection over it). The other modes' attempts at a scenario (what the rule names as
'also played in', not shown by the certificates view) are, when read, their first attempt with each
grade and their latest attempt.

A rule in a mode reads that mode's sequences; a rule in 'any' mode the sequences of every mode
('*'): `by_mode` gives each its own list (core's evaluate). Which person a campaign quarter (kept by
display name) belongs to: the person of that name's first attempt; who each person is shown as: their
latest attempt (both kept per person, whatever the scenario). The whole history up to a date (`until`)
is read another way (how many tries were left then is not in the summary).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from game.core.course.model import MODES

MAX_TRIES = 100  # the most attempts a certificate rule may count (game.core.course.build)


class Try(NamedTuple):
    """An attempt as the rule reads it (a kept one, or a stand-in for one that only counts as a try)."""
    scenario: str
    mode: str
    grade: str
    status: str
    persona: str
    persona_style: str
    finished_at: str
    id: int
    person: str
    player: str
    learner: str
    scripted: int = 0
    order: int = 1  # at one moment: a stand-in (0) comes before the attempt it precedes, after it (2)

    @property
    def key(self) -> tuple:
        return self.finished_at, 0, self.id, self.order


@dataclass
class SummaryHistory:
    """Every person's history: `people` person -> {rule mode -> tries, oldest first}, `names` display
    name -> person of its first attempt, `last` person -> their latest attempt."""
    people: dict
    names: dict
    last: dict


def _try(row) -> Try:
    """A kept attempt from its row."""
    person, scenario, _, _, _, _, finished_at, ident, grade, status, persona, style, mode, player, learner = row
    return Try(scenario, mode, grade, status, persona, style, finished_at, ident, person, player, learner)


def _stand_in(row, order: int, mode: str) -> Try:
    return Try(row[1], mode, "", "abandoned", "", "", row[6], row[7], row[0], "", "", 0, order)


def _sequence(count_row, firsts, limit: int = MAX_TRIES, every: bool = True) -> list[Try]:
    """One (person, scenario, mode) sequence: its first attempts at their ranks, stand-ins elsewhere among
    the first `limit` places (the most tries a rule in this mode counts); `every`: the kept attempts past
    those too (a rule counting every attempt reads them)."""
    count = count_row[5]
    kept: dict[int, tuple] = {}
    for row in firsts:
        if every or row[5] < limit:
            kept.setdefault(row[5], row)
    tries = []
    places = sorted(set(range(min(count, limit))) | set(kept))
    ranks = sorted(kept)
    nxt = 0
    for place in places:
        while nxt < len(ranks) and ranks[nxt] < place:
            nxt += 1
        if place in kept:
            tries.append(_try(kept[place]))
            continue
        before = kept[ranks[nxt]] if nxt < len(ranks) else count_row
        tries.append(_stand_in(before, 0 if nxt < len(ranks) else 2, count_row[12] if count_row[2] == "*" else
                               count_row[2]))
    return tries


def needs_of(course) -> dict:
    """Per rule mode of `course` ('any' or a mode): (its blocks' scenarios, the most tries one of them
    counts (0: none limited), whether one counts every attempt). None: every mode, every scenario."""
    needs: dict[str, tuple] = {}
    for block in course.blocks:
        rule = block.certificate
        scenarios, limit, every = needs.get(rule.mode, (set(), 0, False))
        needs[rule.mode] = (scenarios | set(block.scenarios), max(limit, rule.attempts or 0),
                            every or rule.attempts is None)
    return needs


def groups_of(course, modes, with_other_modes: bool = False) -> list[tuple]:
    """What board.certificate_summary(groups) reads for `course`, given the sequences kept (`modes`):
    a rule in 'any' mode, the '*' sequences of its scenarios; in a mode, that mode's sequences, and with
    `with_other_modes` the other modes' latest attempts and first of each grade (what the rule says of
    them, 'also played in', the certificates view does not show: it shows what is certified, when, and
    what is left)."""
    groups = []
    for mode, (scenarios, _, _) in needs_of(course).items():
        scenarios = sorted(scenarios)
        if mode == "any":
            groups.append((["*"], scenarios, ["g", "n", "t"]))
            continue
        groups.append(([mode], scenarios, ["g", "n", "t"]))
        if with_other_modes:
            groups.append(([m for m in modes if m not in ("*", mode)], scenarios, ["g", "n"]))
    return groups


def history_from_summary(rows, course=None) -> SummaryHistory:
    """The rows of board.certificate_summary() (person, scenario, seq, kind, k, rank, then the attempt's
    columns) as every person's history, for the rules of `course` (None: any rule)."""
    needs = needs_of(course) if course is not None else None
    grouped: dict[str, dict] = defaultdict(lambda: defaultdict(lambda: {"n": None, "g": [], "t": []}))
    names: dict[str, tuple] = {}
    last: dict[str, Try] = {}
    for row in rows:
        person, scenario, seq, kind = row[:4]
        if kind == "p":
            first = (row[6], row[7])
            if row[4] not in names or first < names[row[4]][0]:
                names[row[4]] = (first, person)
            continue
        if kind == "l":
            last[person] = _try(row)
            continue
        slot = grouped[person][(scenario, seq)]
        if kind == "n":
            slot["n"] = row
        else:
            slot[kind].append(row)
    people = {person: {} for person in last}  # everyone who played, whatever they played
    for person, slots in grouped.items():
        scenarios = sorted({scenario for scenario, _ in slots})
        modes = sorted({seq for _, seq in slots if seq != "*"})
        by_mode = {}
        for rule_mode in MODES if needs is None else needs:
            chosen, limit, every = (set(scenarios), MAX_TRIES, True) if needs is None else needs[rule_mode]
            tries = []
            for scenario in scenarios:
                if scenario not in chosen:
                    continue
                if rule_mode == "any":
                    tries += _seq(slots.get((scenario, "*")), limit, every)
                    continue
                tries += _seq(slots.get((scenario, rule_mode)), limit, every)
                for other in modes:  # what the rule says of the other modes: played in them, their best grade
                    slot = slots.get((scenario, other))
                    if other != rule_mode and slot and slot["n"] is not None:
                        tries += [_try(r) for r in [slot["n"], *slot["g"]]]
            seen, unique = set(), []
            for t in sorted(tries, key=lambda t: t.key):  # stable: stand-ins stay in their places
                if t.order != 1:
                    unique.append(t)
                elif t.id not in seen:  # a kept attempt once (its latest and first of a grade)
                    seen.add(t.id)
                    unique.append(t)
            by_mode[rule_mode] = unique
        people[person] = by_mode
    return SummaryHistory(people, {name: person for name, (_, person) in names.items()}, last)


def _seq(slot, limit: int, every: bool) -> list[Try]:
    if not slot or slot["n"] is None:
        return []
    return _sequence(slot["n"], slot["g"] + slot["t"], limit, every)
