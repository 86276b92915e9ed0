"""The debrief's coaching on problems, from what the trainee's answers actually got (issue 31, trial A14).

A generic line ("a voice for a complaint") contradicted the quarter: an account whose notes ask for writing was
phoned and only patched up, while the ones answered in writing were put right. So the coaching names the
problems that were let go or answered in part, each with what this customer's notes ask for and the answer
that would have put it right (answers.right_answer: a complaint in the account's own channel, the total cost
for a price request, and for a rival's offer whatever this customer values).
"""
from __future__ import annotations

from game.core.portfolio import answers

PROBLEM_NOUNS = {"competitor-offer": "rival's offer", "price-cut": "price request", "complaint": "complaint"}
CHANNEL_ASKS = {"email": "their notes ask for e-mail", "call": "their notes ask for the phone",
                "visit": "their notes ask to see you", "review": "their notes ask to see you"}
EXAMPLES = 3  # problems named in the coaching line


def missed_answers(campaign) -> list[dict]:
    """Every rival's offer, price request and complaint not handled well: the account, week, kind, the answer
    given (None: let go), how it went, and the answer that would have put it right. Those answered in part come
    first, then those let go, each in the order they came."""
    missed = []
    for week in range(1, campaign.week + 1):
        for account in campaign.portfolio.accounts:
            run = campaign.runs[account.id]
            if len(run.log) < week:
                continue
            for event in run.log[week - 1].events:
                if event.kind in PROBLEM_NOUNS and not event.well:
                    missed.append({"account": account.id, "week": week, "kind": event.kind, "answer": event.answer,
                                   "words": event.words, "right": answers.right_answer(account, event.kind)})
    # answers that missed this customer's way come first: they are what the trainee tried and can change
    return sorted(missed, key=lambda m: m["answer"] is None)


RIGHT_WORDS = {"competitor-offer": "would have seen the offer off", "price-cut": "would have shown them the value "
               "behind the price", "complaint": "would have put it right"}


def _one(p, m: dict) -> str:
    """'Pixelforge Studios, complaint in week 4: you chose “Phone them”: patched up; for them (their notes ask for
    e-mail), “Write to them” would have put it right'."""
    account = p.account(m["account"])
    did = f"you let it go ({m['words']})" if m["answer"] is None else \
        f"you chose “{answers.ANSWER_TITLES[m['answer']]}”: {m['words']}"
    why = f" ({CHANNEL_ASKS[account.channel]})" if m["kind"] == "complaint" else ""
    return (f"{account.name}, {PROBLEM_NOUNS[m['kind']]} in week {m['week']}: {did}; for them{why}, "
            f"“{answers.ANSWER_TITLES[m['right']]}” {RIGHT_WORDS[m['kind']]}")


def solve_problems_coaching(p, result: dict) -> str:
    """The coaching for the 'Solve problems' lever, from the quarter's own answers."""
    missed = result.get("missed_answers") or []
    said = ("Answer complaints, price requests and rivals' offers the week they arrive, in the way each customer's "
            "notes ask for: a complaint in their own channel (a written reply to those who ask for e-mail, a visit "
            "to those who like to meet, else a call), the total cost for a price request, and for a rival's offer "
            "whatever this customer values.")
    if missed:
        said += " This quarter: " + "; ".join(_one(p, m) for m in missed[:EXAMPLES]) + \
            (f"; and {len(missed) - EXAMPLES} more." if len(missed) > EXAMPLES else ".")
    return said
