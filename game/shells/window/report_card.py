"""The report card: one designed A4 page (1240×1754, 150 dpi) for one
attempt: who, when, which scenario and customer, the outcome, score and
grade, the radar of the five levers, the rules broken, and the three most
useful coaching notes. It is drawn at a fixed size whatever the window's
text size, so every card looks the same.
"""
from __future__ import annotations

from datetime import datetime

import pygame

from game.core.model import LEVER_TITLES
from game.shells.window.drawing import draw_radar
from game.shells.window.portraits import draw_portrait
from game.shells.window.theme import OUTCOME_COLOURS, Theme, draw_text

PAGE = (1240, 1754)
PAD = 80


def _stamp(when: str | None) -> str:
    if when:
        return when
    return datetime.now().strftime("%Y-%m-%d %H:%M")


def render_report_card(session, view, when: str | None = None, high_contrast: bool = False) -> pygame.Surface:
    """The card for `session` (a GameSession; its customer's portrait) and
    `view`, its debrief (game.app.debrief.DebriefView)."""
    theme = Theme("large", high_contrast)
    page = pygame.Surface(PAGE)
    page.fill(theme.c("panel"))
    width = PAGE[0] - 2 * PAD
    run = session.run
    # the band: whose card, which scenario, which customer, when
    band = pygame.Rect(0, 0, PAGE[0], 300)
    pygame.draw.rect(page, theme.c("accent"), band)
    face = pygame.Rect(PAGE[0] - PAD - 200, 50, 200, 200)
    draw_portrait(page, theme, face, run.customer, run.mood)
    text_w = face.x - PAD - 30
    on_band = theme.c("accent_text")
    y = 48
    y += draw_text(page, theme, "FIVE LEVERS  \u00b7  REPORT CARD", (PAD, y), text_w, theme.size("small"), on_band, True)
    y += 8 + draw_text(page, theme, view.player or "Guest", (PAD, y + 8), text_w, theme.size("title"), on_band, True)
    y += draw_text(page, theme, view.scenario_title, (PAD, y), text_w, theme.size("sub"), on_band, True)
    who = view.customer + (f" \u2014 {view.persona_label}" if view.persona_label else "")
    y += draw_text(page, theme, who, (PAD, y), text_w, theme.size("body"), on_band)
    draw_text(page, theme, f"{_stamp(when)}  \u00b7  {view.coaching_mode}", (PAD, y), text_w, theme.size("body"),
              on_band)
    # the verdict
    y = band.bottom + 40
    colour = OUTCOME_COLOURS.get(view.outcome, "muted")
    y += draw_text(page, theme, view.outcome_title, (PAD, y), width, theme.size("title"), colour, True)
    y += draw_text(page, theme, f"Score {view.score} of 100  \u00b7  {view.grade}", (PAD, y), width,
                   theme.size("heading"), "text", True) + 30
    # the radar beside the rules
    radar = pygame.Rect(PAD, y, width // 2, 480)
    draw_radar(page, theme, radar, view.lever_scores)
    rules_x = PAD + width // 2 + 30
    rules_w = width - width // 2 - 30
    ry = y + draw_text(page, theme, "Rules broken", (rules_x, y), rules_w, theme.size("sub"), bold=True) + 10
    broken = view.rules_broken
    if not broken:
        draw_text(page, theme, "None. Well done.", (rules_x, ry), rules_w, colour="good")
    for rule in broken[:4]:
        ry += draw_text(page, theme, rule.title, (rules_x, ry), rules_w, bold=True, colour="bad")
        ry += draw_text(page, theme, _clip(theme, f"\u201c{rule.reply}\u201d", rules_w, 3), (rules_x, ry), rules_w,
                        theme.size("small"), "muted") + 12
    if len(broken) > 4:
        draw_text(page, theme, f"and {len(broken) - 4} more", (rules_x, ry), rules_w, theme.size("small"), "muted")
    y = radar.bottom + 30
    pygame.draw.line(page, theme.c("border"), (PAD, y), (PAGE[0] - PAD, y), 2)
    y += 30
    y += draw_text(page, theme, "Three coaching notes", (PAD, y), width, theme.size("sub"), bold=True) + 14
    notes = view.notes
    room = PAGE[1] - 120 - y
    for n, (said, note) in enumerate(notes, 1):
        share = room // max(1, len(notes) - n + 1)
        top = y
        pygame.draw.circle(page, theme.c("accent"), (PAD + 18, y + 18), 18)
        number = theme.line(str(n), theme.size("small"), theme.c("accent_text"), True)
        page.blit(number, (PAD + 18 - number.get_width() // 2, y + 18 - number.get_height() // 2))
        y += draw_text(page, theme, _clip(theme, said, width - 60, 2, theme.size("small")), (PAD + 56, y), width - 60,
                       theme.size("small"), "muted")
        lines = max(1, (share - (y - top) - 24) // theme.line_height(theme.body))
        y += draw_text(page, theme, _clip(theme, note, width - 60, lines), (PAD + 56, y), width - 60) + 24
        room -= y - top
    levers = "  \u00b7  ".join(f"{LEVER_TITLES[line.lever].split(':')[0]} {line.percent}%"
                               for line in view.levers if line.assessed)
    draw_text(page, theme, levers, (PAD, PAGE[1] - 90), width, theme.size("small"), "muted")
    return page


def _clip(theme: Theme, text: str, width: int, lines: int, size: int | None = None) -> str:
    """`text` cut to `lines` wrapped lines, with an ellipsis when cut."""
    wrapped = theme.wrap(text, size or theme.body, width)
    if len(wrapped) <= lines:
        return text
    return " ".join(wrapped[:lines])[:-2].rstrip() + "\u2026"

