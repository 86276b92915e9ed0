"""The scenario model: plain, immutable data built by the loader.

Nothing here knows about YAML, pygame or storage.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# Every dataclass here has a docstring: without one, dataclass writes one from inspect.signature(cls),
# a third of the module's import time (validate's start-up).

FORMAT_VERSION = 1
MASTERY_DEFAULT = 75  # the score that passes unless a scenario says otherwise: the floor of Strong

LEVERS = ("customers_first", "connect", "solve_problems", "build_trust", "positive_emotions")
LEVER_TITLES = {
    "customers_first": "Put customers first",
    "connect": "Connect",
    "solve_problems": "Solve problems",
    "build_trust": "Build trust",
    "positive_emotions": "Create positive emotional experiences",
}
RULES = ("dont_upset", "dont_make_it_worse", "shut_up_and_listen")
RULE_TITLES = {
    "dont_upset": "Don't upset them in the first place",
    "dont_make_it_worse": "Don't make it worse",
    "shut_up_and_listen": "Shut up and listen",
}
MOODS = ("calm", "uneasy", "upset", "angry")
WALKED_OUT = "walked_out"
MOOD_ORDER = {m: i for i, m in enumerate(MOODS)}
MOOD_CHANGES = ("soothe", "steady", "escalate")
OUTCOMES = ("retained", "at_risk", "lost")
OUTCOME_WORDS = {"retained": "retained", "at_risk": "at risk", "lost": "lost"}
OUTCOME_TITLES = {outcome: f"Customer {word}" for outcome, word in OUTCOME_WORDS.items()}  # "Customer at risk"
SPEAKERS = ("customer", "narrator")
STYLES = ("direct", "analytical", "steady", "expressive")
STYLE_TITLES = {
    "direct": "Direct: quick, results first",
    "analytical": "Analytical: facts, detail, care",
    "steady": "Steady: warm, patient, loyal",
    "expressive": "Expressive: lively, stories, feelings",
}
# Read-only names a condition can use to see how the conversation has gone.
BEHAVIOUR_NAMES = ("breaches", *RULES, *LEVERS, "persona")
MAX_CHOICES = 9
LEVER_MIN, LEVER_MAX = -3, 3


@dataclass(frozen=True)
class Choice:
    """One reply the trainee can pick at a node."""
    index: int  # 0-based position among the node's authored choices
    text: str
    goto: str
    levers: dict[str, int] = field(default_factory=dict)
    mood: str = "steady"
    listens: bool = False
    breaks: tuple[str, ...] = ()
    feedback: str = ""
    condition: object = None  # a parsed condition (see conditions.py) or None
    condition_source: str = ""
    once: bool = False
    set: dict[str, object] = field(default_factory=dict)
    add: dict[str, int] = field(default_factory=dict)
    line: int = 0
    # persona id -> the reply as it lands with that persona (see `for_persona`)
    personas: dict[str, "Choice"] = field(default_factory=dict)

    def for_persona(self, persona: str) -> "Choice":
        return self.personas.get(persona, self) if persona else self


@dataclass(frozen=True)
class Variant:
    """`if` and the fields it overrides when it holds (None: not overridden)."""
    condition: object  # a parsed condition (see conditions.py)
    condition_source: str
    text: tuple[str, ...] | None = None
    outcome: str | None = None
    coaching: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Node:
    """A point in the conversation: the customer's line and the replies offered."""
    id: str
    text: tuple[str, ...]
    choices: tuple[Choice, ...]
    speaker: str = "customer"
    venting: bool = False
    shuffle: bool = False  # resolved: the node's own `shuffle`, else the scenario's
    line: int = 0
    column: int = 0
    variants: tuple[Variant, ...] = ()


@dataclass(frozen=True)
class Ending:
    """Where a conversation ends: its outcome and the coaching."""
    id: str
    outcome: str
    text: tuple[str, ...]
    coaching: str = ""
    builtin: bool = False
    line: int = 0
    column: int = 0
    variants: tuple[Variant, ...] = ()


@dataclass(frozen=True)
class Customer:
    """Who the trainee talks to."""
    name: str
    role: str = ""
    mood: str = "calm"
    portrait: str = ""


@dataclass(frozen=True)
class Persona:
    """A temperament of the same customer."""
    id: str
    label: str
    style: str = ""
    customer: Customer | None = None  # the customer with this persona's overrides applied
    briefing: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Scenario:
    """One scenario file, loaded and checked."""
    id: str
    title: str
    summary: str
    customer: Customer
    start: str
    nodes: dict[str, Node]
    endings: dict[str, Ending]
    walkout_ending: str
    version: int = 1
    format: int = FORMAT_VERSION
    difficulty: int = 1
    tags: tuple[str, ...] = ()
    estimated_minutes: int | None = None
    mastery: int = MASTERY_DEFAULT  # the score that passes (xAPI success); 75 is the floor of Strong
    briefing: str = ""
    path: str = ""
    content_hash: str = ""
    shuffle: bool = False
    personas: dict[str, Persona] = field(default_factory=dict)

    def is_ending(self, state: str) -> bool:
        return state in self.endings

    @property
    def default_persona(self) -> str:
        """The first persona declared ('' when the scenario has none)."""
        return next(iter(self.personas), "")

    def customer_for(self, persona: str) -> Customer:
        found = self.personas.get(persona)
        return found.customer if found is not None and found.customer is not None else self.customer

    def briefing_for(self, persona: str) -> str:
        found = self.personas.get(persona)
        return found.briefing if found is not None and found.briefing is not None else self.briefing


BUILTIN_WALKOUT = Ending(
    id=WALKED_OUT,
    outcome="lost",
    text=("The customer has had enough and ends the conversation.",),
    coaching="Every escalation pushed the customer one step closer to leaving. "
    "Staying calm, listening and owning the problem keeps them talking.",
    builtin=True,
)
