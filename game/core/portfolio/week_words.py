"""How an account's health moved in a week, in words that join up: each
line starts from the figure the trainee last saw for the account (the
briefing's, or the last week's line), says the drift since then, what the
week's contact did (and why, when it added nothing or cost goodwill), what
the news and a conversation did, and ends on the figure now. Issue 31.

The week of a conversation names it (the scenario's title) and lists the
quarter's earlier news on that account as what came before it. The
conversation starts knowing that news (game/core/quarter_story.py); the
line says "the conversation knows of" a kind of news only when the scenario's
text reads that kind's count (`Account.scenario_story`), so the customer will
not tell it as new. It never says the conversation speaks of it: whether a
line that mentions it is reached depends on the trainee's replies.
"""
from __future__ import annotations

from game.core.portfolio.model import METHOD_TITLES, TROUBLE, WEEKS


def eventful(log) -> bool:
    """Whether a week has news for the account: a contact, news, a conversation, a loss, or trouble."""
    return bool(log.contact or log.events or log.conversation or log.lost or log.trouble)


DRIFT_TOLD = 5  # a quiet drift this large since the last figure shown gets a line of its own (issue 31)


def shown_weeks(run) -> list[int]:
    """The weeks played with a line for the account (issue 31, trial A7: the debrief's last figure must be one
    the trainee saw): a week with news for it, the quarter's last week while it is held, and a quiet week that
    has moved its health DRIFT_TOLD or more from the last figure shown."""
    weeks, seen = [], _shown(run.healths[0])
    for log in run.log:
        if run.lost_week is not None and log.week > run.lost_week:
            break
        now = _shown(log.health)
        if eventful(log) or log.week == WEEKS or abs(now - seen) >= DRIFT_TOLD:
            weeks.append(log.week)
            seen = now
    return weeks


def has_line(run, week: int) -> bool:
    return week in shown_weeks(run)


def last_shown(run, week: int) -> int:
    """The last week before `week` with a line for the account (0: the briefing's figure)."""
    return max((w for w in shown_weeks(run) if w < week), default=0)


TROUBLE_WORDS = {
    "again": "in trouble again: you have had your conversation with them this quarter; only contact and answers "
             "can help now",
    "first": "in trouble: no conversation is set up with them, so only contact and answers can help now",
    "after": "still in trouble after your conversation, their one this quarter: only contact and answers can "
             "help now",
    "still": "still in trouble: only contact and answers can help now",
}


def trouble_words(run, week: int) -> str:
    """An account below the trouble line with no conversation to come, told each week it stays there ('' when
    it is not): trouble again after its conversation (conversations are once a quarter), trouble with none
    linked, or still in trouble. docs/portfolio-model.md, 'A week, for each account'."""
    log = run.log[week - 1]
    if not log.trouble:
        return ""
    if run.healths[week - 1] < TROUBLE:  # the week after the conversation: say it was their one this quarter
        return TROUBLE_WORDS["after" if week > 1 and run.log[week - 2].conversation else "still"]
    return TROUBLE_WORDS["again" if run.conversation_done else "first"]


def _shown(value: float) -> int:
    return round(max(0.0, min(100.0, value)))


def health_words(run, week: int) -> str:
    """'health: drifted 44 → 42 since week 3, then the phone call 42 → 44'."""
    log, since = run.log[week - 1], last_shown(run, week)
    seen = _shown(run.healths[since])
    mid_exact = run.healths[week - 1] + log.drift
    mid = _shown(mid_exact)
    parts = []
    if mid != seen:
        parts.append(f"{'drifted' if mid < seen else 'rose'} {seen} → {mid}" + ("" if since == week - 1 else
                                                   " since the quarter began" if since == 0 else f" since week {since}"))
    now = mid
    if log.contact:
        after = _shown(mid_exact + log.lift)
        name = f"the {METHOD_TITLES[log.contact].lower()}"
        parts.append(f"{name} {now} → {after}" if after != now else f"{name} left it at {now}")
        if log.why and log.lift <= 0:
            parts[-1] += f" ({log.why})"
        now = after
    played = _shown(log.played if log.played is not None else log.health)
    if played != now:
        parts.append(f"the news {now} → {played}" if log.events else f"{now} → {played}")
        now = played
    if log.conversation and _shown(log.health) != now:
        parts.append(f"the conversation {now} → {_shown(log.health)}")
    if not parts:
        return f"health stays at {seen}"
    return "health: " + ", then ".join(parts)


OUTCOME_WORDS = {"retained": "kept them with you", "at_risk": "left them at risk", "lost": "lost them"}


def scenario_name(account) -> str:
    """The linked scenario as a trainee finds it on the scenario list: its title, else its id in words."""
    return f"“{account.scenario_title or account.scenario.replace('-', ' ')}”"


