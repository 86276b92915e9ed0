"""The best-response policy for the weeks, and the benchmark quarter it plays.

The plan phase is optimised exactly (optimise.py). The weeks are not: with
many accounts' events competing for one week's hours the exact best answer
would need a search over every week's choices together. The policy is the
documented, tested stand-in: each week, the events are taken in order of the
account's profit (highest first); each gets its right answer (answers.py) if
it fits the week's and the quarter's time left, else the best fair answer
that does (at least half as good), else it is let go. It never offers a
concession. Formulas: docs/portfolio-model.md ("The best plan and the weeks").
"""
from __future__ import annotations

from game.core.portfolio import answers
from game.core.portfolio.campaign import Campaign
from game.core.portfolio.optimise import Best, best_plan
from game.core.portfolio.quarter import EVENT_KINDS
from game.core.portfolio.ranking import true_order

ENOUGH = 0.5  # the policy does not give an answer less than half as good as the right one


def answer_week(campaign: Campaign, accounts=None) -> list[tuple[str, str, str]]:
    """Answer the coming week's news by the policy; (account, event kind, answer) for each answer given.
    `accounts`: only these accounts' events (None: every account)."""
    p = campaign.portfolio
    given = []
    news = sorted(campaign.news(), key=lambda n: (-p.account(n[0]).profit, n[0], EVENT_KINDS.index(n[1].kind)))
    for aid, event in news:
        if accounts is not None and aid not in accounts:
            continue
        account, soon = p.account(aid), campaign.contact_soon(aid)
        for reply in answers.fallback_answers(account, event.kind, soon):
            if answers.quality(account, event.kind, reply, soon) < ENOUGH:
                break
            try:
                campaign.answer(aid, event.kind, reply)
            except ValueError:
                continue  # no time for it: try a cheaper one
            given.append((aid, event.kind, reply))
            break
    return given


def benchmark(portfolio, seed: int, best: Best | None = None) -> Campaign:
    """The best plan played through by the policy (answering only where the best plan answers), every linked
    conversation at risk."""
    best = best or best_plan(portfolio, seed)
    campaign = Campaign(portfolio, seed, true_order(portfolio), best.plan)
    campaign.play_out(lambda c, aid: ("at_risk", "assumed", None), lambda c: answer_week(c, best.answered))
    return campaign
