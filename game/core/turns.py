"""The rules of a turn, outside any one playthrough: the order replies are
shown in, which persona a seed meets, which variant of a line or ending
holds, and which of the five rules a reply breaks."""
from __future__ import annotations

import secrets

from game.core import conditions, machines
from game.core.sha import short as sha256
from game.core.errors import PlayError
from game.core.model import RULES, WALKED_OUT, Choice, Scenario


def shuffle_key(seed: int, node_id: str, n: int) -> str:
    """The contract's portable order: SHA-256 hex of "<seed>:<node id>:<n>"
    (n the reply's 1-based position in the file), sorted ascending."""
    return sha256(f"{seed}:{node_id}:{n}".encode("utf-8")).hexdigest()


AS_WRITTEN = [tuple(range(n)) for n in range(10)]


def shuffled_order(seed: int, node) -> tuple[int, ...]:
    """Authored 0-based positions of `node`'s replies in the order shown."""
    if not node.shuffle:
        return AS_WRITTEN[len(node.choices)]
    return _sha_order(seed, node.id, len(node.choices))


_SEEDS_KEPT = 4096  # seeds whose orders are kept (a save restored, a replay, a test plan's seed), then started again
_ORDERS_PER_SEED = 65_536  # orders kept for one seed (every node of a 50,000-node file on seed 0), then started again
_orders_by_seed: dict[int, dict[tuple[str, int], tuple[int, ...]]] = {}


def orders_for_seed(seed: int) -> dict[tuple[str, int], tuple[int, ...]]:
    """The orders already hashed for `seed`, by (node id, number of replies):
    the contract's order depends only on those, so it is hashed once for each
    (not at every visit, nor again when a save with the seed is replayed).
    A playthrough fetches its seed's dict once and adds the nodes it reaches.
    When 4,096 seeds are kept, they are all dropped (one dict operation, where
    keeping the most recent would cost every new playthrough more)."""
    found = _orders_by_seed.get(seed)
    if found is None:
        if len(_orders_by_seed) >= _SEEDS_KEPT:
            _orders_by_seed.clear()
        found = _orders_by_seed[seed] = {}
    elif len(found) >= _ORDERS_PER_SEED:
        found.clear()
    return found


def seed_hash(seed: int):
    """SHA-256 of "<seed>:", the start of each shuffle key of `seed`: copied for each reply's key."""
    return sha256(f"{seed}:".encode("utf-8"))


def key_tails(node_id: str, count: int) -> tuple[bytes, ...]:
    """"<node id>:<n>" for each reply, n 1-based: the rest of each shuffle key."""
    return tuple(f"{node_id}:{n}".encode("utf-8") for n in range(1, count + 1))


def hashed_order(seed_hash, tails) -> tuple[int, ...]:
    """The contract's order: each reply's key "<seed>:<node id>:<n>" hashed
    (CPython's own SHA-256, game.core.sha: on a few dozen bytes cheaper than
    OpenSSL's; a copy of the seed's hash, made once per playthrough, given the
    rest of the key), positions sorted by the digests' bytes, which sort
    exactly as their hex does."""
    keys = []
    for tail in tails:
        key = seed_hash.copy()
        key.update(tail)
        keys.append(key.digest())
    return tuple(sorted(range(len(keys)), key=keys.__getitem__))


def _sha_order(seed: int, node_id: str, count: int) -> tuple[int, ...]:
    """The order of a node's `count` replies for `seed`, hashed once per seed and node (`orders_for_seed`)."""
    orders = orders_for_seed(seed)
    found = orders.get((node_id, count))
    if found is None:
        found = orders[(node_id, count)] = hashed_order(seed_hash(seed), key_tails(node_id, count))
    return found


def check_persona(scenario: Scenario, persona: str | None) -> str:
    """The persona to play: `persona`, or the first one declared; '' for a
    scenario without personas. Raises PlayError for one that is not there."""
    if persona is None or persona == "":
        return scenario.default_persona
    if persona not in scenario.personas:
        if not scenario.personas:
            raise PlayError(f"scenario '{scenario.id}' has no personas (asked for '{persona}')")
        raise PlayError(f"unknown persona '{persona}'; scenario '{scenario.id}' has: {', '.join(scenario.personas)}")
    return persona


def fresh_seed() -> int:
    """A new seed for a playthrough in the window or the terminal (63 bits,
    so it fits every store)."""
    return secrets.randbits(63)


def draw_persona(scenario: Scenario, seed: int, chosen: str | None = None) -> str:
    """The persona a playthrough with `seed` meets: `chosen` when the scenario
    has it, else drawn from the seed so that the seed alone reproduces it
    ('' when the scenario has none)."""
    if chosen in scenario.personas:
        return chosen
    if not scenario.personas:
        return ""
    ids = list(scenario.personas)
    return ids[int(sha256(f"{seed}:persona".encode()).hexdigest(), 16) % len(ids)]


def pick_variant(variants, env: dict, mood: str):
    """The first variant whose condition holds, or None."""
    for variant in variants:
        if conditions.evaluate(variant.condition, env, mood):
            return variant
    return None


def resolve_ending(ending, env: dict, mood: str) -> tuple[tuple[str, ...], str, str]:
    """(text, outcome, coaching) of `ending` after its variants; the outcome
    is `lost` after a walk-out whatever a variant says."""
    text, outcome, coaching = ending.text, ending.outcome, ending.coaching
    variant = pick_variant(ending.variants, env, mood) if ending.variants else None
    if variant is not None:
        text = variant.text or text
        outcome = variant.outcome or outcome
        coaching = variant.coaching if variant.coaching is not None else coaching
    return text, ("lost" if mood == WALKED_OUT else outcome), coaching


def ending_outcome(ending, env: dict, mood: str) -> str:
    return resolve_ending(ending, env, mood)[1]


def rules_broken(node, choice: Choice, mood: str) -> tuple[str, ...]:
    """The rules taking `choice` (as it lands with the persona) at `node`
    breaks when the customer is in `mood`, each at most once, in RULES order."""
    escalates = choice.mood == "escalate"
    vents = node.venting and not choice.listens
    if not (escalates or vents or choice.breaks):
        return ()
    broken = set(choice.breaks)
    if escalates:
        broken.add(machines.ESCALATION_RULE[mood])
    if vents:
        broken.add("shut_up_and_listen")
    return tuple(rule for rule in RULES if rule in broken)


def rule_causes(node, choice: Choice, mood: str) -> dict[str, set[str]]:
    """Which rules taking `choice` at `node` breaks when the customer is in
    `mood`, each with how: "breaks" (the author tagged the reply) and/or
    "mood" (it escalated the mood machine, or didn't listen to a venting
    customer)."""
    causes: dict[str, set[str]] = {}
    for rule in choice.breaks:
        causes.setdefault(rule, set()).add("breaks")
    if choice.mood == "escalate":
        causes.setdefault(machines.rule_broken_by_escalating(mood), set()).add("mood")
    if node.venting and not choice.listens:
        causes.setdefault("shut_up_and_listen", set()).add("mood")
    return causes
