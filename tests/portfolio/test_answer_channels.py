"""Answers to the week's news keep to the account's channel (docs/portfolio-model.md, 'Answering the week's
events'): a written reply is offered to every event, and a phone call to an account whose notes rule out the
phone lands worse than an answer in its own channel, on every bundled portfolio."""
import pytest

from game.core.portfolio import answers
from game.core.portfolio.model import EVENT_KINDS
from game.core.portfolio.quarter import WELL
from tests.portfolio.helpers import BUNDLED, bundled


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_every_event_can_be_answered_in_the_accounts_own_channel(path):
    p = bundled(path)
    for a in p.accounts:
        for kind in EVENT_KINDS:
            offered = [reply for reply, _title, _minutes in answers.options_for(a, kind)]
            assert "write" in offered and answers.voice(a) in offered, (a.name, kind, offered)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_a_call_to_an_account_that_does_not_take_calls_lands_worse_than_its_own_channel(path):
    p = bundled(path)
    ruled_out = [a for a in p.accounts if answers.phone_ruled_out(a)]
    assert ruled_out, "every bundled portfolio has an account that lives on e-mail"
    for a in ruled_out:
        for kind in EVENT_KINDS:
            for soon in (False, True):
                call = answers.quality(a, kind, "call", soon)
                best = max(answers.quality(a, kind, r, soon) for r in ("write", "total-cost", "testimonial")
                           if r in answers.VALID[kind])
                assert call < WELL and answers.change(kind, call) < answers.change(kind, best), (a.name, kind)


def test_hearth_and_home_read_a_written_reply_and_do_not_answer_the_phone():
    """'Calls go unanswered': phoning their complaint no longer puts it right; writing does."""
    hearth = bundled().account("hearth-home")
    assert "calls go unanswered" in hearth.notes[0].text
    assert answers.right_answer(hearth, "complaint") == "write"
    assert answers.change("complaint", answers.quality(hearth, "complaint", "call")) < 0
    assert answers.change("complaint", answers.quality(hearth, "complaint", "write")) == 10
