"""A week's decisions in the portfolio quarter, as plain data: the coming
week's news (each event a choice that opens its answers), the answers to one
event (with the time each takes, those there is no time for disabled), the
plan revised from the coming week, and an account lost as it happens. The
window draws these pages; the terminal asks the same questions in words.
"""
from __future__ import annotations

from game.core.portfolio import hours as portfolio_time
from game.app.choices import Choice
from game.core.portfolio import answers, story, week_words
from game.core.portfolio.model import CADENCE_GAP, FREQUENCIES, FREQUENCY_TITLES, METHOD_TITLES, METHODS, WEEKS
from game.core.portfolio.quarter import REVISED_STEP, Contact
from game.core.portfolio.ranking import money
from game.core.portfolio.review import contact_words
from game.core.engine import Playthrough
from game.core.turns import draw_persona


def linked_playthrough(scenario, campaign, account_id: str, seed: int | None = None,
                       persona: str | None = None) -> Playthrough:
    """The conversation the quarter asks for with an account in trouble, as the window, the terminal, the browser
    and a scripted quarter all start it: the quarter's seed, the persona drawn from it (or the one a plan file
    names) and the quarter's story on the account, which its conditions read (game/core/quarter_story.py)."""
    seed = campaign.seed if seed is None else seed
    persona = draw_persona(scenario, seed) if persona is None else persona
    return Playthrough(scenario, seed=seed, persona=persona, story=campaign.story(account_id))


def week_heading(campaign) -> str:
    """The quarter page's first line."""
    if campaign.due:
        return f"Week {campaign.week} of {WEEKS}."
    return f"Week {campaign.week} of {WEEKS} is played: what happened is listed below."


def lost_lines(p, campaign) -> list[str]:
    """An account lost in the week just played, said the moment it happens."""
    return [f"{p.account(aid).name} has left you. {money(p.currency, p.account(aid).profit)} of profit a year has "
            "gone with them." for aid in campaign.lost_this_week()]


def trouble_again_lines(p, campaign) -> list[str]:
    """An account that fell into trouble in the week just played with no conversation to come, said the moment it
    happens (issue 31, trial A17: conversations are once a quarter, and an account must not slide away unwarned)."""
    return [f"{p.account(aid).name}: health {round(campaign.runs[aid].health)}, "
            f"{week_words.trouble_words(campaign.runs[aid], campaign.week)}." for aid in campaign.troubled_this_week()]


def trouble_line(p, campaign, aid) -> str:
    """An account that fell into trouble this week, in the words every shell shows: the
    conversation may be a call or a meeting (the scenario's briefing says which)."""
    return (f"{p.account(aid).name} is in trouble (health {round(campaign.runs[aid].health)}). They need a "
            "conversation before the week is out. " + CONVERSATION_TIME)


# what a linked conversation costs in time (issue 31: its hours were never stated, so it seemed free)
CONVERSATION_TIME = ("It takes none of the quarter's hours: a customer in trouble comes before the plan, so the "
                     "conversation is on top of your planned contact and answers.")


def news_text(p, campaign) -> str:
    """What the coming week brings, above its choices ('' when nothing)."""
    if campaign.due or campaign.finished:
        return ""
    news = campaign.news()
    if not news:
        return f"Week {campaign.week + 1} looks quiet so far."
    answered = sum(1 for aid, e in news if (campaign.week + 1, aid, e.kind) in campaign.replies)
    return (f"News for week {campaign.week + 1}: {len(news)} thing{'s' if len(news) != 1 else ''} to decide "
            f"({answered} answered); what you do not answer is let go. " + portfolio_time.week_time(campaign))


def news_choices(p, campaign) -> tuple[Choice, ...]:
    items = []
    for aid, event in campaign.news():
        reply = campaign.replies.get((campaign.week + 1, aid, event.kind))
        title = note_title(campaign, aid) if reply == "note" else answers.ANSWER_TITLES.get(reply, "")
        detail = f"your answer: {title[0].lower()}{title[1:]}" if reply else "not answered yet"
        said = story.event_words(campaign, aid, event.kind)
        if said:
            detail = f"{said} · {detail}"
        if not reply and (planned := planned_words(campaign, aid, short=True)):
            detail += f" · {planned}"
        items.append(Choice(f"{p.account(aid).name}: {answers.EVENT_NEWS[event.kind]}", ("answer", (aid, event.kind)),
                            detail=detail))
    return tuple(items)


def planned_words(campaign, aid, short: bool = False) -> str:
    """A planned contact in the week of the news, said plainly: it is routine and takes nothing up on its own
    ('' when the account has no contact planned that week). docs/portfolio-model.md, 'Answering the week's
    events'."""
    method = campaign.runs[aid].method_on(campaign.week + 1)
    if not method:
        return ""
    if short:
        return f"your planned {METHOD_TITLES[method].lower()} this week will not take this up unless you answer it"
    return (f"your {METHOD_TITLES[method].lower()} planned for this week is routine contact: it will not take "
            "this up unless you answer it here (the answer is its own contact, with its own hours)")


def account_text(p, a) -> str:
    return "\n".join([f"{a.name} ({a.sector}), health {round(a.health)} at the start of the quarter."]
                     + [f"    {n.text}" for n in a.notes])


