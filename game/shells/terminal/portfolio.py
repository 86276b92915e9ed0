"""The portfolio campaign in the terminal: rank, plan, play the quarter
week by week (answer the week's events, or press Enter to let them go;
linked conversations played as in the terminal game), debrief."""
from __future__ import annotations

import sys

from game.core.engine import Playthrough
from game.core.turns import fresh_seed
from game.app import quarter_week
from game.app.contact_menu import contact_menu, refusal
from game.app.portfolio_run import conversation_outcome, kept_words, left_words, resume_words
from game.app.portfolio_view import (OPTIONS, accounts_heading, briefing_line, page_view, plan_text, played_weeks,
                                     rank_text)
from game.core.portfolio.campaign import Campaign
from game.core.portfolio.model import WEEKS
from game.core.portfolio import hours as portfolio_time
from game.core.portfolio.plan import Plan
from game.core.portfolio.quarter import Contact
from game.app.session import back_to_quarter
from game.authoring.portfolio_report import debrief_lines
from game.core.portfolio.review import debrief
from game.shells.terminal.play import _Quit, _ask, _play, _reader, _wrap, fitting, leave_on_sigterm, read_answer
from game.core.plain_numbers import is_plain_number


def account_lines(p, number: int, a) -> list[str]:
    """An account as the briefing lists it (the app layer's line), numbered for the ranking, with its notes."""
    return [f"{number:>2}. {briefing_line(p, a)}"] + [_wrap(f"- {n.text}", "      ") for n in a.notes]


def ask_ranking(p, read, write) -> list[str]:
    n = len(p.accounts)
    write("\n" + _wrap(rank_text(p, [])) + "\n")
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


def ask_contact(choices, prompt: str, read, write):
    """A contact from a page's options (the plan's or "Change your plan"'s), asked in two steps: how, then how
    often, each option in the page's own words (`contact_menu`). Returns the chosen option's choice, which may be
    disabled (the caller says why)."""
    menu = contact_menu(choices)
    write(f"  0. {menu.none.label}\n" + "".join(f"  {i}. {title}\n" for i, (title, _) in enumerate(menu.methods, 1)))
    method = _ask(f"{prompt} (0-{len(menu.methods)})? ", len(menu.methods), read, write, low=0)
    if not method:
        return menu.none
    options = menu.options(method)
    write("".join(f"  {i}. {c.label}: {c.detail}\n" for i, c in enumerate(options, 1)))
    return options[_ask(f"How often (1-{len(options)})? ", len(options), read, write) - 1]


def ask_plan(p, ranking, read, write) -> Plan:
    """Each account in your ranking's order, with the plan page's options for it (their hours, their weeks and
    what is over budget)."""
    contacts: dict[str, Contact] = {}
    write("\n" + _wrap(plan_text(p, Plan(contacts))) + "\n")  # the plan page's head
    for aid in ranking:
        a = p.account(aid)
        while True:
            write(f"\n{a.name}\n" + _wrap(portfolio_time.plan_time(p, Plan(contacts)), "  ") + "\n")
            write("".join(_wrap(f"- {n.text}", "    ") + "\n" for n in a.notes))  # what they ask for is in here
            page = page_view(OPTIONS, p, ranking=ranking, plan=Plan(contacts), choosing=aid)
            chosen = ask_contact(page.choices, "How will you keep in touch", read, write)
            if not chosen.enabled:
                write(refusal(chosen) + "\n")
                continue
            if chosen.action[1] is not None:
                contacts[aid] = chosen.action[1]
            break
    return Plan(contacts)


def decide_week(campaign, read, write) -> None:
    """The coming week's news and the trainee's answers; Enter lets everything go; p changes the plan."""
    p, week = campaign.portfolio, campaign.week + 1
    while True:
        news = campaign.news()
        if not news:
            choice = read_answer(f"\nPress Enter to play week {week} of {WEEKS} (p to change your plan, q to quit): ",
                                 read, write)
        else:
            write(f"\n{quarter_week.news_text(p, campaign)}\n")
            for i, item in enumerate(quarter_week.news_choices(p, campaign), 1):
                write(f"  {i}. {item.label}. {item.detail[:1].upper()}{item.detail[1:]}\n")
            choice = read_answer("Type a to answer them, p to change your plan, or press Enter to let them go and "
                                 "play the week (q to quit): ", read, write)
        if choice.lower() == "p":
            revise_plan(campaign, read, write)
            continue
        if choice.lower() == "a" and news:
            answer_news(campaign, news, read, write)
            return
        if choice == "":  # only Enter plays the week
            return
        write(f"“{choice}” is not one of the keys here: " + ("a answers the news, " if news else "")
              + "p changes your plan, Enter plays the week" + (" and lets the news go" if news else "")
              + ", q quits.\n")


