"""Plain-text helpers the screens' view data share (no pygame)."""
from __future__ import annotations

import re

_LIST_ITEM = re.compile(r"\s*([-*\u2022]|\d+[.)])\s")


def reflow(text: str) -> str:
    """Text from a YAML block with its hard line breaks undone: lines of a
    paragraph join into one (a narrow window then wraps them evenly, with
    no orphan word per line); blank lines still part paragraphs, and a
    line that starts a list item (-, *, 1.) keeps its own line."""
    paragraphs = []
    for paragraph in re.split(r"\n[ \t]*\n", text.strip()):
        lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
        joined = ""
        for line in lines:
            if joined and not _LIST_ITEM.match(line):
                joined += " " + line
            else:
                joined += ("\n" if joined else "") + line
        paragraphs.append(joined)
    return "\n\n".join(paragraphs)


def with_a(word: str) -> str:
    """'a steady', 'an expressive'."""
    return ("an " if word[:1] in "aeiou" else "a ") + word


# each lever in a word or two: the radar's spokes, the trend chart's legend, the debrief's topics
LEVER_SHORT = {"customers_first": "Customers first", "connect": "Connect", "solve_problems": "Solve problems",
               "build_trust": "Build trust", "positive_emotions": "Positive emotions"}
