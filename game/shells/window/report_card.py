"""The report card: one designed A4 page (1240×1754, 150 dpi) for one
attempt: who, when, which scenario and customer, the outcome, score and
grade, the radar of the five levers, the rules broken, and the three most
useful coaching notes. It is drawn at a fixed size whatever the window's
text size, so every card looks the same.
"""
from __future__ import annotations

from datetime import datetime

import pygame

from game.core.model import LEVER_TITLES, OUTCOME_TITLES, RULE_TITLES
from game.shells.window.drawing import draw_radar
from game.shells.window.portraits import draw_portrait
from game.shells.window.theme import OUTCOME_COLOURS, Theme, draw_text

PAGE = (1240, 1754)
PAD = 80


def coaching_notes(result, ending_coaching: str = "", count: int = 3) -> list[tuple[str, str]]:
    """The most useful notes, as (what was said, the note): replies that broke
    a rule first, then those that cost points, then the ones that scored
    least; the ending's coaching fills a free place. In conversation order."""
    ranked = []
    for n, step in enumerate(result.steps):
        if not step.feedback:
            continue
        points = sum(step.levers.values())
        ranked.append(((0 if step.breaks else 1 if points < 0 else 2, points, n), n, step))
    chosen = sorted(sorted(ranked)[:count], key=lambda item: item[1])
    notes = []
    for _, _, step in chosen:
        said = f"You said: \u201c{step.text}\u201d"
        if step.breaks:
            said += "  (broke: " + ", ".join(RULE_TITLES[r] for r in step.breaks) + ")"
        notes.append((said, step.feedback))
    if len(notes) < count and ending_coaching:
        notes.append(("Overall", ending_coaching))
    return notes


def _stamp(when: str | None) -> str:
    if when:
        return when
    return datetime.now().strftime("%Y-%m-%d %H:%M")


def render_report_card(session, result, when: str | None = None, high_contrast: bool = False) -> pygame.Surface:
    """The card for `session` (a GameSession) and its `result`."""
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
    y += 8 + draw_text(page, theme, session.player or "Guest", (PAD, y + 8), text_w, theme.size("title"), on_band, True)
    y += draw_text(page, theme, session.scenario.title, (PAD, y), text_w, theme.size("sub"), on_band, True)
    persona = run.scenario.personas.get(run.persona) if run.persona else None
    who = run.customer.name + (f" \u2014 {persona.label}" if persona else "")
    y += draw_text(page, theme, who, (PAD, y), text_w, theme.size("body"), on_band)
    mode = "coach" if session.coach else "assessment"
    draw_text(page, theme, f"{_stamp(when)}  \u00b7  {mode} mode", (PAD, y), text_w, theme.size("body"), on_band)
    # the verdict
    y = band.bottom + 40
    colour = OUTCOME_COLOURS.get(result.outcome, "muted")
    y += draw_text(page, theme, OUTCOME_TITLES.get(result.outcome, "Not finished"), (PAD, y), width,
                   theme.size("title"), colour, True)
    y += draw_text(page, theme, f"Score {result.score} of 100  \u00b7  {result.grade}", (PAD, y), width,
                   theme.size("heading"), "text", True) + 30
    # the radar beside the rules
    radar = pygame.Rect(PAD, y, width // 2, 480)
    draw_radar(page, theme, radar, result.levers)
    rules_x = PAD + width // 2 + 30
    rules_w = width - width // 2 - 30
    ry = y + draw_text(page, theme, "Rules broken", (rules_x, y), rules_w, theme.size("sub"), bold=True) + 10
    broken = [(rule, step) for step in result.steps for rule in step.breaks]
    if not broken:
        draw_text(page, theme, "None. Well done.", (rules_x, ry), rules_w, colour="good")
    for rule, step in broken[:4]:
        ry += draw_text(page, theme, RULE_TITLES[rule], (rules_x, ry), rules_w, bold=True, colour="bad")
        ry += draw_text(page, theme, _clip(theme, f"\u201c{step.text}\u201d", rules_w, 3), (rules_x, ry), rules_w,
                        theme.size("small"), "muted") + 12
    if len(broken) > 4:
        draw_text(page, theme, f"and {len(broken) - 4} more", (rules_x, ry), rules_w, theme.size("small"), "muted")
    y = radar.bottom + 30
    pygame.draw.line(page, theme.c("border"), (PAD, y), (PAGE[0] - PAD, y), 2)
    y += 30
    y += draw_text(page, theme, "Three coaching notes", (PAD, y), width, theme.size("sub"), bold=True) + 14
    view = run.ending_view()
    notes = coaching_notes(result, view[2] if view else "")
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
    levers = "  \u00b7  ".join(f"{LEVER_TITLES[lv].split(':')[0]} {s.percent}%"
                               for lv, s in result.levers.items() if s.percent is not None)
    draw_text(page, theme, levers, (PAD, PAGE[1] - 90), width, theme.size("small"), "muted")
    return page


def _clip(theme: Theme, text: str, width: int, lines: int, size: int | None = None) -> str:
    """`text` cut to `lines` wrapped lines, with an ellipsis when cut."""
    wrapped = theme.wrap(text, size or theme.body, width)
    if len(wrapped) <= lines:
        return text
    return " ".join(wrapped[:lines])[:-2].rstrip() + "\u2026"

