"""One go at the portfolio campaign, as a shell drives it: choose a
portfolio, read the briefing, rank, plan, play the quarter week by week and
read the debrief. `PortfolioRun.choose(action)` does what a page's choice
asks (the actions of `game.app.portfolio_view`'s choices) and says what the
shell must do itself: leave, ask before leaving the quarter, open a
conversation, or record the finished quarter. `view()` is the page to draw.
No pygame, no storage: recording and the leaderboard are the shell's.
"""
from __future__ import annotations

from game.app.portfolio_view import (ANSWER, BRIEF, DEBRIEF, LIST, OPTIONS, PLAN, QUARTER, RANK, REVISE,
                                     REVISE_OPTIONS, PortfolioPage, page_view)
from game.app.quarter_week import revised_words
from game.core.portfolio.campaign import Campaign, replay, saved_place
from game.core.portfolio.model import WEEKS
from game.core.portfolio.plan import Plan
from game.core.portfolio.review import debrief
from game.core.turns import fresh_seed

# what `choose` asks of the shell (None: nothing; draw the new view)
LEAVE = "leave"  # close the campaign's screen
ASK_TO_LEAVE = "ask_to_leave"  # mid-quarter: confirm first (nothing is recorded), then leave
TALK = "talk"  # (TALK, account id): open the account's linked conversation, then `resolve` its outcome
FINISHED = "finished"  # the quarter is over: `result` is the debrief to record
AGAIN = "again"  # the same portfolio from the start, with a new seed
SAVE = "save"  # a week has been played: save the quarter so far (`campaign.to_record()`) to resume it later
NOTE = "note"  # (NOTE, words): show the words (a choice that could not be made, and why)
UNRESUMABLE = "unresumable"  # (UNRESUMABLE, words): the saved quarter no longer replays; set it aside, show the words
CHANGED = "changed"  # (CHANGED, words): the plan was changed; show what it is now (quarter_week.revised_words)
BACK = {BRIEF: LIST, RANK: BRIEF, PLAN: RANK, OPTIONS: PLAN, ANSWER: QUARTER, REVISE: QUARTER,
        REVISE_OPTIONS: REVISE}


class PortfolioRun:
    """The campaign's state: the page, the portfolio, your ranking and plan,
    the account whose contact is being chosen, the quarter and its debrief.
    `library` is the portfolios to choose from. Where the focus goes after a
    choice is the new page's own `focus` (`view().focus`), as in the browser:
    on the plan the next account with nothing planned, on the quarter "Play
    week N"."""

    def __init__(self, library=(), seed: int | None = None, saved_for=None):
        """`saved_for(portfolio id)`: the shell's saved quarter of that portfolio (a record) or None."""
        self.library = list(library)
        self.saved_for = saved_for
        self.seed = fresh_seed() if seed is None else seed
        self.portfolio = None
        self.page = LIST
        self.ranking: list[str] = []
        self.plan = Plan({})
        self.choosing: str | None = None
        self.campaign: Campaign | None = None
        self.result: dict | None = None
        self.leaders: list[dict] = []
        self.answering: tuple | None = None  # (account id, event kind) on the answer page
        self.saved: dict | None = None  # a saved quarter of this portfolio, offered on the briefing
        self.played_from = 0  # the first week the last "play" choice played (0: none yet, or one week)

    def start(self, portfolio, saved: dict | None = None) -> None:
        """Open `portfolio` at its briefing; `saved` (a campaign record) is offered to resume."""
        self.portfolio, self.page = portfolio, BRIEF
        self.ranking, self.plan, self.campaign, self.result = [], Plan({}), None, None
        if saved is None and self.saved_for is not None:
            saved = self.saved_for(portfolio.id)
        self.saved = saved if saved and saved.get("content_hash") == portfolio.content_hash else None

    def to_list(self) -> None:
        """The list of portfolios, nothing open: the next quarter begins afresh (a new seed)."""
        self.portfolio, self.page, self.campaign, self.result, self.saved = None, LIST, None, None, None
        self.ranking, self.plan, self.leaders = [], Plan({}), []
        self.seed = fresh_seed()

    def view(self) -> PortfolioPage:
        choosing = self.answering if self.page == ANSWER else self.choosing
        return page_view(self.page, self.portfolio, library=self.library, ranking=self.ranking, plan=self.plan,
                         choosing=choosing, campaign=self.campaign, result=self.result, leaders=self.leaders,
                         resumable=saved_place(self.saved) if self.saved and self.page == BRIEF else None,
                         played_from=self.played_from if self.page == QUARTER else 0)

    def choose(self, action):
        """Do what a choice asks; returns what the shell must do (see the constants above) or None."""
        if action == "back":
            return self._back()
        kind, value = action if isinstance(action, tuple) else (action, None)
        if kind == "open":
            self.start(next(x for x in self.library if x.id == value))
        elif kind == "to_rank":
            self.page = RANK
        elif kind == "place":
            self.ranking.append(value)
        elif kind == "undo":
            self.ranking.pop()
        elif kind == "restart_rank":
            self.ranking = []
        elif kind == "to_plan":
            self.page = PLAN
        elif kind == "choose":
            self.page, self.choosing = OPTIONS, value
        elif kind == "set":
            self._set_contact(value)
        elif kind == "start_quarter":
            self.campaign = Campaign(self.portfolio, self.seed, self.ranking, self.plan)
            self.page, self.played_from = QUARTER, 0
        elif kind == "next_week":
            self.played_from = 0
            self.campaign.next_week()
            return self._played()
        elif kind == "to_end":
            self.played_from = self.campaign.week + 1
            while not self.campaign.finished and not self.campaign.due:
                self.campaign.next_week()
                if self.campaign.lost_this_week() or self.campaign.troubled_this_week():
                    break  # an account lost, or in trouble with no conversation to come, is seen as it happens
            return self._played()
        elif kind in ("answer", "reply", "to_quarter", "revise", "revise_account", "revise_set", "resume"):
            return self._decide(kind, value)
        elif kind == "talk":
            return TALK, value
        elif kind == "to_debrief":
            self.result, self.page = debrief(self.campaign), DEBRIEF
            return FINISHED
        elif kind == "again":
            self.seed = fresh_seed()
            self.start(self.portfolio)
            return AGAIN
        return None

    def _played(self):
        """After a week: the quarter so far is saved, with the week's answers (and any conversation now due)."""
        return SAVE

    def _decide(self, kind, value):
        """A week's decisions: answer an event, revise the plan, or resume a saved quarter."""
        if kind == "resume":
            try:
                self.campaign = replay(self.portfolio, self.saved)
            except (KeyError, TypeError, ValueError, AttributeError, StopIteration):
                self.saved = None  # the briefing offers a new quarter only
                return UNRESUMABLE, "Your saved quarter no longer fits this portfolio and cannot be resumed: start a new one."
            self.ranking, self.plan, self.page = list(self.campaign.ranking), self.campaign.plan, QUARTER
            self.played_from = 0
            self.seed = self.campaign.seed
        elif kind == "answer":
            self.answering, self.page = value, ANSWER
        elif kind == "reply":
            aid, event = self.answering
            try:
                self.campaign.answer(aid, event, value)
            except ValueError as exc:
                return NOTE, f"{exc}."
            self.page = QUARTER
        elif kind == "to_quarter":
            self.page = QUARTER
        elif kind == "revise":
            self.page = REVISE
        elif kind == "revise_account":
            self.choosing, self.page = value, REVISE_OPTIONS
        elif kind == "revise_set":
            try:
                self.campaign.revise(self.choosing, value)
            except ValueError as exc:
                return NOTE, f"Not changed: {exc}."
            self.plan, self.page = self.campaign.plan, QUARTER
            return CHANGED, revised_words(self.campaign, self.choosing)
        return None

    def _back(self):
        if self.page == DEBRIEF and self.library:  # Done: back to the campaign's list, for another quarter
            self.to_list()
            return None
        if self.page in (LIST, DEBRIEF) or (self.page == BRIEF and not self.library):
            return LEAVE
        if self.page == QUARTER:
            return ASK_TO_LEAVE
        self.page = BACK[self.page]
        return None

    def _set_contact(self, contact) -> None:
        contacts = {k: v for k, v in self.plan.contacts.items() if k != self.choosing}
        if contact is not None:
            contacts[self.choosing] = contact
        self.plan = Plan(contacts)
        self.page = PLAN

    def resolve(self, account_id: str, outcome: str | None, score) -> str:
        """The linked conversation with `account_id` ended (`outcome` None: unfinished, at risk);
        returns the note to show."""
        outcome = outcome or "at_risk"
        self.campaign.resolve(account_id, outcome, "played", score)
        return conversation_outcome(self.campaign, account_id, outcome)


