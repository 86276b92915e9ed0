"""The self-check: 8-12 questions, one answer per style each, scored by
count with a stated tie-break; a flex tip for each of the 16 pairings."""
import pytest

from game.core.model import STYLES
from game.core.styles import (FLEX_TIPS, OPPOSITE, QUESTIONS, flex_tip, score_answers, unlike,
                         unlike_customers)


def answers_for(styles):
    """The 1-based answer that picks each style, question by question."""
    return [next(n for n, (s, _) in enumerate(q.answers, 1) if s == style) for q, style in zip(QUESTIONS, styles)]


def test_the_self_check_has_8_to_12_questions_each_offering_every_style_once():
    assert 8 <= len(QUESTIONS) <= 12
    for q in QUESTIONS:
        assert sorted(s for s, _ in q.answers) == sorted(STYLES)
        assert q.prompt and all(text.strip() for _, text in q.answers)


def test_the_position_of_an_answer_does_not_give_away_its_style():
    for position in range(4):
        styles = {q.answers[position][0] for q in QUESTIONS}
        assert len(styles) >= 3, f"answer {position + 1} is nearly always the same style"


@pytest.mark.parametrize("style", STYLES)
def test_answering_one_style_throughout_gives_that_style(style):
    result = score_answers(answers_for([style] * len(QUESTIONS)))
    assert result.style == style
    assert result.counts[style] == len(QUESTIONS)


def test_the_most_picked_style_wins_and_a_tie_goes_to_the_last_question():
    picks = ["direct"] * 4 + ["steady"] * 4 + ["analytical"] + ["steady"]
    assert score_answers(answers_for(picks)).style == "steady"
    # tied 4-4 with the last answer outside the tie: the first tied style in STYLES order
    picks = ["expressive"] * 4 + ["analytical"] * 4 + ["direct", "steady"]
    assert score_answers(answers_for(picks)).style == "analytical"
    # the last answer only breaks ties: a clear majority wins
    picks = ["analytical"] * 5 + ["direct"] * 2 + ["steady"] * 2 + ["direct"]
    assert score_answers(answers_for(picks)).style == "analytical"
    # tied, and the last answer is one of the tied styles: it decides
    picks = ["analytical"] * 3 + ["direct"] * 2 + ["steady"] * 3 + ["expressive", "direct"]
    assert score_answers(answers_for(picks)).style == "direct"


@pytest.mark.parametrize("answers, message", [
    ([1] * 3, "has 10 questions; 3 answers"),
    ([1] * 9 + [5], "question 10 has answers 1 to 4, not 5"),
    ([0] + [1] * 9, "question 1 has answers 1 to 4, not 0"),
    (["2"] + [1] * 9, "question 1 has answers 1 to 4, not '2'"),
])
def test_bad_answers_are_refused_naming_the_question(answers, message):
    with pytest.raises(ValueError, match=message):
        score_answers(answers)


def test_every_pairing_of_styles_has_its_own_concrete_tip():
    assert len(FLEX_TIPS) == 16
    assert len(set(FLEX_TIPS.values())) == 16
    for own in STYLES:
        for customer in STYLES:
            assert len(flex_tip(own, customer).split()) >= 15


def test_customers_unlike_you_are_the_opposite_style_first():
    assert set(OPPOSITE) == set(STYLES) and all(OPPOSITE[OPPOSITE[s]] == s for s in STYLES)
    for own in STYLES:
        order = unlike(own)
        assert order[0] == OPPOSITE[own] and own not in order and len(order) == 3


def test_practice_pairs_prefer_the_opposite_style_and_fall_back_to_any_other(two_faces):
    # two-faces: brisk is direct, hurt is expressive
    assert [p for _, p in unlike_customers([two_faces], "steady")] == ["brisk"]
    assert [p for _, p in unlike_customers([two_faces], "analytical")] == ["hurt"]
    assert {p for _, p in unlike_customers([two_faces], "direct")} == {"hurt"}
    assert unlike_customers([], "direct") == []
