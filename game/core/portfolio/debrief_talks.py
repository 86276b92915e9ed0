"""Why the debrief's 'as played' and 'every conversation at risk' differ, in words a trainee follows.

The ladder's second figure counts each linked conversation as an even 'at risk': as if it scored 50, which adds
and costs no health. As played, a conversation moves health by how it went (docs/portfolio-model.md, 'A week,
for each account', step 6): kept adds 10 + 0.3 × score, at risk 0.2 × (score − 50), so a poor call that ended
at risk still cost goodwill, and that can tip an account into leaving weeks later. So the two figures can
differ even when every conversation ended at risk; this line says by which conversation, and which account
left (or stayed) because of it.
"""
from __future__ import annotations

from game.core.portfolio.quarter import ASSUMED_SCORE

EVEN = 50  # the score at which an at-risk conversation neither adds nor costs health


def conversation_effects(campaign, even_runs) -> list[dict]:
    """Each settled conversation as data: its week, outcome, score (None: none given, counted as ASSUMED_SCORE),
    the health it moved (the difference of the figures shown before and after it), and the week its account
    left as played and with every conversation even."""
    effects = []
    for talk in campaign.conversations:
        if talk.outcome is None:
            continue
        log = campaign.runs[talk.account].log[talk.week - 1]
        # the change as the week's lines showed it (their figures, rounded), so 32 → 35 is +3, never +4 (issue 31)
        change = None if talk.outcome == "lost" else round(log.health) - round(log.played)
        effects.append({"account": talk.account, "week": talk.week, "outcome": talk.outcome, "score": talk.score,
                        "health_change": change, "lost_week": campaign.runs[talk.account].lost_week,
                        "lost_week_even": even_runs[talk.account].lost_week})
    return effects


def _signed(change: float) -> str:
    """'+33', '−4', '0': health in whole numbers, as everywhere else."""
    whole = round(change)
    return ("+" if whole > 0 else "−" if whole < 0 else "") + f"{abs(whole)}"


def _one(p, e: dict) -> str:
    name = p.account(e["account"]).name
    if e["outcome"] == "lost":
        return f"{name} (week {e['week']}) was lost in the conversation"
    score = e["score"] if e["score"] is not None else ASSUMED_SCORE[e["outcome"]]
    scored = f"scored {score}" if e["score"] is not None else f"no score given, counted as {score}"
    said = (f"{name} (week {e['week']}) ended {'with them kept' if e['outcome'] == 'retained' else 'at risk'}, {scored}: "
            f"{_signed(e['health_change'])} health")
    if e["lost_week"] and not e["lost_week_even"]:
        said += f", and they left you in week {e['lost_week']}, which they would not have after an even conversation"
    elif e["lost_week_even"] and not e["lost_week"]:
        said += f", which kept them: after an even conversation they would have left in week {e['lost_week_even']}"
    elif e["lost_week"] and e["lost_week_even"] and e["health_change"]:
        said += f", and they left you in week {e['lost_week']}: they would have left after an even conversation too"
    return said


def left_either_way(p, result: dict) -> str:
    """Why conversations that moved health show no difference in profit: the accounts left either way
    ('The Good Grind café left either way'; '' when that is not why)."""
    names = [p.account(e["account"]).name for e in result.get("conversation_effects") or []
             if e["outcome"] != "lost" and e["health_change"] and e["lost_week"] and e["lost_week_even"]]
    names = list(dict.fromkeys(names))
    if not names:
        return ""
    return (", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]) + " left either way"


def conversation_line(p, result: dict) -> str:
    """The sentence under the ladder that explains its first step ('' when the quarter had no conversation)."""
    effects = result.get("conversation_effects") or []
    if not effects:
        return ""
    return ("Your conversations: " + "; ".join(_one(p, e) for e in effects) + ". The second figure counts each "
            f"as a middling call: at risk, scored {EVEN}, which leaves health where it was. So the difference "
            "between the first two figures is what your conversations did.")
