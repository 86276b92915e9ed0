"""What a playthrough needs at each node, worked out once per scenario and
persona instead of at every visit.

A playthrough of the bundled scenarios takes a few microseconds a choice,
and most of what it did at each node was the same every time: which
replies have a condition or `once` (most have neither), each reply as it
lands with the persona, the line's variants and their conditions, the line
joined for the transcript, which replies can break a rule, where each reply
goes (the dialogue machine's table), the bytes of the shuffle's keys after
the seed. A `NodePlan` holds those; `plans(scenario, persona)` is the table
of them, grown node by node as conversations reach nodes (as the dialogue
machine is, `machines.Flow`) and kept for the most recent scenarios.

Nothing here decides anything the engine did not: it is the same data,
read once (tests hold every result, transcript and order byte-identical)."""
from __future__ import annotations

from game.core import conditions, machines, turns
from game.core.model import BEHAVIOUR_NAMES

_CACHE_SIZE = 64
_READ_ONLY = frozenset(BEHAVIOUR_NAMES)  # what a condition sees besides flags (Playthrough.env)
_tables: dict[tuple[int, str], "Plans"] = {}


class NodePlan:
    """One node as a given persona meets it.

    - `replies`: each reply as it lands with the persona, in authored order.
    - `gates`: None when no reply has a condition or `once` (then every reply
      is shown); else, per authored position, (once, the condition as a
      compiled function or None).
    - `said`: (the node's line, the same joined for a transcript);
      `variants`: (compiled condition, said) for each of the line's variants,
      in order (the first that holds is said; a variant without text says the node's line).
    - `facts`: per reply (by its index), what taking it does besides points:
      (whether it can break a rule: it breaks one, escalates, or the node is
      venting: only then are the rules worked out; its levers' (name, points);
      its flag writes: None, or
      (`set`, `add`'s items, whether they leave the read-only names alone);
      the mood after it, by the mood before, from the mood machine's table).
    - `keys`: per authored position, the reply's (node id, position) for `once` and counted points.
    - `dests`: per authored position, where the reply leads (the dialogue machine's table).
    - `order_key`: (node id, number of replies), what the order depends on besides the seed;
      `tails`: per reply, the bytes of the shuffle key after "<seed>:": "<node id>:<n>"."""

    __slots__ = ("node", "id", "count", "shuffle", "replies", "gates", "said", "variants", "facts", "keys",
                 "dests", "order_key", "tails")

    def __init__(self, node, persona: str, dests: tuple[str, ...]):
        self.node = node
        self.id = node.id
        self.count = len(node.choices)
        self.shuffle = bool(node.shuffle)
        self.replies = tuple(choice.personas.get(persona, choice) if persona else choice
                             for choice in node.choices)
        gated = any(choice.once or choice.condition is not None for choice in node.choices)
        self.gates = tuple((choice.once, None if choice.condition is None else conditions.compiled(choice.condition))
                           for choice in node.choices) if gated else None
        self.said = (node.text, "\n\n".join(node.text))
        self.variants = tuple((conditions.compiled(variant.condition),
                               (variant.text, "\n\n".join(variant.text)) if variant.text else self.said)
                              for variant in node.variants)
        self.facts = {reply.index: _facts(node, reply) for reply in self.replies}
        self.keys = tuple((node.id, i) for i in range(self.count))
        self.dests = dests
        self.order_key = (node.id, self.count)
        self.tails = turns.key_tails(node.id, self.count)


def _facts(node, reply) -> tuple:
    may_break = bool(reply.breaks or node.venting or reply.mood == "escalate")
    writes = None
    if reply.set or reply.add:
        plain = _READ_ONLY.isdisjoint(reply.set) and _READ_ONLY.isdisjoint(reply.add)
        writes = (reply.set, tuple(reply.add.items()), plain)
    mood_after = {before: after for (before, change), after in machines.MOOD_AFTER.items() if change == reply.mood}
    return may_break, tuple(reply.levers.items()), writes, mood_after


class Plans(dict):
    """node id -> its NodePlan for one scenario and persona, made when first
    looked up; an ending's id (or any other) -> None."""

    def __init__(self, scenario, persona: str):
        super().__init__()
        self.scenario = scenario
        self.persona = persona
        self.flow = machines.flow(scenario)
        self.walkout = self.flow.walkout

    def __missing__(self, state: str) -> NodePlan | None:
        node = self.scenario.nodes.get(state)
        plan = None if node is None else NodePlan(node, self.persona, self.flow[state])
        self[state] = plan
        return plan


def plans(scenario, persona: str) -> Plans:
    """The (cached) table of node plans of `scenario` for `persona` ('' for none).
    When 64 tables are kept they are all dropped (one dict operation; a
    playthrough keeps its own table)."""
    key = (id(scenario), persona)
    found = _tables.get(key)
    if found is None or found.scenario is not scenario:
        if len(_tables) >= _CACHE_SIZE:
            _tables.clear()
        found = _tables[key] = Plans(scenario, persona)
    return found
