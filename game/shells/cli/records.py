"""Reviewer commands: `scoreboard` and `export`, and recording scripted play."""
from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager

from game.shells.cli.common import EXIT_INVALID, EXIT_OK, EXIT_USAGE


def add_parsers(sub) -> None:
    board = sub.add_parser("scoreboard", help="list recorded attempts",
                           description="List recorded attempts, oldest first, from the scoreboard in the saves "
                           "folder (saves/, or the folder FIVE_LEVERS_SAVES names).")
    board.add_argument("--scenario", metavar="ID", help="only this scenario")
    board.add_argument("--portfolio", metavar="ID",
                       help="the portfolio campaign's quarters for this portfolio, with its leaderboard")
    board.add_argument("--player", metavar="NAME", help="only this player")
    _customer_filters(board)
    board.add_argument("--by-style", action="store_true",
                       help="with --player: how the player does with each customer style (and their own style)")
    board.add_argument("--format", choices=("table", "csv", "json"), default="table",
                       help="table (default), csv or json")
    board.add_argument("--team", choices=("levers", "weeks", "scenarios", "absent", "certificates"),
                       help="a team view: levers by person, weeks, scenarios (pass rate and mean), absent "
                       "(the roster's people who have not played since --since) or certificates (earned, when, "
                       "and what is left; --course ID)")
    board.add_argument("--course", metavar="ID", default="default",
                       help="with --team certificates: the course (courses/ID.yaml or a file; default: default)")
    board.add_argument("--mode", choices=("coach", "assessment"), help="with --team: only attempts in this mode")
    board.add_argument("--since", type=_since, metavar="DATE",
                       help="only attempts finished at or after DATE (with --team absent: who has not played since)")

    export = sub.add_parser("export", help="write attempts as CSV or xAPI statements",
                            description="Write every recorded attempt (or those chosen with --scenario/--player) "
                            "to FILE ('-' for standard output).")
    target = export.add_mutually_exclusive_group(required=True)
    target.add_argument("--csv", metavar="FILE", help="one row per attempt, safe to open in a spreadsheet")
    target.add_argument("--xapi", metavar="FILE", help="xAPI 1.0.3 statements as a JSON list")
    target.add_argument("--cmi5", metavar="FILE", help="a cmi5 course package (zip) of --course for an LMS")
    export.add_argument("--course", metavar="ID", help="with --cmi5: the course (courses/ID.yaml)")
    export.add_argument("--url", metavar="URL", help="with --cmi5: where `main.py serve` answers, "
                        "e.g. https://training.example.org")
    export.add_argument("--scenario", metavar="ID", help="only this scenario")
    export.add_argument("--player", metavar="NAME", help="only this player")
    _customer_filters(export)
    export.add_argument("--home-page", metavar="URL", help="the home page of the players' accounts in xAPI "
                        "(default: the one configured for the LRS: FIVE_LEVERS_XAPI_HOME_PAGE or "
                        "lrs configure --home-page, so the ids match what the sender delivered)")
    export.add_argument("--activity-base", metavar="URL",
                        help="the address under which scenarios are named as xAPI activities "
                        "(default: the one configured for the LRS: FIVE_LEVERS_XAPI_BASE or "
                        "lrs configure --activity-base)")
    export.add_argument("--since", type=_since, metavar="DATE",
                        help="only attempts finished at or after DATE (2026-11-20, or 2026-11-20T14:00; UTC)")
    export.add_argument("--unsent", action="store_true",
                        help="only attempts the LRS does not have yet (waiting or refused in the outbox)")
    export.add_argument("--void", action="store_true",
                        help="with --xapi: write statements that void an earlier export made with this "
                        "--home-page and --activity-base (send them, then the corrected export)")


def _since(text: str) -> str:
    """--since: a date or a date and time (UTC unless it says otherwise), as the scoreboard's ISO text."""
    from datetime import datetime, timezone
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date such as 2026-11-20 or 2026-11-20T14:00")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def _customer_filters(parser) -> None:
    from game.core.model import STYLES
    parser.add_argument("--persona", metavar="ID", help="only attempts that met this persona (a scenario's persona id)")
    parser.add_argument("--style", choices=STYLES, help="only attempts whose customer had this style")


