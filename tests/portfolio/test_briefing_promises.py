"""Issue 31: a portfolio's briefing promised "when an account slides into trouble you will be on the phone to
them", but only the accounts with a linked conversation ever get one; the others can only be helped by contact
and answers. Every bundled briefing promises a conversation only to as many accounts as have one."""
import re

import pytest

from tests.portfolio.helpers import BUNDLED, bundled

NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
EVERY_ACCOUNT = re.compile(r"when (an|any|each|every) (account|contract|customer) (slides|falls|gets) into trouble")


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_the_briefing_promises_a_conversation_only_to_the_accounts_that_have_one(path):
    p = bundled(path)
    briefing = " ".join(p.briefing.split())
    linked = sum(1 for a in p.accounts if a.scenario)
    if linked == len(p.accounts):
        return
    assert not EVERY_ACCOUNT.search(briefing), briefing
    told = re.search(r"\b(\w+) of the (?:accounts|contracts|customers) have a story of their own", briefing, re.I)
    if "on the phone" in briefing or "talk it through" in briefing:
        assert told and NUMBERS.get(told.group(1).lower()) == linked, (told and told.group(0), linked)
        assert "can only be helped by your contact and your answers" in briefing
