"""Pages of text with actions (the self-check, the portfolio campaign): on a
wide window the text reads in a column no wider than reads well and the
actions stand beside it, at the top, in view without scrolling; a narrow
window stacks them. Short one-line paragraphs ("How to flex", "Question 3
of 10") are drawn as headings."""
from __future__ import annotations

from game.shells.window.theme import draw_text, text_height

WIDE = 1000  # from this window width, text and actions side by side
GAP = 32


def columns(theme, view_w: int) -> tuple[int, int] | None:
    """(text width, actions width) inside a panel `view_w` wide, or None
    when the window is too narrow for two columns."""
    inner = view_w - 40
    if view_w + 64 < WIDE:
        return None
    text_w = min(theme.measure, int((inner - GAP) * 0.62))
    return text_w, inner - GAP - text_w


def is_heading(paragraph: str) -> bool:
    line = paragraph.strip()
    return bool(line) and "\n" not in line and len(line) <= 48 and not line.endswith((".", "!", "?", "\u2026", ")"))


def _parts(theme, text: str):
    for i, paragraph in enumerate(text.split("\n\n") if text else []):
        heading = is_heading(paragraph)
        yield i, paragraph, (theme.size("sub") if heading else theme.body), heading


def styled_height(theme, text: str, width: int) -> int:
    """The height of `text` drawn by `draw_styled`."""
    blank = theme.line_height(theme.body)
    return sum((blank if i else 0) + text_height(theme, p, width, size, bold) for i, p, size, bold in _parts(theme, text))


def draw_styled(surface, theme, text: str, pos, width: int, draw=draw_text) -> int:
    """`text` paragraph by paragraph, headings bold and larger; returns its
    height. `draw` is the scene's own `draw_text` (what a test watches)."""
    x, y = pos
    top = y
    blank = theme.line_height(theme.body)
    for i, paragraph, size, bold in _parts(theme, text):
        y += (blank if i else 0)
        y += draw(surface, theme, paragraph, (x, y), width, size, bold=bold)
    return y - top
