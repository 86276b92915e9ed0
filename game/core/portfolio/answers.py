"""Answering the week's events: what each answer costs in time, how well it
suits this account and this event, and what it does to health.

The right answer depends on who the customer is and what happened: a
complaint wants a voice in the account's own channel, a request to cut the
price wants the total cost set against the price (the source's method), a
rival's offer to a price-minded account wants the same, to a new decision
maker the word of other customers, and to anyone else the relationship. A
concession always calms the customer, and costs profit for the year.
Formulas: docs/portfolio-model.md ("Answering the week's events").
"""
from __future__ import annotations

from game.core.portfolio.model import Account, allowed_channels

ANSWERS = ("write", "call", "visit", "total-cost", "testimonial", "concession", "note")
ANSWER_TITLES = {"write": "Write to them", "call": "Phone them", "visit": "Go and see them",
                 "total-cost": "Show the total cost, not only the price", "testimonial": "Put them in touch with a "
                 "happy customer", "concession": "Offer a concession on price", "note": "Note it and bring it up "
                 "at your next planned contact"}
ANSWER_MINUTES = {"write": 30, "call": 30, "visit": 180, "total-cost": 90, "testimonial": 45, "concession": 15, "note": 15}
VALID = {
    "competitor-offer": ("write", "call", "visit", "total-cost", "testimonial", "concession"),
    "price-cut": ("total-cost", "testimonial", "write", "call", "visit", "concession"),
    "complaint": ("write", "call", "visit", "concession"),
    "disclosure": ("write", "call", "visit", "note"),
}
# health change: (left unanswered, answered as well as it can be); a partial answer lands in between
EVENT_CHANGE = {"competitor-offer": (-7.0, 10.0), "price-cut": (-5.0, 8.0), "complaint": (-5.0, 10.0),
                "disclosure": (-1.0, 8.0)}
CONCESSION_CUT = 0.05  # of revenue off the year's profit for each concession
NOTE_WINDOW = 4  # weeks: a noted disclosure is remembered if a planned contact in a personal channel follows
RIGHT = 1.0  # the quality of the right answer


UNHEARD = 0.25  # the most a phone call lands with an account whose notes rule out the phone


def voice(account: Account) -> str:
    """A complaint or a personal moment wants the account's own way of talking: a visit for accounts that like
    meeting, a written reply for those who live on e-mail, a call otherwise."""
    return {"visit": "visit", "review": "visit", "email": "write"}.get(account.channel, "call")


def phone_ruled_out(account: Account) -> bool:
    """An e-mail account whose notes allow no call ('calls go unanswered', 'rarely picks up the phone')."""
    return account.channel == "email" and "call" not in allowed_channels(account)


def quality(account: Account, kind: str, answer: str, contact_soon: bool = False) -> float:
    """How well an answer suits this account and event, 0..1. `contact_soon`: a planned contact in a personal
    channel falls within NOTE_WINDOW weeks (what makes a note enough)."""
    if answer not in VALID[kind]:
        raise ValueError(f"'{answer}' is not an answer to {kind}")
    q = _quality(account, kind, answer, contact_soon)
    return min(q, UNHEARD) if answer == "call" and phone_ruled_out(account) else q


def _quality(account: Account, kind: str, answer: str, contact_soon: bool) -> float:
    own = voice(account)
    if kind == "complaint":
        return {own: 1.0, "concession": 0.5}.get(answer, 0.5)
    if kind == "disclosure":
        if answer == "note":
            return 1.0 if contact_soon else 0.25
        return 1.0 if answer == own else 0.5
    if answer == "concession":
        return 1.0
    if kind == "price-cut" or "price-pressure" in account.cues:
        return {"total-cost": 1.0, "testimonial": 0.5}.get(answer, 0.25)
    if "new-decision-maker" in account.cues:
        return {"testimonial": 1.0, "visit": 0.5, "total-cost": 0.5}.get(answer, 0.25)
    return {own: 1.0}.get(answer, 0.5)


def change(kind: str, q: float | None) -> float:
    """The event's health change for an answer of quality q (None: left unanswered)."""
    unanswered, best = EVENT_CHANGE[kind]
    return unanswered if q is None else unanswered + (best - unanswered) * q


def right_answer(account: Account, kind: str, contact_soon: bool = False) -> str:
    """The best answer that costs no profit, the cheapest of equals (the best-response policy's choice)."""
    fair = [a for a in VALID[kind] if a != "concession"]
    return max(fair, key=lambda a: (quality(account, kind, a, contact_soon), -ANSWER_MINUTES[a]))


def fallback_answers(account: Account, kind: str, contact_soon: bool = False) -> list[str]:
    """Answers that cost no profit, best first, cheaper first among equals."""
    fair = [a for a in VALID[kind] if a != "concession"]
    return sorted(fair, key=lambda a: (-quality(account, kind, a, contact_soon), ANSWER_MINUTES[a]))


# what the trainee reads when an event arrives (the customer's side of it)
EVENT_NEWS = {
    "competitor-offer": "a rival has put an offer in front of them",
    "price-cut": "they want the price brought down",
    "complaint": "they have a complaint about the service",
    "disclosure": "they mentioned something personal",
}


def options_for(account: Account, kind: str) -> list[tuple[str, str, int]]:
    """(answer, title, minutes) for an event, always in the order of ANSWERS, so where the right one stands
    says nothing about it."""
    return [(a, ANSWER_TITLES[a], ANSWER_MINUTES[a]) for a in ANSWERS if a in VALID[kind]]
