"""A week line names what happened and how it was handled in plain words a new trainee understands."""
from game.core.portfolio.quarter import EVENT_TITLES, Handled


def test_a_personal_disclosure_left_alone_says_plainly_that_nobody_asked_after_it():
    line = f"{EVENT_TITLES['disclosure']}: {Handled('disclosure').words}"
    assert line == "They told you something personal: nobody asked after it"
    assert "listening" not in line  # the trial found "nobody was listening" unclear


def test_a_disclosure_answered_well_and_in_part_read_differently():
    assert Handled("disclosure", "call", 1.0).words != Handled("disclosure", "call", 0.2).words