def conversation_outcome(campaign, account_id: str, outcome: str) -> str:
    """How a linked conversation left the account, with its health as the week's lines count it (issue 31: the
    next week's line starts from this figure): 'Fenwick Bakeries: the account is at risk; health 32 → 35.'"""
    p, log = campaign.portfolio, campaign.runs[account_id].log[-1]
    words = f"{p.account(account_id).name}: the account is {outcome.replace('_', ' ')}"
    if outcome == "lost" or log.lost:
        return words + ". It has left you."
    before, after = round(log.played), round(log.health)
    return words + (f"; health {before} → {after}." if after != before else f"; health stays at {after}.")


def where_words(campaign) -> str:
    """Where the trainee is in the quarter, as leaving and resuming both say it: 'week 5 of 13', or 'week 2 of 13,
    in your conversation with The Good Grind café' while a conversation is due (`Campaign.place`)."""
    words = f"week {campaign.place} of {WEEKS}"
    talking = [c for c in campaign.due if campaign.playing(c)] or campaign.due
    if talking:
        words += f", in your conversation with {campaign.portfolio.account(talking[0]).name}"
    return words


def leave_quarter(campaign) -> tuple[str, str, str]:
    """The confirmation before leaving a quarter under way: (title, words, the button that leaves)."""
    where = where_words(campaign) if campaign is not None else f"week 1 of {WEEKS}"
    return ("Leave the quarter?", f"You are at {where}. It is kept as it is, with your answers and replies so "
            "far: open this portfolio again to resume it there.", "Yes, leave")


def left_words(campaign, player: str) -> str:
    """What the terminal says on quitting a saved quarter (the week its resume offers)."""
    return f"You left the quarter at {where_words(campaign)}; it is saved. Play this portfolio again as {player} " \
           "to resume it there."


def kept_words(record: dict, portfolio, player: str) -> str:
    """What the terminal says on quitting at the offer to resume a saved quarter: it is kept, untouched."""
    return f"Your saved quarter is kept: {resume_words(record, portfolio)}. Play this portfolio again as {player} " \
           "to resume it there."


def resume_words(record: dict, portfolio) -> str:
    """The saved quarter a resume offers: 'a quarter saved at week 5 of 13' (the week `left_words` said), and
    the conversation under way, if any."""
    words = f"a quarter saved at week {saved_place(record)} of {WEEKS}"
    talking = [c["account"] for c in record.get("conversations", []) if c.get("outcome") is None
               and c.get("week") == record.get("week") and c.get("account") in portfolio.ids]
    if talking:
        words += f", in your conversation with {portfolio.account(talking[0]).name}"
    return words
