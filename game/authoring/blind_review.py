"""Blind review: can the replies alone be answered without reading the customer?

An item writer's check ("answerable without the stem"): a reviewer sees only
the replies on offer at each step, never the customer's words, the
briefing, the persona or any score, and picks one. The conversation is
played once per persona (the customer the reviewer cannot see); at the end
each persona's score for those picks is shown beside the best possible.
A reviewer who scores Strong or better blind shows that the replies give
the answer away.

This module is pure: it plays, writes and reads the printable sheet, and
scores. The terminal conversation is in the command line (`cli_blind`).

The sheet lists every decision (a node reachable from the start that offers
two or more replies) once, numbered in breadth-first order from the start,
with its replies lettered in the order a playthrough with the sheet's seed
shows them. A colleague ticks one reply per decision; `score_sheet` plays
each persona through the ticks. The sheet names the scenario only in a
comment with its content hash, so a sheet filled in for an older version of
the file is refused rather than scored against the wrong replies.
"""
from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field

from game.core.engine import Playthrough
from game.core.turns import shuffled_order
from game.core.errors import Diagnostic
from game.core.model import STYLE_TITLES

LETTERS = "ABCDEFGHI"
MAX_STEPS = 200
STRONG, LEGENDARY = 75, 90
SHEET_TAG = "five-levers blind sheet"
_HEADER = re.compile(r"<!--\s*" + SHEET_TAG + r":\s*scenario=(?P<id>\S+)\s+version=(?P<version>-?\d+)\s+"
                     r"hash=(?P<hash>[0-9a-f]+)\s+seed=(?P<seed>-?\d+)\s*-->")
_DECISION = re.compile(r"^\s*#{1,6}\s*Decision\s+(\d+)\b", re.IGNORECASE)
_TICK = re.compile(r"^\s*[-*+]\s*\[(?P<mark>[^\]]{0,2})\]\s*(?P<letter>[A-Ia-i])[.)]")


@dataclass
class RunResult:
    """One persona's playthrough of the reviewer's picks."""
    persona: str
    label: str
    style: str
    choices: list[int]  # 1-based among the replies shown, to replay with `play --choices`
    score: int
    grade: str
    outcome: str | None
    finished: bool
    best: int | None
    note: str = ""

    def to_dict(self) -> dict:
        return {"persona": self.persona or None, "label": self.label, "style": self.style or None,
                "choices": list(self.choices), "score": self.score, "grade": self.grade,
                "outcome": self.outcome, "finished": self.finished, "best": self.best, "note": self.note}


@dataclass
class Review:
    scenario: str
    seed: int
    runs: list[RunResult] = field(default_factory=list)

    @property
    def mean(self) -> int:
        from fractions import Fraction

        from game.core.scoring import round_half_away
        return round_half_away(Fraction(sum(r.score for r in self.runs), len(self.runs))) if self.runs else 0

    def verdict(self) -> str:
        legendary = [r for r in self.runs if r.score >= LEGENDARY]
        if legendary:
            return ("the replies give the answer away: picked blind, they reach Legendary with "
                    + ", ".join(_who(r) for r in legendary) + ". Rewrite the decisions where the best reply "
                    "stands out without reading the customer.")
        if self.mean >= STRONG:
            return (f"the replies give the answer away: picked blind they average {self.mean} (Strong or better). "
                    "Rewrite the decisions where the best reply stands out without reading the customer.")
        return (f"picked blind the replies average {self.mean}, below Strong: the right reply depends on "
                "reading the customer.")

    def to_dict(self) -> dict:
        from game.core.scoring import grade_for
        return {"scenario": self.scenario, "seed": self.seed, "mean": self.mean, "grade": grade_for(self.mean),
                "gives_answer_away": self.mean >= STRONG or any(r.score >= LEGENDARY for r in self.runs),
                "runs": [r.to_dict() for r in self.runs], "verdict": self.verdict()}


def _who(run: RunResult) -> str:
    return run.label or "the customer"


def personas_of(scenario) -> list[str]:
    """Every persona id, or [''] for a scenario without personas."""
    return list(scenario.personas) or [""]


def decisions(scenario) -> list[str]:
    """The nodes that offer two or more replies, reachable from the start
    (conditions ignored), in breadth-first order, replies in authored order."""
    seen, order = {scenario.start}, []
    queue = deque([scenario.start])
    while queue:
        nid = queue.popleft()
        node = scenario.nodes.get(nid)
        if node is None:
            continue
        if len(node.choices) >= 2:
            order.append(nid)
        for choice in node.choices:
            if choice.goto in scenario.nodes and choice.goto not in seen:
                seen.add(choice.goto)
                queue.append(choice.goto)
    return order


