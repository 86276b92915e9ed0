"""Trainer commands: `graph`, `analyze`, `new` and `schema`."""
from __future__ import annotations

import os
import sys

from game.shells.cli.common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, load_scenario
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__)))))  # str: `validate` starts without pathlib
SCHEMA_FILE = os.path.join(ROOT, "docs", "scenario.schema.json")


def add_parsers(sub) -> None:
    graph = sub.add_parser("graph", help="draw a scenario as a graph (Mermaid, Graphviz or PNG)",
                           description="Print the scenario as a graph: nodes, endings coloured by outcome, each "
                           "choice's arrow labelled with its lever points and any rule it breaks, the best "
                           "path highlighted. Mermaid (default) or Graphviz DOT go to standard output; --out "
                           "draws a PNG (no Graphviz needed).")
    graph.add_argument("file", metavar="FILE", help="a scenario .yaml file")
    graph.add_argument("--format", choices=("mermaid", "dot"), default="mermaid", help="text format (default mermaid)")
    graph.add_argument("--out", metavar="FILE.png", help="draw a PNG picture to this file instead")
    graph.add_argument("--persona", metavar="ID",
                       help="points, rules and best path as this persona gets them (default: the first declared)")

    analyze = sub.add_parser("analyze", help="ceilings, best paths, endings, rule sites, random play",
                             description="Analyse a scenario: each lever's ceiling and best path, the best "
                             "playthrough and its score, the endings and how to reach them, where each rule can "
                             "be broken, unreachable nodes, and scores over random playthroughs.")
    analyze.add_argument("file", metavar="FILE", help="a scenario .yaml file, or a portfolio file (its best plan "
                         "for --seed and the value of each account)")
    analyze.add_argument("--json", action="store_true", help="print the analysis as JSON")
    analyze.add_argument("--runs", type=int, default=10_000, metavar="N",
                         help="random playthroughs to sample (default 10,000)")
    analyze.add_argument("--seed", type=int, default=0,
                         help="seed for the shuffled order of replies and the random playthroughs (default 0)")
    analyze.add_argument("--persona", metavar="ID", help="analyse one persona only (default: every persona, "
                         "side by side)")
    analyze.add_argument("--attempts", action="store_true",
                         help="item analysis of the recorded attempts instead: each decision's pick rate per reply, "
                         "difficulty and discrimination (top against bottom third), with flags")

    new = sub.add_parser("new", help="write a starter scenario that teaches the format",
                         description="Write a valid starter scenario with comments that teach the format, "
                         "to scenarios/ID.yaml (under the current folder) or --out FILE. Never overwrites a file.")
    new.add_argument("id", metavar="ID", help="the new scenario's id: lower-case letters, digits and '-'")
    new.add_argument("--out", metavar="FILE", help="where to write it (default scenarios/ID.yaml)")
    new.add_argument("--personas", action="store_true",
                     help="a starter with two personas: the same situation with two customers to read")

    schema = sub.add_parser("schema", help="print the JSON Schema of the scenario format (for editors)",
                   description="Print a JSON Schema of the scenario format on standard output. Point your "
                   "editor's YAML extension at it for autocompletion and inline errors (see the trainer's "
                   "guide).")
    which = schema.add_mutually_exclusive_group()
    which.add_argument("--portfolio", action="store_true", help="the portfolio format's schema instead")
    which.add_argument("--course", action="store_true", help="the course (learning path) format's schema instead")

    sub.add_parser("lsp", help="a language server for scenario files (for editors; speaks LSP on stdio)",
                   description="Run the Five Levers language server on standard input and output, for an editor's "
                   "LSP client: the validator's diagnostics as you type, completion of node, ending, persona, flag, "
                   "lever and rule names, go to definition, references and hover (see the trainer's guide).")


def cmd_schema(args) -> int:
    from game.authoring.course_schema import course_schema
    from game.authoring.portfolio_schema import portfolio_schema
    from game.authoring.schema import scenario_schema
    schema = portfolio_schema() if args.portfolio else course_schema() if args.course else scenario_schema()
    import json  # here, not at the top: `validate` starts without json
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return EXIT_OK


def cmd_lsp(args) -> int:
    if args.shells.lsp is None:
        print("main.py lsp: error: the language server is not available here", file=sys.stderr)
        return EXIT_INVALID
    try:
        server = args.shells.lsp()
    except ImportError as exc:
        print(f"main.py lsp: error: the language server needs pygls ({exc}); install the requirements: "
              "pip install -r requirements.txt", file=sys.stderr)
        return EXIT_INVALID
    return server.run()


