"""The best plan keeps to what each account's notes ask for: its own channel, or one its notes allow
(docs/portfolio-model.md, 'What each account asks for'), on every bundled portfolio."""
from dataclasses import replace

import pytest

from game.core.portfolio.model import CADENCE_GAP, Note, allowed_channels, missing_cues
from game.core.portfolio.optimise import best_plan, option_key
from game.core.portfolio.quarter import Contact
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


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_the_notes_say_each_accounts_cadence_and_channel(path):
    """A trainee plans from the notes: each account's notes carry a word of its cadence and of its channel
    (CADENCE_WORDS, CHANNEL_WORDS in model.py; the validator warns FP134 otherwise)."""
    p = bundled(path)
    for a in p.accounts:
        assert missing_cues(a) == [], (a.name, a.cadence, a.channel, [n.text for n in a.notes])


def test_notes_without_a_cadence_or_channel_word_are_found():
    pharmacy = bundled().account("corner-pharmacy")
    bare = replace(pharmacy, notes=(Note("Six pharmacies; they pay on time and ask for little."),))
    assert missing_cues(bare) == ["cadence", "channel"]


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_the_best_plan_contacts_no_account_more_often_than_its_notes_ask(path):
    """Northway sees her banks 'once a quarter ... and not between'; the best plan never reviews her monthly,
    nor contacts any account more often than its cadence, on any seed."""
    p = bundled(path)
    for seed in range(12):
        for aid, contact in best_plan(p, seed).plan.contacts.items():
            a = p.account(aid)
            assert CADENCE_GAP[contact.frequency] >= CADENCE_GAP[a.cadence], (seed, a.name, contact, a.cadence)


def test_when_hours_allow_the_best_plan_keeps_the_cadence_asked_for():
    """Hearth & Home want written updates every couple of weeks: with six hours a week there is time, so the
    best plan e-mails them every two weeks, not every four (a tie the cap on health used to hide)."""
    p = bundled()
    for seed in range(12):
        assert best_plan(p, seed).plan.contact("hearth-home") == Contact("email", "fortnightly"), seed


def test_when_hours_run_short_the_debrief_says_the_best_plan_contacts_less_often_than_asked():
    """Three shop accounts in 1.5 hours a week: the best plan cannot give each the pace it asks for, and the
    debrief says so, account by account and in its coaching."""
    from game.core.portfolio.campaign import Campaign
    from game.core.portfolio.plan import Plan
    from game.core.portfolio.ranking import true_order
    from game.core.portfolio.review import debrief
    from tests.portfolio.helpers import small
    p = small()
    campaign = Campaign(p, 4, true_order(p), Plan({}))
    campaign.play_out(lambda _c, _aid: ("at_risk", "assumed", None))
    d = debrief(campaign)
    slower = {a["name"]: a["best_pace"] for a in d["accounts"] if a["best_pace"]}
    assert slower and all("less often than they ask" in why for why in slower.values())
    for a in d["accounts"]:  # the pace is named only where the best plan is slower than the notes ask
        best = best_plan(p, 4).plan.contact(a["id"])
        account = p.account(a["id"])
        assert bool(a["best_pace"]) == (best is None or CADENCE_GAP[best.frequency] > CADENCE_GAP[account.cadence])
    assert any("less often than their notes ask" in line and "1.5 hours a week" in line for line in d["coaching"])


def test_lattice_notes_say_the_one_thing_the_best_plan_does():
    """Trial 6: Lattice's notes said the practice 'runs on e-mail; a short monthly note' while the best plan
    phones them every four weeks (Felix, new, does not read a stranger's e-mails). The notes now say to make
    the monthly word a call until he knows you, and the best plan does that on every seed."""
    from tests.portfolio.helpers import ROOT
    p = bundled(ROOT / "portfolios" / "business-banking.yaml")
    lattice = p.account("lattice-architects")
    text = " ".join(n.text for n in lattice.notes).lower()
    assert "once a month" in text and "phone call" in text and "a short monthly note" not in text
    for seed in range(12):
        assert best_plan(p, seed).plan.contact("lattice-architects") == Contact("call", "monthly"), seed
