"""`main.py screenshots DIR`: every screen from sample data, or with
`--scenario FILE` the trainer's own scenario's screens, and what does not fit."""
from __future__ import annotations

import os
import sys

from game.shells.cli.common import EXIT_INVALID, EXIT_OK, load_scenario


def add_parser(sub, window_size) -> None:
    shots = sub.add_parser("screenshots", help="save a PNG of every screen (sample data, or your scenario)",
                           description="Render every screen of the window (title to report card) from sample "
                           "data into DIR, or with --scenario your scenario's screens (briefing, every node, "
                           "each ending, the debrief), and report anything that does not fit the window "
                           "(exit 1 then).")
    shots.add_argument("dir", metavar="DIR", help="folder for the PNG files (created if missing)")
    shots.add_argument("--scenario", dest="scenario_file", metavar="FILE",
                       help="render this scenario's screens and say which node's line or replies do not fit")
    shots.add_argument("--size", type=window_size, default=(1280, 720), metavar="WxH",
                       help="window size, e.g. 800x600 (default 1280x720; at least 800x600)")
    shots.add_argument("--text-size", choices=("small", "medium", "large", "huge"), default="medium")
    shots.add_argument("--high-contrast", action="store_true")


def cmd_screenshots(args) -> int:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    if args.scenario_file is not None:
        return _scenario_screenshots(args)
    try:
        files, found = args.shells.tour().render_all(args.dir, size=args.size, text_size=args.text_size,
                                       high_contrast=args.high_contrast)
    except OSError as exc:
        print(f"main.py screenshots: error: cannot write to {args.dir}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_INVALID
    for path in files:
        print(path)
    for problem in found:
        print(f"layout: {problem}", file=sys.stderr)
    return 1 if found else EXIT_OK


def _scenario_screenshots(args) -> int:
    """The trainer's scenario: what does not fit goes to standard output, one line each, naming the node."""
    _, code = load_scenario(args.scenario_file, "screenshots")
    if code:
        return code
    try:
        files, found, message = args.shells.tour().render_scenario(
            args.scenario_file, args.dir, size=args.size, text_size=args.text_size, high_contrast=args.high_contrast)
    except OSError as exc:
        print(f"main.py screenshots: error: cannot write to {args.dir}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_INVALID
    if message:
        print(f"main.py screenshots: error: {message}", file=sys.stderr)
        return EXIT_INVALID
    for path in files:
        print(path)
    w, h = args.size
    for problem in found:
        print(f"does not fit ({w}x{h}, {args.text_size} text): {problem}")
    if not found:
        print(f"Everything fits at {w}x{h} with {args.text_size} text.")
    return 1 if found else EXIT_OK
