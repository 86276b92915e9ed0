"""The quarter, week by week: health, contact, events and linked conversations.

Every account runs on its own: its events come from its own seeded stream,
drawn before and regardless of the plan, and its health depends only on its
own contact and on how its own events were answered. So the same seed gives every plan the same events, and the
quarter's value is a sum over accounts (which the optimiser relies on).
Formulas: docs/portfolio-model.md.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from game.core.model import OUTCOMES
from game.core.portfolio import answers
from game.core.portfolio.model import (CADENCE_GAP, EVENT_KINDS, FREQUENCY_TITLES, FREQUENCY_WEEKS,
                                       IN_PERSON_TRUST, LIFT_BASE,
                                       LIFT_PER_WEEK, MAX_HEALTH, METHOD_MINUTES, PRESSURE_DECAY, TOO_SOON_COST,
                                       TROUBLE, WEEKS, Account, Portfolio, channel_fit)

EVENT_TITLES = {"competitor-offer": "A competitor's offer", "price-cut": "A request to cut the price",
                "complaint": "A complaint", "disclosure": "They told you something personal"}
SLIPPING_DECAY = 0.75
LOYAL_DECAY = -0.25
NEGLECT_GRACE = 2  # neglect adds to the decay after this many times the account's preferred gap without contact
NEGLECT_STEP, NEGLECT_MAX = 0.2, 1.0
NEVER_MET = 8  # weeks since the last contact at the start for a new decision maker (others: their preferred gap)
WELCOME_FIT = 1.0  # an in-person meeting builds trust only in the channel the account prefers
WELCOMED_FIT = 0.75  # a note is enough when the next planned contact is in their channel or one step heavier
# a linked conversation's effect on health follows how it went: its outcome and its score (0..100)
RETAINED_BASE, RETAINED_PER_POINT = 10.0, 0.3  # retained: +10 .. +40
AT_RISK_PER_POINT = 0.2  # at risk: (score − 50) × 0.2, −10 .. +10
REVISED_STEP = {"weekly": 1, "fortnightly": 2, "monthly": 4, "quarterly": WEEKS}  # a revised cadence's spacing
ASSUMED_SCORE = {"retained": 60, "at_risk": 50, "lost": 0}  # an outcome given without a score


def conversation_change(outcome: str, score: int | None) -> float:
    """The health a linked conversation adds (retained, at risk); a lost one ends the account."""
    score = ASSUMED_SCORE[outcome] if score is None else max(0, min(100, score))
    if outcome == "retained":
        return RETAINED_BASE + RETAINED_PER_POINT * score
    if outcome == "at_risk":
        return AT_RISK_PER_POINT * (score - 50)
    return 0.0


@dataclass(frozen=True)
class Contact:
    method: str
    frequency: str

    @property
    def weeks(self) -> tuple[int, ...]:
        return FREQUENCY_WEEKS[self.frequency]


@dataclass(frozen=True)
class Event:
    week: int
    kind: str


def event_chances(account: Account) -> dict[str, float]:
    cues = account.cues
    return {
        "competitor-offer": 0.04 + {"low": 0.0, "medium": 0.03, "high": 0.06}[account.pressure]
        + (0.06 if "competitor-interest" in cues else 0.0),
        "price-cut": 0.04 + (0.08 if "price-pressure" in cues else 0.0),
        "complaint": 0.04 + (0.07 if "complaint-history" in cues else 0.0),
        "disclosure": 0.05 + (0.08 if "personal" in cues else 0.0),
    }


def event_count(account: Account, rng: random.Random) -> int:
    """How many things happen to the account this quarter: 13 × the sum of its weekly chances, its fraction
    rounded up by chance (4.3 expected: 5 three quarters in ten, else 4). Fixing the count makes every seed
    bring its fair share of news, so a quarter's score does not hang on a quiet draw."""
    expected = WEEKS * sum(event_chances(account).values())
    whole = math.floor(expected)
    return min(WEEKS * len(EVENT_KINDS), whole + (1 if rng.random() < expected - whole else 0))


