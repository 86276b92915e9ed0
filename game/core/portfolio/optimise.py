"""The best contact plan for a seed and a budget: an exact optimisation.

Accounts run independently (see quarter.py), so a plan's value is the sum of
each account's value under its own option, and choosing one option per
account within the time budget is a multiple-choice knapsack. Times are whole
multiples of 15 minutes, values whole cents, so dynamic programming over the
budget finds the true optimum. Each account's choice is a contact option
and whether its events are answered (each with its right answer, whose time
is added to the option's): the plan phase is exact for that. The weeks are
played by the best-response policy (policy.py). Linked conversations count
as 'at risk' (the neutral outcome) for every plan, the trainee's included,
so plans are compared on the plan alone.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import reduce
from math import gcd

from game.core.portfolio.model import (CADENCE_GAP, FREQUENCIES, Account, Portfolio, allowed_channels,
                                       contact_minutes)
from game.core.portfolio.plan import Plan, options
from game.core.portfolio.quarter import Contact, run_account


@dataclass(frozen=True)
class Best:
    plan: Plan
    value_cents: int  # profit kept, in cents, with neutral conversations
    values: dict  # account id -> {option key: cents} for analysis
    answered: frozenset = frozenset()  # the accounts whose events the best answers (right answer, every time)
    minutes: dict = field(default_factory=dict)  # account id -> {option key: minutes over the quarter}


def option_key(contact: Contact | None, answered: bool = False) -> str:
    return (f"{contact.method}/{contact.frequency}" if contact else "none") + ("+answers" if answered else "")


def choices() -> list[tuple[Contact | None, bool]]:
    """Every choice for one account: a contact option, with its events answered or let go."""
    return [(c, answered) for c in options() for answered in (False, True)]


def account_values(portfolio: Portfolio, seed: int) -> tuple[dict, dict]:
    """Profit kept (cents) and time (minutes: contact plus answers) of every account under every choice."""
    values: dict[str, dict[str, int]] = {}
    minutes: dict[str, dict[str, int]] = {}
    for account in portfolio.accounts:
        values[account.id], minutes[account.id] = {}, {}
        for contact, answered in choices():
            run = run_account(portfolio, account, contact, seed, answer=answered)
            key = option_key(contact, answered)
            values[account.id][key] = run.profit_kept_cents
            minutes[account.id][key] = (contact_minutes(contact.method, contact.frequency) if contact else 0) \
                + run.answer_minutes
    return values, minutes


def plan_value(portfolio: Portfolio, plan: Plan, seed: int, answered=frozenset()) -> int:
    return sum(run_account(portfolio, a, plan.contact(a.id), seed, answer=a.id in answered).profit_kept_cents
               for a in portfolio.accounts)


def plan_minutes(portfolio: Portfolio, plan: Plan, seed: int, answered=frozenset()) -> int:
    """The plan's contact time plus the time its answers take."""
    return plan.minutes() + sum(run_account(portfolio, a, plan.contact(a.id), seed, answer=True).answer_minutes
                                for a in portfolio.accounts if a.id in answered)


def preference(account: Account, opts: list, steps: list[int]) -> list[int]:
    """The order in which an account's choices are tried: among choices that keep the same profit, the first
    wins, so the best plan keeps to a channel the account's notes allow (docs/portfolio-model.md, 'What each
    account asks for'), then to the least time. When the cap on health makes a call and an e-mail keep the
    same, the plan does not phone someone who rarely picks up the phone. Among those, it keeps to the cadence
    the notes ask for: never more often (a tie that the cap on health hides), then as near to it as it can."""
    allowed = allowed_channels(account)
    want = CADENCE_GAP[account.cadence]

    def key(i: int) -> tuple:
        contact = opts[i][0]
        if contact is None:
            return (False, False, len(CADENCE_GAP), steps[i], i)
        gap = CADENCE_GAP[contact.frequency]
        return (contact.method not in allowed, gap < want, abs(FREQUENCIES.index(contact.frequency)
                                                               - FREQUENCIES.index(account.cadence)), steps[i], i)
    return sorted(range(len(opts)), key=key)


def best_plan(portfolio: Portfolio, seed: int, answering: bool = True) -> Best:
    """The exact best plan; with `answering` False, the best of the plans whose events are all let go (what a
    trainee who presses Enter through every week could at most keep)."""
    values, minutes = account_values(portfolio, seed)
    opts = [c for c in choices() if answering or not c[1]]
    keys = [option_key(c, answered) for c, answered in opts]
    unit = reduce(gcd, [m for row in minutes.values() for m in row.values() if m], 0) or 1
    capacity = portfolio.budget_minutes // unit
    # best[k] = the most value with at most k units spent; keep each account's choice per budget
    best = [0] * (capacity + 1)
    picks_by_account: list[list[int]] = []
    for account in portfolio.accounts:
        row = [values[account.id][k] for k in keys]
        steps = [minutes[account.id][k] // unit for k in keys]
        tried = preference(account, opts, steps)
        new = [0] * (capacity + 1)
        pick = [0] * (capacity + 1)
        for k in range(capacity + 1):
            top, top_i = None, 0
            for i in tried:
                step = steps[i]
                if step <= k:
                    v = best[k - step] + row[i]
                    if top is None or v > top:
                        top, top_i = v, i
            new[k], pick[k] = top, top_i
        best = new
        picks_by_account.append(pick)
    # walk back from the full budget
    contacts, answered, k = {}, set(), capacity
    for account, pick in zip(reversed(portfolio.accounts), reversed(picks_by_account)):
        i = pick[k]
        contact, answers = opts[i]
        if contact is not None:
            contacts[account.id] = contact
        if answers:
            answered.add(account.id)
        k -= minutes[account.id][keys[i]] // unit
    return Best(Plan(contacts), best[capacity], values, frozenset(answered), minutes)