def _open_board():
    from game.storage.scoreboard import open_scoreboard
    from game.delivery.config import label_board
    board = label_board(open_scoreboard())
    if board.notice:
        print(f"note: {board.notice}", file=sys.stderr)
    return board


def _selection(args) -> dict:
    return {"scenario": args.scenario, "player": args.player.strip() if args.player else None,
            "persona": args.persona, "persona_style": args.style,
            "since": getattr(args, "since", None), "unsent": getattr(args, "unsent", False)}


@contextmanager
def _board():
    """The scoreboard, closed afterwards; its `iter_attempts` and `write_csv`
    stream the chosen attempts (flat memory at any size)."""
    board = _open_board()
    try:
        yield board
    finally:
        board.close()


def _say_skipped(board) -> None:
    for problem in getattr(board, "skipped", ()):
        print(f"note: {problem}", file=sys.stderr)


def cmd_scoreboard(args) -> int:
    if args.by_style:
        return _by_style(args)
    if args.portfolio:
        return _quarters(args)
    with _board() as board:
        if args.format == "json":
            board.write_json(sys.stdout, **_selection(args))  # each attempt's object built by the database
            _say_skipped(board)
            return EXIT_OK
        if args.format == "csv":
            board.write_csv(sys.stdout, **_selection(args))
            return EXIT_OK
        widths = board.table_widths(**_selection(args))  # then the rows stream: flat memory at any size
        if widths is not None:
            board.write_table(sys.stdout, widths, **_selection(args))
            return EXIT_OK
    chosen = args.scenario or args.player or args.persona or args.style
    print("No attempts recorded" + (" for that selection." if chosen else " yet."))
    return EXIT_OK


def _print_csv(header, rows) -> None:
    """A small table as CSV on standard output, each cell safe to open in a spreadsheet."""
    import csv
    from game.storage.export import neutralise
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(v) for v in row])


def _quarters(args) -> int:
    """`scoreboard --portfolio ID`: the leaderboard and every quarter played."""
    import json
    board = _open_board()
    try:
        leaders = board.quarter_leaderboard(args.portfolio)
        quarters = board.quarters(args.portfolio, args.player.strip() if args.player else None)
    finally:
        board.close()
    columns = ("id", "player", "portfolio", "version", "seed", "started_at", "finished_at", "score", "rank_percent",
               "profit_kept", "best_profit_kept")
    rows = [{k: q[k] for k in columns} for q in quarters]
    if args.format == "json":
        full = [{**r, "record": q.get("record")} for r, q in zip(rows, quarters)]  # enough to replay each quarter
        print(json.dumps({"portfolio": args.portfolio, "leaderboard": leaders, "quarters": full},
                         indent=2, ensure_ascii=False))
        return EXIT_OK
    if args.format == "csv":
        _print_csv(columns, [[r[k] for k in columns] for r in rows])
        return EXIT_OK
    if not leaders:
        print(f"No quarters recorded for portfolio '{args.portfolio}' yet.")
        return EXIT_OK
    print(f"Leaderboard: {args.portfolio}")
    for place, r in enumerate(leaders, 1):
        print(f"{place:>3}. {r['player'][:24]:<24} {r['best']:>3}%  ranking {r['rank_percent']:>3}%  "
              f"({r['attempts']} quarter{'s' if r['attempts'] != 1 else ''})")
    return EXIT_OK


