"""Issue 31, new-user trial 6: words that said something untrue or cut a name."""
from types import SimpleNamespace

from game.authoring.portfolio_report import analysis, analysis_lines
from game.core.portfolio.debrief_talks import left_either_way
from game.core.portfolio.quarter import EVENT_WORDS, Handled, WeekLog
from game.core.portfolio.week_words import health_words

from .helpers import ROOT, bundled

BANKING = ROOT / "portfolios" / "business-banking.yaml"


def _run(start, drift):
    """An account seen at `start` in its briefing whose first week only drifted by `drift`, with news."""
    log = WeekLog(week=1, health=start + drift, drift=drift, played=start + drift,
                  events=[Handled("complaint")])
    return SimpleNamespace(log=[log], healths=[start, start + drift], lost_week=None)


def test_health_that_went_up_is_said_to_rise_not_drift():
    assert "rose 90 → 91" in health_words(_run(90.0, 1.0), 1)
    assert "drifted 44 → 42" in health_words(_run(44.0, -2.0), 1)


def test_a_disclosure_answered_in_its_own_week_is_not_said_to_be_remembered():
    """Told this very week and answered: 'you asked after it' (there was nothing to remember yet)."""
    assert Handled("disclosure", "call", 1.0).words == "you asked after it"
    assert "remembered" not in EVENT_WORDS["disclosure"][0]


def test_analyze_never_cuts_a_name():
    """The trial: analyze printed 'Harlow Vale Housing Associatio'."""
    p = bundled(BANKING)
    text = "\n".join(analysis_lines(p, analysis(p, 0)))
    assert "Harlow Vale Housing Association " in text
    assert text.count("Harlow Vale Housing Association") >= 2


def test_conversations_that_moved_health_but_added_nothing_say_the_account_left_either_way():
    p = bundled()
    cafe = next(a for a in p.accounts if "café" in a.name)
    effect = {"account": cafe.id, "outcome": "at_risk", "health_change": -10.0, "lost_week": 8,
              "lost_week_even": 10, "week": 3, "score": 0}
    assert left_either_way(p, {"conversation_effects": [effect]}) == f"{cafe.name} left either way"
    kept = dict(effect, lost_week=None)
    assert left_either_way(p, {"conversation_effects": [kept]}) == ""


def test_the_terminal_debrief_says_the_plan_as_it_changed():
    """Trial 6: the café was called in weeks 4-8 and the calls were removed in week 9; the debrief said only
    'no contact'. It says the plan's history where it changed, and the plan as it stood where it did not."""
    from game.authoring.portfolio_report import debrief_lines
    from game.core.portfolio.campaign import Campaign
    from game.core.portfolio.plan import Plan
    from game.core.portfolio.quarter import Contact
    from game.core.portfolio.ranking import true_order
    from game.core.portfolio.review import debrief
    p = bundled()
    campaign = Campaign(p, 3, true_order(p), Plan({"hearth-home": Contact("email", "fortnightly")}))

    def play_to(week):
        while campaign.week < week:
            for aid in campaign.next_week():
                campaign.resolve(aid, "at_risk")
    play_to(3)
    campaign.revise("good-grind", Contact("call", "weekly"))
    play_to(8)
    campaign.revise("good-grind", None)
    play_to(13)
    d = debrief(campaign)
    cafe = next(a for a in d["accounts"] if a["id"] == "good-grind")
    called = [log.week for log in campaign.runs["good-grind"].log if log.contact]
    assert called == [4, 5, 6, 7, 8]
    assert cafe["contact"] == "no contact"
    assert cafe["contact_history"] == "none in weeks 1-3, then phone calls weeks 4-8, then none from week 9"
    hearth = next(a for a in d["accounts"] if a["id"] == "hearth-home")
    assert hearth["contact_history"] == ""
    text = "\n".join(debrief_lines(p, d))
    assert "none in weeks 1-3, then phone calls weeks 4-8, then none from week 9 (best:" in text
    assert "e-mail every two weeks (best:" in text
