"""The self-check is worked out once (game.app.self_check): its pages, the
style a set of answers gives, the counts and the flex tips; the window and
the terminal show the same result."""
import io
from pathlib import Path

import pytest

from game.app.self_check import FINISHED, INTRO, QUESTION, RESULT, SelfCheck
from game.core.styles import QUESTIONS
from game.shells.terminal.self_check import run_self_check

LIBRARY = Path(__file__).resolve().parents[1] / "plans" / "scenarios"
# answered by hand from the questions: steady, direct, expressive, expressive, direct,
# steady, direct, expressive, analytical, expressive
MIXED = [1, 3, 4, 1, 2, 3, 4, 1, 2, 3]


def answers_for(style: str) -> list[int]:
    return [next(n for n, (s, _) in enumerate(q.answers, 1) if s == style) for q in QUESTIONS]


def take(answers) -> SelfCheck:
    check = SelfCheck()
    check.choose("start")
    said = [check.choose(("answer", n)) for n in answers]
    assert said == [None] * (len(answers) - 1) + [FINISHED]
    return check


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_pages_ask_each_question_with_its_four_answers_and_go_back_one():
    check = SelfCheck()
    intro = check.view()
    assert intro.page == INTRO and [c.label for c in intro.choices] == ["Start the self-check", "Back"]
    check.choose("start")
    first = check.view()
    assert first.page == QUESTION and first.head == f"Question 1 of 10\n\n{QUESTIONS[0].prompt}"
    assert [(c.label, c.number) for c in first.choices] == [(text, n) for n, (_, text) in
                                                            enumerate(QUESTIONS[0].answers, 1)]
    check.choose(check.number(2))
    second = check.view()
    assert second.head.startswith("Question 2 of 10") and second.choices[-1].label == "Previous question"
    assert check.number(5) is None and check.number(4) == ("answer", 4)
    check.choose("previous")
    assert check.answers == [] and check.view().head.startswith("Question 1 of 10")
    assert check.choose("back") == "back"


def test_an_earlier_result_is_shown_first_and_the_start_says_again():
    view = SelfCheck({"style": "direct", "taken_at": "2026-01-02T09:30:00+00:00"}).view()
    assert view.head.startswith("Your style is Direct (self-check of 2026-01-02).\n\nYou like to get to the point")
    assert view.choices[0].label == "Take the self-check again"


@pytest.mark.parametrize("style, name", [("direct", "Direct"), ("analytical", "Analytical"), ("steady", "Steady"),
                                         ("expressive", "Expressive")])
def test_answering_one_style_throughout_gives_that_style(style, name):
    result = take(answers_for(style)).view().result
    assert (result.style, result.name) == (style, name)
    assert {c.style: c.count for c in result.counts} == {s: (10 if s == style else 0) for s in
                                                         ("direct", "analytical", "steady", "expressive")}


def test_a_known_mix_gives_a_known_style_counts_and_tips():
    check = take(MIXED)
    view = check.view()
    assert view.page == RESULT and [c.label for c in view.choices] == ["Done", "Take it again"]
    result = view.result
    assert result.style == "expressive"
    assert [(c.name, c.count) for c in result.counts] == [("Direct", 3), ("Analytical", 1), ("Steady", 2),
                                                          ("Expressive", 4)]
    assert view.head.startswith("Your style: Expressive\n\nYou bring energy, stories and warmth")
    assert view.head.endswith("Your answers: Direct 3  \u00b7  Analytical 1  \u00b7  Steady 2  \u00b7  Expressive 4")
    assert [t.customer for t in result.tips] == ["a direct customer", "an analytical customer", "a steady customer",
                                                 "an expressive customer"]
    assert result.tips[0].tip.startswith("Trim the story.")
    assert view.tail.startswith("How to flex\n\nWith a direct customer: Trim the story.")


def facts(result) -> list[str]:
    return [f"Your style: {result.name}", flat(result.portrait)] + [f"{c.name} {c.count}" for c in result.counts] + \
        [flat(f"With {t.customer}: {t.tip}") for t in result.tips]


def test_the_terminal_takes_the_self_check_and_shows_the_result():
    out = io.StringIO()
    typed = "\n" + "\n".join(["1", "2", "p", "3", "9", "x"] + [str(n) for n in MIXED[2:]]) + "\n"
    stored = []
    result = run_self_check(io.StringIO(typed), out, on_finish=stored.append)
    assert result is not None and result.answers == tuple(MIXED) and stored == [result]
    shown = flat(out.getvalue())
    assert "Please type a number from 1 to 4 or p." in shown  # 9 and x are asked again
    expected = take(MIXED).view().result
    assert [fact for fact in facts(expected) if fact not in shown] == []


def test_quitting_the_terminal_self_check_keeps_nothing():
    out, stored = io.StringIO(), []
    assert run_self_check(io.StringIO("\n1\nq\n"), out, on_finish=stored.append) is None
    assert stored == [] and "Nothing was recorded" in out.getvalue()


def test_the_window_and_the_terminal_show_the_same_result(saves, monkeypatch):
    expected = take(MIXED).view().result
    out = io.StringIO()
    run_self_check(io.StringIO("\n" + "\n".join(map(str, MIXED)) + "\n"), out)
    terminal = flat(out.getvalue())

    from game.shells.window.app import App
    from game.shells.window.scenes import selfcheck as scene_module
    drawn = []

    def record_text(surface, theme, text, *args, **kwargs):
        drawn.append(text)
        return original(surface, theme, text, *args, **kwargs)
    original = scene_module.draw_text
    monkeypatch.setattr(scene_module, "draw_text", record_text)
    app = App(LIBRARY, size=(1280, 2400))  # tall enough for the whole result
    try:
        scene = app.go("selfcheck", "Eve")
        scene.activate("start")
        for n in MIXED:
            scene.activate(("answer", n))
        app.update(0.0)
        app.draw()
        assert scene.view.result == expected
        window = flat("\n".join(drawn))
        assert [fact for fact in facts(expected) if fact not in window] == []
        assert [fact for fact in facts(expected) if fact not in terminal] == []
    finally:
        app.shutdown()
