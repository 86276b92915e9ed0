"""The portfolio model: accounts, notes, contact methods and frequencies.

Plain, immutable data built by the portfolio loader. The numbers a trainer
reasons with (hours, lifts, decay) are here, in one place, and documented in
docs/portfolio-model.md.
"""
from __future__ import annotations

from dataclasses import dataclass, field

FORMAT_VERSION = 2  # 2: every account has a cadence and a channel (issue 31)
OLD_FORMAT = 1  # still read: an account without them gets OLD_FORMAT_DEFAULTS, with a warning (FP102)
OLD_FORMAT_DEFAULTS = {"cadence": "monthly", "channel": "call"}
WEEKS = 13  # one quarter
MIN_ACCOUNTS, MAX_ACCOUNTS = 8, 12

PRESSURES = ("low", "medium", "high")
PRESSURE_DECAY = {"low": 0.5, "medium": 1.0, "high": 1.75}  # health lost a week, before contact

# contact methods: minutes a contact takes (with its preparation)
METHODS = ("visit", "call", "email", "review")
METHOD_TITLES = {"visit": "Visit", "call": "Phone call", "email": "E-mail", "review": "Business review"}
METHOD_MINUTES = {"visit": 180, "call": 30, "email": 15, "review": 300}
# the health a contact on time, in the account's own channel, adds: it grows with the gap they expect
LIFT_BASE, LIFT_PER_WEEK = 1.0, 1.0
PERSONAL = ("visit", "call", "review")  # a voice or a face; an e-mail is not
IN_PERSON_TRUST = {"visit": 0.5, "review": 1.0}  # lasting cut in the weekly decay after meeting in person
# how much of the method's lift lands, by how far it is from the channel the
# account prefers (in the order e-mail, call, visit, review): lighter than they
# want lands little, much heavier than they want takes their time and costs goodwill
CHANNEL_ORDER = ("email", "call", "visit", "review")
CHANNEL_FIT = {-3: 0.0, -2: 0.0, -1: 0.0, 0: 1.0, 1: 0.75, 2: -0.3, 3: -0.3}
TOO_SOON_COST = {"email": 1.0, "call": 2.0, "visit": 4.0, "review": 6.0}  # at most, a contact before they want one

# how often: the weeks of the quarter (1..13) with a contact
FREQUENCIES = ("weekly", "fortnightly", "monthly", "quarterly")
FREQUENCY_WEEKS = {
    "weekly": tuple(range(1, WEEKS + 1)),
    "fortnightly": (2, 4, 6, 8, 10, 12),
    "monthly": (3, 7, 11),
    "quarterly": (6,),
}
FREQUENCY_TITLES = {"weekly": "every week", "fortnightly": "every two weeks",
                    "monthly": "every four weeks", "quarterly": "once a quarter"}
# an account's preferred cadence as the weeks it expects between contacts
CADENCE_GAP = {"weekly": 1, "fortnightly": 2, "monthly": 4, "quarterly": 8}

# the words by which an account's notes tell its cadence and its channel (FP134 warns when none is there;
# docs/portfolio-model.md, 'What each account asks for'); matched in lower case, anywhere in a note
CADENCE_WORDS = {
    "weekly": ("every week", "weekly", "each week"),
    "fortnightly": ("every other week", "every couple of weeks", "every two weeks", "fortnightly"),
    "monthly": ("once a month", "every month", "monthly"),
    "quarterly": ("once a quarter", "every quarter", "a quarter", "quarterly", "every season", "once a season",
                  "every few months"),
}
CHANNEL_WORDS = {
    "email": ("e-mail", "written"),
    "call": ("call", "phone"),
    "visit": ("visit", "in person", "on site", "drop in", "see you"),
    "review": ("review",),
}

# what a note can tell the trainee, and what it means in the model
CUES = ("new-decision-maker", "slipping-volumes", "competitor-interest", "price-pressure",
        "personal", "complaint-history", "loyal")