def answer_news(campaign, news, read, write) -> None:
    """Each event in turn, with the answer page's words, answers and times (those there is no time for refused)."""
    p = campaign.portfolio
    for aid, event in news:
        head, _tail, choices = quarter_week.answer_page(p, campaign, (aid, event.kind))
        options = [c for c in choices if isinstance(c.action, tuple)]  # 'Let it go' first, then the answers
        write("\n" + head + "\n")
        write("".join(f"  {i}. {c.label} ({c.detail})\n" for i, c in enumerate(options)))
        while True:
            chosen = options[_ask(f"Your answer (0-{len(options) - 1}): ", len(options) - 1, read, write, low=0)]
            if not chosen.enabled:
                write(refusal(chosen) + "\n")
                continue
            try:
                campaign.answer(aid, event.kind, chosen.action[1])
                break
            except ValueError as exc:
                write(f"{exc}. Choose again.\n")


def revise_plan(campaign, read, write) -> None:
    """Change your plan from the coming week on, as "Change your plan" does: its accounts (your ranking's order, each
    with its contact now); pick one and choose its contact, and the list comes back with the change, so several
    accounts can be changed before Enter (or 0) goes back to the week."""
    p = campaign.portfolio
    while True:
        head, _tail, accounts = quarter_week.revise_page(p, campaign, campaign.ranking)
        accounts = [c for c in accounts if isinstance(c.action, tuple)]  # 'Back to the week' is Enter or 0 here
        write("\n" + head + "\n" + "".join(f"  {i}. {c.label}: {c.detail}\n" for i, c in enumerate(accounts, 1)))
        pick = ask_account(len(accounts), read, write)
        if not pick:
            return
        revise_account(campaign, accounts[pick - 1].action[1], read, write)


def ask_account(count: int, read, write) -> int:
    """An account's number on "Change your plan", or 0 for Enter or 0 (back to the week)."""
    while True:
        answer = read_answer(f"Which account (1-{count}; Enter or 0 to go back to the week)? ", read, write)
        if answer in ("", "0"):
            return 0
        if is_plain_number(answer) and 1 <= int(answer) <= count:
            return int(answer)
        write(f"Please type a number from 1 to {count}, or press Enter to go back to the week (q to quit).\n")


def revise_account(campaign, aid: str, read, write) -> None:
    """One account's contact from the coming week on, with "Change your plan"'s options for it."""
    p = campaign.portfolio
    head, _tail, choices = quarter_week.revise_options(p, campaign, aid)
    write("\n" + head + "\n")
    while True:
        chosen = ask_contact(choices, f"How will you keep in touch with {p.account(aid).name}", read, write)
        if chosen.enabled:
            break
        write(refusal(chosen) + "\n")
    try:
        campaign.revise(aid, chosen.action[1])
        write(quarter_week.revised_words(campaign, aid) + "\n")
    except ValueError as exc:
        write(f"Not changed: {exc}.\n")


def announce_losses(campaign, announced: set, write) -> None:
    """A lost account, the moment it goes (`announced`: the ones already told)."""
    for line, aid in zip(quarter_week.lost_lines(campaign.portfolio, campaign), campaign.lost_this_week()):
        if aid not in announced:
            announced.add(aid)
            write(f"\n  *** {line} ***\n")


def resume(p, player, read, write):
    """(campaign, started_at) from the player's saved quarter, or (None, None) to start anew."""
    from game.core.portfolio.campaign import replay
    from game.storage import quarter_saves
    saved, problem = quarter_saves.load_quarter(player, p.id)
    if problem:
        write(f"Note: {problem}.\n")
    if saved is None:
        return None, None
    record = saved["record"]
    if record.get("content_hash") != p.content_hash:
        write("Your saved quarter was played on an earlier version of this portfolio; it cannot be resumed.\n")
        quarter_saves.discard_quarter(player, p.id)
        return None, None
    try:
        choice = read_answer(f"\nYou have {resume_words(record, p)}. Press Enter to resume it, or type n to start a "
                             "new one (q to quit): ", read, write)
    except _Quit:  # the saved quarter stays as it was: say so, not "nothing was recorded"
        raise _Quit(kept_words(record, p, player)) from None
    if choice.lower() == "n":
        quarter_saves.discard_quarter(player, p.id)
        return None, None
    try:
        campaign = replay(p, record)
    except (KeyError, TypeError, ValueError, AttributeError):
        write(f"Note: {quarter_saves.discard_quarter(player, p.id, damaged=True)}.\n")
        return None, None
    return campaign, saved["started_at"]


def save_week(campaign, player, started_at, write) -> bool:
    """Save the quarter as it stands (whether it was saved)."""
    from game.storage import quarter_saves
    from game.storage.files import StorageError
    try:
        quarter_saves.save_quarter(player, campaign.to_record(), started_at)
        return True
    except StorageError as exc:
        write(f"Note: the quarter could not be saved ({exc}).\n")
        return False


