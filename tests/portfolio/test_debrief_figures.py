"""The quarter's debrief adds up: every figure is profit kept at the quarter's end on one stated basis, each
difference shown is the difference of the figures shown, and the score is explained by its formula on the
page (docs/portfolio-model.md, 'Profit kept, the best plan and the score')."""
import re

import pytest

from game.core.portfolio.campaign import Campaign
from game.core.portfolio.plan import Plan
from game.core.portfolio.policy import answer_week
from game.core.portfolio.quarter import Contact
from game.core.portfolio.ranking import true_order
from game.core.portfolio.review import debrief, figure_lines
from tests.portfolio.helpers import BUNDLED, bundled

AMOUNT = re.compile(r"−?£[\d,.]+[km]?")


def amount(text: str) -> float:
    sign = -1 if text.startswith("−") else 1
    text = text.lstrip("−£").replace(",", "")
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1], 1)
    return sign * float(text.rstrip("km")) * scale


def amounts(line: str) -> list[float]:
    return [amount(a) for a in AMOUNT.findall(line)]


def as_asked(p) -> Plan:
    """Each account in its own channel at its own pace, most valuable first, while half the budget lasts."""
    contacts, minutes = {}, 0
    for aid in true_order(p):
        a = p.account(aid)
        contact = Contact(a.channel, a.cadence)
        cost = Plan({aid: contact}).minutes()
        if minutes + cost <= p.budget_minutes // 2:
            contacts[aid], minutes = contact, minutes + cost
    return Plan(contacts)


def quarter(p, seed: int, answering: bool) -> dict:
    campaign = Campaign(p, seed, true_order(p), as_asked(p))
    outcomes = iter([("retained", 80), ("at_risk", 20), ("lost", 0), ("retained", 40)] * 5)

    def settle(c, aid):
        outcome, score = next(outcomes)
        return outcome, "scripted", score
    campaign.play_out(settle, answer_week if answering else None)
    return debrief(campaign)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
@pytest.mark.parametrize("answering", [True, False], ids=["answered", "let-go"])
def test_the_debriefs_figures_add_up_as_shown(path, answering):
    p = bundled(path)
    for seed in (0, 3, 7):
        d = quarter(p, seed, answering)
        # the record's figures: each difference is the difference of two totals
        assert d["answers_added"] == pytest.approx(d["plan_profit_kept"] - d["unanswered_profit_kept"], abs=0.02)
        assert d["conversations_added"] == pytest.approx(d["profit_kept"] - d["plan_profit_kept"], abs=0.02)
        if not answering:
            assert d["events_answered"] == 0 and d["answers_added"] == 0
        lines = [line for line in figure_lines(p, d) if line]  # '' between paragraphs
        score, _basis, played, at_risk, let_go, nothing, best = lines[:7]
        totals = [amounts(line)[0] for line in (played, at_risk, let_go, nothing, best)]
        # each step of the ladder: (what it added or cost) == the line above's total − its own
        for above, line, total in zip(totals, (at_risk, let_go, nothing), totals[1:]):
            if "so the two figures look the same" in line:  # a step under the rounding, said in pounds (A5)
                step, unit = amounts(line)[1:3]
                assert above == total and 0 < step < unit, (seed, line)
                continue
            shown = amounts(line)[1] if len(amounts(line)) > 1 else 0.0  # 'added nothing'
            assert (shown if "added" in line else -shown) == above - total, (seed, line)
        # the score: (kept − nothing) ÷ (best − nothing), from the figures shown, within rounding
        k, n, b, n2, kept_beyond, best_beyond = amounts(score)
        assert (k, n, b, n2) == (totals[0], totals[3], totals[4], totals[3])
        assert (kept_beyond, best_beyond) == (k - n, b - n)
        assert score.startswith(f"Score {d['score']}%: what you kept beyond doing nothing, as a share of what the "
                                "best plan keeps beyond doing nothing")
        expected = max(0.0, min(100.0, 100 * kept_beyond / best_beyond))
        assert d["score"] == round(expected), (seed, score)  # exactly the formula shown, to the whole percent
        # the coaching speaks of the same differences
        said = [c for c in d["coaching"] if "your answers kept" in c]
        if said:
            assert amounts(said[0])[0] == amounts(let_go)[1]


