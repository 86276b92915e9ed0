"""The scene interface. Scenes handle intents and update their own state;
`draw` only draws, it never changes state."""
from __future__ import annotations


class Scene:
    name = "scene"
    typing = False  # True while a text field wants printable keys as text
    opaque = True  # False for overlays drawn over the scene below

    def __init__(self, app):
        self.app = app

    @property
    def theme(self):
        return self.app.theme

    def handle(self, intent) -> None:
        pass

    def update(self, dt: float) -> None:
        pass

    def draw(self, surface) -> None:
        pass

    def static_key(self):
        """A value that changes whenever anything but animated parts would be
        drawn differently; None means: always redraw the whole scene."""
        return None

    def draw_changes(self, surface) -> list:
        """Redraw only the animated parts over an unchanged frame; return the
        rectangles drawn (used when `static_key` is unchanged)."""
        self.draw(surface)
        return [surface.get_rect()]

    def on_pause(self) -> None:
        pass

    def on_resume(self) -> None:
        pass

    def on_shutdown(self) -> None:
        pass
