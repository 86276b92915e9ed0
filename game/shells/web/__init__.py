"""The browser version (`main.py serve`): a Starlette app served by uvicorn
(app.py, server.py), the trainee's pages (pages.py), safety (safety.py:
headers, size and rate limits, CSRF), drawing for inline SVG (charts.py),
Jinja2 templates and the static files (a style sheet, the keys script).

A shell: imports app, core, authoring, storage and delivery; never the
window, the terminal or the command line. It draws the view data of
game/app and decides nothing itself.
"""
