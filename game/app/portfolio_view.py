"""What each page of the portfolio campaign shows, as plain data: its title,
the text above and below its choices, the choices (label, detail, action)
and a health series per account. Pure functions of the campaign's state;
the window draws a `PortfolioPage` and hands the chosen action back.

Pages: the list of portfolios, the briefing (with every account), the
ranking, the plan, one account's contact options, the quarter week by week
(with the coming week's news to answer: `quarter_week.py`) and the debrief
(`QuarterDebrief`: the facts the terminal prints too).
"""
from __future__ import annotations

from dataclasses import dataclass

from game.app import quarter_week
from game.core.portfolio import hours as portfolio_time
from game.app.choices import Choice
from game.app.text import reflow
from game.core.model import LEVER_TITLES
from game.core.portfolio.model import FREQUENCIES, FREQUENCY_TITLES, METHOD_TITLES, METHODS, WEEKS, contact_minutes
from game.core.portfolio.quarter import Contact
from game.core.portfolio.ranking import money, ordinal, true_order
from game.core.portfolio.review import LEVER_MEASURES, contact_words, figure_lines, trainer_command

LIST, BRIEF, RANK, PLAN, OPTIONS, QUARTER, DEBRIEF = "list", "brief", "rank", "plan", "options", "quarter", "debrief"
ANSWER, REVISE, REVISE_OPTIONS = "answer", "revise", "revise_options"  # a week's decisions (quarter_week.py)
LIST_TITLE = "Protect your turf: account portfolios"
LIST_TEXT = ("Rank an account manager's customers, plan your contact within a weekly budget and live "
             "through a quarter: customers leave when they feel neglected. Choose a portfolio.")
CHART_CAPTION = "Health week by week (a dashed line marks trouble; green after a conversation that kept them):"


@dataclass(frozen=True)
class ChartRow:
    label: str  # 'Harbour Dental · 71' or '… · lost in week 6'
    healths: list  # health (0..100) at week 0, 1, … so far
    outcome: str | None  # the outcome of a conversation with the account, if one was had


@dataclass(frozen=True)
class PlayedWeek:
    week: int
    heading: str  # 'Week 4 of 13'
    lines: tuple[str, ...]  # 'Greenway Grocers: A complaint: …; health 58 → 51.' or 'A quiet week.'


@dataclass(frozen=True)
class PortfolioPage:
    page: str
    title: str
    head: str  # above the choices
    tail: str  # below them ('' when none)
    choices: tuple[Choice, ...]
    charts: tuple[ChartRow, ...] = ()
    focus: int = 0  # the choice a trainee begins at (the focus when the page opens)
    weeks: tuple[PlayedWeek, ...] = ()  # on the quarter: each week the last choice played, when it played several


def account_line(p, a) -> str:
    return (f"{a.name} ({a.sector}): revenue {money(p.currency, a.revenue)} a year at a {a.margin * 100:.0f}% "
            f"margin, health {a.health}, {a.pressure} competitor pressure")


def briefing_line(p, a) -> str:
    """An account as the briefing lists it: its line, and whether trouble would bring a conversation."""
    return account_line(p, a) + (" · a conversation if it falls into trouble" if a.scenario else "")


def brief_text(p) -> str:
    return reflow(p.briefing)


def accounts_heading(p) -> str:
    return f"Your accounts ({len(p.accounts)}), {p.budget_hours:g} hours a week to keep them:"


def accounts_text(p) -> str:
    """Every account with its notes (under the briefing's buttons)."""
    lines = [accounts_heading(p)]
    for a in p.accounts:
        lines.append("")
        lines.append(briefing_line(p, a))
        lines += [f"    {n.text}" for n in a.notes]
    return "\n".join(lines)


def list_choices(portfolios) -> tuple[Choice, ...]:
    return tuple(Choice(x.title, ("open", x.id), number=n if n <= 9 else None, detail=f"{x.industry} · {len(x.accounts)} accounts · "
                        f"{x.budget_hours:g} hours a week") for n, x in enumerate(portfolios, 1)) + (Choice("Back", "back"),)


# the ranking's instruction in every shell: the briefing's words (the source ranks by revenue and profit), without
# saying which of the two decides, which the trainee is to work out from the briefing (trial B3)
RANK_HEAD = ("Rank the accounts by their revenue and their profit, as the briefing asks: the one most worth keeping "
             "first.")


def rank_text(p, ranking: list[str]) -> str:
    head = RANK_HEAD
    if not ranking:
        return head
    placed = "\n".join(f"{i}. {p.account(aid).name}" for i, aid in enumerate(ranking, 1))
    return f"{head}\n\nYour ranking so far:\n{placed}"