def _plans(p):
    """Several plans a trainee might make: none, each as asked within half the time, the best plan, and every
    account by e-mail once a month."""
    from game.core.portfolio.optimise import best_plan
    return {"none": Plan({}), "as asked": as_asked(p), "best": best_plan(p, 0).plan,
            "monthly e-mail": Plan({aid: Contact("email", "monthly") for aid in p.ids})}


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_the_score_shown_is_the_formula_shown_worked_on_the_figures_shown(path):
    """A trainee who takes the score's sentence ('(£151k − £82k) ÷ (£229k − £82k) = £69k ÷ £147k = 47%') and
    works the division gets the score shown, to the whole percent, for every plan and seed (issue 31: the debrief
    said 73% where the figures shown gave 72.3%)."""
    p = bundled(path)
    for name, plan in _plans(p).items():
        for seed in (0, 5, 11):
            campaign = Campaign(p, seed, true_order(p), plan)
            campaign.play_out(lambda c, aid: ("retained", "scripted", 70), answer_week)
            d = debrief(campaign)
            line = figure_lines(p, d)[0]
            k, n, b, _n, mine, best = amounts(line)
            assert (mine, best) == (k - n, b - n), line
            said = int(re.search(r"^Score (\d+)%", line)[1])
            assert said == d["score"]
            if best > 0 and 0 <= mine <= best:
                assert line.endswith(f" = {said}%."), line
                assert said == round(100 * mine / best), (name, seed, line)
            else:
                assert said == (0 if mine < 0 else 100), (name, seed, line)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_when_every_conversation_ends_at_risk_the_debrief_says_why_it_differs_from_the_ladder(path):
    """Issue 31: every conversation ended at risk, yet 'as played' and 'every conversation at risk' differed (an
    account was lost later). The ladder counts each conversation as an even 'at risk' (scored 50, no health
    moved); as played a poor at-risk call costs health. The rung says 'scored 50', and a line names each
    conversation, the health it moved, and the account that left because of it. With a score of 50 (or none)
    the two figures are equal."""
    p = bundled(path)
    told_a_loss = False
    for seed in range(4):
        for score in (20, 50, None, 80):
            campaign = Campaign(p, seed, true_order(p), Plan({}))
            campaign.play_out(lambda c, aid: ("at_risk", "played", score))
            assert campaign.conversations and all(c.outcome == "at_risk" for c in campaign.conversations)
            d = debrief(campaign)
            lines = [line for line in figure_lines(p, d) if line]
            played, at_risk = amounts(lines[2])[0], amounts(lines[3])[0]
            assert lines[3].startswith("  The same with every conversation at risk and scored 50:")
            [why] = [line for line in lines if line.startswith("Your conversations: ")]
            if score in (50, None):
                assert played == at_risk and d["conversations_added"] == 0
                assert "−" not in why.split(". The second figure")[0] and "left you" not in why
                continue
            for talk in campaign.conversations:
                name = p.account(talk.account).name
                moved = f"{'−' if score < 50 else '+'}{abs(0.2 * (score - 50)):g} health"
                assert f"{name} (week {talk.week}) ended at risk, scored {score}: {moved}" in why, why
                even = d["conversation_effects"]
                lost, lost_even = campaign.runs[talk.account].lost_week, \
                    next(e["lost_week_even"] for e in even if e["account"] == talk.account)
                if lost and not lost_even:
                    told_a_loss = True
                    assert f"{name} (week {talk.week})" in why and f"they left you in week {lost}, which they would " \
                        "not have after an even conversation" in why, why
            assert (played < at_risk) == (score < 50) or played == at_risk
    assert told_a_loss or path.stem == "shop-systems", "no seed showed a loss caused by a poor at-risk call"
