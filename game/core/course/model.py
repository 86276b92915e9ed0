"""The course model: an ordered list of blocks, each with its scenarios,
optionally the portfolio campaign, its prerequisites and a certificate rule.

Plain, immutable data built by the course loader (game.core.course.load).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from game.core.model import GRADES  # noqa: F401  the grade names, worst to best (kept here for the course's readers)

FORMAT_VERSION = 1
GRADE_FLOORS = {"Needs work": 0, "Developing": 50, "Strong": 75, "Legendary": 90}
MODES = ("assessment", "coach", "any")
MAX_BLOCKS = 20
MAX_SCENARIOS = 30  # in one block


@dataclass(frozen=True)
class CertificateRule:
    """What earns a block's certificate. Every scenario of the block needs an
    attempt in `mode` graded `grade` or better among the trainee's first
    `attempts` attempts at it in that mode (abandoned ones count: quitting a
    bad run does not buy another try); across the block's counted attempts
    the trainee met at least `personas` different customer temperaments; and
    when the block has a campaign, a quarter of it scored `campaign_score`
    or more."""
    grade: str = "Strong"
    mode: str = "assessment"
    attempts: int | None = 2  # None: any attempt counts
    personas: int = 0
    campaign_score: int = 0


@dataclass(frozen=True)
class Block:
    id: str
    title: str
    description: str
    scenarios: tuple[str, ...]
    campaign: str | None = None  # a portfolio id
    requires: tuple[str, ...] = ()  # ids of earlier blocks
    certificate: CertificateRule = field(default_factory=CertificateRule)
    line: int = 0


@dataclass(frozen=True)
class Course:
    id: str
    title: str
    summary: str
    blocks: tuple[Block, ...]
    version: int = 1
    path: str = ""
    content_hash: str = ""

    def block(self, block_id: str) -> Block | None:
        return next((b for b in self.blocks if b.id == block_id), None)

    @property
    def scenario_ids(self) -> tuple[str, ...]:
        return tuple(s for b in self.blocks for s in b.scenarios)
