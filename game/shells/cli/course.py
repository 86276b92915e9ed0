"""Courses on the command line: the libraries a course file is checked
against (`validate`), and `export --cmi5` (a cmi5 course package)."""
from __future__ import annotations

import os
import sys

from game.shells.cli.common import EXIT_INVALID, EXIT_OK, EXIT_USAGE

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__)))))  # str: `validate` starts without pathlib
SCENARIOS_DIR, PORTFOLIOS_DIR, COURSES_DIR = (os.path.join(ROOT, name) for name in ("scenarios", "portfolios", "courses"))


def portfolio_ids() -> set[str]:
    """The bundled portfolios' ids."""
    from game.core.portfolio.load import library_files
    return set(library_files(PORTFOLIOS_DIR))


def check_courses(files, scenario_ids, more_portfolios=()) -> list:
    """Each course file checked against these scenario ids and the bundled
    portfolios plus `more_portfolios` (ids of portfolios checked alongside)."""
    from game.core.course.load import check_file
    portfolios = portfolio_ids() | set(more_portfolios)
    return [check_file(f, scenario_ids, portfolios) for f in files]


def course_file(course_id: str) -> Path | None:
    """The bundled course with this id (a path to a course file works too)."""
    from pathlib import Path  # here, not at the top: `validate` starts without pathlib
    path = Path(course_id)
    if path.suffix in (".yaml", ".yml") and path.is_file():
        return path
    for candidate in (Path(COURSES_DIR, f"{course_id}.yaml"), Path(COURSES_DIR, f"{course_id}.yml")):
        if candidate.is_file():
            return candidate
    return None


def load_course(course_id: str, command: str, more_scenarios=()):
    """(course, scenarios by id, exit code): the course checked against the
    bundled library (and `more_scenarios`: ids known elsewhere, e.g. played on the scoreboard)."""
    from game.core import loader
    from game.core.course.load import check_file
    from game.core.suggest import Suggester
    path = course_file(course_id)
    if path is None:
        from pathlib import Path
        known = sorted(p.stem for p in Path(COURSES_DIR).glob("*.y*ml"))
        print(f"main.py {command}: error: --course: no course '{course_id}'{Suggester(known).hint(course_id)}; "
              f"the courses are: {', '.join(known) or 'none'}", file=sys.stderr)
        return None, {}, EXIT_USAGE
    results, _ = loader.check_library([SCENARIOS_DIR])
    scenarios = {c.scenario.id: c.scenario for c in results if c.ok}
    checked = check_file(path, set(scenarios) | set(more_scenarios), portfolio_ids())
    if not checked.ok:
        for d in checked.diagnostics:
            print(d.format(), file=sys.stderr)
        return None, {}, EXIT_INVALID
    return checked.course, scenarios, EXIT_OK


def portfolio_titles() -> dict[str, tuple[str, str]]:
    """Portfolio id -> (title, summary) of the bundled portfolios that load."""
    from game.core.portfolio.load import check_file, library_files
    out = {}
    for pid, path in library_files(PORTFOLIOS_DIR).items():
        checked = check_file(path)
        if checked.portfolio is not None:
            out[pid] = (checked.portfolio.title, checked.portfolio.summary)
    return out


def cmd_export_cmi5(args) -> int:
    """`export --cmi5 FILE --course ID --url URL`: a cmi5 course package (a zip holding cmi5.xml)."""
    from game.delivery.cmi5_package import course_structure, check_base_url
    from game.storage.files import StorageError
    from game.storage.package import write_zip
    if not args.course or not args.url:
        print("main.py export: error: --cmi5 needs --course ID and --url https://… (where `serve` answers)",
              file=sys.stderr)
        return EXIT_USAGE
    problem = check_base_url(args.url)
    if problem:
        print(f"main.py export: error: --url: {problem}", file=sys.stderr)
        return EXIT_USAGE
    if args.cmi5 == "-":
        print("main.py export: error: --cmi5 writes a zip file; name a file, not -", file=sys.stderr)
        return EXIT_USAGE
    course, scenarios, code = load_course(args.course, "export")
    if course is None:
        return code
    xml = course_structure(course, scenarios, portfolio_titles(), args.url)
    try:
        from pathlib import Path
        write_zip(Path(args.cmi5), {"cmi5.xml": xml})
    except StorageError as exc:
        print(f"main.py export: error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    units = sum(len(b.scenarios) + bool(b.campaign) for b in course.blocks)
    print(f"Wrote a cmi5 package of {len(course.blocks)} blocks and {units} AUs to {args.cmi5}", file=sys.stderr)
    return EXIT_OK


def add_parser(sub) -> None:
    p = sub.add_parser("course", help="a trainee's learning path: progress and what is left for each certificate",
                       description="Show a course (courses/ID.yaml) with one player's progress read from the "
                       "scoreboard: each block's state and what is left for its certificate.")
    p.add_argument("--player", metavar="NAME", required=True, help="the player's name as on the scoreboard")
    p.add_argument("--course", metavar="ID", default="default", help="the course (default: default)")
    p.add_argument("--json", action="store_true", help="print the progress as JSON")


def progress_dict(course, progress) -> dict:
    return {"course": course.id, "title": course.title, "certified": progress.certified,
            "blocks": [{"id": b.block.id, "title": b.block.title, "open": b.open, "certified": b.certified,
                        "temperaments": list(b.temperaments), "campaign_best": b.campaign_best,
                        "scenarios": [{"id": s.scenario, "met": s.met, "attempts": s.counted,
                                       "best_grade": s.best_grade, "tries_left": s.tries_left} for s in b.scenarios],
                        "left": list(b.left)} for b in progress.blocks]}


def cmd_course(args) -> int:
    import json
    from game.app.course_view import course_view, read_progress
    from game.storage.files import StorageError
    from game.storage.scoreboard import open_scoreboard
    course, scenarios, code = load_course(args.course, "course")
    if course is None:
        return code
    try:
        board = open_scoreboard()
        try:
            progress = read_progress(board, args.player, course)
        finally:
            board.close()
    except StorageError as exc:
        print(f"main.py course: error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    if args.json:
        print(json.dumps({"player": args.player, **progress_dict(course, progress)}, indent=2, ensure_ascii=False))
        return EXIT_OK
    titles = {sid: s.title for sid, s in scenarios.items()}
    campaigns = {pid: title for pid, (title, _) in portfolio_titles().items()}
    print(f"{args.player}: " + "\n".join(course_view(course, progress, titles, campaigns).lines()))
    return EXIT_OK
