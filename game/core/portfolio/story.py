"""The quarter keeps its thread: what a customer says when an event arrives.

A portfolio gives each account its customer's words for an event (`news`):
"The other lot have put a new terminal on top of the free months." Those words are
the customer's first word on that kind of event. When the same kind comes
again for the same account, or after the account's linked conversation has
settled the story the words belong to, repeating them word for word would
pretend nothing happened. Then the week tells a follow-up that acknowledges
what did happen: how the earlier event was answered, or how the
conversation went, and in which week. A personal disclosure is not part of
a conversation's story, so a conversation does not change its first word.
A follow-up carries the customer's own words too: a kind's `news` may be a
list, its first line the first word and the next ones what they say each
time it comes again (issue 31: every event a trainee reads has a line from
the customer, and two follow-ups in a quarter never read alike).
The events themselves (how many, which, when) are not changed.
docs/portfolio-model.md, 'Answering the week's events'.
"""
from __future__ import annotations

import re

from game.core.portfolio.model import METHOD_TITLES

# a later event of the same kind, by how the earlier one went: answered well, answered in part, let go
AGAIN = {
    "competitor-offer": ("A rival again; you saw off the offer of week {week}.",
                         "A rival again; they still weigh the offer of week {week}.",
                         "A rival again; nobody answered the offer of week {week}."),
    "price-cut": ("The price again; week {week}'s answer held, but money is tight.",
                  "The price again; week {week}'s answer did not convince.",
                  "The price again; nobody explained it in week {week}."),
    "complaint": ("New trouble since the fix of week {week}.",
                  "The trouble is back; week {week}'s fix was a patch.",
                  "Another complaint; week {week}'s was never answered."),
    "disclosure": ("More news, glad you asked after week {week}'s.",
                   "More news; in week {week} you asked after it, though not as they would have liked.",
                   "More news; nobody asked after week {week}'s."),
}
# a disclosure noted when no planned contact they would notice came within the note's window: nobody asked
NOTED_UNASKED = "More news; week {week}'s was noted, but no contact of yours ever brought it up."
# a disclosure noted for a planned contact that has not come yet: it is not asked after until that week (A2)
NOTED_AHEAD = "More news; week {week}'s is noted, and you will ask after it at your {contact} in week {ask}."
NOTED_THIS_WEEK = "More news; week {week}'s is noted, and you will ask after it at this week's {contact}."
# a later event of the same kind after a concession: the discount is what happened, not an explanation or a fix
AFTER_CONCESSION = {"competitor-offer": "A rival again; a discount kept them in week {week}.",
                    "price-cut": "The price again; they had a discount in week {week} and now ask for more.",
                    "complaint": "Another complaint; week {week}'s money off did not fix the fault."}
# an event after the account's linked conversation (a different kind from any earlier event), by its outcome
AFTER_TALK = {
    "competitor-offer": {"retained": "A rival tries again since your conversation of week {week} kept them.",
                         "at_risk": "A rival presses; since your talk of week {week} they waver."},
    "price-cut": {"retained": ("Your conversation in week {week} kept their goodwill, but their budget is still "
                               "tight, so now they ask about the price."),
                  "at_risk": "The price; your talk of week {week} left them unsure what they pay for."},
    "complaint": {"retained": "New trouble after your conversation of week {week} settled things.",
                  "at_risk": "The trouble goes on after your talk of week {week}."},
}


