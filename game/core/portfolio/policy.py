"""The best-response policy for the weeks, and the benchmark quarter it plays.

The plan phase is optimised exactly (optimise.py). The weeks are not: with
many accounts' events competing for one week's hours the exact best answer
would need a search over every week's choices together. The policy is the
documented, tested stand-in: each week, the answers that buy the most
profit-weighted health within the week's and the quarter's time left (an
exact knapsack over that week's events alone; it does not save time for
later weeks). It never offers a concession. Formulas: docs/portfolio-model.md ("The best plan and the weeks").
"""
from __future__ import annotations

from game.core.portfolio import answers
from game.core.portfolio.campaign import Campaign
from game.core.portfolio.optimise import Best, best_plan
from game.core.portfolio.model import MAX_HEALTH
from game.core.portfolio.quarter import EVENT_KINDS
from game.core.portfolio.ranking import true_order

UNIT = 15  # minutes: every answer takes a multiple of this


def _worth(account, kind: str, q: float, health: float) -> float:
    """What an answer of quality q is worth against letting the event go: profit × the health it adds, from
    the account's health now (within 0..100)."""
    def after(change: float) -> float:
        return max(0.0, min(MAX_HEALTH, health + change))
    return account.profit * (after(answers.change(kind, q)) - after(answers.change(kind, None)))


def answer_week(campaign: Campaign, accounts=None) -> list[tuple[str, str, str]]:
    """Answer the coming week's news by the policy; (account, event kind, answer) for each answer given.
    `accounts`: only these accounts' events (None: every account). The week's answers are the ones that buy
    the most profit-weighted health (Σ profit × (change answered − change let go)) within the week's and the
    quarter's time left: an exact multiple-choice knapsack over the week's events (each let go or given a
    fair answer, never a concession), cheaper first among equals."""
    p = campaign.portfolio
    news = sorted(campaign.news(), key=lambda n: (-p.account(n[0]).profit, n[0], EVENT_KINDS.index(n[1].kind)))
    news = [(aid, event) for aid, event in news if accounts is None or aid in accounts]
    capacity = max(0, min(campaign.week_minutes_left(), campaign.minutes_left())) // UNIT
    # best[k]: (worth, -minutes, picks) with at most k units spent
    best = [(0.0, 0, ())] * (capacity + 1)
    for aid, event in news:
        account, soon = p.account(aid), campaign.contact_soon(aid)
        options = [(None, 0, 0.0)] + [(a, answers.ANSWER_MINUTES[a] // UNIT, _worth(account, event.kind,
                                       answers.quality(account, event.kind, a, soon), campaign.runs[aid].health))
                                      for a in answers.fallback_answers(account, event.kind, soon)]
        new = []
        for k in range(capacity + 1):
            top = None
            for reply, units, worth in options:
                if units <= k:
                    w, m, picks = best[k - units]
                    trial = (w + worth, m - units, picks + (reply,))
                    if top is None or trial[:2] > top[:2]:
                        top = trial
            new.append(top)
        best = new
    given = []
    for (aid, event), reply in zip(news, best[capacity][2]):
        if reply is not None:
            campaign.answer(aid, event.kind, reply)
            given.append((aid, event.kind, reply))
    return given


def benchmark(portfolio, seed: int, best: Best | None = None) -> Campaign:
    """The best plan played through by the policy (answering only where the best plan answers), every linked
    conversation at risk."""
    best = best or best_plan(portfolio, seed)
    campaign = Campaign(portfolio, seed, true_order(portfolio), best.plan)
    campaign.play_out(lambda c, aid: ("at_risk", "assumed", None), lambda c: answer_week(c, best.answered))
    return campaign
