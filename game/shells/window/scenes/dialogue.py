"""The conversation: portrait and mood meter on the left; the customer's
words (typewriter) and the replies on the right. In coach mode each reply's
coaching shows straight after it."""
from __future__ import annotations

from pathlib import Path

import pygame

from game.app.dialogue import NO_REPLY, ending_words, reply_coaching
from game.shells.window.drawing import draw_mood_meter, mood_meter_height
from game.shells.window.portraits import draw_customer
from game.shells.window.theme import OUTCOME_COLOURS, blit_text, draw_text, text_height
from game.shells.window.widgets import Button, ButtonList, ScrollView, button_height, draw_button, panel
from game.shells.window.scenes.base import Scene
from game.shells.window.scenes.common import MARGIN

TONE_COLOURS = {"good": "good", "bad": "bad"}  # a reply's judgement (game.app.dialogue) -> palette; else neutral
SPEEDS = {"instant": None, "fast": 120.0, "normal": 50.0, "slow": 25.0}
_MOOD_LADDER = ("calm", "uneasy", "upset", "angry", "walked_out")


def _order(mood: str) -> int:
    return _MOOD_LADDER.index(mood) if mood in _MOOD_LADDER else 0


class DialogueScene(Scene):
    name = "dialogue"

    def __init__(self, app, session):
        super().__init__(app)
        self.session = session
        self.buttons = ButtonList()
        self.scroll = ScrollView()
        self.phase = "talk"  # talk | coach
        self.last_step = None
        self.reveal = 0.0
        self.overlay = False
        self._rects: dict[str, pygame.Rect] = {}
        self._enter_node()

    # -- state ---------------------------------------------------------------
    @property
    def run(self):
        return self.session.run

    def _speech_node(self):
        """The node whose words are on screen: while coaching, the one the reply answered."""
        if self.phase == "coach" and self.last_step is not None:
            return self.run.scenario.nodes.get(self.last_step.node)
        return self.run.node

    def _node_text(self) -> str:
        if self.phase == "ending":
            view = self.run.ending_view()
            return "\n\n".join(view[0]) if view else ""
        if self.phase == "coach" and self.last_step is not None:
            return self.last_step.line  # the words the reply answered, under the speaker who said them
        node = self._speech_node()
        return "\n\n".join(self.run.line()) if node else ""

    def _enter_node(self) -> None:
        self.phase = "talk"
        self.reveal = 0.0 if SPEEDS.get(self.app.settings.typewriter) else float("inf")
        self.scroll.offset = 0
        shown = self.run.shown_choices() if not self.run.finished else []
        self.buttons.set([Button(c.text, n, number=n) for n, c in enumerate(shown, 1)])
        self.buttons.focus = 0
        self.app.screen_changed()
        if not self.run.finished and not shown:
            self.app.notify(f"{NO_REPLY} This is a problem in the scenario file; tell its author.")

    @property
    def typing_done(self) -> bool:
        return self.reveal >= len(self._node_text())

    def choose(self, number: int) -> None:
        self.reveal = float("inf")
        self.last_step = self.session.choose(number)
        before, after = _order(self.last_step.mood_before), _order(self.last_step.mood_after)
        if self.run.finished:
            self.app.play_sound("end")
        else:
            self.app.play_sound("escalate" if after > before else "soothe" if after < before else "select")
        if self.session.problem:
            self.app.notify(self.session.problem)
            self.session.problem = None
        if self.session.coach:
            self.phase = "coach"
            self.scroll.offset = 0
            self.buttons.set([Button("Continue", "continue")])
            self.buttons.focus = 0
            self.app.screen_changed()
        else:
            self._after_reply()

    def _after_reply(self) -> None:
        if self.run.finished:
            self._enter_ending()
        else:
            self._enter_node()

    def _enter_ending(self) -> None:
        """The conversation's last moment, in the conversation: how it ended
        (the customer's last words, or the empty chair after a walk-out)
        before the debrief."""
        self.phase = "ending"
        self.reveal = 0.0 if SPEEDS.get(self.app.settings.typewriter) else float("inf")
        self.scroll.offset = 0
        self.buttons.set([Button("See your debrief", "debrief")])
        self.buttons.focus = 0
        self.app.screen_changed()

    def to_debrief(self) -> None:
        self.app.go_instead("debrief", self.session)

    def handle(self, intent) -> None:
        kind = intent.kind
        if kind == "back":
            self.app.go("pause", self)
            return
        if kind == "overlay":
            self.overlay = not self.overlay
            return
        if kind == "reload":
            self.reload()
            return
        if self.scroll.handle(intent, self.theme.line_height(self.theme.body) * 3):
            return
        if self.phase == "ending":
            if not self.typing_done and kind in ("skip", "confirm", "click"):
                self.reveal = float("inf")
                self.app.screen_changed()
                return
            if kind == "skip" or self.buttons.handle(intent) == "debrief":
                self.to_debrief()
            return
        if self.phase == "talk":
            if not self.typing_done and kind in ("skip", "confirm", "click", "number"):
                # the customer is still speaking: the first press shows the whole line, and
                # no reply can be picked before it has been on screen a moment
                self.reveal = float("inf")
                self.app.screen_changed()
                return
            if kind == "number":
                if 1 <= intent.value <= len(self.buttons.buttons):
                    self.choose(intent.value)
                return
            action = self.buttons.handle(intent)
            if kind in ("up", "down", "tab"):
                self._scroll_to_focus()
            if action is not None:
                self.choose(action)
        else:
            if kind in ("skip",):
                self._after_reply()
                return
            if self.buttons.handle(intent) == "continue":
                self._after_reply()

    def reload(self) -> None:
        """F5: read the scenario file again, keep the position when possible."""
        from game.authoring.reload import carry_over, scenario_changes
        from game.shells.window.scenes.common import reread_scenario
        session = self.session
        new = reread_scenario(self.app, session.scenario_path, session.scenario.id)
        if new is None:
            return
        changes = scenario_changes(session.scenario, new)
        session.run, where = carry_over(session.run, new)
        session.scenario = new
        session.autosave()
        self.last_step = None
        self._enter_node()
        self.reveal = float("inf")
        self.app.notify(f"Reloaded {Path(session.scenario_path).name} ({changes}): {where}.", seconds=8)

    def _scroll_to_focus(self) -> None:
        if not self.buttons.buttons:
            return
        rect = self.buttons.buttons[self.buttons.focus].rect
        view = self._rects.get("view")
        if view is None:
            return
        self.scroll.show(rect, view, margin=0)

    def update(self, dt: float) -> None:
        self.session.on_screen(dt)  # time on task: only while this scene is in front (dt is 0 under an overlay)
        speed = SPEEDS.get(self.app.settings.typewriter)
        if self.phase in ("talk", "ending") and not self.typing_done:
            self.reveal = float("inf") if speed is None else self.reveal + speed * dt
        self._layout()

    # -- layout and drawing ---------------------------------------------------
    def _layout(self) -> None:
        w, h = self.app.screen.get_size()
        theme = self.theme
        side = max(180, min(int(300 * theme.scale), int(w * 0.24)))
        width = min(w - 3 * MARGIN - side - 10, theme.measure)
        left = max(MARGIN, (w - (side + MARGIN + width + 10)) // 2)  # a wide window: the page is centred
        self._rects["portrait"] = pygame.Rect(left, MARGIN, side, side)
        x = left + side + MARGIN
        view = pygame.Rect(x, MARGIN, width + 10, h - 2 * MARGIN)
        self._rects["view"] = view
        y = 0
        if self.overlay:  # the playtest panel sits above the line, never over it (nor over a reply)
            over_h = text_height(theme, self.overlay_text(), width - 24, theme.size("small")) + 20
            self._rects["overlay_rel"] = pygame.Rect(0, 0, width, over_h)
            y = over_h + 12
        label_h = theme.line_height(theme.size("small"))
        speech_h = text_height(theme, self._node_text(), width - 40) + 40 + label_h
        self._rects["speech_rel"] = pygame.Rect(0, y, width, speech_h)
        y += speech_h + 20
        if self.phase in ("coach", "ending"):
            coach_h = (text_height(theme, self._coaching_text(), width - 40, bold=self.phase == "ending") + 40
                       + self._verdict_height(width - 40))
            self._rects["coach_rel"] = pygame.Rect(0, y, width, coach_h)
            y += coach_h + 16
        else:
            y += label_h + 6
        reply_w = width
        tops = []
        for button in self.buttons.buttons:
            bh = button_height(theme, button, reply_w)
            tops.append((y, bh))
            y += bh + 8
        self.scroll.set_sizes(y, view.h)
        self.buttons.viewport = view
        off = self.scroll.offset
        for button, (top, bh) in zip(self.buttons.buttons, tops):
            button.rect = pygame.Rect(x, view.y + top - off, reply_w, bh)
        self._rects["speech"] = self._rects["speech_rel"].move(x, view.y - off)
        if self.overlay:
            self._rects["overlay"] = self._rects["overlay_rel"].move(x, view.y - off)
        if self.phase in ("coach", "ending"):
            self._rects["coach"] = self._rects["coach_rel"].move(x, view.y - off)
        self._replies_label_y = view.y + self._rects["speech_rel"].bottom + 20 - off

    def notice_area(self) -> pygame.Rect:
        """Messages (F5's, a storage problem) go in the conversation's column, never over the footer."""
        view = self._rects.get("view")
        return pygame.Rect(view.x, view.y, view.w - 10, view.h) if view is not None else None  # not the bar

    def keep_clear(self) -> list:
        """The customer's line and the coaching are not covered by a message while
        any place is free (the playtest panel may be, for the message's seconds)."""
        return [self._rects[name] for name in ("speech", "coach") if name in self._rects
                and (name != "coach" or self.phase in ("coach", "ending"))]

    def _hint(self) -> str:
        mode = "Coach mode" if self.session.coach else "Assessment mode"
        keys = "Enter: your debrief" if self.phase == "ending" else "1-9: pick  ·  Esc: pause"
        return f"{mode}  ·  {keys}"

    def _coaching_text(self) -> str:
        if self.phase == "ending":
            return ending_words(self.run)
        if self.last_step is None:
            return ""
        return "\n".join(reply_coaching(self.run, self.last_step).lines(rules=False))

    def _verdict(self) -> tuple[str, str]:
        """(tone, label) heading the coaching: 'Rule broken: … · -1 point' in the
        palette's bad colour, 'Good reply · +2 points' in its good one (the
        browser shows the same words); nothing at the ending."""
        if self.phase != "coach" or self.last_step is None:
            return "", ""
        coaching = reply_coaching(self.run, self.last_step)
        return coaching.tone, coaching.verdict

    def _verdict_height(self, width: int) -> int:
        label = self._verdict()[1]
        return text_height(self.theme, label, width, bold=True) + 6 if label else 0

    def draw(self, surface) -> None:
        theme = self.theme
        surface.fill(theme.c("bg"))
        run = self.run
        customer = run.customer
        portrait = self._rects["portrait"]
        draw_customer(surface, theme, portrait, customer, run.mood)
        y = portrait.bottom + 10
        y += draw_text(surface, theme, customer.name, (portrait.x, y), portrait.w, theme.size("sub"), bold=True)
        if customer.role:
            y += draw_text(surface, theme, customer.role, (portrait.x, y), portrait.w, theme.size("small"), "muted")
        meter_h = 0
        if self.session.coach:  # assessment mode keeps the meter hidden; the face and the words remain
            meter_h = mood_meter_height(theme, portrait.w, run.mood)
            draw_mood_meter(surface, theme, pygame.Rect(portrait.x, y + 14, portrait.w, meter_h), run.mood)
        hint = self._hint()
        hint_h = text_height(theme, hint, portrait.w, theme.size("small"))
        if y + 14 + meter_h + 12 <= surface.get_height() - MARGIN - hint_h:  # a short window: the hint gives way
            draw_text(surface, theme, hint, (portrait.x, surface.get_height() - MARGIN - hint_h), portrait.w,
                      theme.size("small"), "muted")

        view = self._rects["view"]
        surface.set_clip(view)
        self._draw_speech(surface, theme, run)
        if self.phase in ("coach", "ending"):
            rect = self._rects["coach"]
            panel(surface, theme, rect, "panel_alt")
            tone, verdict = self._verdict()
            bar = TONE_COLOURS.get(tone, "accent") if self.phase == "coach" else self._outcome_colour()
            pygame.draw.rect(surface, theme.c(bar), (rect.x, rect.y + 8, 5, rect.h - 16), border_radius=2)
            y = rect.y + 20
            if verdict:
                y += draw_text(surface, theme, verdict, (rect.x + 20, y), rect.w - 40,
                               colour=TONE_COLOURS.get(tone, "text"), bold=True) + 6
            draw_text(surface, theme, self._coaching_text(), (rect.x + 20, y), rect.w - 40,
                      bold=self.phase == "ending")
        elif self.buttons.buttons:
            label = theme.line("Your reply", theme.size("small"), theme.c("muted"), True)
            blit_text(surface, theme, label, (view.x, self._replies_label_y))
        for i, button in enumerate(self.buttons.buttons):
            if button.rect.bottom >= view.top and button.rect.top <= view.bottom:
                draw_button(surface, theme, button, i == self.buttons.focus,
                            "primary" if button.action in ("continue", "debrief") else "plain")
        if self.overlay:
            self._draw_overlay(surface, theme)
        surface.set_clip(None)
        self.scroll.draw_bar(surface, theme, view)

    def static_key(self):
        theme = self.theme
        return (self.phase, self.run.state, len(self.run.choices), self.buttons.focus, self.buttons.hover,
                self.scroll.offset, self.overlay, theme.text_size, theme.high_contrast, self.app.screen.get_size())

    def draw_changes(self, surface) -> list:
        """Only the typewriter moves between frames: redraw the speech panel."""
        reveal = None if self.reveal == float("inf") else int(self.reveal)
        if reveal == getattr(self, "_drawn_reveal", object()):
            return []
        view = self._rects["view"]
        rect = self._rects["speech"].inflate(0, 4).clip(view)
        surface.set_clip(rect)
        surface.fill(self.theme.c("bg"), rect)
        self._draw_speech(surface, self.theme, self.run)
        surface.set_clip(None)
        self._drawn_reveal = reveal
        return [rect]  # the playtest panel is above the line, untouched

    def _outcome_colour(self) -> str:
        view = self.run.ending_view()
        return OUTCOME_COLOURS.get(view[1] if view else "", "bad")

    def _draw_speech(self, surface, theme, run) -> None:
        rect = self._rects["speech"]
        node = self._speech_node()
        ending = self.phase == "ending"
        narrator = ending or (node is not None and node.speaker == "narrator")
        panel(surface, theme, rect, "panel_alt" if narrator else "panel")
        who = "How it ended" if ending else "Narrator" if narrator else run.customer.name
        label = theme.line(who, theme.size("small"), theme.c("narrator" if narrator else "accent"), True)
        blit_text(surface, theme, label, (rect.x + 20, rect.y + 14))
        reveal = None if self.reveal == float("inf") else int(self.reveal)
        self._drawn_reveal = reveal
        draw_text(surface, theme, self._node_text(), (rect.x + 20, rect.y + 20 + label.get_height()), rect.w - 40,
                  colour="narrator" if narrator else "text", reveal=reveal)

    def overlay_text(self) -> str:
        run = self.run
        if not self.session.coach:
            # assessment mode keeps its secrets: nothing of points, rules or mood until the debrief
            return (f"Node: {run.state}    Step: {len(run.choices) + 1}\n"
                    "Assessment mode: points, rules and the mood meter stay hidden until the debrief; read the "
                    "customer's face and words. "
                    "To playtest, switch to coach mode (Esc, then Settings).\n"
                    "F1: hide  ·  F5: reload the file")
        persona = run.scenario.personas.get(run.persona)
        who = f"    Persona: {run.persona} ({persona.label})" if persona else ""
        points = ", ".join(f"{k} {v}" for k, v in run.points.items() if v) or "none"
        rules = ", ".join(f"{k} {v}" for k, v in run.rules.items() if v) or "none"
        flags = ", ".join(f"{k}={v}" for k, v in sorted(run.flags.items())) or "none"
        return (f"Node: {run.state}    Mood: {run.mood}    Step: {len(run.choices) + 1}{who}\n"
                f"Flags: {flags}\nLever points: {points}\nRules broken: {rules}\n"
                "F1: hide  ·  F5: reload the file")

    def _draw_overlay(self, surface, theme) -> pygame.Rect:
        """The playtest panel (F1), laid out above the customer's line (`_layout`)."""
        rect = self._rects["overlay"]
        pygame.draw.rect(surface, theme.c("text"), rect, border_radius=8)
        theme.note("panel", rect, surface)
        draw_text(surface, theme, self.overlay_text(), (rect.x + 12, rect.y + 10), rect.w - 24, theme.size("small"),
                  theme.c("bg"))
        return rect
