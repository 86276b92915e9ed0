"""The debrief's overall words follow what the trainee did: the levers
earned, the biggest miss with a reply that would have earned it, each rule
broken with the reply that broke it."""
from game.core import loader
from game.core.closing_words import closing_words
from game.core.engine import Playthrough

from tests.fair.test_quality import FAIR

UNSHUFFLED = FAIR.replace("shuffle: true\n", "")


def words(choices):
    scenario = loader.load_text(UNSHUFFLED)
    run = Playthrough(scenario, seed=0)
    run.choose_all(choices)
    return run.result(), closing_words(scenario, run.result())


def test_the_best_playthrough_is_praised_for_each_lever_and_no_rule():
    result, said = words([1, 1, 1])
    assert result.score == 100
    assert said[0] == "Legendary, and the customer is retained."
    assert said[1] == ("What you did well: you put the customer first, connected, solved the problem and "
                       "built trust (75% or more).")
    assert said[-1] == "You broke none of the three rules." and len(said) == 3


def test_a_miss_names_the_moment_and_a_reply_that_would_have_earned_it():
    result, said = words([1, 2, 1])  # 'Sorry.' instead of the fix at b
    assert result.levers["solve_problems"].percent == 25 and result.levers["build_trust"].percent == 50
    assert ("What you missed: Solve problems (25%). The most was lost when they said \u201cSo what now?\u201d: "
            "\u201cI'll fix it today and call you at five to confirm.\u201d would have earned 3 points there.") in said
    assert not any("Build trust" in s for s in said)  # 50% is not a miss


def test_each_rule_broken_is_named_with_the_reply_that_broke_it_and_the_outcome_is_told():
    result, said = words([3, 1, 3])  # the premium plan, then the complaint jibe: both escalate
    assert result.outcome == "at_risk"
    assert said[0] == f"{result.grade}, and the customer is at risk."
    broken = [s for s in said if s.startswith("Rule broken")]
    assert broken == ["Rule broken: Don't upset them in the first place, when you said "
                      "\u201cHave you seen our premium plan?\u201d."]  # the second escalation breaks the same rule
    assert "You broke none" not in " ".join(said)


def test_an_unfinished_playthrough_says_so():
    result, said = words([1])
    assert not result.finished and said[0].startswith("The conversation did not reach an ending")