def sheet_order(scenario, nid: str, seed: int) -> tuple[int, ...]:
    """Authored positions of a decision's replies in the sheet's letter order."""
    return shuffled_order(seed, scenario.nodes[nid])


def best_score(scenario, persona: str, seed: int) -> int | None:
    from game.core.analysis import explore
    found = explore(scenario, persona, seed)
    return found.best.score if found.best else None


def finish_run(scenario, run: Playthrough, persona: str, seed: int, note: str = "") -> RunResult:
    result = run.result()
    info = scenario.personas.get(persona)
    return RunResult(persona=persona, label=info.label if info else "", style=(info.style or "") if info else "",
                     choices=list(run.choices), score=result.score, grade=result.grade,
                     outcome=result.outcome if run.finished else None, finished=run.finished,
                     best=best_score(scenario, persona, seed), note=note)


def style_words(style: str) -> str:
    return STYLE_TITLES.get(style, "") if style else ""


# -- the printable sheet -------------------------------------------------------

def write_sheet(scenario, seed: int = 0) -> str:
    """The sheet as Markdown: instructions, then each decision's replies to tick."""
    runs = len(personas_of(scenario))
    lines = [
        f"<!-- {SHEET_TAG}: scenario={scenario.id} version={scenario.version} hash={scenario.content_hash} "
        f"seed={seed} -->",
        f"# Blind review sheet {scenario.content_hash[:8]}",
        "",
        "You see only the replies a trainee is offered, never the customer, the briefing or any score.",
        "At each decision mark the reply you would give: change its `[ ]` to `[x]` (or `[1]`).",
        "Some replies are offered only after certain earlier replies; in case your pick is not on offer",
        "when the conversation gets there, number your next choices too: `[2]`, `[3]`…",
        "Decisions are listed in the order they can first come up; a reply leads wherever it leads,",
        "so some decisions may never be reached. Mark every decision all the same.",
        f"Your ticks are played {'once for each of ' + str(runs) + ' customers' if runs > 1 else 'once'}; "
        "the trainer scores the sheet with:",
        "",
        "    python main.py review SCENARIO.yaml --answers THIS-SHEET.md",
        "",
    ]
    for number, nid in enumerate(decisions(scenario), 1):
        node = scenario.nodes[nid]
        lines.append(f"## Decision {number}")
        lines.append("")
        for letter, index in zip(LETTERS, sheet_order(scenario, nid, seed)):
            text = " ".join(node.choices[index].text.split())
            lines.append(f"- [ ] {letter}. {text}")
        lines.append("")
    return "\n".join(lines)


@dataclass
class Sheet:
    scenario: str
    version: int
    content_hash: str
    seed: int
    ticks: dict[int, list[str]]  # decision number -> letters, first choice first


def read_sheet(text: str, file: str) -> tuple[Sheet | None, list[Diagnostic]]:
    """The ticks of a filled-in sheet, or every problem found, each located."""
    problems: list[Diagnostic] = []
    header = None
    ticks: dict[int, list[tuple[str, int]]] = {}
    current = None
    for number, line in enumerate(text.splitlines(), 1):
        if header is None:
            found = _HEADER.search(line)
            if found:
                header = found
                continue
        heading = _DECISION.match(line)
        if heading:
            current = int(heading.group(1))
            ticks.setdefault(current, [])
            continue
        tick = _TICK.match(line)
        mark = tick.group("mark").strip() if tick else ""
        if tick and current is not None and mark:
            rank = 1 if mark.lower() in ("x", "\u2713", "\u2714") else int(mark) if mark in "123456789" else 0
            ticks[current].append((tick.group("letter").upper(), number, rank))
    if header is None:
        return None, [Diagnostic("FL200", "error", file, 1, 1, "this is not a blind review sheet (its first line, "
                                 f"'<!-- {SHEET_TAG}: …-->', is missing); make one with review FILE --blind "
                                 "--sheet OUT.md")]
    chosen = {}
    for decision, marks in sorted(ticks.items()):
        bad = next((m for m in marks if m[2] == 0), None)
        if bad:
            problems.append(Diagnostic("FL201", "error", file, bad[1], 1, f"decision {decision}: reply {bad[0]} "
                                       "is marked with something that is neither x nor a number 1-9"))
            continue
        ranks = [m[2] for m in marks]
        twice = sorted({r for r in ranks if ranks.count(r) > 1})
        if twice:
            line = next(m[1] for m in marks[1:] if m[2] == twice[0])
            what = "first choice" if twice[0] == 1 else f"choice {twice[0]}"
            problems.append(Diagnostic("FL201", "error", file, line, 1, f"decision {decision}: "
                                       f"{ranks.count(twice[0])} replies are marked as the {what} "
                                       f"({', '.join(m[0] for m in marks if m[2] == twice[0])}); mark exactly one"))
        elif marks:
            if 1 not in ranks:
                problems.append(Diagnostic("FL201", "error", file, marks[0][1], 1, f"decision {decision}: no "
                                           "first choice: mark one reply [x] or [1]"))
                continue
            chosen[decision] = [m[0] for m in sorted(marks, key=lambda m: m[2])]
    if not chosen and not problems:
        problems.append(Diagnostic("FL204", "error", file, 1, 1, "no reply is ticked on this sheet: change "
                                   "'[ ]' to '[x]' on one reply of each decision"))
    sheet = Sheet(header.group("id"), int(header.group("version")), header.group("hash"),
                  int(header.group("seed")), chosen)
    return (None if problems else sheet), problems