CUE_TITLES = {
    "new-decision-maker": "a new decision maker",
    "slipping-volumes": "slipping volumes",
    "competitor-interest": "a competitor is interested",
    "price-pressure": "pressure on price",
    "personal": "something personal worth remembering",
    "complaint-history": "a history of complaints",
    "loyal": "a long, loyal relationship",
}

EVENT_KINDS = ("competitor-offer", "price-cut", "complaint", "disclosure")  # what a week can bring (quarter.py)

TROUBLE = 35.0  # health below this: the account is in trouble (a linked conversation happens)
MAX_HEALTH = 100.0


@dataclass(frozen=True)
class Note:
    text: str
    cue: str | None = None


@dataclass(frozen=True)
class Account:
    id: str
    name: str
    sector: str
    revenue: int  # a year, in the portfolio's currency
    margin: float  # 0..1: profit is revenue × margin
    health: int  # 0..100 at the start of the quarter
    pressure: str  # competitor pressure: low, medium, high
    notes: tuple[Note, ...] = ()
    scenario: str | None = None  # a linked conversation, played when the account is in trouble
    cadence: str = "monthly"  # how often they want to hear from you (a FREQUENCIES value)
    channel: str = "call"  # how they like to be contacted (a METHODS value)
    says: tuple = ()  # (event kind, what the customer says), from the file's `news`, a kind's lines in order
    scenario_title: str | None = field(default=None, compare=False)  # the linked scenario's title, when known
    # the kinds of news the linked scenario's text takes up inside a quarter (quarter_story.kinds_read), when known
    scenario_story: tuple = field(default=(), compare=False)

    def said(self, kind: str) -> str:
        """What the customer says when an event of `kind` happens ('' when the file does not say)."""
        return next((text for k, text in self.says if k == kind), "")

    def lines(self, kind: str) -> tuple[str, ...]:
        """Every line the file gives for `kind`: the first word, then what they say when it comes again."""
        return tuple(text for k, text in self.says if k == kind)

    @property
    def profit(self) -> float:
        return self.revenue * self.margin

    @property
    def cues(self) -> frozenset[str]:
        return frozenset(n.cue for n in self.notes if n.cue)


@dataclass(frozen=True)
class Portfolio:
    id: str
    version: int
    title: str
    summary: str
    industry: str
    currency: str
    budget_hours: float  # a week
    briefing: str
    accounts: tuple[Account, ...]
    file: str = ""
    content_hash: str = ""
    account_lines: dict = field(default_factory=dict, compare=False)

    def account(self, account_id: str) -> Account:
        for account in self.accounts:
            if account.id == account_id:
                return account
        raise KeyError(account_id)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.accounts)

    @property
    def budget_minutes(self) -> int:
        """The quarter's time for contact, in minutes (weekly hours × 13 weeks)."""
        return round(self.budget_hours * 60 * WEEKS)


def channel_fit(account: Account, method: str) -> float:
    """The share of a method's lift that lands with this account (negative: it costs goodwill)."""
    return CHANNEL_FIT[CHANNEL_ORDER.index(method) - CHANNEL_ORDER.index(account.channel)]


def allowed_channels(account: Account) -> frozenset[str]:
    """The channels an account's notes allow: its own, and for a new decision maker you have never met, a
    voice or a face as well (a call or a visit introduces you; an e-mail from a stranger does not)."""
    extra = {"call", "visit"} if "new-decision-maker" in account.cues else set()
    return frozenset({account.channel} | extra)


def missing_cues(account: Account) -> list[str]:
    """What the account's notes do not tell: 'cadence' and/or 'channel' (by CADENCE_WORDS, CHANNEL_WORDS)."""
    text = " ".join(n.text for n in account.notes).lower()
    return [what for what, words in (("cadence", CADENCE_WORDS[account.cadence]),
                                     ("channel", CHANNEL_WORDS[account.channel]))
            if not any(w in text for w in words)]


def contact_minutes(method: str | None, frequency: str | None) -> int:
    """Minutes over the quarter for one account's contact."""
    if not method or not frequency:
        return 0
    return METHOD_MINUTES[method] * len(FREQUENCY_WEEKS[frequency])


def weekly_hours(minutes: int) -> float:
    return minutes / 60 / WEEKS
