"""`main.py lrs configure|send|status`: delivery to a learning record store.

The secret is read from standard input or typed at a hidden prompt, never
taken on the command line (where other users and the shell history see it),
and never printed.
"""
from __future__ import annotations

import sys

from game.shells.cli.common import EXIT_INVALID, EXIT_OK, EXIT_USAGE

EXIT_NOT_SENT = 5  # failing: something is still waiting (the LRS unreachable or failing) or was parked
EXIT_HELD = 6  # nothing failed: what waits is another machine's to send (leased, or recorded there)


def add_parser(sub) -> None:
    lrs = sub.add_parser("lrs", help="deliver attempts to a learning record store (LRS)",
                         description="Every recorded attempt waits in an outbox until the LRS has it. "
                         "The game sends in the background; these commands configure, send now, and report.")
    actions = lrs.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(lrs))
    configure = actions.add_parser("configure", help="set the LRS endpoint and credentials (kept in saves/lrs.json)",
                                   description="Set where the LRS is and how to sign in. The secret is read "
                                   "from standard input (--secret-stdin) or a hidden prompt, never from the "
                                   "command line. Environment variables FIVE_LEVERS_LRS_ENDPOINT, _USER and "
                                   "_SECRET override the file.")
    configure.add_argument("--endpoint", metavar="URL", help="the LRS's xAPI endpoint, e.g. https://lrs.example.org/xAPI/")
    configure.add_argument("--user", metavar="KEY", help="the LRS key or user name (HTTP basic authentication)")
    configure.add_argument("--secret-stdin", action="store_true", help="read the secret from the first line of "
                           "standard input (for scripts)")
    configure.add_argument("--home-page", metavar="URL", help="the LMS whose logins are the learner ids")
    configure.add_argument("--activity-base", metavar="URL", help="the base address of our activity ids")
    configure.add_argument("--sends", choices=("own", "all", "none"),
                           help="on a team database, what this computer sends: its own attempts (default), "
                           "all (the team's one sender), or none")
    configure.add_argument("--no-check", action="store_true", help="save without asking the LRS")
    configure.add_argument("--clear", action="store_true", help="forget the configured LRS")
    send = actions.add_parser("send", help="send everything waiting now (exit 5 if anything is left)",
                              description="Send every waiting attempt now, without waiting for the back-off. "
                              "Exit 0 when nothing is left, 5 when the LRS could not take everything (failing), "
                              "6 when what is left is another machine's to send (nothing failed), 2 when the "
                              "configuration or the credentials are wrong.")
    send.add_argument("--all-machines", action="store_true",
                      help="on a team database, send every machine's attempts, not only this computer's")
    send.add_argument("--retry-parked", action="store_true", help="also retry attempts the LRS refused before")
    send.add_argument("--json", action="store_true", help="print the result as JSON")
    status = actions.add_parser("status", help="what is waiting, sent and refused",
                                description="How many attempts are waiting, sent and parked, the last problem, "
                                "and the configuration (never the secret).")
    status.add_argument("--json", action="store_true", help="print the status as JSON")


def cmd_lrs(args) -> int:
    return {"configure": _configure, "send": _send, "status": _status}[args.action](args)


def _say_error(message: str) -> None:
    print(f"main.py lrs: error: {message}", file=sys.stderr)


def _read_secret(args) -> str | None:
    if args.secret_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if sys.stdin.isatty():
        import getpass
        return getpass.getpass("LRS secret (not shown): ")
    return None


def _configure(args) -> int:
    from game.delivery.config import LRSConfig, load_config, save_config
    if args.clear:
        save_config(LRSConfig())
        print("The LRS configuration was cleared; attempts stay in the outbox until one is configured.")
        return EXIT_OK
    config, _ = load_config()
    for key in ("endpoint", "user", "home_page", "activity_base", "sends"):
        value = getattr(args, key)
        if value is not None:
            setattr(config, key, value.strip())
    if args.user is not None:
        secret = _read_secret(args)
        if secret is None:
            _say_error("give the secret on standard input with --secret-stdin, or run in a terminal to be asked")
            return EXIT_USAGE
        config.secret = secret
    if not config.endpoint:
        _say_error("--endpoint is needed (the LRS's xAPI address)")
        return EXIT_USAGE
    problems = config.problems()
    if problems:
        for problem in problems:
            _say_error(problem)
        return EXIT_USAGE
    save_config(config)
    print(f"LRS configured: {config.endpoint} as {config.user or '(no user)'}; secret "
          f"{'set' if config.secret else 'not set'}; this computer sends: {config.sends}.")
    if args.no_check:
        return EXIT_OK
    from game.delivery.client import check_lrs
    verdict, found = check_lrs(config)
    if verdict == "ok":
        print(f"Checked: {found}. Attempts are sent in the background while the game runs, "
              "or now with: main.py lrs send")
        return EXIT_OK
    if verdict == "unreachable":
        print(f"Checked: {found}. Saved anyway: attempts wait on the scoreboard and go when it can be reached.")
        return EXIT_NOT_SENT
    _say_error(f"{found}. Saved, but nothing will be sent until this is put right "
               "(main.py lrs configure again).")
    return EXIT_USAGE