def _schema_reference(out: Path) -> str:
    """The schema's path for the modeline of a new file: relative inside this
    repository (it moves with it, for the whole team), absolute anywhere
    else, so the editor finds it wherever the trainer keeps the file."""
    where = out.resolve().parent
    try:
        where.relative_to(ROOT)
    except ValueError:
        return str(SCHEMA_FILE)
    return os.path.relpath(SCHEMA_FILE, where)


def cmd_new(args) -> int:
    from game.authoring.starter import starter_text
    from game.core.validator import ID_PATTERN
    if not ID_PATTERN.match(args.id):
        print(f"main.py new: error: '{args.id}' is not a valid id: use lower-case letters, digits and '-' "
              "(for example late-delivery)", file=sys.stderr)
        return EXIT_USAGE
    from pathlib import Path  # here, not at the top: `validate` starts without pathlib
    out = Path(args.out) if args.out else Path("scenarios") / f"{args.id}.yaml"  # beside where you work
    if not args.out:
        out.parent.mkdir(exist_ok=True)
    schema = _schema_reference(out)
    shown = os.path.relpath(out) if not out.is_absolute() or str(out).startswith(os.getcwd()) else str(out)
    text = starter_text(args.id, shown, Path(schema).as_posix(), personas=args.personas)
    try:
        with open(out, "x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        print(f"main.py new: error: {out} already exists; it was not changed (choose another id or --out)",
              file=sys.stderr)
        return EXIT_INVALID
    except OSError as exc:
        print(f"main.py new: error: could not write {out}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_INVALID
    print(f"Wrote {shown}. Next: edit it, then run: python main.py validate {shown}")
    return EXIT_OK


def cmd_graph(args) -> int:
    scenario, code = load_scenario(args.file, "graph", explain=True)
    if scenario is None:
        return code
    if not _persona_ok(scenario, args.persona, "graph"):
        return EXIT_USAGE
    from game.authoring.graph_export import build, to_dot, to_mermaid
    graph = build(scenario, persona=args.persona or scenario.default_persona)
    if args.out:
        if not args.out.lower().endswith(".png"):
            print("main.py graph: error: --out must name a .png file", file=sys.stderr)
            return EXIT_USAGE
        try:
            size = args.shells.graph_image().draw_png(graph, scenario.start, args.out)
        except Exception as exc:  # pygame.error or OSError: say what, never a traceback
            print(f"main.py graph: error: could not write {args.out}: {exc}", file=sys.stderr)
            return EXIT_INVALID
        print(f"Wrote {args.out} ({size[0]}x{size[1]} pixels)", file=sys.stderr)
        return EXIT_OK
    sys.stdout.write(to_dot(graph) if args.format == "dot" else to_mermaid(graph))
    return EXIT_OK


def _persona_ok(scenario, persona, command) -> bool:
    if persona is None or persona in scenario.personas:
        return True
    known = f"its personas are: {', '.join(scenario.personas)}" if scenario.personas else "it has no personas"
    print(f"main.py {command}: error: --persona: scenario '{scenario.id}' has no persona '{persona}'; {known}",
          file=sys.stderr)
    return False


def cmd_analyze(args) -> int:
    if args.runs < 0:
        print("main.py analyze: error: --runs must be 0 or more", file=sys.stderr)
        return EXIT_USAGE
    from game.core.portfolio.load import is_portfolio_file
    if os.path.isfile(args.file) and is_portfolio_file(args.file):
        from game.shells.cli.portfolio import cmd_analyze as analyze_portfolio
        return analyze_portfolio(args)
    scenario, code = load_scenario(args.file, "analyze", explain=True)
    if scenario is None:
        return code
    if args.attempts:
        from game.shells.cli.team import cmd_item_analysis
        return cmd_item_analysis(args, scenario)
    from game.authoring.analysis_report import analysis_data, analysis_text
    if not _persona_ok(scenario, args.persona, "analyze"):
        return EXIT_USAGE
    data = analysis_data(scenario, runs=args.runs, seed=args.seed, persona=args.persona)
    if args.json:
        import json  # here, not at the top: `validate` starts without json
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(analysis_text(scenario, data))
    return EXIT_OK