def event_words(campaign, account_id: str, kind: str) -> str:
    """What the coming week's event of `kind` says for the account: the customer's own words in quotes the
    first time, else a follow-up that acknowledges what happened ('' when the file gives no words and nothing
    came before)."""
    week = campaign.week + 1
    run = campaign.runs[account_id]
    earlier = [(log.week, event) for log in run.log[: week - 1] for event in log.events if event.kind == kind]
    talks = [c for c in campaign.conversations if c.account == account_id and c.outcome in ("retained", "at_risk")
             and c.week < week]
    talk = talks[-1] if talks and kind in AFTER_TALK else None
    lines = tuple(fitting(line, run, week) for line in run.account.lines(kind))
    first = earlier[0][0] if earlier else week
    # told: the customer's lines already used; the first word is skipped when a conversation came before it
    told = len(earlier) + (1 if kind in AFTER_TALK and any(c.week < first for c in talks) else 0)
    if earlier and (talk is None or earlier[-1][0] > talk.week):
        then, handled = earlier[-1]
        how = 0 if handled.well else (1 if handled.answer is not None else 2)
        frame = AGAIN[kind][how].format(week=then)
        if handled.answer == "concession":
            frame = AFTER_CONCESSION[kind].format(week=then)
        if handled.answer == "note":
            frame = noted_frame(run, then, handled.ask_week, week)
        if told >= len(lines) > 1:  # past the file's lines: the quote comes round again, the frame counts
            weeks = [str(w) for w, _handled in earlier]
            frame = (f"The {ORDINALS[min(told, len(ORDINALS) - 1)]} {TITLES[kind]} this quarter, after "
                     f"week{'s' if len(weeks) > 1 else ''} {', '.join(weeks[:-1])}"
                     f"{' and ' if len(weeks) > 1 else ''}{weeks[-1]}; {HOW[how]} last time.")
        return _with_words(frame, lines, told)
    if talk is not None:
        return _with_words(AFTER_TALK[kind][talk.outcome].format(week=talk.week), lines, told)
    return f"“{lines[0]}”" if lines and lines[0] else ""


def noted_frame(run, then: int, ask: int | None, week: int) -> str:
    """A follow-up to a disclosure noted in week `then`: asked after only in the week of the planned contact that
    asks after it (`ask`), so news before that week says it is noted and when it will be asked after."""
    method = run.method_on(ask)
    if ask is None or method is None:  # noted, but no contact ever asked after it
        return NOTED_UNASKED.format(week=then)
    if ask < week:
        return AGAIN["disclosure"][0].format(week=then)
    contact = METHOD_TITLES[method].lower()
    return (NOTED_THIS_WEEK if ask == week else NOTED_AHEAD).format(week=then, contact=contact, ask=ask)


# a customer's line that speaks of a coming business review ("Bring numbers to the review.")
COMING_REVIEW = re.compile(r"\b(the|your|a) review\b", re.I)


def fitting(line: str, run, week: int) -> str:
    """The customer's line as it fits the plan (issue 31): a sentence or clause that speaks of a coming business
    review is left out when no review is planned for the account from `week` to the quarter's end ('Procurement
    has put your fees on the agenda. Bring numbers to the review.' keeps its first sentence); '' when nothing
    is left. The customer's words are never rewritten, only cut at a full stop or a semicolon."""
    if not COMING_REVIEW.search(line) or (run.contact and run.contact.method == "review" and run.planned_weeks(week)):
        return line
    parts = re.split(r"(?<=[.!?])\s+|;\s+", line)
    kept = [part if part[-1:] in (".", "!", "?") else f"{part}." for part in parts if not COMING_REVIEW.search(part)]
    return " ".join(kept)


ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "next")
TITLES = {"competitor-offer": "rival's offer", "price-cut": "price request", "complaint": "complaint",
          "disclosure": "personal news"}


def again_line(lines: tuple[str, ...], told: int) -> str:
    """The customer's words for the event that comes after `told` earlier ones of its kind (a conversation
    counts as one): line `told` of the file's list, and past its end the follow-ups again in turn (never the
    first word, which the follow-up frame has moved on from); '' when the file gives only a first word."""
    later = lines[1:]
    return later[(told - 1) % len(later)] if later else ""


def _with_words(frame: str, lines: tuple[str, ...], told: int) -> str:
    words = again_line(lines, told)
    return f"{frame} “{words}”" if words else frame


def quoted(words: str) -> bool:
    """Whether `event_words` gave the customer's own words (shown as 'They say: …')."""
    return words.startswith("“")


# the quarter's news of a kind that comes before a linked conversation, as the week's line names it
STORY_TITLES = {"competitor-offer": "the rival's offer", "price-cut": "the price request", "complaint": "the complaint"}
HOW = ("answered", "answered in part", "not answered")
