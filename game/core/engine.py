"""A playthrough: one trainee's way through one scenario.

A playthrough is data: the scenario's id, version and content hash, a seed
and the choices made (1-based positions among the choices shown). Everything
else (the current node, flags, mood, points, rules broken) is derived by
replaying those choices, so saving, resuming, replaying, the debrief and
the scoreboard all come from `snapshot()`. A conversation the portfolio quarter
asks for also carries the quarter's story (game/core/quarter_story.py).
"""
from __future__ import annotations

from game.core import conditions, machines, scoring
from game.core.errors import ChoiceNotShown, PlayError, SnapshotError
from game.core.model import LEVERS, QUARTER_NAMES, WALKED_OUT, Choice, Scenario
from game.core.playtest import Preset
from game.core.quarter_story import QuarterStory
from game.core.result import SNAPSHOT_FORMAT, Result, Step, snapshot_shape_problem
from game.core.turns import AS_WRITTEN, _sha_order, check_persona, pick_variant, resolve_ending, rules_broken

_MOOD_AFTER = machines.MOOD_AFTER
_READ_ONLY = frozenset(("breaches", "persona", *LEVERS, *scoring.empty_rules(), *QUARTER_NAMES))  # env()'s names
_NO_PRESET = Preset()  # frozen: one shared by every playthrough without flags or a mood set
_NO_STORY = QuarterStory()  # played alone: no quarter