def answer_page(p, campaign, choosing) -> tuple[str, str, tuple[Choice, ...]]:
    aid, kind = choosing
    a = p.account(aid)
    key = (campaign.week + 1, aid, kind)
    left = campaign.week_minutes_left(skip=key)
    words = story.event_words(campaign, aid, kind)
    said = f"\nThey say: {words}" if story.quoted(words) else (f"\n{words}" if words else "")
    planned = planned_words(campaign, aid)
    said += f"\n{planned[0].upper()}{planned[1:]}." if planned else ""
    head = (f"Week {campaign.week + 1} of {WEEKS}: {a.name}: {answers.EVENT_NEWS[kind]}.{said}\nHow will you "
            f"answer? {portfolio_time.answer_time(campaign, key)}\n\n" + account_text(p, a) +
            f"\n    Health now {round(campaign.runs[aid].health)}.")
    items = [Choice("Let it go", ("reply", None), detail="the same as playing on without answering")]
    for reply, title, minutes in answers.options_for(a, kind):
        fits = minutes <= left
        title = note_title(campaign, aid) if reply == "note" else title
        items.append(Choice(title, ("reply", reply), enabled=fits,
                            detail=portfolio_time.h(minutes) + ("" if fits else " · no time left for it")
                            + (" · your answer" if campaign.replies.get(key) == reply else "")))
    items.append(Choice("Back to the week", "to_quarter"))
    return head, "", tuple(items)


_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def note_title(campaign, aid) -> str:
    """The note's option names the contact it will be brought up at: 'Note it and bring it up at your phone
    call in week 7', or that there is none the account would notice within the weeks a note is remembered."""
    run = campaign.runs[aid]
    week = run.next_noticed(campaign.week + 1)
    if week is None:
        return ("Note it and bring it up at your next planned contact: none they would notice comes within "
                f"{_WORDS.get(answers.NOTE_WINDOW, answers.NOTE_WINDOW)} weeks, so little will come of it")
    return f"Note it and bring it up at your {METHOD_TITLES[run.contact.method].lower()} in week {week}"


def revise_page(p, campaign, ranking) -> tuple[str, str, tuple[Choice, ...]]:
    head = (f"Change your plan from week {campaign.week + 1}: what is done stays done. "
            + portfolio_time.week_time(campaign) + " A change must fit in the quarter's hours left.")
    items = [Choice(p.account(aid).name, ("revise_account", aid), number=n if n <= 9 else None,
                    detail=contact_words(campaign.plan.contact(aid))) for n, aid in enumerate(ranking, 1)]
    return head, "", tuple(items) + (Choice("Back to the week", "to_quarter"),)


def moved_words(campaign, aid, contact, weeks) -> str:
    """Why a revised cadence starts later than its calendar ('' when it does not): the first calendar week would
    come sooner than the account wants after its last contact."""
    ahead = [w for w in contact.weeks if w > campaign.week]
    if not ahead or not weeks or weeks[0] <= ahead[0]:
        return ""
    run = campaign.runs[aid]
    last = campaign.week - run.silence
    what = (f"your {METHOD_TITLES[run.log[last - 1].contact].lower()}" if 0 < last <= len(run.log)
            and run.log[last - 1].contact else "your last contact")
    return (f" · starts in week {weeks[0]}, not {ahead[0]}: week {ahead[0]} would come too soon after {what} "
            f"in week {last} (they want to hear from you {FREQUENCY_TITLES[run.account.cadence]})")


# what a trainee calls each contact in a warning ('each call after the first will be too soon')
CONTACT_NOUNS = {"visit": "visit", "call": "call", "email": "e-mail", "review": "business review"}


def too_often_words(campaign, aid, contact, weeks) -> str:
    """A revised cadence more often than the account wants, said before it is picked ('' when it is not, or
    when at most one contact is left): every contact after the first comes too soon and costs goodwill.
    docs/portfolio-model.md, 'Changing the plan'."""
    wanted = campaign.runs[aid].account.cadence
    if len(weeks) < 2 or REVISED_STEP[contact.frequency] >= CADENCE_GAP[wanted]:
        return ""
    noun = CONTACT_NOUNS[contact.method]
    return (f" · more often than they want ({FREQUENCY_TITLES[wanted]}): each {noun} after the first will be "
            "too soon and cost goodwill")


def revise_options(p, campaign, aid) -> tuple[str, str, tuple[Choice, ...]]:
    a = p.account(aid)
    planned = contact_words(campaign.plan.contact(aid))  # as the plan stands, not a choice just made
    head = f"{a.name}, from week {campaign.week + 1} on (planned now: {planned}).\n\n" + account_text(p, a)
    items = [Choice("No contact", ("revise_set", None))]
    for m in METHODS:
        for f in FREQUENCIES:
            contact = Contact(m, f)
            fits = campaign.revision_fits(aid, contact)
            weeks = campaign.revised_weeks(aid, contact)
            items.append(Choice(f"{METHOD_TITLES[m]} {FREQUENCY_TITLES[f]}", ("revise_set", contact), enabled=fits,
                                detail=portfolio_time.contact_cost_from(contact, campaign.week + 1, weeks)
                                + moved_words(campaign, aid, contact, weeks)
                                + too_often_words(campaign, aid, contact, weeks)
                                + ("" if fits else " · more than the quarter's time left")))
    return head, "", tuple(items) + (Choice("Back", "revise"),)


def revised_words(campaign, aid) -> str:
    """What a change of plan did, said at once: 'Fenwick Bakeries: visit every two weeks from week 2 (weeks 2, 4,
    6, 8, 10 and 12).' with the new week's hours."""
    week = campaign.week + 1
    ahead = campaign.runs[aid].planned_weeks(week)
    return (f"{campaign.portfolio.account(aid).name}: {contact_words(campaign.plan.contact(aid))} from week {week}"
            + (f" ({portfolio_time.weeks_words(ahead)})" if ahead else "") + f". {portfolio_time.week_time(campaign)}")