def _by_style(args) -> int:
    """`scoreboard --by-style --player NAME`: which customer styles a player handles well."""
    import json
    from game.core.styles import STYLE_NAMES, flex_tip
    if not args.player:
        print("main.py scoreboard: error: --by-style needs --player NAME", file=sys.stderr)
        return EXIT_USAGE
    player = args.player.strip()
    board = _open_board()
    try:
        own = (board.player_style(player) or {}).get("style", "")
        rows = board.style_breakdown(player)
    finally:
        board.close()
    if args.format == "json":
        print(json.dumps({"player": player, "style": own or None,
                          "customers": [{**r, "style": r["style"] or None,
                                         "tip": flex_tip(own, r["style"]) if own and r["style"] else None}
                                        for r in rows]}, indent=2, ensure_ascii=False))
        return EXIT_OK
    if args.format == "csv":
        _print_csv(("player", "player_style", "customer_style", "attempts", "average", "best", "retained"),
                   [(player, own, r["style"], r["attempts"], r["average"], r["best"], r["retained"]) for r in rows])
        return EXIT_OK
    print(f"{player}: your style is {STYLE_NAMES[own]}" if own else
          f"{player}: style not known (take the self-check: 'Your style' on the title screen)")
    if not rows:
        print("No attempts recorded for that player.")
    for r in rows:
        name = f"{STYLE_NAMES[r['style']]} customers" if r["style"] else "Customers with no style given"
        print(f"  {name:<32} {r['attempts']:>4} attempts  average {r['average']:>3}  best {r['best']:>3}  "
              f"retained {r['retained']}")
        if own and r["style"]:
            print(f"      tip: {flex_tip(own, r['style'])}")
    return EXIT_OK


@contextmanager
def _output(path: str):
    """Standard output for '-', else the file, replaced only once complete."""
    if path == "-":
        yield sys.stdout
        return
    from game.storage.files import StorageError, atomic_open
    from pathlib import Path  # here, not at the top: `validate` starts without pathlib
    target = Path(path)
    if os.path.islink(target) or (target.exists() and not target.is_file()):
        raise StorageError(f"{path} exists and is not a regular file (a link, a pipe, a device or a folder); "
                           "name a regular file or a new path, or - for standard output")
    with atomic_open(target) as handle:
        yield handle


def _fail(message: str) -> int:
    print(f"main.py export: error: {message}", file=sys.stderr)
    return EXIT_INVALID