def check_sheet_fits(sheet: Sheet, scenario, file: str) -> list[Diagnostic]:
    """Problems of a sheet against the scenario it is scored with."""
    if sheet.scenario != scenario.id or sheet.content_hash != scenario.content_hash:
        return [Diagnostic("FL202", "error", file, 1, 1, f"this sheet was made for scenario '{sheet.scenario}' version "
                           f"{sheet.version} (content {sheet.content_hash[:8]}), but the file is "
                           f"'{scenario.id}' version {scenario.version} (content {scenario.content_hash[:8]}); "
                           "make a new sheet from the file as it is now")]
    order = decisions(scenario)
    problems = []
    for decision, letters in sorted(sheet.ticks.items()):
        if not 1 <= decision <= len(order):
            problems.append(Diagnostic("FL203", "error", file, 1, 1, f"decision {decision} is not on this scenario's sheet "
                                       f"(it has {len(order)})"))
            continue
        for letter in letters:
            if LETTERS.index(letter) >= len(scenario.nodes[order[decision - 1]].choices):
                problems.append(Diagnostic("FL203", "error", file, 1, 1, f"decision {decision} has no reply {letter}"))
    return problems


def score_sheet(scenario, sheet: Sheet) -> Review:
    """Play each persona through the sheet's ticks."""
    order = decisions(scenario)
    picks = {}
    for decision, letters in sheet.ticks.items():
        nid = order[decision - 1]
        ranked = sheet_order(scenario, nid, sheet.seed)
        picks[nid] = [ranked[LETTERS.index(letter)] for letter in letters]
    number_of = {nid: i for i, nid in enumerate(order, 1)}

    def pick(run, shown):
        if len(shown) == 1:
            return 1, ""
        nid = run.state
        if nid not in picks:
            return None, f"decision {number_of.get(nid, '?')} has no reply ticked; the run stops there"
        offered = {c.index: i for i, c in enumerate(shown, 1)}
        position = next((offered[index] for index in picks[nid] if index in offered), None)
        if position is None:
            return None, (f"at decision {number_of.get(nid, '?')} none of the marked replies is on offer this time "
                          "(a condition hides them); the run stops there")
        return position, ""
    return play_runs(scenario, sheet.seed, pick)


def play_runs(scenario, seed: int, pick, on_run=None) -> Review:
    """Play every persona, asking `pick(run, shown)` for (1-based position,
    '') or (None, why the run stops); `on_run(number, count)` before each."""
    review = Review(scenario.id, seed)
    personas = personas_of(scenario)
    for number, persona in enumerate(personas, 1):
        if on_run is not None:
            on_run(number, len(personas))
        run = Playthrough(scenario, seed=seed, persona=persona or None)
        note = ""
        for _ in range(MAX_STEPS):
            if run.finished:
                break
            shown = run.shown_choices()
            if not shown:
                note = "the conversation reached a point with no reply on offer"
                break
            position, note = pick(run, shown)
            if position is None:
                break
            run.choose(position)
        review.runs.append(finish_run(scenario, run, persona, seed, note))
    return review
