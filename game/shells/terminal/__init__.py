"""The terminal version: the main menu (menu.py: the whole game, back to
it after each debrief), a scenario (play.py), the portfolio campaign
(portfolio.py) and the style self-check (self_check.py: `run_self_check`)
as text.

A shell: imports app, core, authoring, storage and delivery; never the window
or the command line.
"""
