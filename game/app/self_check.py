"""The self-check screen as plain data: the ten questions one at a time,
their answers, the result (the style, its portrait, the answers counted per
style) and a flex tip for each customer style. `SelfCheck` holds the
trainee's progress and says what the screen shows (`view()`); scoring is
`game.core.styles.score_answers`. Storing the result is the shell's call
(the window queues it on the scoreboard); nothing here reads or writes.
"""
from __future__ import annotations

from dataclasses import dataclass

from game.app.choices import Choice
from game.app.text import with_a
from game.core.model import STYLES
from game.core.styles import QUESTIONS, STYLE_NAMES, STYLE_PORTRAITS, StyleResult, flex_tip, score_answers

INTRO, QUESTION, RESULT = "intro", "question", "result"
TITLE = "Your style"
INTRO_TEXT = ("Ten quick questions about how you like to work and talk. There are no right answers: "
              "pick the one most like you on an ordinary day. Your style tells you which customers "
              "you will find easy, which you will need to flex for, and how.")
QUESTION_HINT = "1-4: answer  ·  Up/Down: choose  ·  Esc: back"
PAGE_HINT = "Up/Down: choose  \u00b7  PgUp/PgDn: scroll  \u00b7  Esc: back"
FINISHED = "finished"  # what `choose` says when the last answer is in


@dataclass(frozen=True)
class StyleCount:
    style: str
    name: str  # 'Steady'
    count: int


@dataclass(frozen=True)
class FlexTip:
    customer_style: str
    customer: str  # 'a steady customer'
    tip: str


@dataclass(frozen=True)
class ResultView:
    style: str
    name: str
    portrait: str
    counts: tuple[StyleCount, ...]  # every style, in the contract's order
    tips: tuple[FlexTip, ...]  # one per customer style, in the same order

    @property
    def head(self) -> str:
        counts = "  \u00b7  ".join(f"{c.name} {c.count}" for c in self.counts)
        return f"Your style: {self.name}\n\n{self.portrait}\n\nYour answers: {counts}"

    @property
    def tail(self) -> str:
        return "How to flex\n\n" + "\n\n".join(f"With {t.customer}: {t.tip}" for t in self.tips)


@dataclass(frozen=True)
class SelfCheckView:
    page: str  # INTRO, QUESTION or RESULT
    title: str
    head: str  # the text above the choices
    tail: str  # the text below them ('' when none)
    choices: tuple[Choice, ...]
    hint: str
    result: ResultView | None = None  # on the result page


def result_view(result: StyleResult) -> ResultView:
    style = result.style
    counts = tuple(StyleCount(s, STYLE_NAMES[s], result.counts[s]) for s in STYLES)
    tips = tuple(FlexTip(s, with_a(STYLE_NAMES[s].lower()) + " customer", flex_tip(style, s)) for s in STYLES)
    return ResultView(style, STYLE_NAMES[style], STYLE_PORTRAITS[style], counts, tips)


def intro_text(saved: dict | None) -> str:
    """The opening page; with an earlier result, that result first."""
    if saved:
        style = saved["style"]
        return (f"Your style is {STYLE_NAMES[style]} (self-check of {saved['taken_at'][:10]}).\n\n"
                f"{STYLE_PORTRAITS[style]}\n\n" + INTRO_TEXT)
    return INTRO_TEXT


class SelfCheck:
    """One go at the self-check: the page, the answers so far (1-based, as
    shown) and, at the end, the result. `saved` is an earlier stored result
    ({'style', 'taken_at'}) or None."""

    def __init__(self, saved: dict | None = None):
        self.page = INTRO
        self.answers: list[int] = []
        self.result: StyleResult | None = None
        self.saved = saved

    def choose(self, action) -> str | None:
        """Do what a choice asks: 'back' (leave: the shell's to do),
        FINISHED (the last answer is in: `result` is set), else None."""
        if action == "back":
            return "back"
        if action == "start":
            self.page, self.answers = QUESTION, []
        elif action == "previous" and self.answers:
            self.answers.pop()
        elif isinstance(action, tuple) and action[0] == "answer" and self.page == QUESTION:
            self.answers.append(action[1])
            if len(self.answers) == len(QUESTIONS):
                self.result = score_answers(self.answers)
                self.page = RESULT
                return FINISHED
        return None

    def number(self, value: int):
        """The action of the answer numbered `value` on a question page, or None."""
        if self.page != QUESTION:
            return None
        return next((c.action for c in self.view().choices if c.number == value), None)

    def view(self) -> SelfCheckView:
        if self.page == INTRO:
            choices = (Choice("Take the self-check again" if self.saved else "Start the self-check", "start"),
                       Choice("Back", "back"))
            return SelfCheckView(INTRO, TITLE, intro_text(self.saved), "", choices, PAGE_HINT)
        if self.page == QUESTION:
            n = len(self.answers)
            question = QUESTIONS[n]
            choices = tuple(Choice(text, ("answer", k), number=k) for k, (_, text) in enumerate(question.answers, 1))
            if self.answers:
                choices += (Choice("Previous question", "previous"),)
            return SelfCheckView(QUESTION, TITLE, f"Question {n + 1} of {len(QUESTIONS)}\n\n{question.prompt}", "",
                                 choices, QUESTION_HINT)
        result = result_view(self.result)
        return SelfCheckView(RESULT, TITLE, result.head, result.tail,
                             (Choice("Done", "back"), Choice("Take it again", "start")), PAGE_HINT, result)
