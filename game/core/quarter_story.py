"""The quarter's story, as a linked conversation sees it (issue 31).

A conversation the portfolio quarter asks for ("Protect your turf") starts
knowing what the quarter has already told the trainee about that account:
its week, how many rival's offers, price requests, complaints and personal
disclosures the weekly news brought on it up to and including that week,
how many planned contacts were made with it, and how much of its news was
let go. Conditions read these as read-only names (QUARTER_NAMES), so the
customer's words can take up the news instead of retelling it as new.

Played alone (the library, scripted play, `analyze`) there is no story: every
name is 0 and `in_quarter` is false, as a flag never set is. The trainer's
rule (docs/decisions.md): the story may change what the customer says, never
how a reply scores, which replies show, or an ending's outcome; the validator
warns (FL066) when a file breaks it.
"""
from __future__ import annotations

from dataclasses import dataclass, fields

from game.core.errors import PlayError
from game.core.field_checks import did_you_mean
from game.core.model import QUARTER_NAMES
from game.core.plain_numbers import is_plain_number

WEEKS_IN_QUARTER = 13
# the name that counts each kind of the quarter's news (a portfolio's event kinds)
KIND_NAMES = {"competitor-offer": "quarter_rival_offers", "price-cut": "quarter_price_requests",
              "complaint": "quarter_complaints", "disclosure": "quarter_disclosures"}
MAX_COUNT = 1000  # more news than a quarter can hold on one account: refused as a typing slip


@dataclass(frozen=True)
class QuarterStory:
    """What the quarter told on one account before its conversation (week 0: no quarter)."""
    week: int = 0
    rival_offers: int = 0
    price_requests: int = 0
    complaints: int = 0
    disclosures: int = 0
    contacts: int = 0
    unanswered: int = 0

    def __bool__(self) -> bool:
        return self.week > 0

    def names(self) -> dict:
        """The read-only names conditions see ({} with no quarter: never-set names read as 0 and false)."""
        if not self:
            return {}
        return {"in_quarter": True, **{f"quarter_{f.name}": getattr(self, f.name) for f in fields(self)}}

    def to_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}

    @classmethod
    def from_dict(cls, data) -> "QuarterStory":
        """From a snapshot's `quarter` (None or {} gives no story); PlayError for a malformed one."""
        if not data:
            return cls()
        if not isinstance(data, dict):
            raise PlayError("the save's 'quarter' must be a mapping")
        known = {f.name for f in fields(cls)}
        for key, value in data.items():
            if key not in known:
                raise PlayError(f"the save's 'quarter' has an unknown entry '{key}'")
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_COUNT:
                raise PlayError(f"the save's quarter '{key}' must be a whole number from 0 to {MAX_COUNT}")
        story = cls(**data)
        if story.week > WEEKS_IN_QUARTER or (not story and story.to_dict()):
            raise PlayError(f"the save's quarter week must be 1 to {WEEKS_IN_QUARTER}")
        return story

    def words(self) -> str:
        """'week 5, rival_offers 1' for a note ('' for none)."""
        return ", ".join(f"{key} {value}" for key, value in self.to_dict().items())


SHORT_NAMES = tuple(f.name for f in fields(QuarterStory))


def kinds_read(names) -> tuple[str, ...]:
    """The kinds of news whose counts are among `names` (the names a scenario's conditions read), in KIND_NAMES
    order: the news its text is written to take up."""
    names = set(names)
    return tuple(kind for kind, name in KIND_NAMES.items() if name in names)


def parse(text: str) -> QuarterStory:
    """`--quarter week=5,rival_offers=1` (names with or without `quarter_`); the week defaults to 1. PlayError
    naming the bad part (with a did-you-mean) for a wrong name or value."""
    values: dict[str, int] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        name, eq, value = (s.strip() for s in part.partition("="))
        short = name.removeprefix("quarter_")
        if not eq or not name:
            raise PlayError(f"--quarter {text}: write name=number, e.g. --quarter week=5,rival_offers=1")
        if short not in SHORT_NAMES:
            raise PlayError(f"--quarter {part}: no quarter name '{name}'{did_you_mean(short, SHORT_NAMES)}; "
                            f"the names are: {', '.join(SHORT_NAMES)}")
        top = WEEKS_IN_QUARTER if short == "week" else MAX_COUNT
        if not is_plain_number(value) or not (1 if short == "week" else 0) <= int(value) <= top:
            raise PlayError(f"--quarter {part}: '{short}' must be a whole number from "
                            f"{1 if short == 'week' else 0} to {top}")
        if short in values:
            raise PlayError(f"--quarter {text}: '{short}' is given twice")
        values[short] = int(value)
    values.setdefault("week", 1)
    return QuarterStory(**values)

