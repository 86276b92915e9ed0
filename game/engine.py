"""A playthrough: one trainee's way through one scenario.

A playthrough is data: the scenario's id, version and content hash, a seed
and the choices made (1-based positions among the choices shown). Everything
else (the current node, flags, mood, points, rules broken) is derived by
replaying those choices, so saving, resuming, replaying, the debrief and
the scoreboard all come from `snapshot()`.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from . import conditions, machines, scoring
from .errors import ChoiceNotShown, PlayError, SnapshotError
from .model import LEVERS, RULES, WALKED_OUT, Choice, Scenario

SNAPSHOT_FORMAT = 1


@dataclass(slots=True)
class Step:
    node: str
    choice: int  # 1-based position among the choices shown
    index: int  # 0-based authored position in the node
    text: str
    mood_before: str
    mood_after: str
    breaks: tuple[str, ...]
    feedback: str
    levers: dict[str, int] = field(default_factory=dict)  # points this step counted

    def to_dict(self) -> dict:
        return {"node": self.node, "choice": self.choice, "text": self.text,
                "mood_before": self.mood_before, "mood_after": self.mood_after,
                "breaks": list(self.breaks), "feedback": self.feedback}


@dataclass(frozen=True)
class Result:
    scenario: str
    version: int
    finished: bool
    path: list[str]
    ending: str | None
    outcome: str | None
    mood: str
    levers: dict[str, scoring.LeverScore]
    rules: dict[str, int]
    score: int
    grade: str
    steps: list[Step]

    def to_dict(self) -> dict:
        return {
            "scenario": self.scenario, "version": self.version, "finished": self.finished,
            "path": list(self.path), "ending": self.ending, "outcome": self.outcome, "mood": self.mood,
            "levers": {k: v.to_dict() for k, v in self.levers.items()},
            "rules": dict(self.rules), "score": self.score, "grade": self.grade,
            "steps": [s.to_dict() for s in self.steps],
        }


class Playthrough:
    """Moves through a scenario; `state` and `mood` are moved by the machines."""

    def __init__(self, scenario: Scenario, seed: int = 0, start: str | None = None):
        if start is not None and start not in scenario.nodes:
            raise PlayError(f"cannot start at '{start}': no such node in '{scenario.id}'")
        self.scenario = scenario
        self.seed = int(seed)
        self.start = start or scenario.start
        self._machine = machines.dialogue_machine(scenario)
        self.state = self.start
        self.mood = scenario.customer.mood
        self.flags: dict[str, object] = {}
        self.points = {lever: 0 for lever in LEVERS}
        self.rules = scoring.empty_rules()
        self.taken: set[tuple[str, int]] = set()
        self.choices: list[int] = []
        self.steps: list[Step] = []
        self.path: list[str] = [self.start]
        self._shown: list[Choice] | None = None
        self._orders: dict[str, list[int]] = {}

    # -- where we are -------------------------------------------------------
    @property
    def finished(self) -> bool:
        return self.state in self.scenario.endings

    @property
    def walked_out(self) -> bool:
        return self.mood == WALKED_OUT

    @property
    def node(self):
        return self.scenario.nodes.get(self.state)

    @property
    def ending(self):
        return self.scenario.endings.get(self.state)

    @property
    def stuck(self) -> bool:
        """At a node where no choice is shown (every condition false)."""
        return not self.finished and not self.shown_choices()

    def _order(self, node) -> list[int]:
        order = self._orders.get(node.id)
        if order is None:
            order = list(range(len(node.choices)))
            if node.shuffle:
                random.Random(f"{self.seed}:{node.id}").shuffle(order)
            self._orders[node.id] = order
        return order

    def shown_choices(self) -> list[Choice]:
        """The choices shown now, in the order shown (after `if`, `once`, `shuffle`).
        The list is shared until the next choice: do not change it."""
        if self._shown is None:
            node = self.node
            if node is None:
                self._shown = []
            else:
                shown = []
                for i in self._order(node):
                    choice = node.choices[i]
                    if choice.once and (node.id, i) in self.taken:
                        continue
                    if choice.condition is not None and not conditions.evaluate(choice.condition, self.flags, self.mood):
                        continue
                    shown.append(choice)
                self._shown = shown
        return self._shown

    # -- acting ---------------------------------------------------------------
    def choose(self, number: int) -> Step:
        """Take the choice at 1-based position `number` among those shown."""
        if self.finished:
            raise PlayError(f"the conversation has ended (at '{self.state}'); no more choices can be made")
        shown = self.shown_choices()
        if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= len(shown):
            raise ChoiceNotShown(len(self.choices) + 1, self.state, number, len(shown))
        choice = shown[number - 1]
        node = self.node
        mood_before = self.mood
        causes = rule_causes(node, choice, mood_before)
        breaks = tuple(rule for rule in RULES if rule in causes)
        for rule in breaks:
            self.rules[rule] += 1
        key = (node.id, choice.index)
        counted: dict[str, int] = {}
        if key not in self.taken:
            self.taken.add(key)
            for lever, pts in choice.levers.items():
                self.points[lever] += pts
            counted = dict(choice.levers)
        if choice.set:
            self.flags.update(choice.set)
        for name, amount in choice.add.items():
            current = self.flags.get(name, 0)
            self.flags[name] = (current if isinstance(current, int) else 0) + amount
        machines.change_mood(self, choice.mood)
        if self.mood == WALKED_OUT:
            machines.walk_out(self._machine, self)
        else:
            machines.take_choice(self._machine, self, choice.index)
        self.path.append(self.state)
        self.choices.append(number)
        self._shown = None
        step = Step(node.id, number, choice.index, choice.text, mood_before, self.mood,
                    breaks, choice.feedback, counted)
        self.steps.append(step)
        return step

    def fork(self) -> "Playthrough":
        """An independent copy of this playthrough at the same point."""
        twin = object.__new__(Playthrough)
        twin.__dict__.update(self.__dict__)
        twin.flags = dict(self.flags)
        twin.points = dict(self.points)
        twin.rules = dict(self.rules)
        twin.taken = set(self.taken)
        twin.choices = list(self.choices)
        twin.steps = list(self.steps)
        twin.path = list(self.path)
        twin._shown = None
        return twin

    def state_key(self) -> tuple:
        """Everything that decides this playthrough's future. (Points follow
        from the replies taken, each counting once; breaches are kept apart.)"""
        return (self.state, self.mood, tuple(sorted(self.flags.items(), key=lambda kv: kv[0])),
                frozenset(self.taken))

    def choose_all(self, numbers) -> None:
        for number in numbers:
            self.choose(number)

    # -- results and snapshots ----------------------------------------------
    def result(self) -> Result:
        levers = scoring.lever_scores(self.points, scoring.ceilings(self.scenario))
        rules = dict(self.rules)
        total = scoring.score(levers, rules)
        ending = self.ending
        outcome = None
        if ending is not None:
            outcome = "lost" if self.walked_out else ending.outcome
        return Result(
            scenario=self.scenario.id, version=self.scenario.version, finished=self.finished,
            path=list(self.path), ending=self.state if ending else None, outcome=outcome,
            mood=self.mood, levers=levers, rules=rules, score=total, grade=scoring.grade_for(total),
            steps=list(self.steps),
        )

    def snapshot(self) -> dict:
        snap = {"format": SNAPSHOT_FORMAT, "scenario": self.scenario.id, "version": self.scenario.version,
                "content_hash": self.scenario.content_hash, "seed": self.seed, "choices": list(self.choices)}
        if self.start != self.scenario.start:
            snap["start"] = self.start
        return snap

    @classmethod
    def restore(cls, scenario: Scenario, snap: dict, strict: bool = True) -> "Playthrough":
        """Rebuild a playthrough by replaying a snapshot's choices.

        With `strict`, a snapshot of another version of the file is refused;
        without it, the choices are replayed as far as they still fit.
        """
        if not isinstance(snap, dict):
            raise SnapshotError("a saved playthrough must be a mapping")
        if snap.get("scenario") != scenario.id:
            raise SnapshotError(f"the save is for scenario '{snap.get('scenario')}', not '{scenario.id}'")
        if strict and snap.get("content_hash") != scenario.content_hash:
            raise SnapshotError(f"scenario '{scenario.id}' has changed since this playthrough was saved")
        choices = snap.get("choices")
        seed = snap.get("seed", 0)
        if not isinstance(choices, list) or not all(isinstance(c, int) and not isinstance(c, bool) for c in choices):
            raise SnapshotError("the save's 'choices' must be a list of whole numbers")
        if not isinstance(seed, int) or isinstance(seed, bool):
            raise SnapshotError("the save's 'seed' must be a whole number")
        start = snap.get("start")
        try:
            play = cls(scenario, seed=seed, start=start)
        except PlayError as exc:
            raise SnapshotError(str(exc)) from exc
        for number in choices:
            try:
                play.choose(number)
            except PlayError as exc:
                if strict:
                    raise SnapshotError(f"the saved choices no longer fit the scenario: {exc}") from exc
                break
        return play


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


def play(scenario: Scenario, choices, seed: int = 0, start: str | None = None) -> Playthrough:
    """Play `choices` from the start (or from `start`) and return the playthrough."""
    run = Playthrough(scenario, seed=seed, start=start)
    run.choose_all(choices)
    return run
