"""`main.py portfolio FILE`: the account portfolio campaign in the window,
the terminal (--text) or scripted (--plan PLAN.yaml [--json])."""
from __future__ import annotations

import os
import sys

from game.shells.cli.common import (EXIT_BAD_CHOICE, EXIT_NOT_RECORDED, EXIT_OK, EXIT_USAGE, clean_player_arg,
                                    load_checked, use_terminal)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__)))))  # str: `validate` starts without pathlib
SCENARIOS_DIR = os.path.join(ROOT, "scenarios")


def add_parser(sub) -> None:
    p = sub.add_parser("portfolio", help="play the account portfolio campaign (rank, plan, play a quarter)",
                       description="Protect your turf: rank the accounts of a portfolio by what they are worth "
                       "keeping, plan contact within the weekly time budget, and play the quarter week by week. "
                       "With --plan the quarter is scripted from a file (ranking, plan, each week's answers to "
                       "events, conversations) and the debrief printed (exit 2 when the plan file is wrong: over "
                       "budget, an unknown account or method; exit 3 when an answer names an event that does not "
                       "arrive that week or there is no time for it).")
    p.add_argument("file", metavar="FILE", help="a portfolio .yaml file (see portfolios/)")
    p.add_argument("--text", action="store_true", help="play in the terminal")
    p.add_argument("--plan", metavar="PLAN.yaml", help="script the quarter: seed, ranking, plan and conversations")
    p.add_argument("--json", action="store_true", help="with --plan: print the debrief as JSON")
    p.add_argument("--seed", type=int, default=None,
                   help="seed for the quarter's events (scripted: overrides the plan file's; play: default fresh)")
    p.add_argument("--player", metavar="NAME", help="record the quarter on the scoreboard under this name")


def library() -> dict:
    """Scenario id -> file in the bundled library."""
    from game.core.portfolio.load import library_files
    return library_files(SCENARIOS_DIR)


def load_portfolio(path: str, command: str):
    """(portfolio, exit code), as load_scenario does for scenarios."""
    from game.core.portfolio.load import check_file
    checked, code = load_checked(path, command, lambda p: check_file(p, library()))
    return (checked.portfolio if checked else None), code


def linked_scenario(scenario_id: str):
    from game.core import loader
    return loader.load_file(library()[scenario_id])


def cmd_portfolio(args) -> int:
    portfolio, code = load_portfolio(args.file, "portfolio")
    if portfolio is None:
        return code
    if args.seed is not None and not -(2 ** 63) <= args.seed < 2 ** 63:
        print("main.py portfolio: error: --seed must fit in 64 bits", file=sys.stderr)
        return EXIT_USAGE
    if clean_player_arg(args, "portfolio"):
        return EXIT_USAGE
    if args.plan:
        return _scripted(portfolio, args)
    if args.json:
        print("main.py portfolio: error: --json goes with --plan", file=sys.stderr)
        return EXIT_USAGE
    if use_terminal(args):
        return args.shells.terminal_portfolio().play(portfolio, linked_scenario, seed=args.seed, player=args.player,
                                   record=record_quarter)
    return args.shells.window().run(portfolio_path=args.file, seed=args.seed, player=args.player)


