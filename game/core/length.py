"""How long a scenario takes to play, measured from the scenario itself:
a few typical playthroughs (replies picked at random, with a fixed seed, for
each customer) are walked, and what a trainee reads on the way (the
customer's lines, every reply offered, the coaching on each reply taken, the
ending) is timed at an adult's silent reading speed, plus a moment to decide
at each reply. The median walk, to the nearest minute (at least 1).

Pure and deterministic: the same scenario gives the same number."""
from __future__ import annotations

import math
import random

from game.core.engine import Playthrough
from game.core.errors import PlayError

WORDS_PER_MINUTE = 250  # an adult's silent reading on screen
SECONDS_PER_REPLY = 3  # choosing, after reading
WALKS = 9  # per customer (persona)
MAX_STEPS = 200  # a loop the walk cannot leave is cut here

_cache: dict[tuple, int] = {}


def _words(text: str) -> int:
    return len(text.split())


def walk_seconds(scenario, persona: str | None, seed: int) -> float:
    """Seconds a trainee spends on one walk of `scenario` (replies picked by `seed`)."""
    pick = random.Random(seed)
    run = Playthrough(scenario, seed=seed, persona=persona)
    words = _words(run.briefing)
    replies = 0
    while not run.finished and replies < MAX_STEPS:
        shown = run.shown_choices()
        if not shown:
            break
        words += sum(_words(p) for p in run.line()) + sum(_words(c.text) for c in shown)
        try:
            step = run.choose(pick.randrange(len(shown)) + 1)
        except PlayError:
            break
        words += _words(step.feedback or "")
        replies += 1
    ending = run.ending_view()
    if ending is not None:
        words += sum(_words(p) for p in ending[0]) + _words(ending[2] or "")
    return words * 60.0 / WORDS_PER_MINUTE + replies * SECONDS_PER_REPLY


def measured_minutes(scenario) -> int:
    """The typical time to play `scenario`, in whole minutes (at least 1)."""
    key = (scenario.id, scenario.content_hash, id(scenario) if not scenario.content_hash else 0)
    found = _cache.get(key)
    if found is not None:
        return found
    personas = list(scenario.personas) or [None]
    times = sorted(walk_seconds(scenario, persona, seed) for persona in personas for seed in range(WALKS))
    minutes = max(1, math.floor(times[len(times) // 2] / 60.0 + 0.5))  # to the nearest minute
    _cache[key] = minutes
    return minutes