def _open():
    from game.shells.cli.records import _open_board
    from game.delivery.config import load_config
    config, problem = load_config()
    if problem:
        print(f"note: {problem}", file=sys.stderr)
    return config, _open_board()


def _send(args) -> int:
    from game.delivery.client import check_lrs
    from game.delivery.config import sending_origin
    from game.delivery.sender import ConfigurationProblem, Delivery, deliver
    config, board = _open()
    try:
        if args.retry_parked:
            board.requeue_parked()
        origin = None if args.all_machines else sending_origin(board, config)
        try:
            report = deliver(board, config, due_only=False, origin=origin) if origin is not False else Delivery()
        except ConfigurationProblem as exc:
            _say_error(str(exc))
            return EXIT_USAGE
        status = board.outbox_status()
    finally:
        board.close()
    if origin is False and not args.json:
        print("This computer is set to send nothing (lrs configure --sends none): the team's sender delivers. "
              "Use --all-machines to send now anyway.")
    if report.sent == 0 and report.problem is None and config.configured:
        verdict, found = check_lrs(config)  # nothing went: are the endpoint and credentials right at all?
        if verdict in ("refused", "not-found"):
            _say_error(found)
            return EXIT_USAGE
        if verdict != "ok":
            report.problem = found
    if args.json:
        import json  # here, not at the top: `validate` starts without json
        print(json.dumps({"sent": report.sent, "parked": report.parked, "waiting": status["waiting"],
                          "problem": report.problem, "parked_reasons": report.reasons,
                          "held_elsewhere": bool(status["waiting"] and not report.problem and not report.parked)},
                         indent=2))
    held = status["waiting"] and not report.problem and not report.parked
    if not args.json:
        print(f"Sent {_attempts(report.sent)} to {config.endpoint}.")
        if report.parked:
            print(f"The LRS refused {_attempts(report.parked)} (parked; see main.py lrs status): {report.reasons[-1]}")
        if held:
            print(f"{_attempts(status['waiting'])} still waiting, none failing here: another machine holds them "
                  "or recorded them and sends them itself (main.py lrs status says more).")
        elif status["waiting"]:
            print(f"{_attempts(status['waiting'])} still waiting: {report.problem or 'not sent yet'}. "
                  "Nothing is lost; they go when the LRS can be reached.")
    if held:
        return EXIT_HELD
    return EXIT_NOT_SENT if status["waiting"] or report.parked else EXIT_OK


def _attempts(n: int) -> str:
    return f"{n} attempt{'s' if n != 1 else ''}"


def _status(args) -> int:
    config, board = _open()
    try:
        status = board.outbox_status()
    finally:
        board.close()
    problems = config.problems()
    data = {**status, "lrs": config.describe(), "scoreboard": board.where, "configuration_problems": problems}
    if args.json:
        import json  # here, not at the top: `validate` starts without json
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return EXIT_OK
    print(f"LRS: {config.endpoint or 'not configured (main.py lrs configure)'}"
          + (f" as {config.user}, secret {'set' if config.secret else 'not set'}" if config.endpoint else ""))
    for problem in problems:
        print(f"Cannot send: {problem} (main.py lrs configure, or Settings)")
    print(f"Scoreboard: {board.where}")
    print(f"Waiting: {status['waiting']}   Sent: {status['sent']}   Refused (parked): {status['parked']}")
    if status["waiting"] and status["oldest_waiting"]:
        print(f"Oldest waiting since {status['oldest_waiting'][:19].replace('T', ' ')}")
    from game.app.delivery_status import next_try_words
    if status["waiting"]:
        print(f"Why they wait: {status['last_problem'] or 'not tried yet (or held by a machine sending them now)'}")
        when = next_try_words(status["next_try"])
        if when:
            print(f"When: {when[0].upper()}{when[1:]} (main.py lrs send tries now)")
        if getattr(board, "shared", False) and config.sends != "all":
            print(f"This computer sends {'nothing' if config.sends == 'none' else 'only what it recorded'}; "
                  "the others' attempts go from their own machines or the team's sender.")
    elif status["last_problem"]:
        print(f"Last problem: {status['last_problem']}")
    for item in status["parked_attempts"]:
        print(f"  parked {item['registration']}: {item['reason']}")
    if status["parked"]:
        print("Put right, then: main.py lrs send --retry-parked")
    return EXIT_OK if not status["parked"] else EXIT_INVALID