def rank_choices(p, ranking: list[str]) -> tuple[Choice, ...]:
    left = [a for a in p.accounts if a.id not in ranking]
    items = [Choice(a.name, ("place", a.id), number=n if n <= 9 else None,
                    detail=f"{money(p.currency, a.revenue)} a year at {a.margin * 100:.0f}% · health {a.health}")
             for n, a in enumerate(left, 1)]
    if not left:
        items.insert(0, Choice("Plan your contact", "to_plan"))
    if ranking:
        items += [Choice("Undo the last", "undo"), Choice("Start the ranking again", "restart_rank")]
    return tuple(items) + (Choice("Back", "back"),)


def plan_title(p, plan) -> str:
    """The plan's pages keep the hours in sight while the list scrolls."""
    return portfolio_time.plan_title(p, plan)


def plan_text(p, plan) -> str:
    return ("For each account choose how you keep in touch, and how often. " + portfolio_time.plan_time(p, plan)
            + "\n\n" + portfolio_time.method_times())


def plan_choices(p, ranking, plan) -> tuple[Choice, ...]:
    items = [Choice("Start the quarter", "start_quarter")]
    for n, aid in enumerate(ranking, 1):
        c = plan.contact(aid)
        cost = f" · {portfolio_time.contact_cost(c)}" if c else ""
        items.append(Choice(p.account(aid).name, ("choose", aid), number=n if n <= 9 else None,
                            detail=contact_words(c) + cost))
    return tuple(items) + (Choice("Back to the ranking", "to_rank"),)


def plan_focus(ranking, plan) -> int:
    """Where a trainee begins on the plan: the first account (most valuable
    first) with no contact planned yet; 'Start the quarter' once all have one."""
    for place, aid in enumerate(ranking, 1):
        if plan.contact(aid) is None:
            return place
    return 0


def options_text(p, aid) -> str:
    a = p.account(aid)
    return account_line(p, a) + "\n" + "\n".join(n.text for n in a.notes)


def contact_hours(contact: Contact) -> str:
    """'6 visits × 3 h = 18 h a quarter = 1.38 h a week'."""
    return portfolio_time.contact_cost(contact)


def contact_fits(p, plan, aid, contact: Contact) -> bool:
    """Whether `contact` for account `aid` keeps the plan (the other accounts' contact as planned) in budget."""
    others = plan.minutes() - plan.minutes(aid)
    return others + contact_minutes(contact.method, contact.frequency) <= p.budget_minutes


def option_choices(p, plan, aid) -> tuple[Choice, ...]:
    """The contact choices for one account; those over the budget are disabled."""
    items = [Choice("No contact", ("set", None))]
    for m in METHODS:
        for f in FREQUENCIES:
            contact = Contact(m, f)
            fits = contact_fits(p, plan, aid, contact)
            items.append(Choice(f"{METHOD_TITLES[m]} {FREQUENCY_TITLES[f]}", ("set", contact), enabled=fits,
                                detail=contact_hours(contact) + f" · {portfolio_time.contact_when(contact)}"
                                + ("" if fits else " · over budget")))
    return tuple(items) + (Choice("Back", "to_plan"),)


def chosen_place(choices, action) -> int:
    """Where an account's contact options open: at the contact planned now (as a radio group opens at its
    checked button), else at the first."""
    return next((i for i, c in enumerate(choices) if c.action == action), 0)


def quarter_text(p, campaign, weeks=()) -> str:
    news = quarter_week.news_text(p, campaign)  # with the week's time when there is news to answer
    if campaign.week == 0:
        lines = [f"Before week 1 of {WEEKS}. Play the quarter one week at a time; an account marked \"a "
                 "conversation if it falls into trouble\" will need one when it does."] + ([] if campaign.news() else [portfolio_time.week_time(campaign)])
    else:
        lines = [quarter_week.week_heading(campaign)]
        if len(weeks) > 1 and not campaign.due:
            lines = [f"Weeks {weeks[0].week} to {campaign.week} of {WEEKS} are played: what happened "
                     "in each is listed below."]
        lines += quarter_week.lost_lines(p, campaign)
        lines += quarter_week.trouble_again_lines(p, campaign)
        lines += [quarter_week.trouble_line(p, campaign, aid) for aid in campaign.due]
    return "\n".join(lines + ([""] + [news] if news else []))


def played_weeks(campaign, first: int = 0) -> tuple[PlayedWeek, ...]:
    """Weeks `first` to the last played (only the last when `first` is 0), each with what happened in it."""
    first = first or campaign.week
    return tuple(PlayedWeek(week, f"Week {week} of {WEEKS}", tuple(f"{name}: {what}." for name, what in
                                                             campaign.week_lines(week)) or ("A quiet week.",))
                 for week in range(max(first, 1), campaign.week + 1))


