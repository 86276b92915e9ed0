"""`main.py review FILE --blind | --answers SHEET`: the blind review, a trainer's tool.

`--blind` plays the scenario in the terminal showing only the replies on
offer (never the customer's words, the briefing, the persona or a score),
once per persona, and at the end shows what each persona gave the picks,
beside the best possible. `--blind --sheet OUT.md` writes the same as a
printable sheet for a colleague; `--answers SHEET` scores a filled-in one.
"""
from __future__ import annotations

import os
import sys

from game.shells.cli.common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, load_scenario

ASCII_DIGITS = "0123456789"


def add_parser(sub) -> None:
    review = sub.add_parser(
        "review", help="blind review: can the replies be answered without reading the customer?",
        description="A blind review of a scenario. --blind plays it in the terminal showing only the replies "
        "on offer (never the customer, the briefing, the persona or any score), once per persona, then shows "
        "the score each persona gave your picks beside the best. A reviewer who scores Strong or better blind "
        "shows that the replies give the answer away. --sheet writes a printable sheet for a colleague; "
        "--answers scores a filled-in sheet.")
    review.add_argument("file", metavar="FILE", help="a scenario .yaml file")
    review.add_argument("--blind", action="store_true", help="play blind in the terminal (or, with --sheet, "
                        "write the printable sheet)")
    review.add_argument("--sheet", metavar="OUT.md", help="with --blind: write a printable sheet instead of playing")
    review.add_argument("--answers", metavar="SHEET", help="score a filled-in sheet")
    review.add_argument("--seed", type=int, default=0, help="the order of the replies (default 0)")
    review.add_argument("--json", action="store_true", help="print the result as JSON")


def cmd_review(args) -> int:
    if not args.blind and not args.answers:
        return _usage("say --blind (play blind, or --sheet to write a sheet) or --answers SHEET (score one)")
    if args.blind and args.answers:
        return _usage("--blind and --answers go separately: first make or play, then score")
    if args.sheet and not args.blind:
        return _usage("--sheet goes with --blind")
    if not -(2 ** 63) <= args.seed < 2 ** 63:
        return _usage("--seed must fit in 64 bits")
    scenario, code = load_scenario(args.file, "review")
    if scenario is None:
        return code
    if args.answers:
        return _score_answers(scenario, args)
    if args.sheet:
        return _write_sheet(scenario, args)
    return _play_blind(scenario, args)


def _usage(message: str) -> int:
    print(f"main.py review: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _write_sheet(scenario, args) -> int:
    from game.authoring import blind_review
    from game.storage.files import StorageError, write_text
    text = blind_review.write_sheet(scenario, args.seed)
    if os.path.lexists(args.sheet) and not (os.path.isfile(args.sheet) and not os.path.islink(args.sheet)):
        return _usage(f"--sheet: {args.sheet} exists and is not a regular file; name a new file")
    try:
        write_text(args.sheet, text + "\n")
    except StorageError as exc:
        print(f"main.py review: error: cannot write {args.sheet}: {exc}", file=sys.stderr)
        return EXIT_INVALID
    count = len(blind_review.decisions(scenario))
    print(f"Wrote {args.sheet}: {count} decisions to tick. Score it with: "
          f"main.py review {args.file} --answers {args.sheet}")
    return EXIT_OK


def _score_answers(scenario, args) -> int:
    from game.authoring import blind_review
    try:
        text = _read_regular(args.answers)
    except (OSError, ValueError) as exc:
        return _usage(f"--answers: cannot read {args.answers}: {getattr(exc, 'strerror', None) or exc}")
    sheet, problems = blind_review.read_sheet(text, args.answers)
    if sheet is not None:
        problems = blind_review.check_sheet_fits(sheet, scenario, args.answers)
    if problems:
        for problem in problems:
            print(problem.format(), file=sys.stderr)
        return EXIT_INVALID
    review = blind_review.score_sheet(scenario, sheet)
    _report(review, scenario, args)
    return EXIT_OK


SHEET_LIMIT = 2_000_000


def _read_regular(path: str) -> str:
    """A filled-in sheet: a regular file only (never waits on a pipe or a
    device), under the size limit, UTF-8."""
    import stat
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("it is not a regular file")
        if info.st_size > SHEET_LIMIT:
            raise ValueError(f"it is larger than {SHEET_LIMIT // 1_000_000} MB; a sheet is a few kilobytes")
        data = os.read(fd, SHEET_LIMIT + 1)
    finally:
        os.close(fd)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"it is not UTF-8 text (byte {exc.start + 1})") from None


