"""Random input for the game window (issue 27): seeded random keys, typing,
clicks, pointer moves, wheel turns and resizes, fed through the one place
that turns events into intents, a frame at a time, across every scene the
input reaches. Any exception, or a frame that takes longer than
`FRAME_LIMIT_S` (a hang), is a failure that names the seed, the frame and
the last events. The short seeded run is a test; `bench/random_input.py`
is the long one.

Run under SDL's dummy drivers, with FIVE_LEVERS_SAVES set to a scratch
folder (the game writes its settings, saves, scoreboard and report cards)."""
from __future__ import annotations

import random
import signal
import time
import traceback
from collections import Counter, deque
from pathlib import Path

import pygame

FRAME_LIMIT_S = 20.0  # a frame slower than this is a hang (a normal one takes milliseconds)

KEYS = ([pygame.K_RETURN] * 6 + [pygame.K_SPACE] * 3 + [pygame.K_ESCAPE] * 2 +
        [pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT] * 2 +
        [pygame.K_TAB, pygame.K_BACKSPACE, pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_F1, pygame.K_F5,
         pygame.K_KP_ENTER, pygame.K_s] +
        [getattr(pygame, f"K_{n}") for n in range(1, 10)] * 2)
TEXT = "abcxyz ZOE.park@example.org-_'1239²é\u200b\U0001F600"


class Hang(Exception):
    pass


def _on_alarm(signum, frame):
    raise Hang(f"a frame took longer than {FRAME_LIMIT_S:.0f} s")


def random_event(pick: random.Random, size: tuple[int, int]):
    """One pygame event, drawn by `pick`."""
    w, h = size
    roll = pick.random()
    if roll < 0.55:
        key = pick.choice(KEYS)
        mod = 0
        if pick.random() < 0.08:
            mod = pygame.KMOD_LSHIFT
        elif key == pygame.K_s and pick.random() < 0.5:
            mod = pygame.KMOD_LCTRL
        return pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0)
    if roll < 0.65:
        return pygame.event.Event(pygame.TEXTINPUT, text=pick.choice(TEXT))
    if roll < 0.85:
        return pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(pick.randrange(w), pick.randrange(h)))
    if roll < 0.95:
        return pygame.event.Event(pygame.MOUSEMOTION, pos=(pick.randrange(w), pick.randrange(h)), rel=(0, 0),
                                  buttons=(0, 0, 0))
    if roll < 0.99:
        return pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=pick.choice((-3, -1, 1, 3)), flipped=False)
    return "resize"


def run(seed: int, frames: int, scenarios_dir: Path, sizes=((1280, 720), (800, 600), (1024, 768))) -> list[str]:
    """Play `frames` frames of random input from `seed`; the failures found
    (an empty list when the game took all of it)."""
    from game.shells.window.app import App
    from game.shells.window.intents import translate
    pick = random.Random(seed)
    app = App(scenarios_dir, size=sizes[0])
    app.input_settle = 0  # the guard against double clicks would swallow most picks
    app.settings.typewriter = "instant"
    app.push(app.scene_for("title"))
    recent: deque = deque(maxlen=12)
    failures: list[str] = []
    seen: Counter = Counter()
    alarm = hasattr(signal, "setitimer")
    if alarm:
        before = signal.signal(signal.SIGALRM, _on_alarm)
    try:
        for frame in range(frames):
            if not app.running or not app.stack:  # Quit was chosen: start again at the title
                app.running = True
                if not app.stack:
                    app.push(app.scene_for("title"))
            if alarm:
                signal.setitimer(signal.ITIMER_REAL, FRAME_LIMIT_S)
            try:
                for _ in range(pick.choice((1, 1, 1, 2, 3))):
                    event = random_event(pick, app.screen.get_size())
                    if event == "resize":
                        app.screen = pygame.display.set_mode(pick.choice(sizes), pygame.RESIZABLE)
                        event = pygame.event.Event(pygame.VIDEORESIZE, size=app.screen.get_size(),
                                                   w=app.screen.get_width(), h=app.screen.get_height())
                    recent.append(f"{app.top.name if app.top else '-'}: {pygame.event.event_name(event.type)} "
                                  f"{ {k: v for k, v in event.dict.items() if k in ('key', 'mod', 'text', 'pos', 'y')} }")
                    intent = translate(event, bool(app.top and app.top.typing))
                    if intent is not None:
                        app.dispatch(intent)
                app.update(1 / 60)
                if app.running:
                    app.draw()
                if app.top is not None:
                    seen[app.top.name] += 1
            except Exception as exc:  # noqa: BLE001 - every failure is reported with how to reproduce it
                where = traceback.extract_tb(exc.__traceback__)[-3:]
                failures.append(f"seed {seed}, frame {frame}: {type(exc).__name__}: {exc}\n  at "
                                + " < ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(where))
                                + "\n  last events:\n    " + "\n    ".join(recent))
                break
            finally:
                if alarm:
                    signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        if alarm:
            signal.signal(signal.SIGALRM, before)
        app.shutdown()
    run.seen = seen  # the scenes reached, for the caller to check the input went somewhere
    return failures


def timed_run(seeds, frames: int, scenarios_dir: Path) -> tuple[list[str], Counter, float]:
    started = time.perf_counter()
    failures: list[str] = []
    seen: Counter = Counter()
    for seed in seeds:
        failures += run(seed, frames, scenarios_dir)
        seen.update(run.seen)
    return failures, seen, time.perf_counter() - started
