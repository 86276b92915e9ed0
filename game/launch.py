"""The composition root: the one module that knows every shell.

`/main.py` calls `main()` here. It hands the command line the other shells
it may start (the game window, its screenshot drivers and graph drawing, the
terminal version) as loaders, so the command line never imports another
shell, and the terminal never loads pygame until the window is wanted; the
browser version's server (`serve`) arrives the same way.
"""
from __future__ import annotations

from game.shells.cli.common import Shells


def _window():
    from game.shells.window import app
    return app


def _screenshots():
    from game.shells.window import screenshots
    return screenshots


def _tour():
    from game.shells.window import tour
    return tour


def _graph_image():
    from game.shells.window import graph_image
    return graph_image


def _terminal():
    from game.shells.terminal import play
    return play


def _terminal_portfolio():
    from game.shells.terminal import portfolio
    return portfolio


def _web():
    from game.shells.web import server
    return server


def _terminal_menu():
    from game.shells.terminal import menu
    return menu


def _lsp():
    from game.shells.lsp import server
    return server


SHELLS = Shells(window=_window, screenshots=_screenshots, tour=_tour, graph_image=_graph_image,
                terminal=_terminal, terminal_portfolio=_terminal_portfolio, terminal_menu=_terminal_menu,
                web=_web, lsp=_lsp)


def main(argv: list[str] | None = None) -> int:
    from game.shells.cli.commands import main as cli_main
    return cli_main(argv, SHELLS)
