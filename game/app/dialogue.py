"""What a step of the conversation says, as plain data: who speaks (name,
role, customer or narrator), their words, the mood in a word, the replies
shown; after a reply in coach mode, its coaching; at the end, the outcome in
plain words. The window's dialogue scene and the terminal draw this."""
from __future__ import annotations

import re
from dataclasses import dataclass

from game.core.model import LEVER_TITLES, RULE_TITLES

MOOD_WORDS = {"calm": "Calm", "uneasy": "Uneasy", "upset": "Upset", "angry": "Angry", "walked_out": "Walked out"}
NO_REPLY = "No reply is available here: every reply's condition is false."


@dataclass(frozen=True)
class DialogueStep:
    narrator: bool
    speaker: str  # the customer's name, or "Narrator"
    role: str  # the customer's role ('' when none)
    lines: tuple[str, ...]  # what is said, paragraph by paragraph (after variants)
    mood: str
    mood_word: str  # 'Calm', 'Uneasy', …, 'Walked out'
    replies: tuple[str, ...]  # the replies shown, in the order shown (1-based numbers on screen)
    customer: str = ""  # the customer's name (whoever speaks)

    @property
    def mood_label(self) -> str:
        """'Mood' beside the customer; whose mood when the narrator speaks ('Priya Nair's mood')."""
        return f"{self.customer}\u2019s mood" if self.narrator and self.customer else "Mood"

    @property
    def stuck(self) -> bool:
        """No reply to pick: a scenario problem (every reply's condition is false)."""
        return not self.replies


SPEAKER_PREFIX = re.compile(r"([A-Z][\w'’-]*): ")


def said(narrator: bool, speaker: str, paragraph: str) -> str:
    """A paragraph as a transcript prints it: '(words)' for the narrator, 'Name: words' for the customer. When
    two people share the customer's part ('Priya Shah and Dave Okafor'), each paragraph names who speaks
    ('Priya: Thanks for coming in.'), and that name is kept instead of the pair's before it."""
    if narrator:
        return f"({paragraph})"
    named = SPEAKER_PREFIX.match(paragraph)
    if named and named.group(1) in re.findall(r"[\w'’-]+", speaker):
        return paragraph
    return f"{speaker}: {paragraph}"


def judgement(levers: dict, breaks, walked_out: bool = False) -> tuple[str, str]:
    """How a reply went, as (tone, label): tone 'bad' (a rule broken, a walk-out
    or points lost), 'good' (points won, no rule broken) or 'neutral'; the
    label says it in words with the points ('Rule broken: Shut up and listen · -1 point')."""
    points = sum(levers.values())
    if walked_out:
        tone, words = "bad", "The customer walked out"
    elif breaks:
        tone, words = "bad", "Rule broken: " + ", ".join(RULE_TITLES.get(rule, rule) for rule in breaks)
    elif points < 0:
        tone, words = "bad", "Points lost"
    elif points > 0:
        tone, words = "good", "Good reply"
    else:
        tone, words = "neutral", "No points either way"
    if points:
        words += f" \u00b7 {points:+d} point{'' if abs(points) == 1 else 's'}"
    return tone, words


@dataclass(frozen=True)
class ReplyCoaching:
    said: str  # the reply taken
    feedback: str
    levers: tuple[str, ...]  # '+1 Connect: …', one per lever the reply moved
    rules: tuple[str, ...]  # titles of the rules it broke
    mood_change: tuple[str, str] | None  # (before, after) mood words when the mood moved
    walked_out: str  # '<name> has walked out.' when the reply ended it so
    tone: str = "neutral"  # judgement(): 'good', 'bad' or 'neutral' (a shell's colour follows it)
    verdict: str = ""  # judgement()'s label: 'Rule broken · -1 point', 'Good reply · +2 points', …

    def lines(self, rules: bool = True) -> list[str]:
        """The coaching as the window shows it, line by line (`rules=False`:
        without the rules broken, for a shell that shows `verdict`, which names them)."""
        lines = [f"You said: \u201c{self.said}\u201d"]
        if self.feedback:
            lines.append(self.feedback)
        if self.levers:
            lines.append("Levers: " + ", ".join(self.levers))
        lines += [f"Rule broken: {rule}" for rule in self.rules] if rules else []
        if self.mood_change:
            lines.append(f"Mood: {self.mood_change[0]} \u2192 {self.mood_change[1]}")
        if self.walked_out:
            lines.append(self.walked_out)
        return lines


def dialogue_step(run) -> DialogueStep:
    """The step playthrough `run` is at (not finished)."""
    node, customer = run.node, run.customer
    narrator = node.speaker == "narrator"
    return DialogueStep(narrator, "Narrator" if narrator else customer.name, customer.role or "", tuple(run.line()),
                        run.mood, MOOD_WORDS.get(run.mood, run.mood),
                        tuple(choice.text for choice in run.shown_choices()), customer.name)


def reply_coaching(run, step) -> ReplyCoaching:
    """The coaching on `step` (the reply just taken in `run`)."""
    return ReplyCoaching(
        step.text, step.feedback,
        tuple(f"{'+' if p > 0 else ''}{p} {LEVER_TITLES[lv]}" for lv, p in step.levers.items() if p),
        tuple(RULE_TITLES[rule] for rule in step.breaks),
        (MOOD_WORDS[step.mood_before], MOOD_WORDS[step.mood_after]) if step.mood_before != step.mood_after else None,
        f"{run.customer.name} has walked out." if run.walked_out else "",
        *judgement(step.levers, step.breaks, run.walked_out and step.mood_after == "walked_out"))


def ending_words(run) -> str:
    """The outcome in plain words; the score and coaching wait for the debrief.
    The words claim no more than the outcome: an at-risk ending's text may have
    the customer say they will not come back, so 'at risk' never says 'undecided'."""
    name = run.customer.name
    view = run.ending_view()
    outcome = view[1] if view else ""
    if run.walked_out:
        return f"{name} has walked out. The customer is lost."
    return {"retained": f"{name} is staying with you. Customer retained.",
            "at_risk": f"{name} may not stay with you. The customer is at risk.",
            "lost": f"{name} is leaving. The customer is lost."}.get(outcome, "The conversation is over.")
