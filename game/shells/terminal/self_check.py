"""The self-check in the terminal: the same pages as the window's (what they
say is `game.app.self_check`), typed instead of clicked. `run_self_check`
is the one entry point: a menu calls it and stores the result it returns
(or passes `on_finish`)."""
from __future__ import annotations

import sys

from game.app.self_check import FINISHED, SelfCheck
from game.shells.terminal.play import _Quit, _reader, _wrap, read_answer


def _paragraphs(text: str) -> str:
    """Wrapped to the terminal, blank lines between paragraphs kept."""
    return "\n\n".join(_wrap(p) for p in text.split("\n\n") if p.strip())


def _show(view, write) -> None:
    write(f"\n{_paragraphs(view.head)}\n")


def _question(check: SelfCheck, read, write):
    """One answer typed: the action it asks for."""
    view = check.view()
    _show(view, write)
    answers = [c for c in view.choices if c.number is not None]
    for c in answers:
        write(_wrap(f"{c.number}. {c.label}", "  ") + "\n")
    back = "; p: previous question" if check.answers else ""
    while True:
        typed = read_answer(f"Your answer (1-{len(answers)}{back}; q to quit): ", read, write).lower()
        if typed == "p" and check.answers:
            return "previous"
        action = check.number(int(typed)) if typed.isdigit() and typed.isascii() else None
        if action is not None:
            return action
        write(f"Please type a number from 1 to {len(answers)}" + (" or p" if back else "") + ".\n")


def run_self_check(stdin=None, stdout=None, saved: dict | None = None, on_finish=None):
    """Ask the ten questions and show the style and how to flex. `saved` is
    an earlier result ({'style', 'taken_at'}) shown first. Returns the
    `StyleResult` (after calling `on_finish(result)`), or None when the
    trainee quits (q, Ctrl-C or the end of input): nothing is kept then."""
    out = stdout or sys.stdout
    read = _reader(stdin) if stdin is not None else input
    write = out.write
    check = SelfCheck(saved)
    try:
        view = check.view()
        write(f"\n{view.title}\n{'-' * len(view.title)}\n{_paragraphs(view.head)}\n")
        read_answer("\nPress Enter to start the self-check (q to quit): ", read, write)
        check.choose("start")
        while check.choose(_question(check, read, write)) != FINISHED:
            pass
    except _Quit:
        write("\nYou left the self-check. Nothing was recorded.\n")
        return None
    view = check.view()
    write(f"\n{_paragraphs(view.head)}\n\n{_paragraphs(view.tail)}\n")
    if on_finish is not None:
        on_finish(check.result)
    return check.result
