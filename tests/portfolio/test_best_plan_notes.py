"""The best plan keeps to what each account's notes ask for: its own channel, or one its notes allow
(docs/portfolio-model.md, 'What each account asks for'), on every bundled portfolio."""
import pytest

from game.core.portfolio.model import allowed_channels
from game.core.portfolio.optimise import best_plan, option_key
from tests.portfolio.helpers import BUNDLED, bundled


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_the_best_plan_uses_a_channel_the_notes_allow(path):
    p = bundled(path)
    for seed in range(12):
        for aid, contact in best_plan(p, seed).plan.contacts.items():
            a = p.account(aid)
            assert contact.method in allowed_channels(a), (seed, a.name, contact, [n.text for n in a.notes])


def test_bloom_and_stem_is_e_mailed_not_phoned():
    """Nell 'rarely picks up the phone': when a call and an e-mail keep the same profit (her health reaches the
    top either way), the best plan e-mails her, and it never phones her on any seed."""
    p = bundled()
    bloom = p.account("bloom-stem")
    assert "rarely picks up the phone" in bloom.notes[0].text and allowed_channels(bloom) == {"email"}
    best = best_plan(p, 4)  # seed 4: a monthly call and a monthly e-mail keep the same
    assert best.values["bloom-stem"][option_key(best.plan.contact("bloom-stem"), True)] == \
        best.values["bloom-stem"]["call/monthly+answers"]
    assert best.plan.contact("bloom-stem").method == "email"


def test_a_new_decision_maker_may_be_called_or_met():
    p = bundled()
    kofi = p.account("fenwick-bakeries")
    assert "new-decision-maker" in kofi.cues and allowed_channels(kofi) == {"visit", "call"}