def conversation_words(campaign, account_id: str, week: int) -> str:
    """The week's words for an account's conversation, due this week or played in it ('' when neither): which
    conversation it is and how it went, then the quarter's news on the account so far, as what came before."""
    from game.core.portfolio.story import STORY_TITLES
    account, run = campaign.portfolio.account(account_id), campaign.runs[account_id]
    log = run.log[week - 1]
    due = account_id in campaign.due and week == campaign.week
    if not (log.conversation or due):
        return ""
    if log.conversation:
        said = f"the conversation {scenario_name(account)} {OUTCOME_WORDS.get(log.conversation, log.conversation)}"
    else:
        said = f"they are in trouble and want a conversation this week: {scenario_name(account)}"
    earlier: dict[str, list[tuple[int, int]]] = {}
    for past in run.log[:week]:
        for event in past.events:
            if event.kind in STORY_TITLES:
                earlier.setdefault(event.kind, []).append(
                    (past.week, 0 if event.well else (1 if event.answer is not None else 2)))
    if earlier:
        said += "; before it this quarter: " + ", ".join(
            kind_words(kind, each) for kind, each in sorted(earlier.items(), key=lambda item: item[1][0][0]))
        known = [kind for kind in account.scenario_story if kind in earlier]
        if known:  # its text is written to take that news up (game/core/quarter_story.py), so it is not told as new
            said += "; the conversation knows of " + _and(
                [PLURAL_TITLES[kind] if len(earlier[kind]) > 1 else STORY_TITLES[kind] for kind in known])
    return said


PLURAL_TITLES = {"competitor-offer": "the rival's offers", "price-cut": "the price requests",
                 "complaint": "the complaints"}
# how a kind's earlier events went when they all went alike: (two of them, more)
ALIKE = ({0: "both answered", 1: "both answered in part", 2: "neither answered"},
         {0: "all answered", 1: "all answered in part", 2: "none answered"})


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" and {items[-1]}"


def kind_words(kind: str, each: list[tuple[int, int]]) -> str:
    """Every earlier event of a kind before a conversation, each with how it went (issue 31): 'the rival's offer
    in week 2 (not answered)', 'the rival's offers in weeks 1 and 2 (neither answered)', 'the complaints in
    week 1 (answered) and week 4 (not answered)'."""
    from game.core.portfolio.story import HOW, STORY_TITLES
    if len(each) == 1:
        (w, how), = each
        return f"{STORY_TITLES[kind]} in week {w} ({HOW[how]})"
    hows = {how for _w, how in each}
    if len(hows) == 1:
        return (f"{PLURAL_TITLES[kind]} in weeks {_and([str(w) for w, _how in each])} "
                f"({ALIKE[len(each) > 2][hows.pop()]})")
    return f"{PLURAL_TITLES[kind]} in " + _and([f"week {w} ({HOW[how]})" for w, how in each])


def contact_words(run, week: int) -> str:
    """The week's planned contact as its line names it: 'Phone call', with what it did for the week's news
    (issue 31): a noted disclosure it asked after, or, when news went unanswered, that a planned contact is
    routine and took nothing up on its own ('' when there was no contact)."""
    log = run.log[week - 1]
    if not log.contact:
        return ""
    said = METHOD_TITLES[log.contact]
    asked = [past.week for past in run.log[:week - 1] for event in past.events if event.ask_week == week]
    if asked:
        said += f" (you asked after the news they told you in week {asked[-1]})"
    if any(event.answer is None for event in log.events):
        said += (f" as planned: routine contact, which did not take up this week's news (only an answer to "
                 "the news does)")
    return said


def note_words(event, week: int, method: str | None) -> str:
    """How a noted disclosure went, said as what will happen: 'noted: you will ask after it at your phone call
    in week 3' (the credit is the event's week's; the contact's week says it happened)."""
    if event.ask_week is None or method is None:
        return "noted, but no planned contact they would notice comes within four weeks: it is half forgotten"
    name = METHOD_TITLES[method].lower()
    if event.ask_week == week:
        return f"noted, and you asked after it at this week's {name}"
    return f"noted: you will ask after it at your {name} in week {event.ask_week}, and they can tell you listened"


def event_outcome(run, event, week: int) -> str:
    """How a week's event went, for the week's line: a noted disclosure as note_words says it; a disclosure let go
    while an earlier one is noted for a planned contact still to come says that one is noted and when it is asked
    after (issue 31: not 'nobody asked after it' when the trainee has a contact planned to ask); else its words."""
    if event.answer == "note":
        return note_words(event, week, run.method_on(event.ask_week))
    if event.kind != "disclosure" or event.answer is not None:
        return event.words
    noted = [(past.week, e.ask_week) for past in run.log[:week - 1] for e in past.events
             if e.kind == "disclosure" and e.answer == "note" and e.ask_week is not None and e.ask_week >= week]
    method = run.method_on(noted[-1][1]) if noted else None
    if method is None:
        return event.words
    (then, ask), name = noted[-1], METHOD_TITLES[method].lower()
    if ask == week:
        return f"not answered itself; week {then}'s news is noted, and you asked after that at this week's {name}"
    return f"not answered itself; week {then}'s news is noted, and you will ask after that at your {name} in week {ask}"
