"""One trainee's quarter: a ranking, a plan, a seed, and the linked
conversations' outcomes. Everything else (healths, events, the debrief) is
derived from these, so an attempt is data and replays exactly."""
from __future__ import annotations

from dataclasses import dataclass

from game.core.portfolio.model import METHOD_TITLES, WEEKS, Portfolio
from game.core.portfolio.plan import Plan, budget_problem
from game.core.model import OUTCOMES
from game.core.portfolio.quarter import EVENT_TITLES, AccountRun
from game.core.portfolio.ranking import ranking_problem


@dataclass
class Conversation:
    account: str
    scenario: str
    week: int
    outcome: str | None = None
    source: str = "played"  # played (window or terminal), scripted (choices from a file), assumed (no entry)
    score: int | None = None

    def to_dict(self) -> dict:
        return {"account": self.account, "scenario": self.scenario, "week": self.week, "outcome": self.outcome,
                "source": self.source, "score": self.score}


class Campaign:
    def __init__(self, portfolio: Portfolio, seed: int, ranking: list[str], plan: Plan):
        for problem in (ranking_problem(portfolio, ranking), budget_problem(portfolio, plan)):
            if problem:
                raise ValueError(problem)
        unknown = [aid for aid in plan.contacts if aid not in portfolio.ids]
        if unknown:
            raise ValueError(f"the plan names unknown account '{unknown[0]}'")
        self.portfolio = portfolio
        self.seed = seed
        self.ranking = list(ranking)
        self.plan = plan
        self.runs = {a.id: AccountRun(portfolio, a, plan.contact(a.id), seed) for a in portfolio.accounts}
        self.week = 0
        self.due: list[str] = []  # accounts whose conversation is due this week, in portfolio order
        self.conversations: list[Conversation] = []

    @property
    def finished(self) -> bool:
        return self.week >= WEEKS and not self.due

    def next_week(self) -> list[str]:
        """Play the next week for every account; the accounts whose linked
        conversation is now due (resolve each before the next week)."""
        if self.due:
            raise ValueError("resolve this week's conversations first")
        if self.week >= WEEKS:
            raise ValueError("the quarter is over")
        self.week += 1
        for account in self.portfolio.accounts:
            if self.runs[account.id].advance():
                self.due.append(account.id)
                self.conversations.append(Conversation(account.id, account.scenario, self.week))
        return list(self.due)

    def resolve(self, account_id: str, outcome: str, source: str = "played", score: int | None = None) -> None:
        if account_id not in self.due:
            raise ValueError(f"no conversation with '{account_id}' is due")
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome '{outcome}'")
        self.runs[account_id].resolve(outcome, score)
        self.due.remove(account_id)
        for conversation in self.conversations:
            if conversation.account == account_id and conversation.outcome is None:
                conversation.outcome, conversation.source, conversation.score = outcome, source, score

    def play_out(self, outcome_for) -> None:
        """Play the rest of the quarter; `outcome_for(campaign, account_id)` ->
        (outcome, source, score) settles each conversation as it falls due."""
        while not self.finished:
            for account_id in list(self.due) or self.next_week():
                self.resolve(account_id, *outcome_for(self, account_id))

    def week_lines(self, week: int | None = None) -> list[tuple[str, str]]:
        """(account name, what happened) for the week (default: the last played)."""
        week = week or self.week
        lines = []
        for account in self.portfolio.accounts:
            run = self.runs[account.id]
            if len(run.log) < week:
                continue
            log = run.log[week - 1]
            parts = []
            if log.contact:
                parts.append(METHOD_TITLES[log.contact])
            for event in log.events:
                parts.append(f"{EVENT_TITLES[event.kind]}: {event.words}")
            if log.conversation:
                parts.append(f"conversation: {log.conversation.replace('_', ' ')}")
            if log.lost:
                parts.append("the account left")
            if parts:
                lines.append((account.name, "; ".join(parts)))
        return lines

    def to_record(self) -> dict:
        """The attempt as data: enough to replay it exactly."""
        return {"portfolio": self.portfolio.id, "version": self.portfolio.version,
                "content_hash": self.portfolio.content_hash, "seed": self.seed, "ranking": self.ranking,
                "plan": self.plan.to_dict(), "conversations": [c.to_dict() for c in self.conversations]}


def replay(portfolio: Portfolio, record: dict) -> Campaign:
    """Rebuild a finished campaign from its record."""
    from game.core.portfolio.quarter import Contact
    plan = Plan({aid: Contact(c["method"], c["frequency"]) for aid, c in record["plan"].items()})
    campaign = Campaign(portfolio, record["seed"], record["ranking"], plan)
    settled = {c["account"]: c for c in record["conversations"]}

    def outcome_for(_campaign, account_id):
        c = settled[account_id]
        return c["outcome"], c.get("source", "played"), c.get("score")
    campaign.play_out(outcome_for)
    return campaign
