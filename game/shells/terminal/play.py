"""The terminal version of the game: numbered replies, typed answers.

A non-number or out-of-range answer asks again; Ctrl-C or the end of input
leaves cleanly. Input and output are parameters so tests can drive it.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import sys
import textwrap
from contextlib import contextmanager

from game.app.briefing import briefing_view
from game.app.debrief import DebriefView, debrief_view
from game.app.dialogue import MOOD_WORDS, dialogue_step, reply_coaching, said
from game.core.engine import Playthrough
from game.core.model import LEVER_TITLES, MOODS, RULE_TITLES
from game.core.plain_numbers import is_plain_number
from game.core.turns import draw_persona, fresh_seed


class _Quit(Exception):
    pass


def _width() -> int:
    return max(40, min(100, shutil.get_terminal_size((80, 24)).columns - 2))


def fitting(stream):
    """`stream.write`, with every line longer than the terminal wrapped at
    spaces (its indent kept): a terminal never breaks a word in two. Output
    that goes to no terminal (a file, a pipe, a test's buffer) is left as
    written, unless COLUMNS gives a width."""
    write = stream.write
    is_terminal = getattr(stream, "isatty", None)
    try:
        to_terminal = bool(is_terminal and is_terminal())
    except (OSError, ValueError):
        to_terminal = False
    if not to_terminal and not os.environ.get("COLUMNS"):
        return write

    def fitted(text: str) -> None:
        width = _width()
        lines = []
        for line in text.split("\n"):
            if len(line) <= width or not line.strip():
                lines.append(line)
            else:
                indent = line[:len(line) - len(line.lstrip())]
                lines.append(textwrap.fill(line.strip(), width, initial_indent=indent, subsequent_indent=indent,
                                           break_long_words=False, break_on_hyphens=False))
        write("\n".join(lines))
    return fitted


def numbered(number, text: str, indent: str = "  ") -> str:
    """'  1. text', wrapped with its following lines under the text, not the number."""
    head = f"{indent}{number}. "
    return textwrap.fill(" ".join(text.split()), _width(), initial_indent=head, subsequent_indent=" " * len(head),
                         break_long_words=False, break_on_hyphens=False)


def _wrap(text: str, indent: str = "") -> str:
    width = _width()
    return "\n".join(textwrap.fill(p, width, initial_indent=indent, subsequent_indent=indent,
                                   break_long_words=False, break_on_hyphens=False)
                     for p in text.strip().split("\n") if p.strip()) if text.strip() else ""


_TERMINATED = [False]
_WAITING = [False]  # blocked reading a typed line: only there does SIGTERM interrupt


def terminated() -> bool:
    """SIGTERM came: a menu leaves too, instead of asking again."""
    return _TERMINATED[0]


@contextmanager
def leave_on_sigterm():
    """While inside: SIGTERM (a logout) leaves as Ctrl-C does, cleanly,
    saying goodbye, exit 0, with what is finished recorded. It interrupts
    only a wait for a typed line (`read_line`); elsewhere it is noted, and
    the next question is not asked. Main thread only; the handler before is
    put back after."""
    def on_term(signum, frame):
        _TERMINATED[0] = True
        if _WAITING[0]:
            raise KeyboardInterrupt
    try:
        before = signal.signal(signal.SIGTERM, on_term)
    except (ValueError, OSError, AttributeError):
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def read_line(read) -> str:
    """`read()`; the end of input, Ctrl-C or SIGTERM leave (_Quit)."""
    _WAITING[0] = True  # first: a SIGTERM from here on interrupts the read, one before it is seen below
    try:
        if _TERMINATED[0]:
            raise _Quit
        return read()
    except (EOFError, KeyboardInterrupt):
        raise _Quit from None
    finally:
        _WAITING[0] = False
def _paragraphs(text: str) -> str:
    """Each paragraph wrapped, with the blank line between paragraphs kept."""
    return "\n\n".join(_wrap(p) for p in re.split(r"\n[ \t]*\n", text.strip()) if p.strip())


def mood_meter(mood: str) -> str:
    """The contract's four moods on a four-slot scale, as the browser and the window draw it: '[###.] upset';
    a customer who walked out fills it."""
    level = MOODS.index(mood) + 1 if mood in MOODS else len(MOODS)
    return "[" + "#" * level + "." * (len(MOODS) - level) + "] " + MOOD_WORDS.get(mood, mood).lower()


def summary_lines(view: DebriefView) -> list[str]:
    """The outcome, score, each lever and each rule broken (scripted play
    prints these). No node ids: the conversation below says what was said."""
    lines = [f"{view.scenario_title}: " + (view.outcome_title if view.finished else "not finished"),
             f"Score {view.score} ({view.grade})"]
    for lever in view.levers:
        shown = lever.words if lever.percent is None else f"{lever.percent}% ({lever.points}/{lever.ceiling})"
        lines.append(f"  {LEVER_TITLES[lever.lever]:<40} {shown}")
    for rule, count in view.rule_counts.items():
        if count:
            lines.append(f"  Broke '{RULE_TITLES[rule]}' x{count}")
    return lines


def debrief_lines(view: DebriefView) -> list[str]:
    lines = ["", "=" * 20 + " Debrief " + "=" * 20]
    if view.ending is not None:
        lines.append(_wrap(view.ending))
    lines += summary_lines(view)
    if view.rules_broken:
        lines.append("Rules broken:")
        for broken in view.rules_broken:
            lines.append(_wrap(f"- {broken.title}: \"{broken.reply}\"", "  "))
    lines.append("The conversation:")
    for step in view.conversation:
        if step.line:  # what you were answering, as the window and the browser show it
            lines.append(_wrap(f"{step.number}. {step.said}", "  "))
        lines.append(_wrap(f"{'' if step.line else f'{step.number}. '}You: {step.reply}", "     " if step.line else "  "))
        if step.verdict:
            lines.append(_wrap(step.verdict, "     "))
        if step.coaching:
            lines.append(_wrap(f"Coaching: {step.coaching}", "     "))
    if view.ending is not None and view.overall:
        lines.append(_wrap(f"Overall: {view.overall}"))
    if view.summary:
        lines.append("What you did:")
        lines += [_wrap(sentence, "  ") for sentence in view.summary]
    if view.flex:
        lines.append("Flex your style:")
        lines += [_wrap(line.strip(), "    " if line.startswith("  ") else "  ") for line in view.flex]
    return lines


def read_answer(prompt: str, read, write) -> str:
    """One typed line, stripped; q, quit, exit, Ctrl-C or the end of input leave (_Quit)."""
    write(prompt)
    answer = read_line(read)
    if answer is None or answer.strip().lower() in ("q", "quit", "exit"):
        raise _Quit
    return answer.strip()


def _ask(prompt: str, count: int, read, write, low: int = 1) -> int:
    """A number from `low` to `count`, asked again until one is typed."""
    while True:
        answer = read_answer(prompt, read, write)
        if is_plain_number(answer) and low <= int(answer) <= count:
            return int(answer)
        write(f"Please type a number from {low} to {count} (or q to quit).\n")


def ask_player_name(remembered: str = "", stdin=None, stdout=None) -> str | None:
    """The player's name, asked in the terminal (Enter keeps the remembered
    one); None when they quit. The same rules as the window's name field."""
    from game.storage.attempts import clean_player_name
    out = stdout or sys.stdout
    read = _reader(stdin) if stdin is not None else input
    prompt = f"Your name (Enter for {remembered}): " if remembered else "Your name: "
    with leave_on_sigterm():
        while True:
            out.write(prompt)
            try:
                answer = read_line(read)
            except _Quit:
                return None
            answer = (answer or "").strip()
            if answer.lower() in ("q", "quit", "exit"):  # as at every other prompt: never a name
                return None
            if not answer and remembered:
                return remembered
            try:
                return clean_player_name(answer)
            except ValueError as exc:
                out.write(f"{str(exc).capitalize()}. Please type your name (Ctrl-D to quit).\n")


def _reader(stream):
    def read():
        line = stream.readline()
        if line == "":
            raise EOFError
        return line
    return read


def play_scenario(scenario, coach: bool = True, seed: int | None = None, start=None, stdin=None, stdout=None,
                  on_finish=None, persona: str | None = None, player_style: str = "", preset=None) -> int:
    """Play in the terminal; `on_finish(run)` is called when the conversation ends (to record it)."""
    out = stdout or sys.stdout
    read = _reader(stdin) if stdin is not None else input
    write = fitting(out)
    seed = fresh_seed() if seed is None else seed  # a fresh order and persona for every playthrough
    run = Playthrough(scenario, seed=seed, start=start,
                      persona=draw_persona(scenario, seed, persona), preset=preset)
    try:
        with leave_on_sigterm():
            _play(scenario, run, coach, read, write, player_style)
        if on_finish is not None and run.finished and on_finish(run) is False:
            return 4  # played, but not recorded (the note above says why)
    except (_Quit, KeyboardInterrupt):
        write("\nYou left the conversation. Goodbye.\n")
    return 0


def _play(scenario, run, coach, read, write, player_style: str = "", after_reply=None) -> None:
    """Play `run` to its end (from where it stands: a resumed one goes on from its last reply); `after_reply()`,
    if given, is called after each reply (the quarter keeps the conversation under way with it)."""
    brief = briefing_view(scenario, run.persona, "coach" if coach else "assessment", run.start, run.preset)
    write(f"\n{brief.title}\n{'-' * len(brief.title)}\n")
    write(f"Customer: {brief.customer}" + (f", {brief.role}" if brief.role else "") + "\n")
    if brief.briefing:
        write(_paragraphs(brief.briefing) + "\n")
    write(f"Mode: {'coach (coaching after each reply)' if coach else 'assessment (coaching at the end)'}\n")
    if brief.playtest:
        write(_wrap(brief.playtest) + "\n")
    while not run.finished:
        now = dialogue_step(run)
        write(f"\nMood {mood_meter(now.mood)}\n")
        for paragraph in now.lines:
            write(_wrap(said(now.narrator, now.speaker, paragraph)) + "\n")
        if now.stuck:
            write("\nNo reply is available here (a scenario problem: every choice's condition is false).\n")
            return
        for number, reply in enumerate(now.replies, 1):
            write(numbered(number, reply) + "\n")
        step = run.choose(_ask(f"Your reply (1-{len(now.replies)}, q to leave): ", len(now.replies), read, write))
        if after_reply is not None:
            after_reply()
        if coach:  # assessment mode shows nothing of the score until the debrief
            coaching = reply_coaching(run, step)
            write(f"  {coaching.verdict}\n")  # 'Rule broken: … · -1 point', as the window and browser say it
            if coaching.feedback:
                write(_wrap(f"Coach: {coaching.feedback}", "  ") + "\n")
    if run.walked_out:
        write(f"\n{brief.customer} has walked out.\n")
    write("\n".join(debrief_lines(debrief_view(scenario, run, coach=coach, player_style=player_style))) + "\n")
