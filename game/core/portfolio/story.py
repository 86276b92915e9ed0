"""The quarter keeps its thread: what a customer says when an event arrives.

A portfolio gives each account its customer's words for an event (`news`):
"The other lot say three months free and a new terminal." Those words are
the customer's first word on that kind of event. When the same kind comes
again for the same account, or after the account's linked conversation has
settled the story the words belong to, repeating them word for word would
pretend nothing happened. Then the week tells a follow-up that acknowledges
what did happen: how the earlier event was answered, or how the
conversation went, and in which week. A personal disclosure is not part of
a conversation's story, so a conversation does not change its first word.
The events themselves (how many, which, when) are not changed.
docs/portfolio-model.md, 'Answering the week's events'.
"""
from __future__ import annotations

# a later event of the same kind, by how the earlier one went: answered well, answered in part, let go
AGAIN = {
    "competitor-offer": ("Another rival is trying their luck, though you saw the last offer off in week {week}.",
                         "The rival is back with a sharper offer; since week {week} they have been weighing the "
                         "first one.",
                         "The rival is back, and they point out that nobody answered the first offer in week "
                         "{week}."),
    "price-cut": ("The price comes up again: in week {week} they saw the value, but the budget is tight once more.",
                  "They ask about the price again; what you said in week {week} did not quite convince them.",
                  "They ask about the price again, and remind you nobody explained it in week {week}."),
    "complaint": ("Something else has gone wrong since the fix in week {week}; they want to know it will not "
                  "keep happening.",
                  "The trouble is back: in week {week} it was only patched up.",
                  "Another complaint, and the one from week {week} was never answered."),
    "disclosure": ("They tell you more, glad you asked after what they said in week {week}.",
                   "They bring it up again; in week {week} you only half remembered.",
                   "Again, and nobody asked after what they told you in week {week}."),
}
# an event after the account's linked conversation (a different kind from any earlier event), by its outcome
AFTER_TALK = {
    "competitor-offer": {"retained": "A rival has another go, after your conversation in week {week} kept them "
                                     "with you; they want to see that it still holds.",
                         "at_risk": "A rival presses again; since your conversation in week {week} they have been "
                                    "wavering."},
    "price-cut": {"retained": "They raise the price, weeks after your conversation in week {week}; the goodwill "
                              "is there, the budget is not.",
                  "at_risk": "They raise the price; your conversation in week {week} left them unsure what they "
                             "pay for."},
    "complaint": {"retained": "A new problem, after your conversation in week {week} had settled things.",
                  "at_risk": "The trouble goes on after your conversation in week {week}."},
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
    if earlier and (talk is None or earlier[-1][0] > talk.week):
        then, handled = earlier[-1]
        how = 0 if handled.well else (1 if handled.answer is not None else 2)
        return AGAIN[kind][how].format(week=then)
    if talk is not None:
        return AFTER_TALK[kind][talk.outcome].format(week=talk.week)
    said = run.account.said(kind)
    return f"“{said}”" if said else ""


def quoted(words: str) -> bool:
    """Whether `event_words` gave the customer's own words (shown as 'They say: …')."""
    return words.startswith("“")


# the quarter's news of a kind that comes before a linked conversation, as the week's line names it
STORY_TITLES = {"competitor-offer": "the rival's offer", "price-cut": "the price request", "complaint": "the complaint"}
HOW = ("answered", "answered in part", "not answered")