def draw_events(portfolio: Portfolio, account: Account, seed: int) -> tuple[Event, ...]:
    """The account's events this quarter: the same for every plan with this seed. Their number is fixed by
    the account (event_count); each one's kind is drawn by the chances, its week uniformly (never two of a
    kind in one week)."""
    rng = random.Random(f"{seed}/{portfolio.id}/{account.id}")
    chances = event_chances(account)
    weights = [chances[kind] for kind in EVENT_KINDS]
    wanted = event_count(account, rng)
    taken: set[tuple[int, str]] = set()
    while len(taken) < wanted:
        kind = rng.choices(EVENT_KINDS, weights)[0]
        taken.add((rng.randint(1, WEEKS), kind))
    return tuple(Event(week, kind) for week, kind in sorted(taken, key=lambda e: (e[0], EVENT_KINDS.index(e[1]))))


# what each event's handling is called: (answered well, answered in part, left unanswered)
EVENT_WORDS = {
    "competitor-offer": ("the offer was turned down", "they are still weighing the offer", "it hurt"),
    "price-cut": ("they saw the value behind the price", "they are not convinced", "nobody explained the value"),
    "complaint": ("put right, and they noticed", "patched up", "left unanswered"),
    "disclosure": ("you asked after it", "you asked after it, but not in a way that landed", "nobody asked after it"),
}
# an answer whose outcome reads its own way, whatever the kind's usual words: a concession buys calm with the
# price, it explains nothing and fixes nothing (issue 31)
ANSWER_WORDS = {("price-cut", "concession"): "they took the discount, and the price is lower now",
                ("competitor-offer", "concession"): "they stay, for a lower price",
                ("complaint", "concession"): "the money off calmed them, but nobody put the fault right"}
WELL = 0.75  # an answer of at least this quality counts as handled well


@dataclass(frozen=True)
class Handled:
    """An event as it happened: its kind, the answer given (None: let go) and how well it suited."""
    kind: str
    answer: str | None = None
    quality: float = 0.0
    ask_week: int | None = None  # a noted disclosure: the week of the planned contact that asks after it

    @property
    def well(self) -> bool:
        return self.answer is not None and self.quality >= WELL

    @property
    def words(self) -> str:  # "left unanswered"
        if self.answer is None:
            return EVENT_WORDS[self.kind][2]
        if (self.kind, self.answer) in ANSWER_WORDS:
            return ANSWER_WORDS[(self.kind, self.answer)]
        return EVENT_WORDS[self.kind][0 if self.well else 1]

    def __str__(self) -> str:  # "complaint (call): put right, and they noticed"
        return f"{self.kind}" + (f" ({self.answer})" if self.answer else "") + f": {self.words}"


@dataclass
class WeekLog:
    week: int
    health: float  # at the end of the week
    contact: str | None = None  # the method used this week
    events: list[Handled] = field(default_factory=list)
    conversation: str | None = None  # the linked conversation's outcome this week
    lost: bool = False
    drift: float = 0.0  # the week's decay (≤ 0 most weeks), before any contact
    lift: float = 0.0  # what the week's contact changed
    why: str = ""  # why the contact added nothing or cost goodwill ('' when it helped)
    played: float | None = None  # health when the week was played, before any conversation
    trouble: bool = False  # below the trouble line with no conversation to come (had this quarter, or none linked)


