"""A quarter's figures add up (issue 31, trial A6, A7, A17): every 'a → b' the trainee reads for an account starts
at the figure last shown for it, a conversation's change included; the debrief's last figure is one they saw;
and an account never falls back into trouble, or leaves, without a week line saying so."""
import re

import pytest

from game.app.portfolio_run import PortfolioRun
from game.core.portfolio.model import TROUBLE
from game.core.portfolio.optimise import best_plan
from game.core.portfolio.plan import Plan
from game.core.portfolio.review import debrief
from tests.portfolio.helpers import BUNDLED, bundled

FIGURES = re.compile(r"(\d+) → (\d+)|(?:left it at|stays at) (\d+)")
SEEDS = (0, 1, 2, 3, 4)
# how each linked conversation goes, in turn: poor calls and good ones, so health moves by odd amounts
TALKS = (("at_risk", 17), ("retained", 93), ("at_risk", 68), ("retained", 41), ("at_risk", 3))


def _first_last(what: str) -> tuple[int, int]:
    found = FIGURES.findall(what)
    assert found, what
    return int(found[0][0] or found[0][2]), int(found[-1][1] or found[-1][2])


def _played(p, seed, plan):
    """Play the quarter as the terminal shows it: each week's lines, then each conversation's outcome (the note
    every shell shows). Returns the campaign and what was read, per account name, in order."""
    run = PortfolioRun(seed=seed)
    run.start(p)
    run.ranking, run.plan = list(p.ids), plan
    run.choose("start_quarter")
    campaign = run.campaign
    read: dict[str, list[str]] = {a.name: [] for a in p.accounts}
    talks = iter(TALKS * 10)
    while not campaign.finished:
        run.choose("next_week")
        for name, what in campaign.week_lines():
            read[name].append(what)
        for aid in list(campaign.due):
            outcome, score = next(talks)
            read[p.account(aid).name].append(run.resolve(aid, outcome, score))
    return campaign, read


def _plans(p, seed):
    return (Plan({}), best_plan(p, seed).plan)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda path: path.stem)
def test_every_figure_starts_where_the_last_one_shown_ended_and_the_debrief_ends_on_it(path):
    p = bundled(path)
    for seed in SEEDS:
        for plan in _plans(p, seed):
            campaign, read = _played(p, seed, plan)
            result = debrief(campaign)
            for a in result["accounts"]:
                seen = p.account(a["id"]).health  # the briefing's figure
                for what in read[a["name"]]:
                    if "left you" in what and "→" not in what:
                        seen = 0
                        continue
                    first, last = _first_last(what)
                    assert first == seen, (path.stem, seed, a["name"], what, seen)
                    seen = last
                assert a["health"][-1] == seen, (path.stem, seed, a["name"], a["health"], read[a["name"]][-2:])


@pytest.mark.parametrize("path", BUNDLED, ids=lambda path: path.stem)
def test_trouble_after_the_conversation_is_told_and_no_account_leaves_without_warning(path):
    p = bundled(path)
    again = 0
    for seed in SEEDS:
        for plan in _plans(p, seed):
            campaign, read = _played(p, seed, plan)
            for aid, run in campaign.runs.items():
                name = p.account(aid).name
                if run.lost_week is not None and not any(w.conversation == "lost" for w in run.log):
                    before = read[name][:-1]
                    assert any("in trouble" in what for what in before), (path.stem, seed, name, read[name])
                talked = next((log.week for log in run.log if log.conversation), None)
                if talked and talked < len(run.log) and 0 < run.log[talked - 1].health < TROUBLE \
                        and not run.log[talked].lost and run.log[talked].trouble:
                    line = dict(campaign.week_lines(talked + 1)).get(name, "(no line)")
                    assert "still in trouble after your conversation, their one this quarter" in line, line
                for log in run.log:
                    if talked and log.week > talked and not log.lost and log.health < TROUBLE <= run.healths[log.week - 1]:
                        again += 1
                        line = dict(campaign.week_lines(log.week)).get(name, "(no line)")
                        assert ("in trouble again: you have had your conversation with them this quarter; only "
                                "contact and answers can help now") in line, line
    assert again or path.stem == "shop-systems"  # banking's café and Halden fall back into trouble on these seeds


def test_an_account_back_in_trouble_after_its_conversation_is_told_that_week_and_play_to_the_end_stops():
    # business banking, seed 2, no plan: the café's conversation (week 5) leaves it above the trouble line; a
    # rival's offer in week 11 takes it below again, and there is no second conversation (trial A17)
    p = bundled(next(path for path in BUNDLED if path.stem == "business-banking"))
    campaign, read = _played(p, 2, Plan({}))
    cafe = [what for what in read["The Copper Kettle café"] if "in trouble again" in what]
    assert cafe and cafe[0].startswith("A competitor's offer: it hurt; health:"), read["The Copper Kettle café"]
    run = PortfolioRun(seed=2)
    run.start(p)
    run.ranking, run.plan = list(p.ids), Plan({})
    run.choose("start_quarter")
    talks = iter(TALKS * 10)
    while run.campaign.week < 11 and not run.campaign.finished:
        if run.campaign.due:
            for aid in list(run.campaign.due):
                run.resolve(aid, *next(talks))
            continue
        run.choose("to_end")
    assert run.campaign.week == 11 and "good-grind" in run.campaign.troubled_this_week()
    assert "The Copper Kettle café: A competitor's offer: it hurt; health: " in run.view().tail
    assert "in trouble again" in run.view().tail
    # above the choices, as a loss is (the figure follows the model: since a conversation no longer restarts the
    # cadence clock, neglect has gone on through it)
    assert re.search(r"The Copper Kettle café: health \d+, in trouble again: you have had your conversation with them "
                     r"this quarter; only contact and answers can help now\.", run.view().head)


def test_a_conversation_says_the_health_it_left_and_the_debrief_counts_the_same_change():
    p = bundled()
    for seed in SEEDS:
        campaign, read = _played(p, seed, Plan({}))
        effects = debrief(campaign)["conversation_effects"]
        for e in effects:
            if e["outcome"] == "lost":
                continue
            said = [what for what in read[p.account(e["account"]).name] if "the account is" in what]
            first, last = _first_last(said[0])
            assert last - first == e["health_change"], (said, e)
