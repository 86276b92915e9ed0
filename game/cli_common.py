"""What the command-line modules share."""
from __future__ import annotations

import os
import sys

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_BAD_CHOICE = 0, 1, 2, 3
EXIT_NOT_RECORDED = 4  # played to the end, but the attempt could not be put on the scoreboard


def load_scenario(path: str, command: str, explain: bool = False):
    """(scenario, exit code): a missing file is a usage error (2); a file
    with errors prints each one, compiler-style, and gives 1."""
    from . import loader
    if not os.path.exists(path):
        print(f"main.py {command}: error: no such file: {path}", file=sys.stderr)
        return None, EXIT_USAGE
    checked = loader.check_file(path)
    if not checked.ok:
        for d in checked.diagnostics:
            print(d.format(), file=sys.stderr)
        if explain:
            print(f"main.py {command}: error: {path} has errors; fix them first (see above)", file=sys.stderr)
        return None, EXIT_INVALID
    return checked.scenario, EXIT_OK
