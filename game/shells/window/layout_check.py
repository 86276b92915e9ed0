"""The layout check: does every box a screen drew fit the window, and does
none lie over another?

The theme notes each text, button, picture and panel as it is drawn
(`Theme.record`), with the clip it was drawn under; a scrolling panel's
clip hides what is scrolled away, so only the part on view is judged.
"""
from __future__ import annotations

import pygame

LEAVES = ("text", "button", "picture")


def drawn_boxes(app) -> list[tuple[str, pygame.Rect, pygame.Rect]]:
    """Draw the top scene once, noting every box: (kind, rect, visible part)."""
    theme = app.theme
    app.update(0.0)
    theme.record = []
    try:
        top = app.top
        if top is not None:
            top.draw(app.screen)
        app.draw_notices(app.screen)
        boxes = theme.record
    finally:
        theme.record = None
    window = app.screen.get_rect()
    # drawn under a panel's clip: only the part on view counts; otherwise the whole box does
    return [(kind, rect, rect if clip.contains(window) else rect.clip(clip)) for kind, rect, clip in boxes]


def _name(kind: str, rect: pygame.Rect) -> str:
    return f"{kind} at ({rect.x}, {rect.y}, {rect.w}×{rect.h})"


def problems(boxes, size) -> list[str]:
    """What does not fit: boxes outside the window, cut by its edge, or over another."""
    window = pygame.Rect(0, 0, *size)
    found = []
    shown = []
    for kind, rect, visible in boxes:
        if visible.w <= 0 or visible.h <= 0:
            continue  # scrolled out of its panel's view
        if not window.contains(visible):
            found.append(f"{_name(kind, rect)} goes past the window's edge ({size[0]}×{size[1]})")
        shown.append((kind, rect, visible))
    leaves = [(kind, rect, visible) for kind, rect, visible in shown if kind in LEAVES]
    panels = [(kind, rect, visible) for kind, rect, visible in shown if kind == "panel"]
    toasts = [(kind, rect, visible) for kind, rect, visible in shown if kind == "toast"]
    for i, (kind, rect, visible) in enumerate(leaves):
        for other_kind, other, other_visible in leaves[i + 1:]:
            if visible.colliderect(other_visible):
                found.append(f"{_name(kind, rect)} overlaps {_name(other_kind, other)}")
        for _, box, _ in panels:
            if visible.colliderect(box) and not box.contains(visible):
                found.append(f"{_name(kind, rect)} lies across the edge of {_name('panel', box)}")
    for i, (_, box, _) in enumerate(panels):
        for _, other, _ in panels[i + 1:]:
            if box.colliderect(other) and not (box.contains(other) or other.contains(box)):
                found.append(f"{_name('panel', box)} overlaps {_name('panel', other)}")
    for _, toast, _ in toasts:
        for kind, rect, visible in leaves:
            if kind == "button" and toast.colliderect(visible):
                found.append(f"a notice at ({toast.x}, {toast.y}) covers {_name(kind, rect)}")
    return found
