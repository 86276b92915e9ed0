"""The terminal version: the main menu (menu.py: the whole game, back to
it after each debrief), a scenario (play.py) and the portfolio campaign
(portfolio.py) as text.

A shell: imports app, core, authoring, storage and delivery; never the window
or the command line.
"""
