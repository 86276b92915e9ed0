"""The command line: `python main.py [COMMAND] …`.

Every error a user can cause is printed as one clear line; no traceback
ever reaches the user (set FIVE_LEVERS_DEBUG=1 to see one).
"""
from __future__ import annotations

import argparse
import os
import sys

from game import __version__
from game.core.errors import ChoiceNotShown, FiveLeversError, PlayError
from game.core.plain_numbers import is_plain_number
from game.shells.cli import shots as cli_shots, team as cli_team
from game.shells.cli import (blind as cli_blind, course as cli_course, lrs as cli_lrs, portfolio as cli_portfolio,
                             records as cli_records, trainer as cli_trainer)
from game.shells.cli.common import (EXIT_BAD_CHOICE, EXIT_INVALID, EXIT_NOT_RECORDED, EXIT_OK, EXIT_USAGE, HelpFormatter,
                                    Shells, clean_player_arg, load_scenario, use_terminal)
from game.storage.files import StorageError
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__)))))  # str: no pathlib
SCENARIOS_DIR = os.path.join(ROOT, "scenarios")


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", HelpFormatter)  # argparse's own imports shutil (and bz2, lzma)
        super().__init__(*args, **kwargs)

    def error(self, message):  # usage errors: one line plus the usage, exit 2
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _choice_list(text: str) -> list[int]:
    text = text.strip()
    if not text:
        return []
    numbers = []
    for part in text.split(","):
        part = part.strip()
        if not is_plain_number(part) or not 1 <= int(part) <= 9:
            raise argparse.ArgumentTypeError(f"'{part}' is not a choice number 1-9 (write e.g. --choices 1,2,1)")
        numbers.append(int(part))
    return numbers


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="main.py", description="Five Levers: practise conversations with customers. "
                     "With no command, opens the game.")
    parser.add_argument("--version", action="version", version=f"Five Levers {__version__}")
    parser.add_argument("--text", action="store_true", help="play in the terminal instead of the window")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    play = sub.add_parser("play", help="play one scenario (window, terminal or scripted)",
                          description="Play one scenario file. With --choices it plays those replies "
                          "and prints the result (exit 3 if a choice is not shown at its step).")
    play.add_argument("file", metavar="FILE", help="a scenario .yaml file")
    play.add_argument("--choices", type=_choice_list, metavar="1,2,…",
                      help="replies to pick, 1-based among the choices shown at each step")
    play.add_argument("--json", action="store_true", help="with --choices: print the result as JSON")
    play.add_argument("--seed", type=int, default=None,
                      help="seed for shuffled replies (scripted play: default 0; the window and the terminal "
                      "draw a fresh one)")
    play.add_argument("--persona", metavar="ID",
                      help="which persona the customer is (default: scripted play the first declared; the "
                      "window and the terminal draw one at random)")
    play.add_argument("--text", action="store_true", help="play in the terminal")
    play.add_argument("--from", dest="start", metavar="NODE", help="start at this node (a playtest)")
    play.add_argument("--set", dest="settings", action="append", metavar="FLAG=VALUE",
                      help="set a flag before the first reply, e.g. --set apologised=true (repeatable; a playtest)")
    play.add_argument("--mood", metavar="MOOD",
                      help="the customer's mood before the first reply: calm, uneasy, upset or angry (a playtest)")
    play.add_argument("--quarter", metavar="NAME=N,…",
                      help="with --choices: play it as the portfolio quarter would, having told this much on the "
                      "account, e.g. --quarter week=5,rival_offers=1 (names: week, rival_offers, price_requests, "
                      "complaints, disclosures, contacts, unanswered)")
    play.add_argument("--assess", action="store_true",
                      help="assessment mode: coaching only at the end (default: coach mode)")
    play.add_argument("--screenshot", metavar="DIR",
                      help="with --choices: play through the real window and save a PNG of each screen in DIR")

    validate = sub.add_parser("validate", help="check scenario, portfolio and course files and folders",
                              description="Check scenario, portfolio and course files (or folders of them). Prints each problem "
                              "as file:line:col: error|warning: message. Exit 0 when there are no errors.")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="scenario, portfolio or course files, or folders")
    validate.add_argument("--json", action="store_true", help="print the diagnostics as JSON")
    validate.add_argument("--house-rules", action="store_true",
                          help="check the library's house rules (coaching, balancing) on files outside a library "
                          "too; files in a scenarios/ folder beside docs/content-map.md always get them")
    play.add_argument("--player", metavar="NAME",
                      help="play as this name and record the finished conversation on the scoreboard")
    play.add_argument("--learner", metavar="ID",
                      help="with --player: your learner id (LMS login or e-mail), which identifies you to the "
                      "learning record store; letter case does not matter")
    cli_shots.add_parser(sub, _window_size)
    serve = sub.add_parser("serve", help="play in the browser: serve the game over HTTP",
                           description="Serve the game to browsers (each trainee signs in with a name or "
                           "learner id). Uses the same scoreboard as the window: SQLite under saves/, or "
                           "PostgreSQL with FIVE_LEVERS_DB. Behind a team's web server, see the README.")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1, this computer only; 0.0.0.0 for every "
                       "network interface)")
    serve.add_argument("--port", type=_port, default=8000, help="port (default 8000)")
    serve.add_argument("--workers", type=_workers, default=1,
                       help="server processes (default 1; they share the store, so any of them serves any trainee)")
    cli_records.add_parsers(sub)
    cli_trainer.add_parsers(sub)
    cli_portfolio.add_parser(sub)
    cli_lrs.add_parser(sub)
    cli_blind.add_parser(sub)
    cli_team.add_parsers(sub)
    cli_course.add_parser(sub)
    return parser


