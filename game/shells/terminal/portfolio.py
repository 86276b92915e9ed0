"""The portfolio campaign in the terminal: rank, plan, play the quarter
week by week (answer the week's events, or press Enter to let them go;
linked conversations played as in the terminal game), debrief."""
from __future__ import annotations

import sys

from game.core.engine import Playthrough
from game.core.turns import draw_persona, fresh_seed
from game.core.portfolio import answers
from game.core.portfolio.campaign import Campaign
from game.core.portfolio.model import (FREQUENCIES, FREQUENCY_TITLES, METHOD_TITLES, METHODS, WEEKS, contact_minutes,
                               weekly_hours)
from game.core.portfolio.plan import Plan
from game.core.portfolio.quarter import Contact
from game.core.portfolio.ranking import money
from game.authoring.portfolio_report import debrief_lines
from game.core.portfolio.review import debrief
from game.shells.terminal.play import _Quit, _ask, _play, _reader, _wrap, read_answer
from game.core.plain_numbers import is_plain_number


def account_lines(p, number: int, a) -> list[str]:
    lines = [f"{number:>2}. {a.name} ({a.sector}): revenue {money(p.currency, a.revenue)} a year at a "
             f"{a.margin * 100:.0f}% margin = profit {money(p.currency, a.profit)}; health {a.health}/100; "
             f"{a.pressure} competitor pressure"
             + ("; linked conversation" if a.scenario else "")]
    lines += [_wrap(f"- {n.text}", "      ") for n in a.notes]
    return lines


def ask_ranking(p, read, write) -> list[str]:
    n = len(p.accounts)
    while True:
        answer = read_answer(f"\nRank them: type the {n} numbers, most worth keeping first (e.g. 3 1 2 …): ",
                            read, write)
        parts = answer.replace(",", " ").split()
        if not all(is_plain_number(x) for x in parts):
            write("Please type numbers only, separated by spaces.\n")
        elif sorted(int(x) for x in parts) != list(range(1, n + 1)):
            missing = sorted(set(range(1, n + 1)) - {int(x) for x in parts})
            write(f"Please type each number from 1 to {n} once" +
                  (f" (missing: {', '.join(map(str, missing))})" if missing else " (one is repeated)") + ".\n")
        else:
            return [p.accounts[int(x) - 1].id for x in parts]


def ask_plan(p, ranking, read, write) -> Plan:
    contacts: dict[str, Contact] = {}
    budget = p.budget_minutes
    write(f"\nPlan your contact: {p.budget_hours:g} hours a week for all of them.\n")
    for aid in ranking:
        a = p.account(aid)
        while True:
            used = sum(contact_minutes(c.method, c.frequency) for c in contacts.values())
            write(f"\n{a.name}: {weekly_hours(budget - used):.1f} hours a week left.\n")
            write("  0. no contact\n" + "".join(f"  {i}. {METHOD_TITLES[m]}\n" for i, m in enumerate(METHODS, 1)))
            method = _ask(f"How will you keep in touch (0-{len(METHODS)})? ", len(METHODS), read, write, low=0)
            if method == 0:
                break
            m = METHODS[method - 1]
            for i, f in enumerate(FREQUENCIES, 1):
                write(f"  {i}. {FREQUENCY_TITLES[f]}: {weekly_hours(contact_minutes(m, f)):.2f} hours a week\n")
            f = FREQUENCIES[_ask(f"How often (1-{len(FREQUENCIES)})? ", len(FREQUENCIES), read, write) - 1]
            cost = contact_minutes(m, f)
            if used + cost > budget:
                write(f"That takes {weekly_hours(cost):.1f} hours a week and you have "
                      f"{weekly_hours(budget - used):.1f} left. Choose again.\n")
                continue
            contacts[aid] = Contact(m, f)
            break
    return Plan(contacts)


