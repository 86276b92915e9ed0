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
scripted player take hundreds of thousands of steps. The dialogue machine
grows node by node as conversations reach them (see `Flow`).
"""
from __future__ import annotations

import logging
from collections import OrderedDict

from transitions import Machine

from game.core.model import MOOD_CHANGES, MOODS, WALKED_OUT

logging.getLogger("transitions").setLevel(logging.WARNING)

ESCALATION_RULE = {"calm": "dont_upset", "uneasy": "dont_upset",
                   "upset": "dont_make_it_worse", "angry": "dont_make_it_worse"}

_CACHE_SIZE = 32
_dialogue_cache: OrderedDict[tuple[str, str, int], "Flow"] = OrderedDict()


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


class Flow(dict):
    """The dialogue machine, grown as the conversation reaches nodes, read
    back as a table: node -> the state each of its choices leads to (by
    authored position). `walkout` is the walk-out ending.

    A node's transitions (`choice_<i>` and `walk_out`) are added to the
    `transitions` machine the first time the node is looked up, and the
    destinations are read back from the machine's events; after that a
    step is one dict lookup. A playthrough of a 5,000-node scenario thus
    builds only the part of the machine it visits (the explorer visits it
    all); no collector pass over tens of thousands of fresh objects."""

    def __init__(self, scenario):
        super().__init__()
        self.scenario = scenario
        self.walkout = scenario.walkout_ending
        self.machine = Machine(model=None, states=[scenario.start], initial=scenario.start,
                               auto_transitions=False, send_event=False)
        self._walk = self.machine.events["walk_out"] = self.machine._create_event("walk_out", self.machine)

    def _state(self, name: str) -> None:
        if name not in self.machine.states:
            final = name in self.scenario.endings
            self.machine.add_states([{"name": name, "final": True} if final else name])

    def __missing__(self, nid: str) -> tuple[str, ...]:
        node = self.scenario.nodes.get(nid)
        if node is None:
            raise KeyError(nid)
        machine = self.machine
        events = machine.events
        self._state(nid)
        for choice in node.choices:
            self._state(choice.goto)
            trigger = f"choice_{choice.index + 1}"
            event = events.get(trigger)
            if event is None:
                event = events[trigger] = machine._create_event(trigger, machine)
            event.transitions[nid].append(machine._create_transition(nid, choice.goto))
        self._state(self.walkout)
        self._walk.transitions[nid].append(machine._create_transition(nid, self.walkout))
        dests = tuple(events[f"choice_{i}"].transitions[nid][0].dest for i in range(1, len(node.choices) + 1))
        self[nid] = dests
        return dests


def flow(scenario) -> Flow:
    """The (cached) dialogue machine of a scenario, as a growing table."""
    key = _key(scenario)
    found = _dialogue_cache.get(key)
    if found is not None:
        try:
            _dialogue_cache.move_to_end(key)
        except KeyError:  # dropped meanwhile by another thread (the window reads its library on one): still good
            pass
        return found
    found = _dialogue_cache[key] = Flow(scenario)
    while len(_dialogue_cache) > _CACHE_SIZE:
        try:
            _dialogue_cache.popitem(last=False)
        except KeyError:  # emptied meanwhile by another thread
            break
    return found


def dialogue_machine(scenario) -> Machine:
    """The whole dialogue machine of a scenario: every node's transitions."""
    table = flow(scenario)
    for nid in scenario.nodes:
        table[nid]
    return table.machine


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