def _window_size(text: str) -> tuple[int, int]:
    parts = text.lower().replace("×", "x").split("x")
    if len(parts) != 2 or not all(is_plain_number(p.strip()) for p in parts):
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1280x720")
    w, h = (int(p) for p in parts)
    if w < 800 or h < 600 or w > 7680 or h > 4320:
        raise argparse.ArgumentTypeError(f"{w}x{h} is outside the window sizes the game supports "
                                         "(800x600 to 7680x4320)")
    return w, h


def _port(text: str) -> int:
    if not is_plain_number(text.strip()) or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number 1-65535")
    return int(text)


def _workers(text: str) -> int:
    if not is_plain_number(text.strip()) or not 1 <= int(text) <= 64:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of workers 1-64")
    return int(text)


def main(argv: list[str] | None, shells: Shells) -> int:
    """Run one command; `shells` are the window and terminal it may start (from game/launch.py)."""
    try:
        return _main(argv, shells)
    except KeyboardInterrupt:
        print("\nStopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except (FiveLeversError, StorageError) as exc:  # a scenario or the scoreboard: said in one line
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except Exception as exc:  # the last guard: never show a traceback to a user
        if os.environ.get("FIVE_LEVERS_DEBUG"):
            raise
        print(f"error: something went wrong inside Five Levers ({type(exc).__name__}: {exc}). "
              "Run again with FIVE_LEVERS_DEBUG=1 for details.", file=sys.stderr)
        return 70


# Arguments that name files: any bytes the system allows; every other argument is text.
PATH_ARGUMENTS = {"file", "paths", "dir", "out", "plan", "csv", "xapi", "cmi5", "sheet", "answers", "screenshot", "start",
                  "scenario_file"}


def _not_text(args) -> str | None:
    """The first text argument holding bytes that are not UTF-8 (read by Python as lone surrogates)."""
    for name, value in vars(args).items():
        if name in PATH_ARGUMENTS or not isinstance(value, str):
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return name
    return None


def _main(argv, shells: Shells) -> int:
    args = build_parser().parse_args(argv)
    bad = _not_text(args)
    if bad:
        print(f"main.py: error: --{bad.replace('_', '-')}: the value is not UTF-8 text", file=sys.stderr)
        return EXIT_USAGE
    args.shells = shells
    if args.command == "validate":
        return cmd_validate(args)
    if args.command == "play":
        return cmd_play(args)
    if args.command == "scoreboard" and args.team:
        return cli_team.cmd_team_scoreboard(args, cli_records._selection(args))
    if args.command == "scoreboard":
        return cli_records.cmd_scoreboard(args)
    if args.command == "export":
        return cli_records.cmd_export(args)
    if args.command == "screenshots":
        return cli_shots.cmd_screenshots(args)
    if args.command == "portfolio":
        return cli_portfolio.cmd_portfolio(args)
    if args.command == "lrs":
        return cli_lrs.cmd_lrs(args)
    if args.command == "review":
        return cli_blind.cmd_review(args)
    if args.command in ("roster", "reviewer"):
        return cli_team.cmd_roster(args) if args.command == "roster" else cli_team.cmd_reviewer(args)
    if args.command == "course":
        return cli_course.cmd_course(args)
    if args.command == "serve":
        if shells.web is None:
            print("main.py serve: error: the browser version is not part of this build", file=sys.stderr)
            return EXIT_USAGE
        return shells.web().run(args.host, args.port, args.workers)
    trainer = {"graph": cli_trainer.cmd_graph, "analyze": cli_trainer.cmd_analyze, "new": cli_trainer.cmd_new,
               "schema": cli_trainer.cmd_schema, "lsp": cli_trainer.cmd_lsp}
    if args.command in trainer:
        return trainer[args.command](args)
    return cmd_game(args)


def cmd_validate(args) -> int:
    """Scenario files, portfolio files (in a `portfolios` folder, or with a
    top-level `accounts:`) and course files (in a `courses` folder, or with a
    top-level `blocks:`), each checked by its own validator."""
    from game.core import loader  # here, not at the top: `--help` starts without the loader
    from game.core.file_kinds import COURSE, PORTFOLIO, file_kind
    files, problems = loader.scenario_files(args.paths)
    kinds = {f: file_kind(f) for f in files}  # each file read once to tell; the course and portfolio
    courses = [f for f in files if kinds[f] == COURSE]  # checkers are imported only when there is one
    portfolios = [f for f in files if kinds[f] == PORTFOLIO]
    results, _ = loader.check_library([f for f in files if kinds[f] not in (COURSE, PORTFOLIO)])
    if portfolios or courses:
        from game.core.portfolio.load import check_file as check_portfolio
        from game.shells.cli.course import check_courses
        library = set(cli_portfolio.library()) | {c.scenario.id for c in results if c.scenario is not None}
        results += [check_portfolio(f, library) for f in portfolios]
        results += check_courses(courses, library, {c.portfolio.id for c in results if getattr(c, "portfolio", None)})
    diagnostics = list(problems)
    from game.authoring.library_rules import check as house_rules
    for checked in results:
        diagnostics.extend(checked.diagnostics)
        if getattr(checked, "scenario", None) is not None:
            diagnostics.extend(house_rules(checked.scenario, checked.path, everywhere=args.house_rules))
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    if args.json:
        import json  # here, not at the top: `validate` starts without json
        print(json.dumps({"files": len(results), "errors": errors, "warnings": warnings,
                          "diagnostics": [d.to_dict() for d in diagnostics]}, indent=2))
    else:
        for d in diagnostics:
            print(d.format())
        files = len(results)
        print(f"{files} file{'s' if files != 1 else ''} checked: {errors} error{'s' if errors != 1 else ''}, "
              f"{warnings} warning{'s' if warnings != 1 else ''}")
    return EXIT_INVALID if errors else EXIT_OK


def cmd_play(args) -> int:
    scenario, code = load_scenario(args.file, "play")
    if scenario is None:
        return code
    if clean_player_arg(args, "play"):
        return EXIT_USAGE
    if args.persona is not None and args.persona not in scenario.personas:
        from game.core.validator import did_you_mean
        known = (f"its personas are: {', '.join(scenario.personas)}" if scenario.personas
                 else "it has no personas")
        print(f"main.py play: error: --persona: scenario '{scenario.id}' has no persona '{args.persona}'"
              f"{did_you_mean(args.persona, scenario.personas)}; {known}", file=sys.stderr)
        return EXIT_USAGE
    if args.seed is not None and not -(2 ** 63) <= args.seed < 2 ** 63:
        print("main.py play: error: --seed must fit in 64 bits", file=sys.stderr)
        return EXIT_USAGE
    if args.start is not None and args.start not in scenario.nodes:
        from game.core.validator import did_you_mean
        print(f"main.py play: error: --from names unknown node '{args.start}'"
              f"{did_you_mean(args.start, scenario.nodes)}", file=sys.stderr)
        return EXIT_USAGE
    from game.core import playtest
    try:
        args.preset = playtest.build(scenario, args.settings, args.mood)
    except PlayError as exc:
        print(f"main.py play: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    from game.core import quarter_story
    try:
        args.story = quarter_story.parse(args.quarter) if args.quarter is not None else None
    except PlayError as exc:
        print(f"main.py play: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.story is not None and (args.choices is None or args.screenshot):
        print("main.py play: error: --quarter goes with --choices (not with --screenshot)", file=sys.stderr)
        return EXIT_USAGE
    if args.screenshot:
        if args.choices is None:
            print("main.py play: error: --screenshot needs --choices", file=sys.stderr)
            return EXIT_USAGE
        return _screenshots(args)
    if args.choices is not None:
        return _scripted(scenario, args)
    if args.json:
        print("main.py play: error: --json goes with --choices", file=sys.stderr)
        return EXIT_USAGE
    if use_terminal(args):
        text = args.shells.terminal()
        on_finish = cli_records.recorder(args.player, _mode(args), learner=args.learner) if args.player else None
        return text.play_scenario(scenario, coach=not args.assess, seed=args.seed, start=args.start,
                                  on_finish=on_finish, persona=args.persona,
                                  player_style=cli_records.stored_style(args.player), preset=args.preset)
    return args.shells.window().run(scenario_path=args.file, start=args.start, seed=args.seed, player=args.player,
                   learner=args.learner, persona=args.persona, preset=args.preset)


def _scripted(scenario, args) -> int:
    from game.core.engine import Playthrough
    record = (cli_records.recorder(args.player, _mode(args), sys.stderr, learner=args.learner, scripted=True)
              if args.player else None)
    run = Playthrough(scenario, seed=args.seed or 0, start=args.start, persona=args.persona, preset=args.preset,
                      story=args.story)
    try:
        run.choose_all(args.choices)
    except ChoiceNotShown as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_CHOICE
    except PlayError as exc:
        print(f"error: step {len(run.choices) + 1}: {exc}", file=sys.stderr)
        return EXIT_BAD_CHOICE
    result = run.result()
    if args.json:
        import json  # here, not at the top: `validate` starts without json
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        from game.app.debrief import debrief_view
        print("\n".join(args.shells.terminal().summary_lines(debrief_view(scenario, run, with_flex=False))))
    if record is not None and not record(run):
        return EXIT_NOT_RECORDED
    return EXIT_OK


def _screenshots(args) -> int:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    code, files, message = args.shells.screenshots().capture(args.file, args.choices, args.screenshot, seed=args.seed or 0,
                                               assess=args.assess, start=args.start, persona=args.persona,
                                               preset=args.preset)
    for path in files:
        print(path)
    if message:
        print(f"error: {message}", file=sys.stderr)
    return code


def _mode(args) -> str:
    return "assessment" if args.assess else "coach"


def _terminal_game(args) -> int:
    """The terminal game asks the player's name first (the window's remembered
    name is offered), remembers it, then offers the whole game from one menu
    (scenarios, the campaign, the self-check, history, leaderboards), playing
    in the player's mode and recording each attempt."""
    from game.shells.cli import portfolio as cli_portfolio
    from game.storage.saves import load_settings, save_settings
    text = args.shells.terminal()
    settings, _ = load_settings()
    player = text.ask_player_name(settings.player)
    if player is None:
        print("\nGoodbye.")
        return EXIT_OK
    if player != settings.player:
        settings.player = player
        try:
            save_settings(settings)
        except StorageError as exc:
            print(f"note: {exc}", file=sys.stderr)
    menu = args.shells.terminal_menu()
    from pathlib import Path  # here: `validate` starts without pathlib
    hooks = menu.Hooks(Path(SCENARIOS_DIR), Path(ROOT, "portfolios"),
                       recorder=lambda mode: cli_records.recorder(player, mode, learner=settings.learner),
                       record_quarter=cli_portfolio.record_quarter, linked_scenario=cli_portfolio.linked_scenario,
                       courses_dir=Path(ROOT, "courses"))
    return menu.run_menu(player, settings.mode, hooks)


def cmd_game(args) -> int:
    if use_terminal(args):
        return _terminal_game(args)
    return args.shells.window().run()
