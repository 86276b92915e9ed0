"""One trainee's quarter: a ranking, a plan, a seed, the answers given to
each week's events, and the linked conversations' outcomes. Everything else
(healths, the debrief) is derived from these, so an attempt is data and
replays exactly.

Each week: `news()` lists the events arriving in the coming week, `answer()`
records a reply to one (within the time left), `next_week()` plays the week;
an event with no answer is let go."""
from __future__ import annotations

from dataclasses import dataclass

from game.core.portfolio.model import EVENT_KINDS, METHOD_MINUTES, TROUBLE, WEEKS, Portfolio, weekly_hours
from game.core.portfolio.plan import Plan, budget_problem
from game.core.model import OUTCOMES
from game.core.quarter_story import KIND_NAMES, QuarterStory
from game.core.portfolio import answers, hours, week_words
from game.core.portfolio.quarter import EVENT_TITLES, AccountRun, Event
from game.core.portfolio.ranking import ranking_problem


@dataclass
class Conversation:
    account: str
    scenario: str
    week: int
    outcome: str | None = None
    source: str = "played"  # played (window or terminal), scripted (choices from a file), assumed (no entry)
    score: int | None = None
    playing: dict | None = None  # while it is under way: its playthrough's snapshot (the replies made so far)

    def to_dict(self) -> dict:
        done = {"account": self.account, "scenario": self.scenario, "week": self.week, "outcome": self.outcome,
                "source": self.source, "score": self.score}
        return done if self.playing is None else {**done, "playing": self.playing}


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
        self.plan = plan  # as it stands now (revisions included)
        self.first_plan = plan
        self.revisions: list[dict] = []  # {"week": from, "account", "method", "frequency"} (None: stop contact)
        self.runs = {a.id: AccountRun(portfolio, a, plan.contact(a.id), seed) for a in portfolio.accounts}
        self.week = 0
        self.due: list[str] = []  # accounts whose conversation is due this week, in portfolio order
        self.conversations: list[Conversation] = []
        self.replies: dict[tuple[int, str, str], str] = {}  # (week, account, event kind) -> answer

    # -- the week's decisions ---------------------------------------------
    def news(self) -> list[tuple[str, Event]]:
        """The events arriving in the coming week, (account id, event), in portfolio order."""
        if self.week >= WEEKS or self.due:
            return []
        return [(a.id, e) for a in self.portfolio.accounts for e in self.runs[a.id].events_in(self.week + 1)]

    def _pending_minutes(self, skip: tuple | None = None) -> int:
        week = self.week + 1
        return sum(answers.ANSWER_MINUTES[a] for key, a in self.replies.items() if key[0] == week and key != skip)

    def minutes_left(self, skip: tuple | None = None) -> int:
        """Time left for answers this quarter: the budget less the plan and every answer given or pending."""
        used = sum(run.answer_minutes + run.contact_minutes() for run in self.runs.values())
        return self.portfolio.budget_minutes - used - self._pending_minutes(skip)

    def week_minutes_left(self, skip: tuple | None = None) -> int:
        """Time left for answers this week: answers in one week take at most one week's hours (planned contact
        can be moved around them), and never more than the quarter has left."""
        return min(round(self.portfolio.budget_hours * 60) - self._pending_minutes(skip), self.minutes_left(skip))

    def week_contact_minutes(self, week: int | None = None) -> int:
        """The minutes of planned contact in a week (default: the coming one), with the plan as it stands, over the
        accounts still held: the figure a week's page shows."""
        week = week or self.week + 1
        return sum(METHOD_MINUTES[method] for run in self.runs.values()
                   if run.lost_week is None and (method := run._method_on(week)))

    def week_answer_minutes(self) -> int:
        """The minutes of the answers given so far to the coming week's news."""
        return self._pending_minutes()

    def revision_fits(self, account_id: str, contact) -> bool:
        """Whether changing the account's contact from the coming week on keeps the quarter within its time."""
        run, week = self.runs[account_id], self.week + 1
        ahead = METHOD_MINUTES[contact.method] * len(run.revised_weeks(contact, week)) if contact else 0
        now = run.contact_minutes() - sum(METHOD_MINUTES[log.contact] for log in run.log if log.contact)
        return self.minutes_left() + now - ahead >= 0

    def lost_this_week(self) -> list[str]:
        """The accounts that left in the week just played (or in its conversations)."""
        return [a.id for a in self.portfolio.accounts if self.week and self.runs[a.id].lost_week == self.week]

    def troubled_this_week(self) -> list[str]:
        """The accounts that fell below the trouble line in the week just played with no conversation to come
        (had this quarter, or none linked): told as it happens, so 'Play to the end' stops for them."""
        runs = [(a.id, self.runs[a.id]) for a in self.portfolio.accounts]
        return [aid for aid, run in runs if self.week and run.log and run.log[-1].trouble
                and run.healths[-2] >= TROUBLE]

    def revise(self, account_id: str, contact) -> None:
        """Change an account's contact from the coming week on (None: no more contact). Raises ValueError when
        what was done plus what is now planned, with the answers given, would not fit the quarter's time."""
        if account_id not in self.portfolio.ids:
            raise ValueError(f"the plan names unknown account '{account_id}'")
        if self.week >= WEEKS:
            raise ValueError("the quarter is over")
        run, week = self.runs[account_id], self.week + 1
        before = (run.contact, set(run._contact_weeks))
        run.revise(contact, week)
        if self.minutes_left() < 0:
            run.contact, run._contact_weeks = before
            raise ValueError(f"that needs {weekly_hours(-self.minutes_left()):.1f} hours a week more than the "
                             f"quarter has left")
        contacts = dict(self.plan.contacts)
        if contact is None:
            contacts.pop(account_id, None)
        else:
            contacts[account_id] = contact
        self.plan = Plan(contacts)
        self.revisions.append({"week": week, "account": account_id,
                               "method": contact.method if contact else None,
                               "frequency": contact.frequency if contact else None})

    def revised_weeks(self, account_id: str, contact) -> tuple[int, ...]:
        """The weeks a contact chosen now would fall in, from the coming week on (see AccountRun.revised_weeks)."""
        return self.runs[account_id].revised_weeks(contact, self.week + 1)

    def contact_soon(self, account_id: str) -> bool:
        return self.runs[account_id].contact_soon(self.week + 1)

    def answer(self, account_id: str, kind: str, reply: str | None) -> None:
        """Answer (or, with None, let go) an event of the coming week. Raises ValueError for an event that
        does not arrive, an answer that does not fit the event, or one there is no time for."""
        account_name = self.portfolio.account(account_id).name if account_id in self.portfolio.ids else account_id
        if not any(aid == account_id and e.kind == kind for aid, e in self.news()):
            raise ValueError(f"week {self.week + 1}: {account_name} has no {kind.replace('-', ' ')} to answer")
        key = (self.week + 1, account_id, kind)
        if reply is None:
            self.replies.pop(key, None)
            return
        if reply not in answers.VALID[kind]:
            raise ValueError(f"'{reply}' is not an answer to {kind.replace('-', ' ')} "
                             f"(answers: {', '.join(answers.VALID[kind])})")
        cost = answers.ANSWER_MINUTES[reply]
        if cost > self.week_minutes_left(skip=key):
            raise ValueError(f"week {self.week + 1}: no time to {answers.ANSWER_TITLES[reply].lower()} for "
                             f"{account_name} ({hours.h(cost)}; {hours.h(max(0, self.week_minutes_left(skip=key)))} left this week)")
        self.replies[key] = reply

    def story(self, account_id: str) -> QuarterStory:
        """What the quarter has told on an account up to and including the week just played: the story its linked
        conversation (due this week) starts with (game/core/quarter_story.py; docs/portfolio-model.md)."""
        log = self.runs[account_id].log[: self.week]
        told = [event for week in log for event in week.events]
        count = {KIND_NAMES[kind].removeprefix("quarter_"): sum(1 for e in told if e.kind == kind)
                 for kind in EVENT_KINDS}
        return QuarterStory(week=max(1, self.week), contacts=sum(1 for week in log if week.contact),
                            unanswered=sum(1 for e in told if e.answer is None), **count)

    @property
    def finished(self) -> bool:
        return self.week >= WEEKS and not self.due

    @property
    def place(self) -> int:
        """The week the trainee is at: the week just played while its conversation is due, else the coming week
        (its news and answers); what leaving and resuming the quarter both say."""
        return self.week if self.due or self.week >= WEEKS else self.week + 1

    def keep_playing(self, account_id: str, snapshot: dict | None) -> None:
        """Keep the due conversation with the account as it stands (its playthrough's snapshot; None: not begun),
        so a quarter saved now resumes inside it with the replies made so far."""
        if account_id not in self.due:
            raise ValueError(f"no conversation with '{account_id}' is due")
        self._due_conversation(account_id).playing = snapshot

    def playing(self, account_id: str) -> dict | None:
        """The snapshot of the due conversation with the account as far as it was played, or None."""
        return self._due_conversation(account_id).playing if account_id in self.due else None

    def _due_conversation(self, account_id: str) -> Conversation:
        return next(c for c in self.conversations if c.account == account_id and c.outcome is None)

    def next_week(self) -> list[str]:
        """Play the next week for every account; the accounts whose linked
        conversation is now due (resolve each before the next week)."""
        if self.due:
            raise ValueError("resolve this week's conversations first")
        if self.week >= WEEKS:
            raise ValueError("the quarter is over")
        self.week += 1
        for account in self.portfolio.accounts:
            replies = {kind: a for (week, aid, kind), a in self.replies.items()
                       if week == self.week and aid == account.id}
            if self.runs[account.id].advance(replies):
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
                conversation.playing = None

    def play_out(self, outcome_for, decide=None) -> None:
        """Play the rest of the quarter; `outcome_for(campaign, account_id)` ->
        (outcome, source, score) settles each conversation as it falls due;
        `decide(campaign)`, if given, answers each week's news before it is played."""
        while not self.finished:
            if not self.due and decide is not None:
                decide(self)
            for account_id in list(self.due) or self.next_week():
                self.resolve(account_id, *outcome_for(self, account_id))

    def week_lines(self, week: int | None = None) -> list[tuple[str, str]]:
        """(account name, what happened, ending with the health change) for the week (default: the last played)."""
        week = week or self.week
        lines = []
        for account in self.portfolio.accounts:
            run = self.runs[account.id]
            if len(run.log) < week:
                continue
            log = run.log[week - 1]
            parts = []
            if log.contact:
                parts.append(week_words.contact_words(run, week))
            for event in log.events:
                how = f" ({answers.ANSWER_TITLES[event.answer].lower()})" if event.answer else ""
                parts.append(f"{EVENT_TITLES[event.kind]}{how}: {week_words.event_outcome(run, event, week)}")
            told = week_words.conversation_words(self, account.id, week)
            if told:
                parts.append(told)
            if parts or week_words.has_line(run, week):
                parts.append(week_words.health_words(run, week))
            if trouble := week_words.trouble_words(run, week):
                parts.append(trouble)
            if log.lost:
                parts.append("the account left")
            if parts:
                lines.append((account.name, "; ".join(parts)))
        return lines

    def to_record(self) -> dict:
        """The attempt as data: enough to replay it exactly."""
        return {"portfolio": self.portfolio.id, "version": self.portfolio.version,
                "content_hash": self.portfolio.content_hash, "seed": self.seed, "ranking": self.ranking,
                "plan": self.first_plan.to_dict(), "revisions": list(self.revisions), "week": self.week,
                "conversations": [c.to_dict() for c in self.conversations],
                "answers": [{"week": w, "account": aid, "event": kind, "answer": a}
                            for (w, aid, kind), a in sorted(self.replies.items())]}


