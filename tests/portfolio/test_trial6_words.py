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
    return SimpleNamespace(log=[log], healths=[start, start + drift])


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