def quarter_events(campaign, weeks=()) -> str:
    """What happened in the week just played (shown under the buttons); after several weeks played at once
    ("Play to the end"), every one of them under its own heading, so no week's news or health change is hidden."""
    if campaign.week == 0:
        return ""
    if len(weeks) > 1:
        return "\n\n".join(f"{w.heading}\n\n" + "\n".join(w.lines) for w in weeks)
    return "\n".join(played_weeks(campaign)[0].lines)


def quarter_choices(p, campaign) -> tuple[Choice, ...]:
    if campaign.due:  # the plan can change before the call, as the terminal's p allows
        talks = tuple(Choice(f"Talk to {p.account(aid).name}", ("talk", aid)) for aid in campaign.due)
        return talks + ((Choice("Change your plan", "revise", detail=f"from week {campaign.week + 1} on"),)
                        if campaign.week < WEEKS else ())
    if campaign.finished:
        return (Choice("See the quarter's debrief", "to_debrief"),)
    news = quarter_week.news_choices(p, campaign)
    play = Choice(f"Play week {campaign.week + 1}", "next_week",
                  detail="what you have not answered is let go" if news else "")
    return (play, *news, Choice("Change your plan", "revise", detail="from the coming week on"),
            Choice("Play to the end of the quarter", "to_end",
                   detail="lets every event go; stops when an account needs you or leaves"))


def chart_rows(p, campaign) -> tuple[ChartRow, ...]:
    """A health series per account: your ranking's order, the true order once the quarter is over."""
    order = true_order(p) if campaign.finished else campaign.ranking
    rows = []
    for aid in order:
        run = campaign.runs[aid]
        talk = next((c.outcome for c in campaign.conversations if c.account == aid and c.outcome), None)
        state = f"lost in week {run.lost_week}" if not run.active else f"{round(run.health)}"
        healths = run.healths[: run.lost_week + 1] if run.lost_week else run.healths
        rows.append(ChartRow(f"{p.account(aid).name} · {state}", healths, talk))
    return tuple(rows)


@dataclass(frozen=True)
class QuarterDebrief:
    """The quarter's debrief, every amount already in the portfolio's currency."""
    score: int
    profit_kept: str
    best_profit_kept: str
    plan_profit_kept: str
    revenue_kept: str
    best_revenue_kept: str
    rank_percent: int
    hours_a_week: str  # '2.5'
    budget_hours: str  # '6'
    neglect_cost: str  # '' when the neglect cost nothing worth saying
    lost: tuple[str, ...]  # the names of the accounts lost
    levers: tuple[tuple[str, str], ...]  # (lever title, '40%' or 'not tested this quarter')
    coaching: tuple[str, ...]
    misplaced: tuple[tuple[str, str], ...]  # (account name, why it is out of place)
    best_plan: tuple[tuple[str, str], ...]  # (account name, the best contact), most valuable first
    leaders: tuple[str, ...]  # '1. Ana: 71% (ranking 80%)', the top five
    worth: tuple[str, ...] = ()
    nothing_profit_kept: str = ""  # what doing nothing at all keeps: the score's zero
    answered: str = ""  # '7 of 36': the week's events you answered  # '1. Vale Garden Centres: revenue £70k, profit £55k (you put it 2nd)', true order

    figures: tuple[str, ...] = ()  # the head's lines: review.figure_lines, the same words the terminal prints
    trainer_command: str = ""  # 'main.py analyze portfolios/x.yaml --seed 8': the browser shows it for trainers

    @property
    def head(self) -> str:
        return "\n".join(self.figures)

    @property
    def tail(self) -> str:
        lines = ["Levers your plan exercised (each figure says what it measures)"]
        lines += [f"{title}: {words}" for title, words in self.levers]
        lines += ["", "Coaching"] + [f"• {c}" for c in self.coaching]
        if self.worth:
            lines += ["", "What each account is worth (revenue is the size of the relationship; profit, what it "
                      "leaves, is what it is worth keeping)"] + list(self.worth)
        if self.misplaced:
            lines += ["", "Your ranking"] + [f"{name}: {why}." for name, why in self.misplaced]
        lines += ["", "Best plan for this quarter"] + [f"{name}: {contact}" for name, contact in self.best_plan]
        if self.leaders:
            lines += ["", "Leaderboard"] + list(self.leaders)
        return "\n".join(lines)


