"""An account's contact over the quarter as it was planned and changed, in words: 'phone calls weeks 4-8,
then none from week 9'. The debrief says this where the plan changed, so a plan that ended with no contact
does not read as if the account was never contacted (issue 31, trial 6)."""
from __future__ import annotations

from game.core.portfolio.hours import weeks_words
from game.core.portfolio.model import FREQUENCY_TITLES, METHOD_TITLES, WEEKS
from game.core.portfolio.quarter import Contact

PLURALS = {"visit": "visits", "call": "phone calls", "email": "e-mails", "review": "business reviews"}


def segments(campaign, aid):
    """(first week, last week, contact) for each stretch of the quarter under one plan for the account."""
    starts = [(1, campaign.first_plan.contact(aid))]
    for change in campaign.revisions:
        if change["account"] == aid:
            contact = Contact(change["method"], change["frequency"]) if change["method"] else None
            starts = [s for s in starts if s[0] < change["week"]] + [(change["week"], contact)]
    return [(week, (starts[i + 1][0] - 1) if i + 1 < len(starts) else WEEKS, contact)
            for i, (week, contact) in enumerate(starts)]


def history_words(campaign, aid) -> str:
    """'' when the account's contact never changed; else each stretch: the weeks contacted, or none."""
    if not any(change["account"] == aid for change in campaign.revisions):
        return ""
    run = campaign.runs[aid]
    parts = []
    for first, last, contact in segments(campaign, aid):
        span = f"week {first}" if first == last else f"weeks {first}-{last}"
        if contact is None:
            parts.append(f"none from week {first}" if last == WEEKS else f"none in {span}")
            continue
        done = [log.week for log in run.log if first <= log.week <= last and log.contact]
        title = f"{METHOD_TITLES[contact.method].lower()} {FREQUENCY_TITLES[contact.frequency]}"
        parts.append(_done_words(contact.method, done, title, span))
    return ", then ".join(parts)


def _done_words(method: str, done: list[int], title: str, span: str) -> str:
    """'phone calls weeks 4-8' (what was done in the stretch); 'phone call every week planned for weeks 9-13,
    none made' when none fell in it."""
    if not done:
        return f"{title} planned for {span}, none made"
    noun = PLURALS[method] if len(done) > 1 else METHOD_TITLES[method].lower()
    return f"{noun} {weeks_words(done)}"