def _scripted(portfolio, args) -> int:
    from game.app import quarter_week
    from game.core.errors import ChoiceNotShown, PlayError
    from game.core.portfolio.campaign import Campaign
    from game.core.portfolio.plan_file import check_personas, read, unused_conversations
    from game.authoring.portfolio_report import debrief_lines
    from game.core.portfolio.review import debrief
    from game.storage.attempts import now_iso
    started_at = now_iso()
    from game.core.loader import MAX_BYTES
    from game.core.source_files import NotReadable, read_limited
    try:
        data = read_limited(args.plan, MAX_BYTES, "plan file")
    except NotReadable as exc:
        print(f"main.py portfolio: error: --plan: {args.plan}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    script, diags = read(data, args.plan, portfolio)
    if script is not None:
        diags += check_personas(script, portfolio, linked_scenario, args.plan)
        script = None if any(d.is_error for d in diags) else script
    for d in diags:
        print(d.format(), file=sys.stderr)
    if script is None:
        return EXIT_USAGE
    seed = script.seed if args.seed is None else args.seed
    campaign = Campaign(portfolio, seed, script.ranking, script.plan)

    def outcome_for(campaign, account_id):
        if account_id in script.outcomes:
            return script.outcomes[account_id], "scripted", None
        if account_id not in script.choices:
            return "at_risk", "assumed", None
        account = portfolio.account(account_id)
        scenario = linked_scenario(account.scenario)
        # the persona the plan file names; else (None) the customer the window and the terminal meet for this seed
        persona = script.personas[account_id][0] if account_id in script.personas else None
        run = quarter_week.linked_playthrough(scenario, campaign, account_id, persona=persona)
        try:
            run.choose_all(script.choices[account_id])
        except ChoiceNotShown:
            raise
        except PlayError as exc:
            raise PlayError(f"the conversation with {account.name}: {exc}") from None
        if not run.finished:
            raise PlayError(f"the choices stop before the conversation with {account.name} ends")
        result = run.result()
        return result.outcome, "scripted", result.score
    def decide(campaign):
        if script.policy:
            from game.core.portfolio.policy import answer_week
            answer_week(campaign)
            return
        for week, account_id, kind, reply, (line, column) in script.answers:
            if week == campaign.week + 1:
                try:
                    campaign.answer(account_id, kind, reply)
                except ValueError as exc:
                    raise PlayError(f"{args.plan}:{line}:{column}: {exc}") from None
    try:
        campaign.play_out(outcome_for, decide)
    except ChoiceNotShown as exc:
        print(f"error: conversation in week {campaign.week}: {exc}", file=sys.stderr)
        return EXIT_BAD_CHOICE
    except PlayError as exc:
        where = "" if str(exc).startswith(str(args.plan)) else f"week {campaign.week}: "
        print(f"error: {where}{exc}", file=sys.stderr)
        return EXIT_BAD_CHOICE
    for d in unused_conversations(script, campaign, args.plan):
        print(d.format(), file=sys.stderr)
    result = debrief(campaign)
    if args.json:
        import json  # here, not at the top: `validate` starts without json
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print("\n".join(debrief_lines(portfolio, result)))
    if args.player:
        note = record_quarter(result, args.player, started_at)
        print(note, file=sys.stderr)
        if note.startswith("error:"):
            return EXIT_NOT_RECORDED
    return EXIT_OK


def record_quarter(result: dict, player: str, started_at: str) -> str:
    """Put a finished quarter on the scoreboard; one line saying how it went."""
    from game.storage.files import StorageError
    from game.storage.portfolio_board import quarter_row
    from game.storage.scoreboard import open_scoreboard
    try:
        board = open_scoreboard()
        try:
            board.record_quarter(quarter_row(result, player, started_at))
        finally:
            board.close()
    except StorageError as exc:
        return f"error: the quarter was not recorded: {exc}"
    return f"Recorded on the scoreboard for {player}."


def cmd_analyze(args) -> int:
    from game.authoring.portfolio_report import analysis, analysis_lines
    from game.core.portfolio.load import check_file
    portfolio, code = load_portfolio(args.file, "analyze")
    if portfolio is None:
        return code
    warnings = [d for d in check_file(args.file, library()).diagnostics if not d.is_error]
    result = analysis(portfolio, args.seed)
    result["quality"] = [d.to_dict() for d in warnings]
    if args.json:
        import json  # here, not at the top: `validate` starts without json
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return EXIT_OK
    print("\n".join(analysis_lines(portfolio, result)))
    print()
    if warnings:
        print("Quality:")
        for d in warnings:
            print(d.format())
    else:
        print("Quality: no problems found.")
    return EXIT_OK
