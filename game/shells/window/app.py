"""The game window: a stack of scenes over one pygame display.

`App.dispatch(intent)` is how everything reaches a scene: the main loop
translates pygame events in one place (`intents.translate`), and tests or
the screenshot driver build intents directly.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pygame

from game.storage import saves
from game.storage.files import StorageError
from game.app.library import Library
from game.app.session import Draws
from game.app.storage_worker import BoardFront, StorageWorker, start_sender
from game.shells.window import logout
from game.shells.window.intents import Intent, translate
from game.shells.window.navigation import Navigator
from game.shells.window.sound import Sounds
from game.shells.window.theme import Theme, draw_text

RETRY_KEPT_S = 30.0  # how often attempts kept on this computer are offered to the scoreboard again

ROOT = Path(__file__).resolve().parents[3]
SCENARIOS_DIR = ROOT / "scenarios"
WINDOW_SIZE = (1280, 720)
MIN_SIZE = (800, 600)  # every screen is laid out and tested down to this
# After the screen changes, picks (a click, a number, Enter) are ignored this
# long: the second click of a double-click must not answer the next question unread.
SETTLE_SECONDS = 0.35
GUARDED = frozenset({"click", "number", "confirm"})


def display_available() -> bool:
    """Whether a window can be opened and seen. The dummy and offscreen
    drivers count only when asked for (tests, screenshots): SDL falls back
    to offscreen by itself when DISPLAY names no X server, and the game
    would draw into nothing."""
    asked = os.environ.get("SDL_VIDEODRIVER", "")
    if asked in ("dummy", "offscreen"):
        return True
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return False
    try:
        pygame.display.init()
        driver = pygame.display.get_driver()
        pygame.display.quit()
    except pygame.error:
        return False
    return driver not in ("dummy", "offscreen")


def _set_minimum_size() -> None:
    """Ask SDL not to let the window shrink below MIN_SIZE. pygame-ce reaches
    SDL_SetWindowMinimumSize only through its Window object, whose wrapper
    of the display-module window is marked as deprecated for drawing (we
    only set a size on it)."""
    import warnings
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            pygame.Window.from_display_module().minimum_size = MIN_SIZE
    except (AttributeError, pygame.error):
        pass  # an older pygame: the resize handler still grows the window back


class App(Navigator):
    def __init__(self, scenarios_dir: Path = SCENARIOS_DIR, size=WINDOW_SIZE, library_in_background: bool = False):
        pygame.display.init()
        pygame.font.init()
        self.settings, problem = saves.load_settings()
        self.notices: list[list] = []  # [text, seconds left]
        if problem:
            self.notify(problem)
        self.theme = Theme(self.settings.text_size, self.settings.high_contrast)
        self._windowed_size = size
        from game.shells.window.drawing import window_icon
        pygame.display.set_icon(window_icon())  # before the window opens, so its frame shows it
        self.screen = self._open_window(size)
        pygame.display.set_caption("Five Levers")
        self.storage = StorageWorker()
        self._retry_in = 0.0  # attempts kept on this computer are retried at start, then every RETRY_KEPT_S
        # opened on the storage thread: a scoreboard being upgraded or a team database away never holds up the window
        self.scoreboard = BoardFront(self.storage, self.notify, written=self._recorded)
        self.sender = start_sender(self.notify)  # the LRS sender, when an LRS is configured
        # the game itself reads the scenarios on a thread: the title is drawn at once (`run`); tools and tests
        # that build an App read them first, as before
        self.library = Library(scenarios_dir, background=library_in_background)
        self._library_told = False
        self.draws = Draws()  # each playthrough's seed and persona, drawn once
        self.stack: list = []
        self.running = True
        self.clock = pygame.time.Clock()
        self._drawn = None  # what the last full frame showed, for partial redraws
        self.sounds = Sounds()
        self.input_settle = SETTLE_SECONDS  # tests and the screenshot driver set 0
        self.terminating = False  # set by SIGTERM (logout.py)
        self._settle = 0.0

    # -- window ------------------------------------------------------------------
    def _open_window(self, size):
        flags = pygame.RESIZABLE
        if self.settings.fullscreen:
            flags |= pygame.FULLSCREEN
            size = (0, 0)
        if not flags & pygame.FULLSCREEN:
            size = (max(size[0], MIN_SIZE[0]), max(size[1], MIN_SIZE[1]))
        try:
            screen = pygame.display.set_mode(size, flags)
        except pygame.error:
            screen = pygame.display.set_mode(WINDOW_SIZE, pygame.RESIZABLE)
        _set_minimum_size()
        return screen

    def _enforce_minimum(self) -> None:
        """A window manager that ignored the minimum: grow the window back to it."""
        w, h = self.screen.get_size()
        if (w < MIN_SIZE[0] or h < MIN_SIZE[1]) and not self.screen.get_flags() & pygame.FULLSCREEN:
            self.screen = self._open_window((max(w, MIN_SIZE[0]), max(h, MIN_SIZE[1])))

    def apply_settings(self) -> None:
        self.theme.configure(self.settings.text_size, self.settings.high_contrast)
        fullscreen = bool(self.screen.get_flags() & pygame.FULLSCREEN)
        if fullscreen != self.settings.fullscreen:
            self.screen = self._open_window(self._windowed_size)
        try:
            saves.save_settings(self.settings)
        except StorageError as exc:
            self.notify(str(exc))

    # -- scenes ------------------------------------------------------------------
    @property
    def top(self):
        return self.stack[-1] if self.stack else None

    def screen_changed(self) -> None:
        """What the player is looking at changed: hold picks for a moment."""
        self._settle = self.input_settle

    def push(self, scene) -> None:
        if self.top:
            self.top.on_pause()
        self.stack.append(scene)
        self.screen_changed()

    def pop(self) -> None:
        if self.stack:
            self.stack.pop().on_shutdown()
        self.screen_changed()
        if self.top:
            self.top.on_resume()
        else:
            self.running = False

    def replace(self, scene) -> None:
        if self.stack:
            self.stack.pop().on_shutdown()
        self.stack.append(scene)
        self.screen_changed()

    def play_sound(self, name: str) -> None:
        was_failed = self.sounds.failed
        self.sounds.play(name, self.settings.sound)
        if self.sounds.failed and not was_failed:
            # plain words: SDL's own reason ("dsp: No such audio device") means nothing to a trainee
            self.notify("No sound: the game could not find a speaker or headphones to play through. "
                        "Everything else works as usual; turn Sound off in Settings to stop trying.")

    def notify(self, text: str, seconds: float = 6.0) -> None:
        self.notices.append([text, seconds])

    # -- the loop ------------------------------------------------------------------
    def dispatch(self, intent: Intent) -> None:
        if intent.kind == "quit":  # the window's close button
            self.ask_to_quit(closing=True)
            return
        if intent.kind == "fullscreen":
            self.settings.fullscreen = not self.settings.fullscreen
            self.apply_settings()
            return
        if self._settle > 0 and intent.kind in GUARDED:
            return
        if intent.kind == "resize":
            self.screen = pygame.display.get_surface() or self.screen
            self._enforce_minimum()
            if not self.screen.get_flags() & pygame.FULLSCREEN:
                self._windowed_size = self.screen.get_size()
        if self.top:
            self.top.handle(intent)

    def restart_sender(self) -> None:
        """New LRS settings: stop the sender and start one with them (nothing waiting is lost)."""
        if self.sender is not None:
            self.sender.stop(timeout=0.0)  # never wait on the network here; it ends after its current batch
        self.sender = start_sender(self.notify)

    def _recorded(self) -> None:
        if self.sender is not None:
            self.sender.wake()

    def delivery_line(self) -> str:
        """'3 attempts waiting to send' (why, and the next try), when an LRS is configured and something waits."""
        from game.app.delivery_status import waiting_line
        sender = self.sender
        return "" if sender is None else waiting_line(sender.waiting, sender.problem, sender.next_try)

    def update(self, dt: float) -> None:
        self.storage.poll()
        if self.library.problem and not self._library_told:
            self._library_told = True
            self.notify(self.library.problem)
        self._retry_in -= dt
        if self._retry_in <= 0:
            self._retry_in = RETRY_KEPT_S
            self.scoreboard.retry_kept()
        self.theme.fit(self.screen.get_size())
        self._settle = max(0.0, self._settle - dt)
        for notice in self.notices:
            notice[1] -= dt
        self.notices = [n for n in self.notices if n[1] > 0]
        for scene in self._visible()[:-1]:  # scenes seen under an overlay keep their layout (a resize)
            scene.update(0.0)
        if self.top:
            self.top.update(dt)

    def _visible(self) -> list:
        """The scenes drawn this frame: the top opaque one and the overlays above it."""
        first = 0
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].opaque:
                first = i
                break
        return self.stack[first:]

    def draw(self) -> None:
        surface = self.screen
        if not self.stack:
            surface.fill(self.theme.c("bg"))
        for scene in self._visible():
            scene.draw(surface)
        self.draw_notices(surface)

    def draw_notices(self, surface) -> None:
        """Notices (toasts) stacked at the bottom, or at the top when that
        would cover fewer of the screen's buttons: a notice never hides a button.
        A scene may keep them to one area (`notice_area`: the conversation's
        column, never its footer) and name boxes to keep clear (`keep_clear`)."""
        if not self.notices:
            return
        theme = self.theme
        area = getattr(self.top, "notice_area", lambda: None)() or surface.get_rect()
        width = min(area.w if area != surface.get_rect() else area.w - 40, 760)
        small = theme.size("small")
        boxes = []
        for text, _ in self.notices[-3:]:
            lines = theme.wrap(text, small, width - 24)
            boxes.append((text, len(lines) * theme.line_height(small) + 16))
        total = sum(height + 8 for _, height in boxes)
        x = area.x + (area.w - width) // 2
        buttons = self._button_rects(surface) + list(getattr(self.top, "keep_clear", lambda: [])())
        places = [area.bottom - 20 - total + 8, area.top + 12]
        if buttons:  # also just above the highest button and just below the lowest one
            places += [min(r.top for r in buttons) - total - 4, max(r.bottom for r in buttons) + 8]
        places = [y for y in places if area.top <= y <= area.bottom - total + 8] or places[:1]

        def covered(y: int) -> int:
            area = pygame.Rect(x, y, width, total)
            return sum(1 for r in buttons if area.colliderect(r))
        y = min(places, key=covered)
        for text, height in boxes:
            rect = pygame.Rect(x, y, width, height)
            pygame.draw.rect(surface, theme.c("text"), rect, border_radius=8)
            theme.note("toast", rect, surface)
            recording, theme.record = theme.record, None
            draw_text(surface, theme, text, (rect.x + 12, rect.y + 8), width - 24, small, colour=theme.c("bg"))
            theme.record = recording
            y += height + 8

    def _button_rects(self, surface) -> list:
        top = self.top
        buttons = getattr(getattr(top, "buttons", None), "buttons", None) or []
        window = surface.get_rect()
        return [b.rect.clip(window) for b in buttons if b.rect.w and b.rect.clip(window).h > 0]

    def render(self) -> None:
        """Put this frame on screen: only the animated parts when nothing else
        changed since the last full frame, else everything."""
        top = self.top
        key = top.static_key() if top is not None else None
        state = (tuple(map(id, self.stack)), self.screen.get_size(), key)
        if key is not None and state == self._drawn and not self.notices:
            rects = top.draw_changes(self.screen)
            if rects:
                pygame.display.update(rects)
            return
        self.draw()
        pygame.display.flip()
        self._drawn = state if not self.notices else None

    def frame(self, dt: float) -> None:
        if self.terminating:  # SIGTERM: save and exit, no questions (logout.py)
            logout.save_and_quit(self)
            return
        typing = bool(self.top and self.top.typing)
        for event in pygame.event.get():
            intent = translate(event, typing)
            if intent is not None:
                self.dispatch(intent)
        self.update(dt)
        if self.running:
            self.render()

    def run(self) -> int:
        logout.install(self)
        while self.running:
            dt = self.clock.tick(60) / 1000.0
            self.frame(dt)
        self.shutdown()
        return 0

    def quit(self) -> None:
        self.running = False

    def ask_to_quit(self, closing: bool = False) -> None:
        """Quit, after a confirmation. Closing the window mid-conversation
        asks too (the conversation is saved either way); a second close
        while asking quits."""
        talking = any(s.name == "dialogue" and not s.session.run.finished for s in self.stack)
        if (self.top is not None and self.top.name == "confirm") or (closing and not talking):
            self.quit()
            return
        detail = ("Your conversation is saved: Resume on the title screen picks it up next time."
                  if talking else "Your name, settings and scores are kept for next time.")
        self.go("confirm", "Quit Five Levers?", detail, "Yes, quit", self.quit)

    def shutdown(self) -> None:
        if getattr(self, "_shut_down", False):  # once: the storage thread is gone after it
            return
        self._shut_down = True
        while self.stack:
            self.stack.pop().on_shutdown()
        if self.sender is not None:
            self.sender.stop(timeout=2.0)
        self.scoreboard.close()  # waits for queued writes first
        self.storage.stop()
        pygame.quit()

    def screenshot(self, path) -> None:
        """The window as a file (the tour): what was asked of the scoreboard is shown, not "reading"."""
        self.storage.drain()
        self.update(0.0)
        self.draw()
        pygame.image.save(self.screen, str(path))


def run(scenario_path=None, start=None, seed: int | None = None, scenarios_dir: Path = SCENARIOS_DIR,
        player: str | None = None, persona: str | None = None, portfolio_path=None, learner: str | None = None,
        preset=None) -> int:
    """Open the window: the title screen, or straight into one scenario
    (as `player` when given, else the remembered name)."""
    app = App(scenarios_dir, library_in_background=True)
    title = app.scene_for("title")
    if player:
        title.player = player
    if learner is not None:  # --learner: kept in the settings, as if typed on the title screen
        app.settings.learner = learner
        app.apply_settings()
    app.push(title)
    if scenario_path is not None:
        title.play_file(scenario_path, start=start, seed=seed, persona=persona, preset=preset)
    if portfolio_path is not None:
        app.library.wait()  # straight into a quarter: its accounts link to the scenarios
        app.go("portfolio", title.player.strip(), path=portfolio_path, seed=seed)
    return app.run()
