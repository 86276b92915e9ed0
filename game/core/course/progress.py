"""A trainee's progress through a course: the certificate rule of each block
evaluated over their attempts, as a pure function over plain data.

`evaluate(course, attempts, quarters)` takes the trainee's attempts (oldest
first; anything with scenario, mode, grade, status, persona and
persona_style) and their campaign quarters (portfolio and score), and says
for each block whether it is open (its prerequisites certified), what is met
and what is left for its certificate.
"""
from __future__ import annotations

from dataclasses import dataclass

from game.core.course.model import GRADES, Block, Course


@dataclass(frozen=True)
class ScenarioProgress:
    scenario: str
    met: bool
    counted: int  # attempts in the rule's mode so far
    best_grade: str | None  # best grade among the counted attempts that may earn the certificate
    tries_left: int | None  # attempts left that may still earn it (None: no limit)
    other_modes: tuple[str, ...] = ()  # the modes it was played in that the rule does not count (practice)
    other_best: str | None = None  # the best grade among those (finished) attempts


@dataclass(frozen=True)
class BlockProgress:
    block: Block
    open: bool  # every prerequisite is certified
    certified: bool
    scenarios: tuple[ScenarioProgress, ...]
    temperaments: tuple[str, ...]  # the different customers met in the block's counted attempts
    campaign_met: bool | None  # None: the block has no campaign
    campaign_best: int | None
    left: tuple[str, ...]  # what is left for the certificate, in words


@dataclass(frozen=True)
class CourseProgress:
    blocks: tuple[BlockProgress, ...]

    @property
    def certified(self) -> bool:
        return all(b.certified for b in self.blocks)

    @property
    def next_block(self) -> BlockProgress | None:
        """The first open block not yet certified."""
        return next((b for b in self.blocks if b.open and not b.certified), None)


def grade_at_least(grade: str, floor: str) -> bool:
    return grade in GRADES and GRADES.index(grade) >= GRADES.index(floor)


def temperament(attempt) -> str:
    """The customer's temperament: the persona's style, or the persona itself
    when it declares none ('' when the scenario has no personas)."""
    style = getattr(attempt, "persona_style", "") or ""
    persona = getattr(attempt, "persona", "") or ""
    return style or (f"{attempt.scenario}/{persona}" if persona else "")


def _scenario(block: Block, sid: str, attempts) -> tuple[ScenarioProgress, list]:
    rule = block.certificate
    mine = [a for a in attempts if a.scenario == sid and (rule.mode == "any" or a.mode == rule.mode)]
    window = mine if rule.attempts is None else mine[:rule.attempts]
    finished = [a for a in window if a.status == "finished"]
    grades = [a.grade for a in finished if a.grade in GRADES]
    best = max(grades, key=GRADES.index) if grades else None
    met = best is not None and grade_at_least(best, rule.grade)
    left = None if rule.attempts is None else max(0, rule.attempts - len(mine))
    other = [a for a in attempts if a.scenario == sid and rule.mode != "any" and a.mode != rule.mode]
    other_modes = tuple(sorted({a.mode for a in other}))
    other_grades = [a.grade for a in other if a.status == "finished" and a.grade in GRADES]
    other_best = max(other_grades, key=GRADES.index) if other_grades else None
    return ScenarioProgress(sid, met, len(mine), best, left, other_modes, other_best), finished


def _block(block: Block, attempts, quarters, certified: set[str]) -> BlockProgress:
    rule = block.certificate
    rows, counted = [], []
    for sid in block.scenarios:
        row, finished = _scenario(block, sid, attempts)
        rows.append(row)
        counted.extend(finished)
    met_kinds = tuple(sorted({t for t in map(temperament, counted) if t}))
    campaign_best = None
    if block.campaign:
        scores = [q.score for q in quarters if q.portfolio == block.campaign]
        campaign_best = max(scores) if scores else None
    campaign_met = None if not block.campaign else campaign_best is not None and campaign_best >= rule.campaign_score
    left = []
    mode = "" if rule.mode == "any" else f" in {rule.mode} mode"
    for row in rows:
        if row.met:
            continue
        if row.tries_left == 0:
            left.append(f"{row.scenario}: no tries left that count (the rule takes the first {rule.attempts})")
        else:
            tries = "" if row.tries_left is None else f" ({row.tries_left} {'try' if row.tries_left == 1 else 'tries'} left)"
            left.append(f"{row.scenario}: {rule.grade} or better{mode}{tries}")
    if len(met_kinds) < rule.personas:
        more = rule.personas - len(met_kinds)
        left.append(f"meet {more} more different customer temperament{'s' if more != 1 else ''}")
    if campaign_met is False:
        score = f" scoring {rule.campaign_score} or more" if rule.campaign_score else ""
        left.append(f"play the campaign '{block.campaign}'{score}")
    is_open = all(r in certified for r in block.requires)
    return BlockProgress(block, is_open, not left, tuple(rows), met_kinds, campaign_met, campaign_best, tuple(left))


def evaluate(course: Course, attempts, quarters=(), by_mode: dict | None = None) -> CourseProgress:
    """Each block's progress (see the module's docstring). A block is
    certified by its own rule alone; `open` says whether its prerequisites
    are certified (a trainee may practise a closed block; it still counts).
    `by_mode`: the attempts a rule in that mode reads, when they are not all
    of `attempts` (a history rebuilt from a summary: game.app.certificate_history)."""
    attempts, quarters = list(attempts), list(quarters)
    certified: set[str] = set()
    blocks = []
    for block in course.blocks:
        mine = attempts if by_mode is None else list(by_mode.get(block.certificate.mode, ()))
        progress = _block(block, mine, quarters, certified)
        if progress.certified:
            certified.add(block.id)
        blocks.append(progress)
    return CourseProgress(tuple(blocks))
