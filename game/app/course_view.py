"""The learning path and a trainee's progress through it, as plain data:
each block with its state (certified, open, or waiting for a prerequisite),
each scenario's state under the block's certificate rule, and what is left
for the certificate. The window, the terminal and the browser draw a
`CourseView`; `read_progress` runs on whatever thread may read the board.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.core.course.load import check_file
from game.core.course.model import Course
from game.core.course.progress import CourseProgress, evaluate

PATH_TITLE = "Your learning path"
NO_COURSE = "No learning path is set up: a trainer writes one as courses/<id>.yaml (see docs/courses.md)."


@dataclass(frozen=True)
class BlockView:
    title: str
    state: str  # 'Certified', 'Open' or 'Locked until …'
    certified: bool
    open: bool
    rule: str  # the certificate rule, in words
    scenarios: tuple[tuple[str, str], ...]  # (title, state) per scenario, plus the campaign
    left: tuple[str, ...]  # what is left for the certificate


@dataclass(frozen=True)
class CourseView:
    title: str
    summary: str
    headline: str  # 'Certified in 2 of 5 blocks; next: Everyday trouble'
    blocks: tuple[BlockView, ...]

    def lines(self) -> list[str]:
        """The whole view as text lines (the terminal's and the CLI's)."""
        out = [self.title, self.headline]
        for number, block in enumerate(self.blocks, 1):
            out += ["", f"{number}. {block.title}: {block.state}", f"   Certificate: {block.rule}"]
            out += [f"   - {title}: {state}" for title, state in block.scenarios]
            if block.left and not block.certified:
                out.append("   Left for the certificate: " + "; ".join(block.left) + ".")
        return out


def find_course(courses_dir: Path, scenario_ids=None, portfolio_ids=None) -> Course | None:
    """The course to show: courses/default.yaml, else the first that loads."""
    folder = Path(courses_dir)
    if not folder.is_dir():
        return None
    files = sorted(folder.glob("*.y*ml"), key=lambda p: (p.stem != "default", p.name))
    for path in files:
        checked = check_file(path, scenario_ids, portfolio_ids)
        if checked.ok:
            return checked.course
    return None


def read_progress(board, player: str, course: Course) -> CourseProgress:
    """The player's progress from the scoreboard (their attempts at the course's scenarios, oldest first,
    as the rule reads them: storage.views.course_attempts; and their quarters)."""
    scenarios = [sid for block in course.blocks for sid in block.scenarios]
    attempts = (board.course_attempts(player, scenarios) if hasattr(board, "course_attempts")
                else board.history(player))
    quarters = board.quarters(player=player) if hasattr(board, "quarters") else []
    return progress_of(course, attempts, quarters)


def progress_of(course: Course, attempts, quarters=(), by_mode: dict | None = None) -> CourseProgress:
    """The certificate rule over these attempts (oldest first) and quarters
    (the scoreboard's dicts, with portfolio and score): the one place the
    learning path and the team's certificates view evaluate it (`by_mode`: see evaluate)."""
    return evaluate(course, attempts, [_Quarter(q["portfolio"], q["score"]) for q in quarters], by_mode)


@dataclass(frozen=True)
class _Quarter:
    portfolio: str
    score: int


def rule_words(block) -> str:
    rule = block.certificate
    mode = "in any mode" if rule.mode == "any" else f"in {rule.mode} mode"
    tries = "any attempt counts" if rule.attempts is None else \
        ("on the first attempt" if rule.attempts == 1 else f"within the first {rule.attempts} attempts")
    parts = [f"{rule.grade} or better {mode} on every scenario, {tries}"]
    if rule.personas:
        parts.append(f"at least {rule.personas} different customer temperaments met")
    if block.campaign:
        parts.append(f"the campaign played{f' scoring {rule.campaign_score} or more' if rule.campaign_score else ''}")
    return "; ".join(parts)


def scenario_words(sp, mode: str) -> str:
    """One scenario's state under its block's rule, true to what was played:
    attempts in a mode the rule does not count are named as practice, with
    the mode that counts (never 'not played yet' after a coach-mode game)."""
    counts = "" if mode == "any" else f" in {mode} mode"
    if sp.met:
        return f"met ({sp.best_grade}{counts})"
    if sp.counted == 0 and not sp.other_modes:
        return "not played yet"
    if sp.counted == 0:
        played = " and ".join(f"{m} mode" for m in sp.other_modes)
        best = f", best {sp.other_best}" if sp.other_best else ""
        return (f"played in {played} (practice{best}) — the certificate counts {mode} attempts: "
                f"play it in {mode} mode")
    practice = (f"; also played in {' and '.join(sp.other_modes)} mode (practice, not counted)"
                if sp.other_modes else "")
    if sp.tries_left == 0:
        return f"not met; best{counts} {sp.best_grade or 'none finished'}, no tries left that count{practice}"
    return f"not yet; best{counts} so far {sp.best_grade or 'none finished'}{practice}"


def course_view(course: Course, progress: CourseProgress, titles: dict | None = None,
                campaign_titles: dict | None = None) -> CourseView:
    """`titles`: scenario id -> title; `campaign_titles`: portfolio id -> title."""
    titles, campaign_titles = titles or {}, campaign_titles or {}
    names = {b.id: b.title for b in course.blocks}
    blocks = []
    for bp in progress.blocks:
        block = bp.block
        if bp.certified:
            state = "Certified"
        elif bp.open:
            state = "Open"
        else:
            state = "Locked until " + " and ".join(names[r] for r in block.requires) + " is certified"
        rows = []
        for sp in bp.scenarios:
            rows.append((titles.get(sp.scenario, sp.scenario), scenario_words(sp, block.certificate.mode)))
        if block.campaign:
            word = ("not played yet" if bp.campaign_best is None else
                    f"{'met' if bp.campaign_met else 'not yet'} (best quarter {bp.campaign_best})")
            rows.append((campaign_titles.get(block.campaign, block.campaign), word))
        left = left_in_words(bp, titles)
        blocks.append(BlockView(block.title, state, bp.certified, bp.open, rule_words(block), tuple(rows), left))
    done = sum(b.certified for b in progress.blocks)
    nxt = progress.next_block
    if progress.certified:
        headline = f"Certified in every block ({done} of {len(progress.blocks)}): the course is complete."
    else:
        headline = f"Certified in {done} of {len(progress.blocks)} blocks" + \
            (f"; next: {nxt.block.title}" if nxt else "")
    return CourseView(course.title, course.summary, headline, tuple(blocks))


def left_in_words(block_progress, titles: dict) -> tuple[str, ...]:
    """What is left for a block's certificate, scenarios named by their titles."""
    return tuple(_titled(item, titles) for item in block_progress.left)


def _titled(item: str, titles: dict) -> str:
    sid, sep, rest = item.partition(": ")
    return f"{titles[sid]}: {rest}" if sep and sid in titles else item