def decide_week(campaign, read, write) -> None:
    """The coming week's news and the trainee's answers; Enter lets everything go."""
    p, week = campaign.portfolio, campaign.week + 1
    news = campaign.news()
    if not news:
        read_answer(f"\nPress Enter to play week {week} of {WEEKS} (q to quit): ", read, write)
        return
    write(f"\nWeek {week} of {WEEKS}: news from your accounts "
          f"({weekly_hours(campaign.minutes_left()) * WEEKS:.1f} hours left this quarter for answers):\n")
    for i, (aid, event) in enumerate(news, 1):
        write(f"  {i}. {p.account(aid).name}: {answers.EVENT_NEWS[event.kind]}.\n")
    choice = read_answer("Type a to answer them, or press Enter to let them go and play the week (q to quit): ",
                         read, write)
    if choice.lower() != "a":
        return
    for aid, event in news:
        account = p.account(aid)
        opts = answers.options_for(account, event.kind)
        write(f"\n{account.name}: {answers.EVENT_NEWS[event.kind]}. "
              f"({campaign.week_minutes_left() / 60:.1f} hours left this week)\n  0. let it go\n")
        write("".join(f"  {i}. {title} ({minutes} min)\n" for i, (_a, title, minutes) in enumerate(opts, 1)))
        while True:
            pick = _ask(f"Your answer (0-{len(opts)}): ", len(opts), read, write, low=0)
            try:
                campaign.answer(aid, event.kind, opts[pick - 1][0] if pick else None)
                break
            except ValueError as exc:
                write(f"{exc}. Choose again.\n")


def play(portfolio, scenario_for, seed=None, player=None, record=None, stdin=None, stdout=None,
         coach: bool = True) -> int:
    out = stdout or sys.stdout
    read = _reader(stdin) if stdin is not None else input
    write = out.write
    seed = fresh_seed() if seed is None else seed
    from game.storage.attempts import now_iso
    started_at = now_iso()
    p = portfolio
    try:
        write(f"\n{p.title}\n{'-' * len(p.title)}\n{_wrap(p.briefing)}\n\nYour accounts:\n")
        for i, a in enumerate(p.accounts, 1):
            write("\n".join(account_lines(p, i, a)) + "\n")
        ranking = ask_ranking(p, read, write)
        plan = ask_plan(p, ranking, read, write)
        campaign = Campaign(p, seed, ranking, plan)
        write(f"\nYour plan takes {plan.hours_a_week():.1f} of {p.budget_hours:g} hours a week. The quarter begins.\n")
        while not campaign.finished:
            decide_week(campaign, read, write)
            due = campaign.next_week()
            lines = campaign.week_lines()
            write(f"Week {campaign.week}:\n" + ("".join(f"  {name}: {what}\n" for name, what in lines)
                                               or "  a quiet week.\n"))
            for account in p.accounts:
                if campaign.runs[account.id].lost_week == campaign.week:
                    write(f"\n  *** {account.name} has left you. {money(p.currency, account.profit)} of profit "
                          f"a year has gone with them. ***\n")
            for aid in due:
                account = p.account(aid)
                write(f"\n{account.name} is in trouble (health {round(campaign.runs[aid].health)}). "
                      "You pick up the phone.\n")
                scenario = scenario_for(account.scenario)
                run = Playthrough(scenario, seed=seed, persona=draw_persona(scenario, seed))
                _play(scenario, run, coach, read, write)
                result = run.result()
                outcome = result.outcome if run.finished and result.outcome else "at_risk"
                campaign.resolve(aid, outcome, "played", result.score)
                write(f"{account.name}: the account is {outcome.replace('_', ' ')}.\n")
    except _Quit:
        write("\nYou left the quarter. Nothing was recorded. Goodbye.\n")
        return 0
    result = debrief(campaign)
    write("\n" + "\n".join(debrief_lines(p, result)) + "\n")
    if player and record is not None:
        note = record(result, player, started_at)
        write(note + "\n")
        if note.startswith("error:"):
            return 4
    return 0
