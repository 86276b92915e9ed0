"""What the command-line modules share."""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable  # not typing's: `--help` and `validate` start without typing
from types import ModuleType

from game.core.frozen import Frozen, frozen, set_field

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_BAD_CHOICE = 0, 1, 2, 3
EXIT_NOT_RECORDED = 4
READS_STDIN = ("analyze", "graph", "validate")  # commands that may read the scenario from standard input (-)  # played to the end, but the attempt could not be put on the scoreboard


def terminal_columns() -> int:
    """shutil.get_terminal_size().columns (COLUMNS, else the terminal's, else 80) without importing shutil,
    which imports bz2, lzma and zlib: a tenth of `validate`'s start-up beyond its floor."""
    try:
        columns = int(os.environ.get("COLUMNS", 0))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help layout, its width found without shutil (argparse makes one at every add_argument)."""

    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
        super().__init__(prog, indent_increment, max_help_position, terminal_columns() - 2 if width is None else width)


@frozen
class Shells(Frozen):
    """The other shells a command may start, handed in by the composition root
    (game/launch.py): each a function that imports that shell's module on first
    use, so the command line imports no other shell itself."""
    window: Callable[[], ModuleType]              # the game window: run(), display_available()
    screenshots: Callable[[], ModuleType]         # capture() for `play --screenshot`
    tour: Callable[[], ModuleType]                # render_all() for `screenshots`
    graph_image: Callable[[], ModuleType]         # draw_png() for `graph --out`
    terminal: Callable[[], ModuleType]            # the terminal game: play_scenario(), run_library(), …
    terminal_portfolio: Callable[[], ModuleType]  # the terminal portfolio campaign: play()
    web: Callable[[], ModuleType] | None = None   # the browser version's server: run() for `serve`
    terminal_menu: Callable[[], ModuleType] | None = None  # the terminal game's main menu: run_menu(), Hooks
    lsp: Callable[[], ModuleType] | None = None    # the language server: run()

    def __init__(self, window, screenshots, tour, graph_image, terminal, terminal_portfolio, web=None,
                 terminal_menu=None, lsp=None):
        for name, value in (("window", window), ("screenshots", screenshots), ("tour", tour),
                            ("graph_image", graph_image), ("terminal", terminal),
                            ("terminal_portfolio", terminal_portfolio), ("web", web),
                            ("terminal_menu", terminal_menu), ("lsp", lsp)):
            set_field(self, name, value)


NO_DISPLAY = "No display is available for the game window; starting the terminal version instead."


def use_terminal(args) -> bool:
    """--text, or no display for the window (said once on standard error)."""
    if args.text:
        return True
    if _window_available(args.shells):
        return False
    print(NO_DISPLAY, file=sys.stderr)
    return True


def _window_available(shells: Shells) -> bool:
    try:
        app = shells.window()  # the window exists in this build
    except ImportError:
        return False
    return app.display_available()


def load_scenario(path: str, command: str, explain: bool = False):
    """(scenario, exit code): a missing file is a usage error (2); a file
    with errors prints each one, compiler-style, and gives 1."""
    from game.core import loader
    checked, code = load_checked(path, command, loader.check_file, explain)
    return (checked.scenario if checked else None), code


def load_checked(path: str, command: str, check, explain: bool = False):
    """(the checked file, exit code) for any checker (scenario or portfolio)."""
    from game.core.source_files import is_stdin
    if is_stdin(path):
        if command not in READS_STDIN:
            print(f"main.py {command}: error: {command} needs a scenario file, not standard input "
                  "(it reads your answers there)", file=sys.stderr)
            return None, EXIT_USAGE
    elif not os.path.lexists(path):
        print(f"main.py {command}: error: no such file: {path}", file=sys.stderr)
        return None, EXIT_USAGE
    checked = check(path)
    if not checked.ok:
        for d in checked.diagnostics:
            print(d.format(), file=sys.stderr)
        if explain:
            print(f"main.py {command}: error: {path} has errors; fix them first (see above)", file=sys.stderr)
        return None, EXIT_INVALID
    return checked, EXIT_OK


def clean_player_arg(args, command: str) -> int | None:
    """Tidy `--player` in place; EXIT_USAGE (after saying why) when it cannot be a name."""
    if args.player is None:
        return None
    from game.storage.attempts import clean_player_name
    try:
        args.player = clean_player_name(args.player)
    except ValueError as exc:
        print(f"main.py {command}: error: --player: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return clean_learner_arg(args, command)


def clean_learner_arg(args, command: str) -> int | None:
    """Tidy `--learner` in place (lower case, '' for none); EXIT_USAGE when it cannot be one."""
    learner = getattr(args, "learner", None)
    if learner is None:
        return None
    from game.storage.attempts import clean_learner_id
    if args.player is None:
        print(f"main.py {command}: error: --learner goes with --player (the name shown beside it)", file=sys.stderr)
        return EXIT_USAGE
    try:
        args.learner = clean_learner_id(learner)
    except ValueError as exc:
        print(f"main.py {command}: error: --learner: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return None
