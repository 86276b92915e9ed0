"""The command line's help is laid out as argparse lays it out (its width from COLUMNS, else the terminal,
else 80), though its width is found without shutil (cli/common.HelpFormatter, for `validate`'s start-up)."""
import argparse
import io
import shutil
from contextlib import redirect_stdout

import pytest

from game.shells.cli import commands
from game.shells.cli.common import terminal_columns


def help_text(parser) -> str:
    out = io.StringIO()
    with redirect_stdout(out), pytest.raises(SystemExit):
        parser.parse_args(["--help"])
    return out.getvalue()


@pytest.mark.parametrize("columns", ["50", "100", "", "junk"])
def test_the_help_is_what_argparse_would_print_at_the_same_width(monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", columns)
    assert terminal_columns() == shutil.get_terminal_size().columns
    ours = commands.build_parser()
    monkeypatch.setattr(commands, "HelpFormatter", argparse.HelpFormatter)
    plain = commands.build_parser()
    assert help_text(ours) == help_text(plain)
    assert len(max(help_text(ours).splitlines(), key=len)) <= max(terminal_columns(), 60)
    sub = {name: p for name, p in ours._subparsers._group_actions[0].choices.items()}
    sub_plain = {name: p for name, p in plain._subparsers._group_actions[0].choices.items()}
    assert help_text(sub["validate"]) == help_text(sub_plain["validate"])
