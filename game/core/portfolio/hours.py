"""The quarter's time in one vocabulary, for every page that speaks of it
(the plan, a contact's options, a week, an answer, the debrief) and every
shell that draws them: the quarter's hours (the weekly budget × 13 weeks),
the hours the plan's contacts use (over the quarter, and a week on average),
and the hours left for answering the weeks' news (this quarter, and at most
one week's budget in any one week). Every time a trainee reads is in hours
('0.5 h', never '30 minutes'). The weekly figure is an average: the limit on
planned contact is the quarter's total, so a week can hold more contact than
the weekly figure, and the pages that show such a week say so. A week's
figures are sums of what is planned and answered in it. A contact's cost shows its arithmetic:
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


def contact_cost_from(contact, week: int, weeks=None) -> str:
    """A contact chosen mid-quarter, from `week` on: only the contacts still to come count, in `weeks` (default:
    the cadence's own calendar). '2 calls left, weeks 7 and 11 × 0.5 h = 1 h' (the whole quarter's words from
    week 1)."""
    if contact is None:
        return ""
    if week <= 1 and weeks is None:
        return f"{contact_cost(contact)} · {contact_when(contact)}"
    ahead = [w for w in (contact.weeks if weeks is None else weeks) if w >= week]
    noun = CONTACT_NOUNS[contact.method][len(ahead) != 1]
    if not ahead:
        return f"no {CONTACT_NOUNS[contact.method][1]} left this quarter = 0 h"
    return (f"{len(ahead)} {noun} left, {weeks_words(ahead)} × {hours(METHOD_MINUTES[contact.method])} h = "
            f"{hours(METHOD_MINUTES[contact.method] * len(ahead))} h")


def h(minutes: float) -> str:
    """'0.5 h', '9.5 h': every time a trainee reads is in hours, with the unit."""
    return f"{hours(minutes)} h"


def week_minutes(plan, week: int) -> int:
    """The minutes of planned contact that fall in one week of a plan (before anything is played)."""
    return sum(METHOD_MINUTES[c.method] for c in plan.contacts.values() if week in c.weeks)


def busiest(plan) -> tuple[int, int]:
    """(week, minutes) of the plan's busiest week of contact, the earliest among equals ((1, 0) for no contact)."""
    return max(((w, week_minutes(plan, w)) for w in range(1, WEEKS + 1)), key=lambda item: (item[1], -item[0]))


def _week_budget(p) -> int:
    return round(p.budget_hours * 60)


def uneven(p, week: int, minutes: int) -> str:
    """Why a week can hold more planned contact than the weekly figure ('' when it does not)."""
    if minutes <= _week_budget(p):
        return ""
    return (f" Week {week} holds {h(minutes)} of planned contact, more than {h(_week_budget(p))}: the "
            f"{p.budget_hours:g} h a week is an average, the limit is the quarter's {h(p.budget_minutes)}, so a busy "
            "week is made up by quieter ones.")


def plan_time(p, plan) -> str:
    """The plan page's sentence: the quarter's hours, what the contacts take, what is left for answers, and (when
    one week holds more contact than the weekly figure) how that is possible."""
    used = plan.minutes()
    left = p.budget_minutes - used
    said = (f"The quarter has {h(p.budget_minutes)}, {p.budget_hours:g} h a week on average. Your contacts take "
            f"{h(used)} of it ({a_week(used)} h a week on average); "
            + (f"{h(left)} are left for answering the weeks' news, at most {h(_week_budget(p))} of answers in any "
               "one week." if left >= 0 else f"that is {h(-left)} more than the quarter has."))
    return said + uneven(p, *busiest(plan))


def plan_title(p, plan) -> str:
    left = p.budget_minutes - plan.minutes()
    return f"Plan: contacts {hours(plan.minutes())} of the quarter's {h(p.budget_minutes)} · {h(left)} left for answers"


def method_times() -> str:
    """How long each kind of contact takes."""
    return ("Each contact takes: a visit 3 h with the travel, a business review 5 h with the preparation, a call "
            "0.5 h, an e-mail 0.25 h. Over the 13 weeks, every week is 13 contacts, every two weeks 6, every four "
            "weeks 3, once a quarter 1. The hours a week are an average: what limits you is the quarter's total, so "
            "one week can hold more contact than another. Answering the weeks' news takes the hours your contacts "
            "leave, at most a week's hours of answers in any one week. A conversation with an account in trouble takes none "
            "of these hours: it comes on top of the plan.")


def week_time(campaign) -> str:
    """A week's sentence: the coming week's planned contact and answers, and the time left for answers this week
    and this quarter. The week's figures are sums of what is planned and answered in it; a week whose planned
    contact is more than the weekly figure says how that can be."""
    p, week = campaign.portfolio, min(campaign.week + 1, WEEKS)
    contact = campaign.week_contact_minutes(week)
    over = (f" (more than the {p.budget_hours:g} h a week average, which quieter weeks make up: the limit on "
            f"contact is the quarter's {h(p.budget_minutes)})") if contact > _week_budget(p) else ""
    return (f"This week's hours: planned contacts {h(contact)}{over}; your answers so far {h(campaign.week_answer_minutes())}"
            f", up to {h(max(0, campaign.week_minutes_left()))} more this week, of the "
            f"{h(max(0, campaign.minutes_left()))} left this quarter.")


def answer_time(campaign, skip=None) -> str:
    """The answer page's reminder: 'Left for answers: 3.5 h this week, 37.5 h this quarter.'"""
    return (f"Left for answers: {h(max(0, campaign.week_minutes_left(skip)))} this week, "
            f"{h(max(0, campaign.minutes_left(skip)))} this quarter.")


def debrief_time(p, contacts_minutes: int, answer_minutes: int) -> str:
    """The debrief's sentence on time: the same words as the plan's and the week's."""
    left = p.budget_minutes - contacts_minutes - answer_minutes
    return (f"Time: of the quarter's {h(p.budget_minutes)} ({p.budget_hours:g} h a week on average), your contacts "
            f"used {h(contacts_minutes)} ({a_week(contacts_minutes)} h a week on average), your answers "
            f"{h(answer_minutes)}; {h(left)} were left unused.")