def play(portfolio, scenario_for, seed=None, player=None, record=None, stdin=None, stdout=None,
         coach: bool = True) -> int:
    out = stdout or sys.stdout
    read = _reader(stdin) if stdin is not None else input
    write = fitting(out)  # words never broken at the terminal's edge
    seed = fresh_seed() if seed is None else seed
    from game.storage.attempts import now_iso
    p = portfolio
    state = {"started_at": now_iso(), "campaign": None}  # what _quarter has reached, for a quit
    try:
        with leave_on_sigterm():
            campaign = _quarter(p, seed, scenario_for, coach, read, write, player, state)
    except _Quit as exc:
        campaign = state["campaign"]
        if player and campaign is not None and save_week(campaign, player, state["started_at"], write):
            # kept as it stands: the week's answers so far and the conversation under way with its replies
            write(f"\n{left_words(campaign, player)} Goodbye.\n")
        elif exc.args:  # quit at the offer to resume: the saved quarter is kept
            write(f"\n{exc.args[0]} Goodbye.\n")
        else:
            write("\nYou left the quarter. Nothing was recorded. Goodbye.\n")
        return 0
    result = debrief(campaign)
    write("\n" + "\n".join(debrief_lines(p, result)) + "\n")
    if player:
        from game.storage import quarter_saves
        quarter_saves.discard_quarter(player, p.id)
    if player and record is not None:
        note = record(result, player, state["started_at"])
        write(note + "\n")
        if note.startswith("error:"):
            return 4
    return 0


def _quarter(p, seed, scenario_for, coach, read, write, player, state) -> Campaign:
    """Resume the player's saved quarter or rank and plan a new one, then play it week by week (saved after
    every week for a named player); the finished campaign. `state` keeps the campaign and when it started."""
    campaign = None
    if player:
        campaign, resumed_at = resume(p, player, read, write)
        state["started_at"] = resumed_at or state["started_at"]
    if campaign is None:
        write(f"\n{p.title}\n{'-' * len(p.title)}\n{_wrap(p.briefing)}\n\n{accounts_heading(p)}\n")
        for i, a in enumerate(p.accounts, 1):
            write("\n".join(account_lines(p, i, a)) + "\n")
        ranking = ask_ranking(p, read, write)
        plan = ask_plan(p, ranking, read, write)
        campaign = Campaign(p, seed, ranking, plan)
        write(f"\n{portfolio_time.plan_time(p, plan)} The quarter begins.\n")
    state["campaign"] = campaign
    announced = {aid for aid, run in campaign.runs.items() if not run.active}
    while not campaign.finished:
        if not campaign.due:  # (a resumed quarter may stop at a conversation)
            decide_week(campaign, read, write)
            due = campaign.next_week()
            played = played_weeks(campaign)[0]  # the week just played, in the quarter page's words
            write(f"{played.heading}:\n" + "".join(f"  {line}\n" for line in played.lines))
            announce_losses(campaign, announced, write)
            for line in quarter_week.trouble_again_lines(p, campaign):
                write(f"\n  *** {line} ***\n")
            if due and player:  # the week is played: its answers are kept before the conversation starts
                save_week(campaign, player, state["started_at"], write)
        for aid in list(campaign.due):
            talk(campaign, aid, scenario_for, coach, read, write,
                 keep=(lambda: save_week(campaign, player, state["started_at"], write)) if player else None)
            announce_losses(campaign, announced, write)
        if player:
            save_week(campaign, player, state["started_at"], write)
    return campaign


def talk(campaign, aid, scenario_for, coach, read, write, keep=None) -> None:
    """The conversation due with the account: resumed where it was left (its replies so far) or begun; the
    campaign keeps it as it stands after every reply, and `keep()` saves the quarter then."""
    from game.core.errors import SnapshotError
    p = campaign.portfolio
    account = p.account(aid)
    write("\n" + quarter_week.trouble_line(p, campaign, aid) + "\n")
    scenario = scenario_for(account.scenario)
    run, kept = None, campaign.playing(aid)
    if kept:
        try:
            run = Playthrough.restore(scenario, kept)
            write(f"You are back in your conversation with {account.name}"
                  + (f": {_replies(len(run.choices))} so far {'stands' if len(run.choices) == 1 else 'stand'}.\n"
                     if run.choices else ".\n"))
        except SnapshotError:
            write(f"Your conversation with {account.name} cannot go on where you left it (its scenario has changed "
                  "since): it starts again from the top.\n")
    if run is None:
        run = quarter_week.linked_playthrough(scenario, campaign, aid)

    def after_reply():
        campaign.keep_playing(aid, run.snapshot())
        if keep is not None:
            keep()
    _play(scenario, run, coach, read, write, after_reply=after_reply)
    result = run.result()
    outcome = result.outcome if run.finished and result.outcome else "at_risk"
    campaign.resolve(aid, outcome, "played", result.score)
    write(f"{conversation_outcome(campaign, aid, outcome)} {back_to_quarter(campaign.week)}.\n")


def _replies(count: int) -> str:
    return "your one reply" if count == 1 else f"your {count} replies"
