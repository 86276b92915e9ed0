"""Draw a scenario graph to a PNG with pygame (no Graphviz needed)."""
from __future__ import annotations

import math
import os

from game.authoring.graph_export import BEST_COLOUR, OUTCOME_COLOURS
from game.authoring.graph_layout import layout

MAX_SIDE, MAX_PIXELS = 32_000, 120_000_000  # beyond this SDL can't allocate a surface
INK, MUTED, BAD = (31, 41, 51), (98, 110, 122), (178, 40, 48)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


def _edge_point(box, towards) -> tuple[int, int]:
    """Where the line from the box's centre towards a point leaves the box."""
    x, y, w, h = box
    cx, cy = x + w / 2, y + h / 2
    dx, dy = towards[0] - cx, towards[1] - cy
    if dx == 0 and dy == 0:
        return int(cx), int(cy)
    scale = min((w / 2) / abs(dx) if dx else math.inf, (h / 2) / abs(dy) if dy else math.inf)
    return int(cx + dx * scale), int(cy + dy * scale)


def _wrap(font, text: str, width: int, lines: int) -> list[str]:
    out, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if font.size(trial)[0] <= width:
            line = trial
        else:
            out.append(line)
            line = word
            if len(out) == lines:
                break
    if len(out) < lines and line:
        out.append(line)
    return out[:lines]


def draw_png(graph, start: str, path: str) -> tuple[int, int]:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame
    from game.shells.window.theme import FONT_BOLD, FONT_REGULAR
    pygame.font.init()
    font = pygame.font.Font(str(FONT_REGULAR), 13)
    bold = pygame.font.Font(str(FONT_BOLD), 14)
    small = pygame.font.Font(str(FONT_REGULAR), 12)
    title_font = pygame.font.Font(str(FONT_BOLD), 20)
    places = layout(graph, start)
    top = 60
    size = (max(places.width, 700), places.height + top + 40)
    if max(size) > MAX_SIDE or size[0] * size[1] > MAX_PIXELS:
        raise ValueError(f"the graph is too large for one picture ({size[0]}x{size[1]} pixels, {len(graph.boxes)} "
                         "boxes); print it with --format dot or mermaid instead")
    surface = pygame.Surface(size)
    surface.fill((250, 248, 244))
    title = graph.title + (f"  ·  best path score {graph.best_score}" if graph.best_score is not None else "")
    surface.blit(title_font.render(title, True, INK), (20, 16))
    legend_x = 20
    for text, colour in (("best path", _rgb(BEST_COLOUR)), ("breaks a rule", BAD)):
        y = 52
        pygame.draw.line(surface, colour, (legend_x, y), (legend_x + 30, y), 4)
        surface.blit(small.render(text, True, INK), (legend_x + 36, y - 8))
        legend_x += 150
    for outcome, (fill, stroke) in OUTCOME_COLOURS.items():
        pygame.draw.rect(surface, _rgb(fill), (legend_x, 44, 24, 16), border_radius=8)
        pygame.draw.rect(surface, _rgb(stroke), (legend_x, 44, 24, 16), 2, border_radius=8)
        surface.blit(small.render(outcome.replace("_", " "), True, INK), (legend_x + 30, 44))
        legend_x += 110

    def shifted(point):
        return point[0], point[1] + top

    boxes = {k: (x, y + top, w, h) for k, (x, y, w, h) in places.boxes.items()}
    boxes.update({k: (x, y + top, w, h) for k, (_, (x, y, w, h)) in places.copies.items()})
    order = sorted(range(len(graph.arrows)), key=lambda k: graph.arrows[k].best)  # best path on top
    labels = []
    for k in order:
        arrow, route = graph.arrows[k], places.routes[k]
        if not route:
            continue
        pts = [shifted(p) for p in route]
        colour = _rgb(BEST_COLOUR) if arrow.best else (BAD if arrow.breaks else MUTED)
        width = 4 if arrow.best else 2
        if arrow.source == arrow.target:
            x, y, w, h = boxes[arrow.source]
            pygame.draw.arc(surface, colour, (x + w - 20, y - 20, 40, 40), -math.pi / 2, math.pi, width)
            labels.append(((x + w + 20, y - 16), arrow.label, colour))
            continue
        pts[0] = _edge_point(boxes[arrow.source], pts[1])
        pts[-1] = _edge_point(boxes[places.ends[k]], pts[-2])
        pygame.draw.lines(surface, colour, False, pts, width)
        (x1, y1), (x2, y2) = pts[-2], pts[-1]
        angle = math.atan2(y2 - y1, x2 - x1)
        head = [(x2, y2), (x2 - 12 * math.cos(angle - 0.4), y2 - 12 * math.sin(angle - 0.4)),
                (x2 - 12 * math.cos(angle + 0.4), y2 - 12 * math.sin(angle + 0.4))]
        pygame.draw.polygon(surface, colour, head)
        (ax, ay), (bx, by) = pts[0], pts[1]
        labels.append(((ax + (bx - ax) * 0.35, ay + (by - ay) * 0.35), arrow.label, colour))
    for bid, (x, y, w, h) in boxes.items():
        copy = bid in places.copies
        box = graph.boxes[places.copies[bid][0] if copy else bid]
        if box.ending:
            fill, stroke = (_rgb(c) for c in OUTCOME_COLOURS[box.ending])
            radius = h // 2
        else:
            fill = (237, 231, 246) if box.speaker == "narrator" else (255, 255, 255)
            stroke, radius = INK, 8
        pygame.draw.rect(surface, fill, (x, y, w, h), border_radius=radius)
        pygame.draw.rect(surface, stroke, (x, y, w, h), 2, border_radius=radius)
        heading = box.id + (f" ({box.ending.replace('_', ' ')})" if box.ending else "")
        if copy:  # a copy of an ending drawn near a far-away source
            heading = "\u2192 " + heading
        text = bold.render(heading, True, INK)
        surface.blit(text, (x + (w - min(text.get_width(), w - 16)) // 2, y + 6), (0, 0, w - 16, text.get_height()))
        for i, line in enumerate(_wrap(font, box.text, w - 20, 2)):
            rendered = font.render(line, True, MUTED)
            surface.blit(rendered, (x + (w - rendered.get_width()) // 2, y + 26 + i * 17))
    placed = []
    for (cx, cy), label, colour in labels:  # labels last, on a pale background, nudged apart
        text = small.render(label, True, BAD if colour == BAD else INK)
        rect = text.get_rect(center=(int(cx), int(cy))).clamp(surface.get_rect().inflate(-8, -8))
        for _ in range(12):
            if not any(rect.colliderect(other) for other in placed):
                break
            rect.y += rect.h + 2
        placed.append(rect)
        back = rect.inflate(6, 2)
        pygame.draw.rect(surface, (250, 248, 244), back, border_radius=4)
        pygame.draw.rect(surface, colour, back, 1, border_radius=4)
        surface.blit(text, rect)
    pygame.image.save(surface, path)
    return surface.get_size()
