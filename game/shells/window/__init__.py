"""The game window (pygame-ce): the scene stack (app.py, scenes/), widgets,
theme, drawing, charts, portraits, the report card, the screenshot drivers
(screenshots.py, tour.py) and the layout check.

A shell: imports app, core, authoring, storage and delivery; never the
terminal or the command line.
"""
import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
