"""A contact plan: for each account a method and a frequency (or none),
within the portfolio's weekly time budget."""
from __future__ import annotations

from dataclasses import dataclass

from game.core.portfolio.model import FREQUENCIES, METHODS, Portfolio, contact_minutes, weekly_hours
from game.core.portfolio.quarter import Contact


@dataclass(frozen=True)
class Plan:
    contacts: dict  # account id -> Contact (accounts left out get no contact)

    def contact(self, account_id: str) -> Contact | None:
        return self.contacts.get(account_id)

    def minutes(self, account_id: str | None = None) -> int:
        if account_id is not None:
            c = self.contacts.get(account_id)
            return contact_minutes(c.method, c.frequency) if c else 0
        return sum(contact_minutes(c.method, c.frequency) for c in self.contacts.values() if c)

    def hours_a_week(self) -> float:
        return weekly_hours(self.minutes())

    def to_dict(self) -> dict:
        return {aid: {"method": c.method, "frequency": c.frequency}
                for aid, c in sorted(self.contacts.items()) if c}


def options() -> list[Contact | None]:
    """Every choice for one account: no contact, or a method at a frequency."""
    return [None] + [Contact(m, f) for m in METHODS for f in FREQUENCIES]


def budget_problem(portfolio: Portfolio, plan: Plan) -> str | None:
    """A sentence when the plan takes more time than the budget, else None."""
    used = plan.minutes()
    if used <= portfolio.budget_minutes:
        return None
    return (f"the plan needs {weekly_hours(used):.1f} hours a week but the budget is "
            f"{portfolio.budget_hours:g} hours a week ({weekly_hours(used - portfolio.budget_minutes):.1f} too many)")


def hours_left(portfolio: Portfolio, plan: Plan) -> float:
    return weekly_hours(portfolio.budget_minutes - plan.minutes())
