"""A team lead's commands: `roster add|import|list|remove`, `reviewer add`,
`scoreboard --team VIEW` and `analyze FILE --attempts`. The figures are
computed in game.app (team_view, item_analysis); this module prints them."""
from __future__ import annotations

import sys

from game.shells.cli.common import EXIT_INVALID, EXIT_OK, EXIT_USAGE


def add_parsers(sub) -> None:
    roster = sub.add_parser("roster", help="the people a team lead expects to play (by learner id)",
                            description="Keep the team's roster on the scoreboard: people with their learner "
                            "ids (the LMS login or e-mail address they enter in the game), so `scoreboard --team "
                            "absent` can name who has not played, including those who never did.")
    actions = roster.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(roster))
    add = actions.add_parser("add", help="add a person (or change their name or team)")
    add.add_argument("learner", metavar="LEARNER_ID")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--team", default="", help="a team or group name")
    imported = actions.add_parser("import", help="add everyone in a CSV file with columns learner,name[,team]")
    imported.add_argument("csv", metavar="FILE.csv")
    actions.add_parser("list", help="everyone on the roster")
    remove = actions.add_parser("remove", help="take a person off the roster (their attempts stay)")
    remove.add_argument("learner", metavar="LEARNER_ID")

    reviewer = sub.add_parser("reviewer", help="reviewer accounts for the team dashboard",
                              description="Add a reviewer (a trainer or team lead) who may sign in to the team "
                              "dashboard. The password is asked twice and kept only as a salted scrypt hash.")
    reviewer_actions = reviewer.add_subparsers(dest="action", metavar="ACTION", required=True,
                                               parser_class=type(reviewer))
    radd = reviewer_actions.add_parser("add", help="add a reviewer, or set a new password")
    radd.add_argument("name", metavar="NAME")
    radd.add_argument("--password-stdin", action="store_true",
                      help="read the password twice from standard input, one line each (for scripts)")
    reviewer_actions.add_parser("list", help="the reviewers' names")


