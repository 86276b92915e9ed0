"""The debrief's neglect line: which accounts the plan left without contact, from which week, and, truthfully,
that a linked conversation did not count as contact (the cadence clock counts the plan's contacts only;
docs/portfolio-model.md)."""
from __future__ import annotations

from game.core.portfolio.campaign import Campaign
from game.core.portfolio.model import Portfolio
from game.core.portfolio.ranking import money


def left_from(campaign: Campaign, account_id: str) -> int | None:
    """The week from which an account had no more planned contact: None when the plan never contacted it. A
    linked conversation is not contact for the cadence clock, nor for neglect (docs/portfolio-model.md)."""
    run = campaign.runs[account_id]
    touched = [log.week for log in run.log if log.contact]
    if not touched:
        return None
    stops = [r["week"] for r in campaign.revisions if r["account"] == account_id and r.get("method") is None
             and r["week"] > max(touched)]
    return stops[-1] if stops else 1 + max(touched)


def talked_weeks(campaign: Campaign, account_id: str, from_week: int | None) -> list[int]:
    """The weeks of the account's linked conversations from `from_week` on (None: all quarter)."""
    return [log.week for log in campaign.runs[account_id].log
            if log.conversation and log.week >= (from_week or 1)]


def _weeks(weeks: list[int]) -> str:
    """'week 5', 'weeks 3 and 8'."""
    if len(weeks) == 1:
        return f"week {weeks[0]}"
    return "weeks " + ", ".join(str(w) for w in weeks[:-1]) + f" and {weeks[-1]}"


def _neglected_words(name: str, from_week: int | None, talked: list[int]) -> str:
    """'The Good Grind café (no planned contact all quarter; your conversation in week 5 did not count as
    contact)', '… (left without contact from week 11)'; the never-contacted are listed together elsewhere."""
    since = "no planned contact all quarter" if from_week is None else (
        f"left without {'planned ' if talked else ''}contact from week {from_week}")
    if not talked:
        return f"{name} ({since})"
    which = f"your conversation{'s' if len(talked) > 1 else ''} in {_weeks(talked)}"
    return f"{name} ({since}; {which} did not count as contact)"


def neglect_line(p: Portfolio, result: dict) -> str:
    """'Neglect cost £8: The Good Grind café (left without contact from week 11) ended the quarter …'."""
    def listed(names):
        return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
    neglected = result.get("neglected", [])
    never = [p.account(n["account"]).name for n in neglected if n["from_week"] is None and not n.get("talked")]
    said = [f"{listed(never)} (never contacted)"] if never else []
    said += [_neglected_words(p.account(n["account"]).name, n["from_week"], n.get("talked", []))
             for n in neglected if n["from_week"] is not None or n.get("talked")]
    who = listed(said) if said else "the accounts left without contact"
    return (f"Neglect cost {money(p.currency, result['neglect_cost'])}: {who} ended the quarter with that much "
            f"less profit kept than {'it' if len(neglected) == 1 else 'they'} began with.")