def saved_place(record: dict) -> int:
    """The week a saved quarter's record resumes at (`Campaign.place` of its replay), read from the record alone:
    the week reached while a conversation of that week is still due, else the coming week."""
    week = int(record.get("week", WEEKS))
    due = any(c.get("outcome") is None and c.get("week") == week for c in record.get("conversations", []))
    return week if due or week >= WEEKS else week + 1


def replay(portfolio: Portfolio, record: dict, assume: str | None = None) -> Campaign:
    """Rebuild a campaign from its record: the whole quarter, or a saved one up to the week it reached (a
    conversation due that week and not yet played stays due, with the replies made in it so far; the changes
    of plan and the answers already given for the coming week stand). Raises ValueError, KeyError or TypeError
    for a record that does not fit the portfolio. With `assume` (an outcome), every conversation ends that way
    instead (answers to events that no longer arrive, the account having gone, are not given)."""
    from game.core.portfolio.quarter import Contact

    def contact(method, frequency):
        return Contact(method, frequency) if method else None
    plan = Plan({aid: Contact(c["method"], c["frequency"]) for aid, c in record["plan"].items()})
    campaign = Campaign(portfolio, record["seed"], record["ranking"], plan)
    settled = {c["account"]: c for c in record["conversations"] if c.get("outcome") and assume is None}
    given = {(r["week"], r["account"], r["event"]): r["answer"] for r in record.get("answers", [])}
    until = int(record.get("week", WEEKS))
    if not 0 <= until <= WEEKS:
        raise ValueError(f"a saved quarter cannot be at week {until}")

    def decide(coming):  # the week's changes of plan, then its answers, as they were made
        for r in record.get("revisions", []):
            if r["week"] == coming:
                campaign.revise(r["account"], contact(r["method"], r["frequency"]))
        for aid, event in campaign.news():
            if (coming, aid, event.kind) in given:
                campaign.answer(aid, event.kind, given[(coming, aid, event.kind)])
    while campaign.week < until and not campaign.due:
        decide(campaign.week + 1)
        for account_id in campaign.next_week():
            c = settled.get(account_id)
            if assume is not None:
                campaign.resolve(account_id, assume, "assumed", None)
            elif c is not None:
                campaign.resolve(account_id, c["outcome"], c.get("source", "played"), c.get("score"))
    if campaign.week != until:
        raise ValueError(f"the saved quarter stops at week {campaign.week}, not at week {until}")
    if assume is None and until < WEEKS:  # a saved quarter: what was decided for the coming week, and any talk
        decide(until + 1)
        for c in record["conversations"]:
            if c.get("outcome") is None and c.get("playing") is not None and c["account"] in campaign.due:
                campaign.keep_playing(c["account"], dict(c["playing"]))
    return campaign