def _error(command: str, message: str) -> int:
    print(f"main.py {command}: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _board():
    from game.shells.cli.records import _open_board
    return _open_board()


def cmd_roster(args) -> int:
    from game.storage.files import StorageError
    try:
        board = _board()
        try:
            return _roster(args, board)
        finally:
            board.close()
    except StorageError as exc:
        print(f"main.py roster: error: {exc}", file=sys.stderr)
        return EXIT_INVALID


def _roster(args, board) -> int:
    if args.action == "add":
        try:
            new = board.roster_add(args.learner, args.name, args.team)
        except ValueError as exc:
            return _error("roster", str(exc))
        print(f"{'Added' if new else 'Updated'} {args.name.strip()} ({args.learner.strip().lower()}).")
        return EXIT_OK
    if args.action == "remove":
        gone = board.roster_remove(args.learner)
        print(f"Removed {args.learner}." if gone else f"{args.learner} is not on the roster.")
        return EXIT_OK if gone else EXIT_INVALID
    if args.action == "import":
        return _import(args, board)
    for person in board.roster():
        print(f"{person['learner']}\t{person['name']}\t{person['team']}")
    return EXIT_OK


def _import(args, board) -> int:
    import csv  # here: other commands start without it
    try:
        with open(args.csv, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        return _error("roster import", f"{args.csv} cannot be read: {exc}")
    if not rows or not {"learner", "name"} <= {k.strip().lower() for k in rows[0] if k}:
        return _error("roster import", f"{args.csv} needs a header row with the columns learner and name "
                      "(and, if you like, team)")
    added = updated = 0
    problems = []
    for line, row in enumerate(rows, 2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        try:
            if board.roster_add(row.get("learner", ""), row.get("name", ""), row.get("team", "")):
                added += 1
            else:
                updated += 1
        except ValueError as exc:
            problems.append(f"{args.csv}:{line}: {exc}")
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"Roster: {added} added, {updated} updated, {len(problems)} line{'s' if len(problems) != 1 else ''} "
          "skipped.")
    return EXIT_INVALID if problems else EXIT_OK


def _read_password(args) -> tuple[str | None, str | None]:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n"), sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        return None, None
    import getpass
    return getpass.getpass("Password: "), getpass.getpass("The same password again: ")


def cmd_reviewer(args) -> int:
    from game.app.reviewers import hash_password, password_problem
    from game.storage.attempts import clean_player_name
    from game.storage.files import StorageError
    if args.action == "add":
        try:
            name = clean_player_name(args.name)
        except ValueError as exc:
            return _error("reviewer", str(exc).replace("player", "reviewer"))
        first, second = _read_password(args)
        if first is None:
            return _error("reviewer", "run in a terminal to be asked the password, or give it twice with "
                          "--password-stdin")
        if first != second:
            return _error("reviewer", "the two passwords are not the same; nothing was changed")
        problem = password_problem(first)
        if problem:
            return _error("reviewer", problem)
    try:
        board = _board()
        try:
            if args.action == "list":
                for reviewer in board.reviewers():
                    print(reviewer)
                return EXIT_OK
            new = board.reviewer_set(name, hash_password(first))
        finally:
            board.close()
    except StorageError as exc:
        print(f"main.py reviewer: error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    print(f"Reviewer {name} {'added' if new else 'given a new password'}; they sign in to the team dashboard.")
    return EXIT_OK


def cmd_team_scoreboard(args, selection: dict) -> int:
    """`scoreboard --team VIEW`: a team view as a table, CSV or JSON."""
    from game.app.team_view import table, team_view_from_board
    from game.storage.files import StorageError
    if args.team == "absent" and not selection.get("since"):
        return _error("scoreboard", "--team absent needs --since DATE (who has not played since then)")
    if args.team == "certificates":
        return _certificates(args, selection)
    filters = {k: selection.get(k) for k in ("scenario", "player", "persona", "persona_style")}
    filters["mode"] = args.mode
    try:
        board = _board()
        try:  # the database counts: only the figures are read (flat memory, any number of attempts)
            data = team_view_from_board(args.team, board, board.roster(), selection.get("since"), **filters)
        finally:
            board.close()
    except StorageError as exc:
        print(f"main.py scoreboard: error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    if _printed_as_data(args, data):
        return EXIT_OK
    header, rows = table(data)
    cells = [header] + [["-" if v is None else str(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    for n, row in enumerate(cells):
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))
    if not rows:
        print("Nobody." if args.team == "absent" else "No attempts counted (finished, played by a person).")
    return EXIT_OK


def _printed_as_data(args, data: dict) -> bool:
    """`--format json|csv`: the view printed as data (True); the table is the caller's."""
    if args.format == "json":
        import json  # here, not at the top: `validate` starts without json
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return True
    if args.format == "csv":
        from game.app.team_view import table
        from game.shells.cli.records import _print_csv
        _print_csv(*table(data))
        return True
    return False


def _certificates(args, selection: dict) -> int:
    """`scoreboard --team certificates`: every attempt counts as the course's rule says (see team_certificates)."""
    from game.app.team_view import certificate_attempts, team_view
    from game.shells.cli.course import load_course
    from game.storage.files import StorageError
    try:
        board = _board()
        try:
            played = board.scenarios()
            course, scenarios, code = load_course(args.course, "scoreboard", played)
            if course is None:
                return code
            attempts = certificate_attempts(board, course)  # the kept rows the rule reads, not every attempt
            quarters, roster = board.quarters(), board.roster()
        finally:
            board.close()
    except StorageError as exc:
        print(f"main.py scoreboard: error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    titles = {**played, **{sid: s.title for sid, s in scenarios.items()}}
    data = team_view("certificates", attempts, roster, selection.get("since"), course=course, quarters=quarters,
                     titles=titles, scenario=selection.get("scenario"))
    if _printed_as_data(args, data):
        return EXIT_OK
    print(f"{data['title']}: certificates")
    for item in data["earned"]:
        print(f"  {item['name']}: {item['title']}, earned {item['earned_at'][:10]}")
    if not data["earned"]:
        print("  None earned" + (" since then." if selection.get("since") else " yet."))
    print("Working towards the next:")
    for item in data["close"]:
        print(f"  {item['name']}: {item['title']}, {len(item['left'])} left: {'; '.join(item['left'])}")
    if not data["close"]:
        print("  Nobody.")
    return EXIT_OK


def cmd_item_analysis(args, scenario) -> int:
    """`analyze FILE --attempts`: how the recorded attempts answered each decision."""
    from game.app.item_analysis import item_analysis, item_text
    from game.shells.cli.records import fill_missing_steps
    from game.storage.files import StorageError
    try:
        board = _board()
        try:
            attempts = board.attempts(scenario=scenario.id)
        finally:
            board.close()
    except StorageError as exc:
        print(f"main.py analyze: error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    fill_missing_steps(attempts)
    data = item_analysis(scenario, attempts)
    import json  # here, not at the top: `validate` starts without json
    print(json.dumps(data, indent=2, ensure_ascii=False) if args.json else item_text(data))
    return EXIT_OK
