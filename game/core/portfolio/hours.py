"""The quarter's time in one vocabulary, for every page that speaks of it
(the plan, a contact's options, a week, an answer, the debrief) and every
shell that draws them: the quarter's hours (the weekly budget × 13 weeks),
the hours the plan's contacts use (over the quarter, and a week on average),
and the hours left for answering the weeks' news (this quarter, and at most
one week's budget in any one week). A contact's cost shows its arithmetic:
"6 visits × 3 h = 18 h a quarter = 1.38 h a week", because a visit every two
weeks is six visits in thirteen weeks, not six and a half.
docs/portfolio-model.md, 'The plan and the budget'.
"""
from __future__ import annotations

from game.core.portfolio.model import METHOD_MINUTES, WEEKS, contact_minutes

CONTACT_NOUNS = {"visit": ("visit", "visits"), "call": ("call", "calls"), "email": ("e-mail", "e-mails"),
                 "review": ("business review", "business reviews")}


def hours(minutes: float) -> str:
    """'18', '40.25', '1.38', '0.5': hours to two decimals at most, without trailing zeros."""
    text = f"{max(0.0, minutes) / 60:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def a_week(quarter_minutes: float) -> str:
    """The weekly average of minutes spread over the quarter, in hours ('1.38')."""
    return hours(quarter_minutes / WEEKS)


def quarter_hours(p) -> str:
    return hours(p.budget_minutes)


def contact_cost(contact) -> str:
    """'6 visits × 3 h = 18 h a quarter = 1.38 h a week' ('' for no contact)."""
    if contact is None:
        return ""
    count = len(contact.weeks)
    noun = CONTACT_NOUNS[contact.method][count != 1]
    total = contact_minutes(contact.method, contact.frequency)
    return (f"{count} {noun} × {hours(METHOD_MINUTES[contact.method])} h = {hours(total)} h a quarter = "
            f"{a_week(total)} h a week")


def weeks_words(weeks) -> str:
    """'week 6', 'weeks 7 and 11', 'weeks 3, 7 and 11', 'every week 1-13'."""
    weeks = list(weeks)
    if not weeks:
        return "no weeks"
    if len(weeks) == 1:
        return f"week {weeks[0]}"
    if len(weeks) > 4 and weeks == list(range(weeks[0], weeks[-1] + 1)):
        return f"weeks {weeks[0]}-{weeks[-1]}"
    return "weeks " + ", ".join(map(str, weeks[:-1])) + f" and {weeks[-1]}"


def contact_when(contact) -> str:
    """The weeks a cadence falls in, for the plan's options: 'weeks 3, 7 and 11' ('' for no contact)."""
    return weeks_words(contact.weeks) if contact is not None else ""


def contact_cost_from(contact, week: int) -> str:
    """A contact chosen mid-quarter, from `week` on: only the contacts still to come count.
    '2 calls left, weeks 7 and 11 × 0.5 h = 1 h' (the whole quarter's words from week 1)."""
    if contact is None:
        return ""
    if week <= 1:
        return f"{contact_cost(contact)} · {contact_when(contact)}"
    ahead = [w for w in contact.weeks if w >= week]
    noun = CONTACT_NOUNS[contact.method][len(ahead) != 1]
    if not ahead:
        return f"no {CONTACT_NOUNS[contact.method][1]} left this quarter = 0 h"
    return (f"{len(ahead)} {noun} left, {weeks_words(ahead)} × {hours(METHOD_MINUTES[contact.method])} h = "
            f"{hours(METHOD_MINUTES[contact.method] * len(ahead))} h")


def plan_time(p, contacts_minutes: int) -> str:
    """The plan page's sentence: what the contacts use and what is left for answers."""
    left = p.budget_minutes - contacts_minutes
    return (f"Your contacts use {a_week(contacts_minutes)} of your {p.budget_hours:g} hours a week "
            f"({hours(contacts_minutes)} of the quarter's {quarter_hours(p)} hours); "
            + (f"{hours(left)} hours are left for answering the weeks' news." if left >= 0 else
               f"that is {hours(-left)} hours more than the quarter has."))


def plan_title(p, contacts_minutes: int) -> str:
    left = p.budget_minutes - contacts_minutes
    return f"Plan: contacts {a_week(contacts_minutes)} of {p.budget_hours:g} h a week · {hours(left)} h left for answers"


def method_times() -> str:
    """How long each kind of contact takes."""
    return ("Each contact takes: a visit 3 hours with the travel, a business review 5 with the preparation, a call "
            "half an hour, an e-mail a quarter of an hour. Over the 13 weeks, every week is 13 contacts, every two "
            "weeks 6, every four weeks 3, once a quarter 1. Answering the weeks' news takes the hours your "
            "contacts leave: any week can hold up to a week's hours of answers (planned contact moves around them), "
            "as long as the quarter has them.")


def week_time(campaign) -> str:
    """A week's sentence: the plan's contacts, and the time left for answers this quarter and this week."""
    p = campaign.portfolio
    contacts = sum(run.contact_minutes() for run in campaign.runs.values())
    return (f"Your contacts use {a_week(contacts)} of your {p.budget_hours:g} hours a week. Left for answers: "
            f"{hours(campaign.minutes_left())} hours this quarter, up to {hours(campaign.week_minutes_left())} of "
            "them this week.")


def answer_time(campaign, skip=None) -> str:
    """The answer page's reminder: 'Left for answers: 3.5 hours this week, 37.5 this quarter.'"""
    return (f"Left for answers: {hours(campaign.week_minutes_left(skip))} hours this week, "
            f"{hours(campaign.minutes_left(skip))} this quarter.")


def debrief_time(p, contacts_minutes: int, answer_minutes: int) -> str:
    """The debrief's sentence on time: the same words as the plan's and the week's."""
    left = p.budget_minutes - contacts_minutes - answer_minutes
    return (f"Time: your contacts used {a_week(contacts_minutes)} of your {p.budget_hours:g} hours a week "
            f"({hours(contacts_minutes)} of the quarter's {quarter_hours(p)} hours), your answers "
            f"{hours(answer_minutes)} hours; {hours(left)} hours were left unused.")
