"""What each page of the portfolio campaign shows: its text, its buttons and
its health charts. Pure functions of the campaign's state (no drawing here
apart from `draw_health_chart`)."""
from __future__ import annotations

import pygame

from game.core.model import LEVER_TITLES
from game.core.portfolio.model import (FREQUENCIES, FREQUENCY_TITLES, METHOD_TITLES, METHODS, TROUBLE, WEEKS,
                               contact_minutes, weekly_hours)
from game.core.portfolio.plan import hours_left
from game.core.portfolio.quarter import Contact
from game.core.portfolio.ranking import money
from game.core.portfolio.review import contact_words
from game.shells.window.theme import OUTCOME_COLOURS, reflow
from game.shells.window.widgets import Button


def account_line(p, a) -> str:
    return (f"{a.name} ({a.sector}): {money(p.currency, a.revenue)} a year at a {a.margin * 100:.0f}% margin, "
            f"health {a.health}, {a.pressure} competitor pressure")


def brief_text(p) -> str:
    return reflow(p.briefing)


def accounts_text(p) -> str:
    """Every account with its notes (under the briefing's buttons)."""
    lines = [f"Your accounts ({len(p.accounts)}), {p.budget_hours:g} hours a week to keep them:"]
    for a in p.accounts:
        lines.append("")
        lines.append(account_line(p, a) + (" · a conversation if it falls into trouble" if a.scenario else ""))
        lines += [f"    {n.text}" for n in a.notes]
    return "\n".join(lines)


def rank_text(p, ranking: list[str]) -> str:
    head = ("Rank the accounts by what they are worth keeping: the profit each leaves, not the size of its bill. "
            "Pick the most valuable first.")
    if not ranking:
        return head
    placed = "\n".join(f"{i}. {p.account(aid).name}" for i, aid in enumerate(ranking, 1))
    return f"{head}\n\nYour ranking so far:\n{placed}"


def rank_buttons(p, ranking: list[str]) -> list[Button]:
    left = [a for a in p.accounts if a.id not in ranking]
    items = [Button(a.name, ("place", a.id), number=n if n <= 9 else None,
                    detail=f"{money(p.currency, a.revenue)} a year at {a.margin * 100:.0f}% · health {a.health}")
             for n, a in enumerate(left, 1)]
    if not left:
        items.insert(0, Button("Plan your contact", "to_plan"))
    if ranking:
        items += [Button("Undo the last", "undo"), Button("Start the ranking again", "restart_rank")]
    return items + [Button("Back", "back")]


def plan_text(p, plan) -> str:
    used = weekly_hours(plan.minutes())
    return (f"For each account choose how you keep in touch, and how often. Time: {used:.1f} of "
            f"{p.budget_hours:g} hours a week used, {hours_left(p, plan):.1f} left.\n\nA visit takes three hours "
            "with the travel, a business review five with the preparation, a call half an hour, an e-mail a "
            "quarter of an hour.")


def plan_buttons(p, ranking, plan) -> list[Button]:
    items = [Button("Start the quarter", "start_quarter")]
    for aid in ranking:
        c = plan.contact(aid)
        hours = f" · {weekly_hours(plan.minutes(aid)):.2f} hours a week" if c else ""
        items.append(Button(p.account(aid).name, ("choose", aid), detail=contact_words(c) + hours))
    return items + [Button("Back to the ranking", "to_rank")]


def option_buttons(p, plan, aid) -> list[Button]:
    """The contact choices for one account; those over the budget are disabled."""
    others = plan.minutes() - plan.minutes(aid)
    items = [Button("No contact", ("set", None))]
    for m in METHODS:
        for f in FREQUENCIES:
            cost = contact_minutes(m, f)
            fits = others + cost <= p.budget_minutes
            items.append(Button(f"{METHOD_TITLES[m]} {FREQUENCY_TITLES[f]}", ("set", Contact(m, f)), enabled=fits,
                                detail=f"{weekly_hours(cost):.2f} hours a week" + ("" if fits else " · over budget")))
    return items + [Button("Back", "to_plan")]


def quarter_text(p, campaign) -> str:
    if campaign.week == 0:
        return (f"Week 0 of {WEEKS}. Your plan takes {campaign.plan.hours_a_week():.1f} of {p.budget_hours:g} hours "
                "a week. Play the quarter one week at a time; an account in trouble will need a conversation.")
    lines = [f"Week {campaign.week} of {WEEKS}." + ("" if campaign.due else " What happened:")]
    for aid in campaign.due:
        a = p.account(aid)
        lines.append(f"{a.name} is in trouble (health {round(campaign.runs[aid].health)}). They need a "
                     "conversation before the week is out.")
    return "\n".join(lines)