# -- playing blind in the terminal -------------------------------------------

class _Stop(Exception):
    pass


def _width() -> int:
    import shutil  # here: a command that prints no review starts without it (and bz2, lzma)
    return max(40, min(100, shutil.get_terminal_size((80, 24)).columns) - 2)


def _wrap(text: str, indent: str = "", first: str = "") -> str:
    import textwrap
    return textwrap.fill(" ".join(text.split()), width=_width(), initial_indent=first or indent,
                         subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)


def _ask(count: int, read, write) -> int:
    while True:
        write(f"Your reply (1-{count}, q to stop): ")
        try:
            answer = read()
        except (EOFError, KeyboardInterrupt):
            raise _Stop from None
        if answer == "":
            raise _Stop
        answer = answer.strip()
        if answer.lower() in ("q", "quit", "exit"):
            raise _Stop
        if answer and all(c in ASCII_DIGITS for c in answer) and 1 <= int(answer) <= count:
            return int(answer)
        write(f"Please type a number from 1 to {count} (or q to stop).\n")


def _play_blind(scenario, args, read=None, write=None) -> int:
    from game.authoring import blind_review
    read = read or (lambda: _readline())
    write = write or (lambda s: (sys.stdout.write(s), sys.stdout.flush()))
    personas = blind_review.personas_of(scenario)
    write(_wrap(f"Blind review of {args.file}. You will see only the replies on offer at each step: never the "
                "customer's words, the briefing, who the customer is, or any score. Pick the reply you would "
                "give.") + "\n")
    if len(personas) > 1:
        write(_wrap(f"The conversation is played {len(personas)} times, each time with a different customer "
                    "you cannot see.") + "\n")
    count = {"decision": 0}

    def on_run(number, total):
        count["decision"] = 0
        if total > 1:
            write(f"\n=== Run {number} of {total} ===\n")

    def pick(run, shown):
        count["decision"] += 1
        write(f"\nDecision {count['decision']}\n")
        for i, choice in enumerate(shown, 1):
            write(_wrap(choice.text, indent="     ", first=f"  {i}. ") + "\n")
        return (1 if len(shown) == 1 and _only(write) else _ask(len(shown), read, write)), ""
    try:
        review = blind_review.play_runs(scenario, args.seed, pick, on_run)
    except _Stop:
        write("\nStopped before the end: nothing is scored.\n")
        return EXIT_OK
    write("\n")
    _report(review, scenario, args, write)
    return EXIT_OK


def _only(write) -> bool:
    write("(only one reply on offer: taken)\n")
    return True


def _readline() -> str:
    line = sys.stdin.readline()
    if line == "":
        raise EOFError
    return line.rstrip("\n") or " "


def _report(review, scenario, args, write=None) -> None:
    from game.authoring import blind_review
    from game.core.scoring import grade_for
    write = write or (lambda s: sys.stdout.write(s))
    if args.json:
        import json  # here, not at the top: `validate` starts without json
        write(json.dumps(review.to_dict(), indent=2, ensure_ascii=False) + "\n")
        return
    from game.core.model import OUTCOME_WORDS
    write("Blind review: what your picks scored with each customer\n")
    for run in review.runs:
        who = run.label or "The customer"
        style = blind_review.style_words(run.style)
        outcome = ("customer " + OUTCOME_WORDS.get(run.outcome, run.outcome)) if run.outcome \
            else "conversation unfinished"
        best = f"best possible {run.best}" if run.best is not None else "best possible: unknown"
        write(_wrap(f"{who}{' (' + style + ')' if style else ''}: score {run.score} ({run.grade}), "
                    f"{outcome}; {best}", indent="    ", first="  ") + "\n")
        if run.note:
            write(_wrap(f"note: {run.note}", indent="    ", first="    ") + "\n")
        persona = f" --persona {run.persona}" if run.persona else ""
        picks = ",".join(map(str, run.choices)) or "(none)"
        write(f"    replay: main.py play {args.file}{persona} --seed {review.seed} --choices {picks}\n")
    if len(review.runs) > 1:
        write(f"  Mean over the customers: {review.mean} ({grade_for(review.mean)})\n")
    write(_wrap("Verdict: " + review.verdict()) + "\n")
