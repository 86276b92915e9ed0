"""The two state machines, built with `transitions` (the only module that
imports it).

* The mood machine is the same for every scenario: calm -> uneasy -> upset
  -> angry -> walked_out on `escalate`, one step back on `soothe` (calm
  stays calm); walked_out is final.
* The dialogue machine is built once per scenario and cached. Its states
  are the node and ending ids; a node's choice at authored position i fires
  the trigger `choice_<i>`; `walk_out` goes from any node to the walk-out
  ending. Machines are built with `model=None` and `auto_transitions=False`.

Both machines are the single definition of how a conversation moves; a
playthrough reads their transitions once into plain tables (`MOOD_AFTER`,
`flow(scenario)`) and steps through those, because firing a `transitions`
trigger costs several microseconds and a playthrough, the analysis and the
scripted player take hundreds of thousands of steps. Building a machine
runs with the garbage collector paused: it allocates tens of thousands of
small objects, none of them cyclic garbage.
"""
from __future__ import annotations

import gc
import logging
from collections import OrderedDict

from transitions import Machine, MachineError

from .errors import PlayError
from .model import MOOD_CHANGES, MOODS, WALKED_OUT

logging.getLogger("transitions").setLevel(logging.WARNING)

ESCALATION_RULE = {"calm": "dont_upset", "uneasy": "dont_upset",
                   "upset": "dont_make_it_worse", "angry": "dont_make_it_worse"}

_CACHE_SIZE = 32
_dialogue_cache: OrderedDict[tuple[str, str, int], Machine] = OrderedDict()


def _build_mood_machine() -> Machine:
    states = [*MOODS, {"name": WALKED_OUT, "final": True}]
    ladder = [*MOODS, WALKED_OUT]
    transitions = []
    for lower, higher in zip(ladder, ladder[1:]):
        transitions.append({"trigger": "escalate", "source": lower, "dest": higher})
        if higher != WALKED_OUT:
            transitions.append({"trigger": "soothe", "source": higher, "dest": lower})
    transitions.append({"trigger": "soothe", "source": MOODS[0], "dest": None})  # calm stays calm
    return Machine(model=None, states=states, transitions=transitions, initial=MOODS[0],
                   auto_transitions=False, model_attribute="mood", send_event=False)


MOOD_MACHINE = _build_mood_machine()
_ESCALATE = MOOD_MACHINE.events["escalate"]
_SOOTHE = MOOD_MACHINE.events["soothe"]


def change_mood(model, change: str) -> None:
    """Apply a choice's mood change (`soothe`, `steady`, `escalate`) to `model.mood`."""
    if change == "escalate":
        _ESCALATE.trigger(model)
    elif change == "soothe":
        _SOOTHE.trigger(model)


def rule_broken_by_escalating(mood: str) -> str:
    """Which rule escalating a customer in `mood` breaks, by the mood machine's state."""
    return ESCALATION_RULE[MOOD_MACHINE.get_state(mood).name]


def _key(scenario) -> tuple:
    return (scenario.id, scenario.content_hash, id(scenario))


def dialogue_machine(scenario) -> Machine:
    key = _key(scenario)
    machine = _dialogue_cache.get(key)
    if machine is not None:
        _dialogue_cache.move_to_end(key)
        return machine[0]
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        machine = _build_dialogue_machine(scenario)
        table = _flow_table(machine, scenario)
    finally:
        if was_enabled:
            gc.enable()
    _dialogue_cache[key] = (machine, table)
    while len(_dialogue_cache) > _CACHE_SIZE:
        _dialogue_cache.popitem(last=False)
    return machine


def _build_dialogue_machine(scenario) -> Machine:
    states = [nid for nid in scenario.nodes]
    states += [{"name": eid, "final": True} for eid in scenario.endings]
    machine = Machine(model=None, states=states, initial=scenario.start, auto_transitions=False, send_event=False)
    # Events and transitions are made with the machine's own factories and added
    # in bulk: Machine.add_transition re-checks its arguments on every call,
    # which is most of the cost at thousands of nodes.
    events = machine.events
    make_transition = machine._create_transition
    widest = max((len(node.choices) for node in scenario.nodes.values()), default=0)
    for i in range(1, widest + 1):
        events[f"choice_{i}"] = machine._create_event(f"choice_{i}", machine)
    walk = events["walk_out"] = machine._create_event("walk_out", machine)
    for nid, node in scenario.nodes.items():
        for choice in node.choices:
            events[f"choice_{choice.index + 1}"].transitions[nid].append(make_transition(nid, choice.goto))
        walk.transitions[nid].append(make_transition(nid, scenario.walkout_ending))
    return machine


def _flow_table(machine: Machine, scenario) -> dict[str, tuple[str, ...]]:
    """node -> the state each of its choices (by authored position) leads to,
    read from the machine's transitions."""
    table: dict[str, list[str]] = {nid: [] for nid in scenario.nodes}
    i = 1
    while f"choice_{i}" in machine.events:
        for source, found in machine.events[f"choice_{i}"].transitions.items():
            table[source].append(found[0].dest)
        i += 1
    table["walk_out"] = [found[0].dest for found in machine.events["walk_out"].transitions.values()][:1]
    return {sid: tuple(dests) for sid, dests in table.items()}


def flow(scenario) -> dict[str, tuple[str, ...]]:
    """The dialogue machine as a table: node -> destination of each choice,
    and "walk_out" -> (the walk-out ending,)."""
    dialogue_machine(scenario)
    return _dialogue_cache[_key(scenario)][1]


def take_choice(machine: Machine, model, index: int) -> None:
    """Fire the machine's trigger for the choice at authored position `index`
    (0-based), moving `model.state`. (Playthroughs use `flow` instead.)"""
    try:
        machine.events[f"choice_{index + 1}"].trigger(model)
    except (KeyError, MachineError) as exc:
        raise PlayError(f"node '{model.state}' has no choice {index + 1}") from exc


def walk_out(machine: Machine, model) -> None:
    machine.events["walk_out"].trigger(model)


class _MoodOnly:
    __slots__ = ("mood",)

    def __init__(self, mood: str):
        self.mood = mood


def _mood_after_table() -> dict[tuple[str, str], str]:
    """(mood, change) -> the mood after, read once from the mood machine, so
    graph walks over thousands of replies don't fire a trigger for each."""
    table = {}
    for mood in MOODS:
        for change in MOOD_CHANGES:
            model = _MoodOnly(mood)
            change_mood(model, change)
            table[(mood, change)] = model.mood
    return table


MOOD_AFTER = _mood_after_table()


def reachable_moods(scenario, persona: str = "") -> dict[str, set[str]]:
    """The moods the customer can be in on reaching each node or ending,
    following the mood machine (conditions ignored), for one persona. A reply
    that escalates an angry customer leads to the walk-out ending, not to its
    `goto`, so a state reached only that way is missing here: it can never
    be shown."""
    start = (scenario.start, scenario.customer_for(persona).mood)
    seen = {start}
    todo = [start]
    while todo:
        sid, mood = todo.pop()
        node = scenario.nodes.get(sid)
        if node is None:
            continue
        for choice in node.choices:
            after = MOOD_AFTER[(mood, choice.for_persona(persona).mood)]
            target = (scenario.walkout_ending, after) if after == WALKED_OUT else (choice.goto, after)
            if target[0] in scenario.nodes or target[0] in scenario.endings:
                if target not in seen:
                    seen.add(target)
                    todo.append(target)
    moods: dict[str, set[str]] = {}
    for sid, mood in seen:
        moods.setdefault(sid, set()).add(mood)
    return moods
