"""The debrief's overall words, built from the playthrough itself.

An ending's text and coaching are written by the trainer and can only be as
true as their variants. These sentences are worked out from what the
trainee actually did: which levers they earned (75% or more), which they
missed (under 50%) and the moment where most of a missed lever was lost,
with a reply that would have earned it there, and each rule broken with the
reply that broke it. Every shell shows the same sentences.
"""
from __future__ import annotations

from dataclasses import dataclass

from game.core.model import LEVER_TITLES, LEVERS, OUTCOME_WORDS, RULE_TITLES

DONE_AT, MISSED_BELOW = 75, 50
LEVER_DEEDS = {
    "customers_first": "put the customer first",
    "connect": "connected",
    "solve_problems": "solved the problem",
    "build_trust": "built trust",
    "positive_emotions": "left them feeling good",
}
QUOTE_LENGTH = 70
MISSES_SHOWN = 2


@dataclass(frozen=True)
class Miss:
    lever: str
    percent: int
    node: str
    line: str  # what the customer said there (shortened)
    reply: str  # a reply that would have earned the lever's points there
    points: int


def quote(text: str, limit: int = QUOTE_LENGTH) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.-—")
    return cut + "…"


def _join(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def levers_done(result) -> list[str]:
    return [lv for lv in LEVERS if result.levers[lv].percent is not None and result.levers[lv].percent >= DONE_AT]


def biggest_miss(scenario, result, lever: str, persona: str) -> Miss | None:
    """The step where the most of `lever` was left on the table: the reply
    taken earned fewer of its points than another reply there that breaks no
    rule by itself and does not escalate."""
    best = None
    for step in result.steps:
        node = scenario.nodes.get(step.node)
        if node is None:
            continue
        got = step.levers.get(lever, 0)
        for choice in node.choices:
            landed = choice.for_persona(persona)
            if landed.breaks or landed.mood == "escalate" or choice.index == step.index:
                continue
            gain = landed.levers.get(lever, 0) - got
            if gain > 0 and (best is None or gain > best[0]):
                best = (gain, step, choice, landed.levers.get(lever, 0))
    if best is None:
        return None
    _, step, choice, points = best
    return Miss(lever, result.levers[lever].percent or 0, step.node, quote(step.line), quote(choice.text), points)


def closing_words(scenario, result) -> list[str]:
    """Sentences for the debrief: the result, what was done, what was
    missed (and where), and each rule broken with the reply that broke it."""
    persona = result.persona or ""
    words = []
    if not result.finished:
        words.append("The conversation did not reach an ending, so this is a score so far.")
    else:
        outcome = OUTCOME_WORDS.get(result.outcome, result.outcome)
        words.append(f"{result.grade}, and the customer is {outcome}.")
    done = levers_done(result)
    assessed = [lv for lv in LEVERS if result.levers[lv].percent is not None]
    if done:
        words.append(f"What you did well: you {_join([LEVER_DEEDS[lv] for lv in done])} "
                     f"({'75% or more' if len(done) > 1 else str(result.levers[done[0]].percent) + '%'}).")
    elif assessed:
        words.append("No lever reached 75% this time.")
    missed = sorted((lv for lv in assessed if result.levers[lv].percent < MISSED_BELOW),
                    key=lambda lv: (result.levers[lv].percent, LEVERS.index(lv)))
    for lever in missed[:MISSES_SHOWN]:
        miss = biggest_miss(scenario, result, lever, persona)
        title = LEVER_TITLES[lever]
        if miss is None:
            words.append(f"What you missed: {title} ({result.levers[lever].percent}%).")
            continue
        narrated = getattr(scenario.nodes.get(miss.node), "speaker", "customer") == "narrator"
        where = (f"at \u201c{miss.line}\u201d" if narrated else f"when they said \u201c{miss.line}\u201d") \
            if miss.line else "at one step"
        words.append(f"What you missed: {title} ({miss.percent}%). The most was lost {where}: "
                     f"\u201c{miss.reply}\u201d would have earned {miss.points} point"
                     f"{'s' if miss.points != 1 else ''} there.")
    if len(missed) > MISSES_SHOWN:
        rest = [f"{LEVER_TITLES[lv]} ({result.levers[lv].percent}%)" for lv in missed[MISSES_SHOWN:]]
        words.append(f"Also under 50%: {_join(rest)}.")
    seen = set()
    for step in result.steps:
        for rule in step.breaks:
            if rule in seen:
                continue
            seen.add(rule)
            words.append(f"Rule broken: {RULE_TITLES[rule]}, when you said \u201c{quote(step.text)}\u201d.")
    if not seen and result.finished:
        words.append("You broke none of the three rules.")
    return words
