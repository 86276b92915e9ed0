"""The window never crashes or freezes on the text it is given: control
characters, and words far wider than the line."""
import time

import pygame
import pytest

from game.shells.window.theme import Theme, draw_text


@pytest.fixture
def theme():
    pygame.display.init()
    pygame.font.init()
    return Theme("huge")


def test_a_long_unbroken_word_is_cut_into_lines_that_fit_and_lose_nothing(theme):
    word = "".join(chr(ord("a") + i % 26) for i in range(8000))
    started = time.monotonic()
    lines = theme.wrap(word, theme.body, 400)
    assert time.monotonic() - started < 5  # it took 84 s when words were cut by trial
    font = theme.font(theme.body)
    assert "".join(lines) == word
    assert all(font.size(line)[0] <= 400 for line in lines)
    assert len(lines) > 10


def test_wrapping_stays_linear_for_a_huge_word(theme):
    started = time.monotonic()
    lines = theme.wrap("x" * 200_000, theme.body, 300)
    assert time.monotonic() - started < 10  # "not forever": the old cut was cubic
    assert sum(map(len, lines)) == 200_000


def test_words_still_wrap_at_spaces_within_the_width(theme):
    text = "Thanks for holding. I can see the order, and I can see what went wrong with it. " * 4
    lines = theme.wrap(text, theme.body, 360)
    font = theme.font(theme.body)
    assert all(font.size(line)[0] <= 360 for line in lines)
    assert " ".join(lines).split() == text.split()


@pytest.mark.parametrize("bad", ["nul\x00here", "bell\x07", "esc\x1b[31m", "del\x7f", "c1\x85", "\x00"])
def test_control_characters_are_drawn_as_spaces_not_a_crash(theme, bad):
    surface = pygame.Surface((600, 200))
    draw_text(surface, theme, bad + "\nsecond paragraph", (0, 0), 580)
    theme.line(bad, theme.body, (0, 0, 0))
    assert all(len(line) == len(line.strip("\x00")) for line in theme.wrap(bad, theme.body, 580))


def test_a_briefing_written_with_hard_line_breaks_is_reflowed_into_paragraphs():
    from game.app.text import reflow
    text = "Video call, scheduled for\ntwenty minutes. Marcus runs\neight clinics.\n\nWhat he wants:\n- a date\n- a name\n1. first\n"
    assert reflow(text) == ("Video call, scheduled for twenty minutes. Marcus runs eight clinics.\n\n"
                            "What he wants:\n- a date\n- a name\n1. first")
    assert reflow("One line only.") == "One line only."