class AccountRun:
    """One account through the quarter. `advance()` plays the next week and
    returns True when the linked conversation is due; `resolve(outcome)` then
    finishes that week."""

    def __init__(self, portfolio: Portfolio, account: Account, contact: Contact | None, seed: int):
        self.account = account
        self.contact = contact
        self.events = draw_events(portfolio, account, seed)
        self.health = float(account.health)
        self.week = 0
        self.active = True
        self.lost_week: int | None = None
        self.revenue_earned = 0.0
        self.gap = CADENCE_GAP[account.cadence]
        self.silence = max(NEVER_MET, self.gap) if "new-decision-maker" in account.cues else self.gap
        self.met_in_person = "new-decision-maker" not in account.cues
        self.trust = 0.0  # the lasting cut in decay from meeting in person
        self.conversation_done = False
        self.margin_cut = 0.0  # profit given away in concessions, as a share of revenue
        self.answer_minutes = 0
        self.pending = False
        self.log: list[WeekLog] = []
        self._contact_weeks = set(contact.weeks) if contact else set()

    def earliest(self, from_week: int) -> int:
        """The first week from `from_week` on in which a contact would not come too soon for the account."""
        return max(from_week, from_week - 1 + self.gap - self.silence)

    def revised_weeks(self, contact: Contact | None, from_week: int) -> tuple[int, ...]:
        """The weeks a cadence chosen mid-quarter falls in, from `from_week` on. Its own calendar weeks, unless
        the first of them would come sooner than the account wants after its last contact: then the cadence
        starts at the first week they are ready to hear from you and keeps its own spacing from there (never
        more contacts than the calendar had left). docs/portfolio-model.md, 'Changing the plan'."""
        if contact is None:
            return ()
        ahead = [w for w in contact.weeks if w >= from_week]
        start = self.earliest(from_week)
        if not ahead or ahead[0] >= start:
            return tuple(ahead)
        step = REVISED_STEP[contact.frequency]
        return tuple(range(start, WEEKS + 1, step))[:len(ahead)]

    def revise(self, contact: Contact | None, from_week: int) -> None:
        """From `from_week` on, contact as `contact` (None: no more contact); weeks before stay as played."""
        kept = {w for w in self._contact_weeks if w < from_week}
        ahead = self.revised_weeks(contact, from_week)
        self.contact = contact
        self._contact_weeks = kept | set(ahead)

    def planned_weeks(self, from_week: int = 1) -> list[int]:
        """The weeks of planned contact from `from_week` on, as the plan stands."""
        return sorted(w for w in self._contact_weeks if w >= from_week) if self.contact else []

    def contact_minutes(self) -> int:
        """Minutes over the quarter for contact: what was done, plus what is still planned."""
        done = sum(METHOD_MINUTES[log.contact] for log in self.log if log.contact)
        ahead = METHOD_MINUTES[self.contact.method] * sum(1 for w in self._contact_weeks if w > self.week) \
            if self.contact else 0
        return done + ahead

    # -- the week's parts -------------------------------------------------
    def _method_on(self, week: int) -> str | None:
        return self.contact.method if self.contact and week in self._contact_weeks else None

    def method_on(self, week: int | None) -> str | None:
        """The contact of a week: as played for a week gone, as planned for one to come."""
        if week is not None and week <= len(self.log):
            return self.log[week - 1].contact
        return self._method_on(week) if week is not None else None

    def _decay(self) -> float:
        cues = self.account.cues
        decay = PRESSURE_DECAY[self.account.pressure]
        decay += SLIPPING_DECAY if "slipping-volumes" in cues else 0.0
        decay += LOYAL_DECAY if "loyal" in cues else 0.0
        decay += min(NEGLECT_MAX, NEGLECT_STEP * max(0, self.silence - NEGLECT_GRACE * self.gap))
        return decay - min(self.trust, PRESSURE_DECAY[self.account.pressure])

    def _lift(self, method: str) -> float:
        """The change a contact makes: the method's lift times how well the channel fits, or a cost when it
        comes sooner than the account wants to hear from you."""
        if self.silence < self.gap:
            return -TOO_SOON_COST[method] * (self.gap - self.silence) / self.gap
        lift = (LIFT_BASE + LIFT_PER_WEEK * self.gap) * channel_fit(self.account, method)
        if lift < 0:
            return lift
        if not self.met_in_person and method not in ("visit", "review"):
            lift *= 0.5 if method == "call" else 0.0  # they do not know you yet
        elif method == "email" and self.health < 50:
            lift *= 0.5  # an e-mail does not mend a strained relationship
        return lift

    def _why(self, method: str) -> str:
        """Why a contact this week adds nothing or costs goodwill, as _lift decides ('' when it helps)."""
        if self.silence < self.gap:
            return f"too soon: they want to hear from you {FREQUENCY_TITLES[self.account.cadence]}"
        fit = channel_fit(self.account, method)
        if fit < 0:
            return "heavier than they want: it takes their time and costs goodwill"
        if fit == 0:
            return "lighter than they want: they barely notice it"
        if not self.met_in_person and method == "email":
            return "they have never met you: an e-mail from a stranger does nothing"
        return ""

    def contact_soon(self, week: int) -> bool:
        """A planned contact the account notices falls within NOTE_WINDOW weeks from `week` (a note is enough)."""
        return bool(self.contact) and channel_fit(self.account, self.contact.method) >= WELCOMED_FIT and \
            any(week <= w <= week + answers.NOTE_WINDOW for w in self._contact_weeks)

    def next_noticed(self, week: int) -> int | None:
        """The week of the first planned contact the account notices within NOTE_WINDOW weeks from `week`."""
        return min((w for w in self._contact_weeks if week <= w <= week + answers.NOTE_WINDOW),
                   default=None) if self.contact_soon(week) else None

    def events_in(self, week: int) -> list[Event]:
        return [e for e in self.events if e.week == week] if self.active else []

    def _event(self, event: Event, log: WeekLog, answer: str | None) -> float:
        """Log how the event was answered; the change in health."""
        q = None
        if answer is not None:
            q = answers.quality(self.account, event.kind, answer, self.contact_soon(event.week))
            self.answer_minutes += answers.ANSWER_MINUTES[answer]
            if answer == "concession":
                self.margin_cut += answers.CONCESSION_CUT
        ask = self.next_noticed(event.week) if answer == "note" else None
        log.events.append(Handled(event.kind, answer, q or 0.0, ask))
        return answers.change(event.kind, q)

    # -- stepping ---------------------------------------------------------
    def advance(self, replies: dict | None = None) -> bool:
        """Play the next week, its events answered by `replies` (event kind -> answer; missing: let go);
        True when the linked conversation is due now."""
        self.week += 1
        week = self.week
        log = WeekLog(week, self.health)
        if not self.active:
            log.health = 0.0
            self.log.append(log)
            return False
        self.revenue_earned += self.account.revenue / 52
        self.silence += 1
        log.drift = -self._decay()
        self.health += log.drift
        method = self._method_on(week)
        if method:
            on_time = self.silence >= self.gap  # sooner than they want builds no trust (docs: 'Too soon')
            log.why = self._why(method)
            log.lift = self._lift(method)
            self.health += log.lift
            log.contact = method
            fit = channel_fit(self.account, method)
            if fit > 0:  # a contact they barely notice does not end the silence
                self.silence = 0
            if method in IN_PERSON_TRUST:
                self.met_in_person = True
                if fit >= WELCOME_FIT and on_time:
                    self.trust += IN_PERSON_TRUST[method]
        for event in self.events_in(week):
            self.health += self._event(event, log, (replies or {}).get(event.kind))
        self.health = max(0.0, min(MAX_HEALTH, self.health))
        log.health = log.played = self.health
        self.log.append(log)
        if self.health <= 0:
            self._lose(log)
            return False
        if self.account.scenario and not self.conversation_done and self.health < TROUBLE:
            self.pending = True
            return True
        log.trouble = self.health < TROUBLE  # told as it happens: only contact and answers can help now
        return False

    def resolve(self, outcome: str, score: int | None = None) -> None:
        """The linked conversation's outcome and score: see conversation_change; lost loses the account."""
        if not self.pending:
            raise ValueError("no conversation is due")
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome '{outcome}'")
        self.pending = False
        self.conversation_done = True
        log = self.log[-1]
        log.conversation = outcome
        # the customer asked for it, on top of the plan: it does not restart the cadence clock (`silence`), so it
        # never makes the plan's next contact too soon (docs/portfolio-model.md, 'Too soon')
        if outcome != "lost":
            self.health = max(0.0, min(MAX_HEALTH, self.health + conversation_change(outcome, score)))
            if self.health <= 0:
                self._lose(log)
        else:
            self.health = 0.0
            self._lose(log)
        log.health = self.health

    def _lose(self, log: WeekLog) -> None:
        self.active = False
        self.lost_week = self.week
        log.lost = True

    # -- results ----------------------------------------------------------
    @property
    def healths(self) -> list[float]:
        return [float(self.account.health)] + [w.health for w in self.log]

    @property
    def profit_kept_cents(self) -> int:
        """The annual profit you can count on at the quarter's end: profit × health% (0 if lost), in cents."""
        return round(self.profit * (self.health if self.active else 0.0))

    @property
    def profit(self) -> float:
        """The year's profit after any concessions."""
        return self.account.revenue * max(0.0, self.account.margin - self.margin_cut)

    @property
    def revenue_kept(self) -> float:
        return self.account.revenue * (self.health if self.active else 0.0) / 100


def run_account(portfolio: Portfolio, account: Account, contact: Contact | None, seed: int,
                outcome: str = "at_risk", answer: bool = False) -> AccountRun:
    """The whole quarter for one account, every linked conversation ending `outcome`; with `answer`, every
    event gets its right answer (the best-response policy with time to spare), else none."""
    run = AccountRun(portfolio, account, contact, seed)
    for week in range(1, WEEKS + 1):
        replies = {e.kind: answers.right_answer(account, e.kind, run.contact_soon(week))
                   for e in run.events_in(week)} if answer else None
        if run.advance(replies):
            run.resolve(outcome)
    return run