def cmd_export(args) -> int:
    if args.cmi5:
        from game.shells.cli.course import cmd_export_cmi5
        return cmd_export_cmi5(args)
    if args.course or args.url:
        print("main.py export: error: --course and --url go with --cmi5", file=sys.stderr)
        return EXIT_USAGE
    from game.storage import export
    from game.delivery.xapi import StatementBuilder
    from game.delivery.config import load_config
    configured = load_config()[0] if args.xapi and not (args.home_page and args.activity_base) else None
    try:
        builder = StatementBuilder(args.home_page or configured.home_page,
                                   args.activity_base or configured.activity_base) if args.xapi else None
    except ValueError as exc:
        print(f"main.py export: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.void and not args.xapi:
        print("main.py export: error: --void goes with --xapi (it takes back xAPI statements)", file=sys.stderr)
        return EXIT_USAGE
    from game.storage.files import StorageError
    try:
        with _board() as board:
            if args.csv:
                with _output(args.csv) as handle:
                    count = board.write_csv(handle, **_selection(args))
                what, where = f"{count} attempt{'s' if count != 1 else ''}", args.csv
            else:
                filled = FilledSteps()
                statements = (s for attempt in filled.each(board.iter_attempts(**_selection(args)))
                              for s in (builder.voiding([attempt]) if args.void else builder.for_attempt(attempt)))
                with _output(args.xapi) as handle:
                    written = export.write_json_list(statements, handle)
                if filled.bare:
                    print(f"note: {filled.bare} attempt{'s were' if filled.bare != 1 else ' was'} recorded before "
                          f"replies were stored and {'their scenarios have' if filled.bare != 1 else 'its scenario has'}"
                          " changed since: their replies are left out", file=sys.stderr)
                what = (f"{written} {'voiding ' if args.void else ''}statements from {filled.count} "
                        f"attempt{'s' if filled.count != 1 else ''}")
                where = args.xapi
    except StorageError as exc:
        return _fail(str(exc))
    if where != "-":
        print(f"Wrote {what} to {where}", file=sys.stderr)
    return EXIT_OK


class FilledSteps:
    """Attempts recorded before replies were stored get their replies back by
    replaying the choices on the bundled scenario, when it is still the same
    content (same hash); others keep none (counted in `bare`). One attempt at
    a time; the library is read only if one needs it."""

    def __init__(self, folder: Path | None = None):
        from pathlib import Path  # here, not at the top: `validate` starts without pathlib
        self.folder = folder or Path(__file__).resolve().parents[3] / "scenarios"
        self.library: dict | None = None
        self.count = self.bare = 0

    def each(self, attempts):
        for attempt in attempts:
            self.count += 1
            if attempt.choices and not attempt.steps:
                self._fill(attempt)
                self.bare += not attempt.steps
            yield attempt

    def _fill(self, attempt) -> None:
        from game.core import loader
        from game.core.engine import play
        from game.storage.attempts import step_record
        if self.library is None:
            self.library = {c.scenario.id: c.scenario for c in loader.check_library([self.folder])[0] if c.ok}
        scenario = self.library.get(attempt.scenario)
        if scenario is None or scenario.content_hash != attempt.content_hash:
            return
        from game.core.reply_marks import reply_marks
        run = play(scenario, attempt.choices, seed=attempt.seed, persona=attempt.persona or None)
        marks = reply_marks(scenario, attempt.persona)
        attempt.steps = [step_record(s, attempt.finished_at, scenario, marks) for s in run.steps]


def fill_missing_steps(attempts, folder: Path | None = None) -> None:
    """FilledSteps over a list, in place."""
    for _ in FilledSteps(folder).each(attempts):
        pass


def recorder(player: str, mode: str, stream=None, learner: str | None = None, scripted: bool = False):
    """A callback that records a finished playthrough for `player` (timed from
    now) and prints one line saying so (to `stream`, standard output by default).
    `scripted`: the choices came from a script, not a person (marked in the LRS)."""
    from game.storage.attempts import now_iso
    started_at = now_iso()

    def on_finish(run) -> bool:
        """True when the attempt is on the scoreboard (or there was nothing to record)."""
        note = record_scripted(run, player, mode, started_at, learner=learner or "", scripted=scripted)
        print(note, file=stream or sys.stdout)
        return not note.startswith("error:")
    return on_finish


def stored_style(player: str | None) -> str:
    """A player's style from their latest self-check ('' when none or unreadable)."""
    from game.storage.files import StorageError
    from game.storage.scoreboard import lookup_style
    if not player:
        return ""
    try:
        board = _open_board()
    except StorageError:
        return ""
    try:
        return lookup_style(board, player)
    finally:
        board.close()


def record_scripted(run, player: str, mode: str, started_at: str, learner: str = "", scripted: bool = False) -> str:
    """Record a finished scripted playthrough; returns a one-line note for the user.
    When the scoreboard cannot take it (a team database away), the attempt is
    kept on this computer (saves/pending/) and added, with any kept before,
    the next time a play is recorded or the game window starts."""
    from game.storage import pending
    from game.storage.attempts import Attempt
    from game.storage.files import StorageError
    if not run.finished:
        return "note: not recorded on the scoreboard: the conversation has not ended"
    if run.playtest:
        return "note: not recorded on the scoreboard: a playtest (--from, --set or --mood) is not an attempt"
    try:
        attempt = Attempt.from_playthrough(run, player, mode, started_at, learner=learner, scripted=scripted)
    except ValueError as exc:
        return f"error: not recorded on the scoreboard: {exc}"
    try:
        board = _open_board()
        try:
            found = board.player_style(player)
            attempt.player_style = found["style"] if found else ""
            skipped: list[str] = []
            added = pending.retry(board, skipped)  # attempts kept here before go first, in order
            for problem in skipped:
                print(f"note: {problem}", file=sys.stderr)
            board.record(attempt)
        finally:
            board.close()
    except StorageError as exc:
        try:
            pending.keep(attempt)
        except StorageError as why:
            return f"error: not recorded on the scoreboard: {exc}; nor could it be kept on this computer: {why}"
        return (f"error: not recorded on the scoreboard: {exc}. It is kept on this computer and added the next "
                "time a play is recorded or the game starts")
    if added:
        print(f"note: {added} attempt{'s' if added != 1 else ''} kept on this computer "
              f"{'were' if added != 1 else 'was'} added to the scoreboard", file=sys.stderr)
    return f"Recorded attempt {attempt.id} for {attempt.player} on the scoreboard."
