"""The best contact plan for a seed and a budget: an exact optimisation.

Accounts run independently (see quarter.py), so a plan's value is the sum of
each account's value under its own option, and choosing one option per
account within the time budget is a multiple-choice knapsack. Times are whole
multiples of 15 minutes, values whole cents, so dynamic programming over the
budget finds the true optimum. Linked conversations count as 'at risk' (the
neutral outcome) for every plan, the trainee's included, so plans are
compared on the plan alone.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from math import gcd

from game.core.portfolio.model import Portfolio, contact_minutes
from game.core.portfolio.plan import Plan, options
from game.core.portfolio.quarter import Contact, run_account


@dataclass(frozen=True)
class Best:
    plan: Plan
    value_cents: int  # profit kept, in cents, with neutral conversations
    values: dict  # account id -> {option key: cents} for analysis


def option_key(contact: Contact | None) -> str:
    return f"{contact.method}/{contact.frequency}" if contact else "none"


def account_values(portfolio: Portfolio, seed: int) -> dict[str, dict[str, int]]:
    """Profit kept (cents) of every account under every option."""
    table = {}
    for account in portfolio.accounts:
        table[account.id] = {option_key(c): run_account(portfolio, account, c, seed).profit_kept_cents
                             for c in options()}
    return table


def plan_value(portfolio: Portfolio, plan: Plan, seed: int) -> int:
    return sum(run_account(portfolio, a, plan.contact(a.id), seed).profit_kept_cents for a in portfolio.accounts)


def best_plan(portfolio: Portfolio, seed: int) -> Best:
    table = account_values(portfolio, seed)
    opts = options()
    costs = [contact_minutes(c.method, c.frequency) if c else 0 for c in opts]
    unit = reduce(gcd, [c for c in costs if c], 0) or 1
    capacity = portfolio.budget_minutes // unit
    steps = [c // unit for c in costs]
    # best[k] = (value, -time) with k units spent at most; keep each account's choice per budget
    best = [0] * (capacity + 1)
    choices: list[list[int]] = []
    for account in portfolio.accounts:
        values = [table[account.id][option_key(c)] for c in opts]
        new = [0] * (capacity + 1)
        pick = [0] * (capacity + 1)
        for k in range(capacity + 1):
            top, top_i = None, 0
            for i, step in enumerate(steps):
                if step <= k:
                    v = best[k - step] + values[i]
                    if top is None or v > top:
                        top, top_i = v, i
            new[k], pick[k] = top, top_i
        best = new
        choices.append(pick)
    # walk back from the full budget
    contacts, k = {}, capacity
    for account, pick in zip(reversed(portfolio.accounts), reversed(choices)):
        i = pick[k]
        if opts[i] is not None:
            contacts[account.id] = opts[i]
        k -= steps[i]
    return Best(Plan(contacts), best[capacity], table)
