"""Ranking accounts by what they are worth keeping, and scoring a ranking.

Worth keeping is annual profit: revenue × margin (the source ranks by revenue
and profit; revenue is the size of the relationship, profit what it leaves).
The true order breaks ties by revenue, then by name. A ranking is scored by
its value-weighted displacement: each account's profit times how many places
it sits from its true place, summed, and set against the same sum for the
reversed order. The true order scores 100, the reverse 0; a swap of two
neighbours costs only their two profits, so it loses little, while putting a
thin-margin giant on top costs a lot. Formulas: docs/portfolio-model.md.
"""
from __future__ import annotations

from dataclasses import dataclass

from game.core.portfolio.model import Account, Portfolio


def true_order(portfolio: Portfolio) -> list[str]:
    ranked = sorted(portfolio.accounts, key=lambda a: (-a.profit, -a.revenue, a.name))
    return [a.id for a in ranked]


def revenue_order(portfolio: Portfolio) -> list[str]:
    """The trap: the accounts by the size of their bill alone."""
    return [a.id for a in sorted(portfolio.accounts, key=lambda a: (-a.revenue, a.name))]


def displacement(portfolio: Portfolio, ranking: list[str]) -> float:
    """Σ profit × |placed − true place| over the accounts."""
    truth = {aid: i for i, aid in enumerate(true_order(portfolio))}
    return sum(portfolio.account(aid).profit * abs(i - truth[aid]) for i, aid in enumerate(ranking))


def rank_percent(portfolio: Portfolio, ranking: list[str]) -> int:
    """100 × (1 − displacement ÷ the reversed order's displacement), 0..100."""
    worst = displacement(portfolio, true_order(portfolio)[::-1])
    if worst <= 0:
        return 100
    return max(0, min(100, round(100 * (1 - displacement(portfolio, ranking) / worst))))


@dataclass(frozen=True)
class Misplaced:
    account: str
    placed: int  # 1-based
    belongs: int  # 1-based
    why: str


def _money(portfolio: Portfolio, amount: float) -> str:
    return money(portfolio.currency, amount)


def shown(amount: float) -> float:
    """The amount as `money` shows it (to the pound under 10,000, to the thousand under a million, else to
    ten thousand): differences of shown figures are then differences of what the trainee reads."""
    amount = round(amount)
    if abs(amount) >= 1_000_000:
        return round(amount, -4)
    if abs(amount) >= 10_000:
        return round(amount, -3)
    return amount


def money(currency: str, amount: float) -> str:
    amount = round(amount)
    if abs(amount) >= 1_000_000:
        return f"{currency}{amount / 1_000_000:.2f}m".replace(".00m", "m")
    if abs(amount) >= 10_000:
        return f"{currency}{amount / 1000:.0f}k"
    return f"{currency}{amount:,}"


def _why(portfolio: Portfolio, account: Account, placed: int, belongs: int, by_revenue: int) -> str:
    profit = _money(portfolio, account.profit)
    revenue = _money(portfolio, account.revenue)
    margin = f"{account.margin * 100:.0f}%"
    if placed < belongs:
        if by_revenue < belongs:
            return (f"{revenue} a year looks big, but at a {margin} margin it keeps only {profit} of profit: "
                    f"it belongs {ordinal(belongs)}, not {ordinal(placed)}")
        return f"it keeps {profit} of profit a year ({revenue} at {margin}): {ordinal(belongs)}, not {ordinal(placed)}"
    if "slipping-volumes" in account.cues or account.health < 50:
        return (f"{profit} of profit a year: a valuable account that is slipping is one to protect first, "
                f"not to write off ({ordinal(belongs)}, not {ordinal(placed)})")
    if by_revenue > belongs:
        return (f"small at {revenue} a year, but a {margin} margin makes it {profit} of profit: "
                f"it belongs {ordinal(belongs)}, not {ordinal(placed)}")
    return f"it keeps {profit} of profit a year ({revenue} at {margin}): {ordinal(belongs)}, not {ordinal(placed)}"


def misplaced(portfolio: Portfolio, ranking: list[str]) -> list[Misplaced]:
    """Each account not in its true place, furthest off first, with why."""
    truth = true_order(portfolio)
    by_revenue = [a.id for a in sorted(portfolio.accounts, key=lambda a: (-a.revenue, a.name))]
    found = []
    for placed, aid in enumerate(ranking, 1):
        belongs = truth.index(aid) + 1
        if placed != belongs:
            account = portfolio.account(aid)
            found.append(Misplaced(aid, placed, belongs,
                                   _why(portfolio, account, placed, belongs, by_revenue.index(aid) + 1)))
    return sorted(found, key=lambda m: (-abs(m.placed - m.belongs), m.belongs))


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def ranking_problem(portfolio: Portfolio, ranking: list[str]) -> str | None:
    """A sentence when the ranking is not every account exactly once."""
    known = set(portfolio.ids)
    seen: set[str] = set()
    for aid in ranking:
        if aid not in known:
            from game.core.field_checks import did_you_mean
            return f"the ranking names unknown account '{aid}'{did_you_mean(aid, portfolio.ids)}"
        if aid in seen:
            return f"the ranking lists '{aid}' twice"
        seen.add(aid)
    missing = [aid for aid in portfolio.ids if aid not in seen]
    if missing:
        return f"the ranking leaves out {', '.join(missing)} (rank every account once)"
    return None