class Playthrough:
    """Moves through a scenario; `state` and `mood` follow the machines' tables."""

    def __init__(self, scenario: Scenario, seed: int = 0, start: str | None = None, persona: str | None = None,
                 preset: Preset | None = None, story: QuarterStory | None = None):
        if start is not None and start not in scenario.nodes:
            raise PlayError(f"cannot start at '{start}': no such node in '{scenario.id}'")
        self.scenario = scenario
        self.seed = int(seed)
        self.persona = check_persona(scenario, persona)
        self.start = start or scenario.start
        self._flow = machines.flow(scenario)
        self.state = self.start
        self.preset = preset or _NO_PRESET  # a playtest's flags and mood before the first reply
        self.mood = self.preset.mood or scenario.customer_for(self.persona).mood
        self.story = story or _NO_STORY  # the portfolio quarter's story on the account (read-only names)
        self.flags: dict[str, object] = dict(self.preset.flags)
        self.points = dict.fromkeys(LEVERS, 0)
        self.rules = scoring.empty_rules()
        self.taken: set[tuple[str, int]] = set()
        self.choices: list[int] = []
        self.steps: list[Step] = []
        self.path: list[str] = [self.start]
        self._shown: list[Choice] | None = None
        self._line: tuple[str, ...] | None = None
        self._env: dict | None = None  # what conditions see (made at the first condition, then kept by choose)
        self._orders: dict[str, tuple[int, ...]] = {}

    # -- where we are -------------------------------------------------------
    @property
    def finished(self) -> bool:
        return self.state in self.scenario.endings

    @property
    def playtest(self) -> bool:
        """Started away from `start` or with flags or a mood set: a trainer's
        test, never recorded on the scoreboard (nor sent to an LRS)."""
        return self.start != self.scenario.start or bool(self.preset)

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
    def customer(self):
        return self.scenario.customer_for(self.persona)

    @property
    def briefing(self) -> str:
        return self.scenario.briefing_for(self.persona)

    @property
    def stuck(self) -> bool:
        """At a node where no choice is shown (every condition false)."""
        return not self.finished and not self.shown_choices()

    def env(self) -> dict:
        """What a condition sees: the flags and the read-only behaviour names
        (a new dict: the caller may change it)."""
        env = dict(self.flags)
        env.update(self.points)
        env.update(self.rules)
        env["breaches"] = sum(self.rules.values())
        env["persona"] = self.persona
        if self.story:
            env.update(self.story.names())
        return env

    def line(self) -> tuple[str, ...]:
        """What is said at the current node or ending, after variants
        (worked out once per step: the window asks every frame)."""
        if self._line is None:
            where = self.scenario.nodes.get(self.state) or self.scenario.endings.get(self.state)
            line = () if where is None else where.text
            if where is not None and where.variants:
                variant = pick_variant(where.variants, self._step_env(), self.mood)
                if variant is not None and variant.text:
                    line = variant.text
            self._line = line
        return self._line

    def ending_view(self) -> tuple[tuple[str, ...], str, str] | None:
        """(text, outcome, coaching) of the ending reached, after its variants;
        the outcome is `lost` after a walk-out whatever a variant says."""
        ending = self.ending
        if ending is None:
            return None
        return resolve_ending(ending, self.env() if ending.variants else {}, self.mood)

    def _step_env(self) -> dict:
        """`env()` made once and shared by the replies' and the line's conditions (which never change it);
        `choose` keeps it equal to `env()` (the rules, breaches, levers and flags it changes) instead of
        making it again at every step."""
        env = self._env
        if env is None:
            env = self._env = self.env()
        return env

    def _order(self, node) -> tuple[int, ...]:
        """turns.shuffled_order, kept for each node this playthrough reaches."""
        if not node.shuffle:
            return AS_WRITTEN[len(node.choices)]
        order = self._orders.get(node.id)
        if order is None:
            order = self._orders[node.id] = _sha_order(self.seed, node.id, len(node.choices))
        return order

    def shown_choices(self) -> list[Choice]:
        """The choices shown now, in the order shown (after `if`, `once`, `shuffle`),
        as they land with this playthrough's persona. The list is shared until
        the next choice: do not change it."""
        if self._shown is None:
            node = self.scenario.nodes.get(self.state)
            if node is None:
                self._shown = []
            else:
                shown = []
                env = None
                persona = self.persona
                for i in self._order(node):
                    choice = node.choices[i]
                    if choice.once and (node.id, i) in self.taken:
                        continue
                    if choice.condition is not None:
                        if env is None:
                            env = self._step_env()
                        if not conditions.evaluate(choice.condition, env, self.mood):
                            continue
                    shown.append(choice.personas.get(persona, choice) if persona else choice)
                self._shown = shown
        return self._shown

    # -- acting ---------------------------------------------------------------
    def choose(self, number: int) -> Step:
        """Take the choice at 1-based position `number` among those shown."""
        node = self.scenario.nodes.get(self.state)
        if node is None:
            raise PlayError(f"the conversation has ended (at '{self.state}'); no more choices can be made")
        shown = self._shown if self._shown is not None else self.shown_choices()
        if type(number) is not int or not 0 < number <= len(shown):
            raise ChoiceNotShown(len(self.choices) + 1, self.state, number, len(shown))
        choice = shown[number - 1]
        line = self.line() if node.variants else node.text
        mood_before = self.mood
        env = self._env  # what conditions saw at this step: kept up to date below, not made again
        if choice.breaks or node.venting or choice.mood == "escalate":
            breaks = rules_broken(node, choice, mood_before)
            for rule in breaks:
                self.rules[rule] += 1
            if env is not None and breaks:
                for rule in breaks:
                    env[rule] += 1
                env["breaches"] += len(breaks)
        else:
            breaks = ()
        key = (node.id, choice.index)
        counted: dict[str, int] = {}
        if key not in self.taken:
            self.taken.add(key)
            if choice.levers:
                points = self.points
                for lever, pts in choice.levers.items():
                    points[lever] += pts
                    if env is not None:
                        env[lever] += pts
                counted = choice.levers
        if choice.set or choice.add:
            flags = self.flags
            flags.update(choice.set)
            for name, amount in choice.add.items():
                current = flags.get(name, 0)
                flags[name] = (current if isinstance(current, int) else 0) + amount
            if env is not None:
                if _READ_ONLY.isdisjoint(choice.set) and _READ_ONLY.isdisjoint(choice.add):
                    env.update(choice.set)
                    for name in choice.add:
                        env[name] = flags[name]
                else:  # a flag named like a read-only name (the validator refuses one): made again
                    self._env = None
        self.mood = _MOOD_AFTER[(mood_before, choice.mood)]
        if self.mood == WALKED_OUT:
            self.state = self._flow.walkout
        else:
            self.state = self._flow[node.id][choice.index]
        self.path.append(self.state)
        self.choices.append(number)
        self._shown = None
        self._line = None
        step = Step(node.id, number, choice.index, choice.text, mood_before, self.mood,
                    breaks, choice.feedback, counted, "\n\n".join(line))
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
        twin._line = None
        twin._env = None
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
        levers = scoring.lever_scores(self.points, scoring.ceilings(self.scenario, self.persona))
        rules = dict(self.rules)
        total = scoring.score(levers, rules)
        view = self.ending_view()
        text, outcome, coaching = view if view is not None else ((), None, "")
        return Result(
            scenario=self.scenario.id, version=self.scenario.version, finished=self.finished,
            path=list(self.path), ending=self.state if view is not None else None, outcome=outcome,
            mood=self.mood, levers=levers, rules=rules, score=total, grade=scoring.grade_for(total),
            steps=list(self.steps), persona=self.persona or None, ending_text=text, coaching=coaching,
        )

    def snapshot(self) -> dict:
        snap = {"format": SNAPSHOT_FORMAT, "scenario": self.scenario.id, "version": self.scenario.version,
                "content_hash": self.scenario.content_hash, "seed": self.seed, "choices": list(self.choices)}
        if self.persona:
            snap["persona"] = self.persona
        if self.start != self.scenario.start:
            snap["start"] = self.start
        if self.preset:
            snap["preset"] = self.preset.to_dict()
        if self.story:
            snap["quarter"] = self.story.to_dict()
        return snap

    @classmethod
    def restore(cls, scenario: Scenario, snap: dict, strict: bool = True) -> "Playthrough":
        """Rebuild a playthrough by replaying a snapshot's choices.

        With `strict`, a snapshot of another version of the file is refused;
        without it, the choices are replayed as far as they still fit.
        """
        problem = snapshot_shape_problem(snap)
        if problem:
            raise SnapshotError(problem)
        if snap.get("scenario") != scenario.id:
            raise SnapshotError(f"the save is for scenario '{snap.get('scenario')}', not '{scenario.id}'")
        if strict and snap.get("content_hash") != scenario.content_hash:
            raise SnapshotError(f"scenario '{scenario.id}' has changed since this playthrough was saved")
        choices = snap.get("choices")
        seed = snap.get("seed", 0)
        persona = snap.get("persona") or None
        if persona is not None and persona not in scenario.personas and not strict:
            persona = None  # the persona was removed from the file since: play the first one
        start = snap.get("start")
        try:
            play = cls(scenario, seed=seed, start=start, persona=persona, preset=Preset.from_dict(snap.get("preset")),
                       story=QuarterStory.from_dict(snap.get("quarter")))
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


def play(scenario: Scenario, choices, seed: int = 0, start: str | None = None,
         persona: str | None = None, preset: Preset | None = None, story: QuarterStory | None = None) -> Playthrough:
    """Play `choices` from the start (or from `start`) and return the playthrough."""
    run = Playthrough(scenario, seed=seed, start=start, persona=persona, preset=preset, story=story)
    run.choose_all(choices)
    return run
