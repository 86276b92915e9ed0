"""The pause menu, drawn over the conversation: resume, restart, settings,
quit to the menu (the conversation stays saved for later)."""
from __future__ import annotations

import pygame

from game.shells.window.theme import blit_text
from game.shells.window.widgets import Button, ButtonList, draw_button, layout_column, modal_box
from game.shells.window.scenes.base import Scene


class PauseScene(Scene):
    name = "pause"
    opaque = False

    def __init__(self, app, dialogue):
        super().__init__(app)
        self.dialogue = dialogue
        self.buttons = ButtonList([Button("Resume", "resume"), Button("Restart this conversation", "restart"),
                                   Button("Handbook", "handbook"), Button("Settings", "settings"),
                                   self._leave_button(dialogue)])
        self._box = pygame.Rect(0, 0, 0, 0)

    @staticmethod
    def _leave_button(dialogue) -> Button:
        if dialogue.session.in_campaign:
            return Button("Back to the quarter", "menu", detail="The conversation stays due in the quarter.")
        return Button("Quit to menu", "menu", detail="Your conversation is saved; resume it from the title screen.")

    def handle(self, intent) -> None:
        if intent.kind == "back":
            self.app.pop()
            return
        action = self.buttons.handle(intent)
        if action == "resume":
            self.app.pop()
        elif action in ("restart", "menu"):
            self.ask(action)
        elif action == "handbook":
            self.app.go("handbook")
        elif action == "settings":
            self.app.go("settings", conversation_mode=self.dialogue.session.mode)

    def ask(self, action: str) -> None:
        """Restarting and leaving cannot be taken back: ask first."""
        session = self.dialogue.session
        if action == "restart":
            if session.run.finished:
                detail = "The conversation starts again with fresh replies."
            elif session.mode == "assessment" and session.run.choices:
                detail = ("This assessment is recorded as abandoned, with the replies you have made so far, "
                          "and a new one begins.")
            else:
                detail = "Your replies so far are dropped (practice in coach mode is not recorded)."
            self.app.go("confirm", "Restart this conversation?", detail, "Yes, restart", self.restart)
        else:
            detail = ("Your conversation is saved: Resume on the title screen picks it up where you left it."
                      if not session.run.finished else "This conversation is over and already on the scoreboard.")
            if session.in_campaign and not session.run.finished:
                detail = ("You go back to the quarter; the conversation is still due, and your replies so far are "
                          "kept with the quarter: talk to them again to go on from there.")
            self.app.go("confirm", "Leave this conversation?", detail, "Yes, leave", self.to_menu)

    def restart(self) -> None:
        old = self.dialogue.session
        old.abandon()
        if old.problem:
            self.app.notify(old.problem)
        session = old.restarted(mode=self.app.settings.mode)
        session.autosave()
        self.app.pop()
        self.app.go_instead("dialogue", session)

    def to_menu(self) -> None:
        if self.dialogue.session.in_campaign:  # back to the quarter: the conversation is still due there
            self.app.pop()
            self.app.pop()
            return
        while len(self.app.stack) > 1:
            self.app.pop()

    def update(self, dt: float) -> None:
        w, h = self.app.screen.get_size()
        width = min(int(460 * self.theme.scale), w - 40)
        x = (w - width) // 2
        bottom = layout_column(self.theme, self.buttons.buttons, x + 24, 0, width - 48, gap=8)
        height = bottom + self.theme.line_height(self.theme.size("heading")) + 48
        top = max(10, (h - height) // 2)
        self._box = pygame.Rect(x, top, width, height)
        layout_column(self.theme, self.buttons.buttons, x + 24,
                      top + 24 + self.theme.line_height(self.theme.size("heading")), width - 48, gap=8)

    def draw(self, surface) -> None:
        theme = self.theme
        modal_box(surface, theme, self._box)
        title = theme.line("Paused", theme.size("heading"), theme.c("text"), True)
        blit_text(surface, theme, title, (self._box.x + 24, self._box.y + 16))
        for i, button in enumerate(self.buttons.buttons):
            draw_button(surface, theme, button, i == self.buttons.focus, "primary" if i == 0 else "plain")