def quarter_events(campaign) -> str:
    """What happened in the week just played (shown under the buttons)."""
    if campaign.week == 0:
        return ""
    happened = campaign.week_lines()
    return "\n".join([f"{name}: {what}." for name, what in happened] or ["A quiet week."])


def quarter_buttons(p, campaign) -> list[Button]:
    if campaign.due:
        return [Button(f"Talk to {p.account(aid).name}", ("talk", aid)) for aid in campaign.due]
    if campaign.finished:
        return [Button("See the quarter's debrief", "to_debrief")]
    return [Button(f"Play week {campaign.week + 1}", "next_week"), Button("Play to the end of the quarter", "to_end")]


def debrief_text(p, d: dict) -> str:
    lines = [f"Score {d['score']}%: you kept {money(p.currency, d['profit_kept'])} of annual profit. The best plan "
             f"for {p.budget_hours:g} hours a week keeps {money(p.currency, d['best_profit_kept'])}; your plan alone "
             f"{money(p.currency, d['plan_profit_kept'])}.",
             f"Revenue kept {money(p.currency, d['revenue_kept'])} (best plan "
             f"{money(p.currency, d['best_revenue_kept'])}).",
             f"Ranking {d['rank_percent']}%.  Time used: {d['hours_a_week']:.1f} of {p.budget_hours:g} hours a week."]
    if d["neglect_cost"] > 0.5:
        lines.append(f"Neglect cost {money(p.currency, d['neglect_cost'])}: what the accounts you left alone lost.")
    if d["accounts_lost"]:
        lines.append("Lost: " + ", ".join(p.account(a).name for a in d["accounts_lost"]) + ".")
    return "\n".join(lines)


def debrief_tail(p, d: dict, leaders: list[dict]) -> str:
    lines = ["Levers your plan exercised"]
    for lever, pct in d["levers"].items():
        lines.append(f"{LEVER_TITLES[lever]}: {'not tested this quarter' if pct is None else f'{pct}%'}")
    lines += ["", "Coaching"] + [f"• {c}" for c in d["coaching"]]
    if d["misplaced"]:
        lines += ["", "Your ranking"] + [f"{p.account(m['account']).name}: {m['why']}." for m in d["misplaced"]]
    lines += ["", "Best plan for this quarter"]
    lines += [f"{a['name']}: {a['best_contact']}" for a in sorted(d["accounts"], key=lambda a: a["worth_rank"])]
    if leaders:
        lines += ["", "Leaderboard"] + [f"{i}. {r['player']}: {r['best']}% (ranking {r['rank_percent']}%)"
                                        for i, r in enumerate(leaders[:5], 1)]
    return "\n".join(lines)


def chart_rows(p, campaign) -> list[tuple[str, list[float], str | None]]:
    """(label, healths so far, conversation outcome or None) per account, most valuable first."""
    from game.core.portfolio.ranking import true_order
    order = true_order(p) if campaign.finished else campaign.ranking
    rows = []
    for aid in order:
        run = campaign.runs[aid]
        talk = next((c.outcome for c in campaign.conversations if c.account == aid and c.outcome), None)
        state = f"lost in week {run.lost_week}" if not run.active else f"{round(run.health)}"
        healths = run.healths[: run.lost_week + 1] if run.lost_week else run.healths
        rows.append((f"{p.account(aid).name} · {state}", healths, talk))
    return rows


CHART_CAPTION = "Health week by week (a dashed line marks trouble; green after a conversation that kept them):"


def draw_health_chart(surface, theme, rect: pygame.Rect, values, outcome) -> None:
    """A small line chart of an account's health over the quarter (0..100, weeks 0..13)."""
    pygame.draw.rect(surface, theme.c("panel_alt"), rect)
    theme.note("picture", rect, surface)
    trouble_y = rect.bottom - int(TROUBLE / 100 * rect.h)
    for x in range(rect.x, rect.right, 8):
        pygame.draw.line(surface, theme.c("warn"), (x, trouble_y), (min(x + 3, rect.right), trouble_y))
    points = [(rect.x + int(i / WEEKS * (rect.w - 1)), rect.bottom - 1 - int(v / 100 * (rect.h - 2)))
              for i, v in enumerate(values)]
    colour = theme.c(OUTCOME_COLOURS.get(outcome, "accent")) if outcome else theme.c("accent")
    if len(points) > 1:
        pygame.draw.lines(surface, colour, False, points, max(2, rect.h // 20))
    if values and values[-1] <= 0 and len(values) > 1:  # the week the account left
        x, y = points[-1]
        pygame.draw.line(surface, theme.c("bad"), (x - 4, y - 4), (x + 4, y + 4), 2)
        pygame.draw.line(surface, theme.c("bad"), (x - 4, y + 4), (x + 4, y - 4), 2)