def quarter_debrief(p, d: dict, leaders: list[dict] = ()) -> QuarterDebrief:
    """`d` is `game.core.portfolio.review.debrief(campaign)`; `leaders` the portfolio's leaderboard rows."""
    cur = p.currency
    return QuarterDebrief(
        d["score"], money(cur, d["profit_kept"]), money(cur, d["best_profit_kept"]), money(cur, d["plan_profit_kept"]),
        money(cur, d["revenue_kept"]), money(cur, d["best_revenue_kept"]), d["rank_percent"],
        f"{d['hours_a_week']:.1f}", f"{p.budget_hours:g}",
        money(cur, d["neglect_cost"]) if d["neglect_cost"] > 0.5 else "",
        tuple(p.account(a).name for a in d["accounts_lost"]),
        tuple((LEVER_TITLES[lever], "not tested this quarter" if pct is None else f"{pct}%, {LEVER_MEASURES[lever]}")
              for lever, pct in d["levers"].items()),
        tuple(d["coaching"]),
        tuple((p.account(m["account"]).name, m["why"]) for m in d["misplaced"]),
        tuple((a["name"], a["best_contact"] + ("; answer its events" if a.get("best_answers") else ""))
              for a in sorted(d["accounts"], key=lambda a: a["worth_rank"])),
        tuple(f"{i}. {r['player']}: {r['best']}% (ranking {r['rank_percent']}%)" for i, r in enumerate(leaders[:5], 1)),
        tuple(f"{i}. {w['name']}: revenue {money(cur, w['revenue'])}, profit {money(cur, w['profit'])} (you put it "
              f"{ordinal(w['your_place'])})" for i, w in enumerate(d.get("worth", []), 1)),
        money(cur, d["nothing_profit_kept"]), f"{d['events_answered']} of {d['events']}", tuple(figure_lines(p, d)),
        trainer_command(p, d))


def page_view(page: str, p=None, *, library=(), ranking=(), plan=None, choosing=None, campaign=None, result=None,
              leaders=(), resumable=None, played_from=0) -> PortfolioPage:
    """The page `page` of portfolio `p` (None on the list of `library`). `choosing`: the account whose contact
    is chosen (OPTIONS, REVISE_OPTIONS) or the (account, event kind) answered (ANSWER); `resumable`: the week a
    saved quarter of this portfolio reached (offered on the briefing); `played_from`: the first week the last
    choice on the quarter played (0: only the last week is told)."""
    ranking = list(ranking)
    if page == LIST or p is None:  # back on the list, the title is still the last portfolio's
        return PortfolioPage(LIST, LIST_TITLE if p is None else p.title, LIST_TEXT, "", list_choices(library))
    title = plan_title(p, plan) if page in (PLAN, OPTIONS) else p.title
    if page == BRIEF:
        choices = (Choice("Rank the accounts", "to_rank"), Choice("Back", "back"))
        if resumable is not None:
            choices = (Choice(f"Resume your saved quarter (week {resumable} of {WEEKS})", "resume",
                              detail="where you left it: the same accounts, plan and news"),
                       Choice("Start a new quarter", "to_rank", detail="the saved one is replaced when you start"),
                       Choice("Back", "back"))
        return PortfolioPage(BRIEF, title, brief_text(p), accounts_text(p), choices)
    if page == RANK:
        return PortfolioPage(RANK, title, rank_text(p, ranking), "", rank_choices(p, ranking))
    if page == PLAN:
        return PortfolioPage(PLAN, title, plan_text(p, plan), "", plan_choices(p, ranking, plan),
                             focus=plan_focus(ranking, plan))
    if page == OPTIONS:
        options = option_choices(p, plan, choosing)
        return PortfolioPage(OPTIONS, title, options_text(p, choosing), "", options,
                             focus=chosen_place(options, ("set", plan.contact(choosing))))
    charts = chart_rows(p, campaign) if campaign is not None else ()
    if page in (ANSWER, REVISE, REVISE_OPTIONS):
        if page == ANSWER:
            head, tail, choices = quarter_week.answer_page(p, campaign, choosing)
            charts = ()
        elif page == REVISE:
            head, tail, choices = quarter_week.revise_page(p, campaign, ranking)
        else:
            head, tail, choices = quarter_week.revise_options(p, campaign, choosing)
            return PortfolioPage(page, title, head, tail, choices, charts,
                                 focus=chosen_place(choices, ("revise_set", campaign.plan.contact(choosing))))
        return PortfolioPage(page, title, head, tail, choices, charts)
    if page == QUARTER:
        weeks = played_weeks(campaign, played_from) if campaign.week else ()
        weeks = weeks if len(weeks) > 1 else ()
        return PortfolioPage(QUARTER, title, quarter_text(p, campaign, weeks), quarter_events(campaign, weeks),
                             quarter_choices(p, campaign), charts, weeks=weeks)
    debriefed = quarter_debrief(p, result, list(leaders))
    return PortfolioPage(DEBRIEF, title, debriefed.head, debriefed.tail,
                         (Choice("Done", "back"), Choice("Play this portfolio again", "again")), charts)
