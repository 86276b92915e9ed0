import logging

from game.core import machines
from game.core.model import MOODS


class Model:
    def __init__(self, mood="calm", state=None):
        self.mood = mood
        self.state = state


def test_escalate_climbs_one_step_and_walks_out_from_angry():
    m = Model("calm")
    seen = []
    for _ in range(4):
        machines.change_mood(m, "escalate")
        seen.append(m.mood)
    assert seen == ["uneasy", "upset", "angry", "walked_out"]


def test_soothe_steps_down_and_calm_stays_calm():
    m = Model("angry")
    seen = []
    for _ in range(4):
        machines.change_mood(m, "soothe")
        seen.append(m.mood)
    assert seen == ["upset", "uneasy", "calm", "calm"]


def test_steady_changes_nothing():
    for mood in MOODS:
        m = Model(mood)
        machines.change_mood(m, "steady")
        assert m.mood == mood


def test_escalation_rule_depends_on_mood_before():
    assert [machines.rule_broken_by_escalating(m) for m in MOODS] == [
        "dont_upset", "dont_upset", "dont_make_it_worse", "dont_make_it_worse"]


def test_machines_have_no_auto_transitions_and_quiet_logger(load):
    from tests.conftest import MINIMAL
    scenario = load(MINIMAL)
    machine = machines.dialogue_machine(scenario)
    assert set(machine.events) == {"choice_1", "walk_out"}
    assert not any(name.startswith("to_") for name in machines.MOOD_MACHINE.events)
    assert logging.getLogger("transitions").getEffectiveLevel() >= logging.WARNING


def test_dialogue_machine_is_built_once_per_scenario(load):
    from tests.conftest import MINIMAL
    scenario = load(MINIMAL)
    assert machines.dialogue_machine(scenario) is machines.dialogue_machine(scenario)


def test_one_trigger_per_choice_position_not_per_edge(load):
    text = """\
format: 1
id: fan
title: Fan
summary: Many nodes, few triggers.
customer: {name: Sam}
start: n0
nodes:
""" + "".join(f"""  n{i}:
    text: Node {i}
    choices:
      - {{text: A, goto: n{i + 1}}}
      - {{text: B, goto: end}}
""" for i in range(50)) + """  n50:
    text: Last
    choices:
      - {text: Done, goto: end}
endings:
  end: {outcome: retained, text: Bye}
"""
    machine = machines.dialogue_machine(load(text))
    assert set(machine.events) == {"choice_1", "choice_2", "walk_out"}
