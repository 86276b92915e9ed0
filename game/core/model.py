"""The scenario model: plain, immutable data built by the loader.

Nothing here knows about YAML, pygame or storage.
"""
from __future__ import annotations

from game.core.frozen import NEW, Frozen, frozen, set_field

# Each class is a record written without dataclass (game/core/frozen.py: its own __init__, the rest from
# Frozen, as a frozen dataclass behaves; made a dataclass when dataclasses.replace or fields asks). A field
# whose default is NEW gets a new empty dict. Every class has a docstring: without one, dataclass (when it
# is asked) writes one from inspect.signature(cls).

FORMAT_VERSION = 1
GRADES = ("Needs work", "Developing", "Strong", "Legendary")  # the grade names, worst to best (game.core.scoring)
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
# Read-only names a conversation played inside a portfolio quarter is given: what the quarter has told on
# the account (game/core/quarter_story.py). Played alone they are all 0 (in_quarter false).
QUARTER_NAMES = ("in_quarter", "quarter_week", "quarter_rival_offers", "quarter_price_requests",
                 "quarter_complaints", "quarter_disclosures", "quarter_contacts", "quarter_unanswered")
# Read-only names a condition can use to see how the conversation has gone (and, in a quarter, the quarter's story).
BEHAVIOUR_NAMES = ("breaches", *RULES, *LEVERS, "persona", *QUARTER_NAMES)
MAX_CHOICES = 9
LEVER_MIN, LEVER_MAX = -3, 3


@frozen
class Choice(Frozen):
    """One reply the trainee can pick at a node."""
    index: int  # 0-based position among the node's authored choices
    text: str
    goto: str
    levers: dict[str, int] = NEW
    mood: str = "steady"
    listens: bool = False
    breaks: tuple[str, ...] = ()
    feedback: str = ""
    condition: object = None  # a parsed condition (see conditions.py) or None
    condition_source: str = ""
    once: bool = False
    set: dict[str, object] = NEW
    add: dict[str, int] = NEW
    line: int = 0
    # persona id -> the reply as it lands with that persona (see `for_persona`)
    personas: dict[str, "Choice"] = NEW

    def __init__(self, index, text, goto, levers=NEW, mood="steady", listens=False, breaks=(), feedback="",
                 condition=None, condition_source="", once=False, set=NEW, add=NEW, line=0, personas=NEW):
        set_field(self, "index", index)
        set_field(self, "text", text)
        set_field(self, "goto", goto)
        set_field(self, "levers", {} if levers is NEW else levers)
        set_field(self, "mood", mood)
        set_field(self, "listens", listens)
        set_field(self, "breaks", breaks)
        set_field(self, "feedback", feedback)
        set_field(self, "condition", condition)
        set_field(self, "condition_source", condition_source)
        set_field(self, "once", once)
        set_field(self, "set", {} if set is NEW else set)
        set_field(self, "add", {} if add is NEW else add)
        set_field(self, "line", line)
        set_field(self, "personas", {} if personas is NEW else personas)

    def for_persona(self, persona: str) -> "Choice":
        return self.personas.get(persona, self) if persona else self


@frozen
class Variant(Frozen):
    """`if` and the fields it overrides when it holds (None: not overridden)."""
    condition: object  # a parsed condition (see conditions.py)
    condition_source: str
    text: tuple[str, ...] | None = None
    outcome: str | None = None
    coaching: str | None = None
    line: int = 0

    def __init__(self, condition, condition_source, text=None, outcome=None, coaching=None, line=0):
        set_field(self, "condition", condition)
        set_field(self, "condition_source", condition_source)
        set_field(self, "text", text)
        set_field(self, "outcome", outcome)
        set_field(self, "coaching", coaching)
        set_field(self, "line", line)


@frozen
class Node(Frozen):
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

    def __init__(self, id, text, choices, speaker="customer", venting=False, shuffle=False, line=0, column=0,
                 variants=()):
        set_field(self, "id", id)
        set_field(self, "text", text)
        set_field(self, "choices", choices)
        set_field(self, "speaker", speaker)
        set_field(self, "venting", venting)
        set_field(self, "shuffle", shuffle)
        set_field(self, "line", line)
        set_field(self, "column", column)
        set_field(self, "variants", variants)


@frozen
class Ending(Frozen):
    """Where a conversation ends: its outcome and the coaching."""
    id: str
    outcome: str
    text: tuple[str, ...]
    coaching: str = ""
    builtin: bool = False
    line: int = 0
    column: int = 0
    variants: tuple[Variant, ...] = ()

    def __init__(self, id, outcome, text, coaching="", builtin=False, line=0, column=0, variants=()):
        set_field(self, "id", id)
        set_field(self, "outcome", outcome)
        set_field(self, "text", text)
        set_field(self, "coaching", coaching)
        set_field(self, "builtin", builtin)
        set_field(self, "line", line)
        set_field(self, "column", column)
        set_field(self, "variants", variants)


@frozen
class Customer(Frozen):
    """Who the trainee talks to."""
    name: str
    role: str = ""
    mood: str = "calm"
    portrait: str = ""

    def __init__(self, name, role="", mood="calm", portrait=""):
        set_field(self, "name", name)
        set_field(self, "role", role)
        set_field(self, "mood", mood)
        set_field(self, "portrait", portrait)


@frozen
class Persona(Frozen):
    """A temperament of the same customer."""
    id: str
    label: str
    style: str = ""
    customer: Customer | None = None  # the customer with this persona's overrides applied
    briefing: str | None = None
    line: int = 0

    def __init__(self, id, label, style="", customer=None, briefing=None, line=0):
        set_field(self, "id", id)
        set_field(self, "label", label)
        set_field(self, "style", style)
        set_field(self, "customer", customer)
        set_field(self, "briefing", briefing)
        set_field(self, "line", line)


@frozen
class Scenario(Frozen):
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
    personas: dict[str, Persona] = NEW

    def __init__(self, id, title, summary, customer, start, nodes, endings, walkout_ending, version=1,
                 format=FORMAT_VERSION, difficulty=1, tags=(), estimated_minutes=None, mastery=MASTERY_DEFAULT,
                 briefing="", path="", content_hash="", shuffle=False, personas=NEW):
        set_field(self, "id", id)
        set_field(self, "title", title)
        set_field(self, "summary", summary)
        set_field(self, "customer", customer)
        set_field(self, "start", start)
        set_field(self, "nodes", nodes)
        set_field(self, "endings", endings)
        set_field(self, "walkout_ending", walkout_ending)
        set_field(self, "version", version)
        set_field(self, "format", format)
        set_field(self, "difficulty", difficulty)
        set_field(self, "tags", tags)
        set_field(self, "estimated_minutes", estimated_minutes)
        set_field(self, "mastery", mastery)
        set_field(self, "briefing", briefing)
        set_field(self, "path", path)
        set_field(self, "content_hash", content_hash)
        set_field(self, "shuffle", shuffle)
        set_field(self, "personas", {} if personas is NEW else personas)

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
