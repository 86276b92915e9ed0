"""A playthrough: one trainee's way through one scenario.

A playthrough is data: the scenario's id, version and content hash, a seed
and the choices made (1-based positions among the choices shown). Everything
else (the current node, flags, mood, points, rules broken) is derived by
replaying those choices, so saving, resuming, replaying, the debrief and
the scoreboard all come from `snapshot()`. A conversation the portfolio quarter
asks for also carries the quarter's story (game/core/quarter_story.py).
"""
from __future__ import annotations

from game.core import node_plans, scoring, turns
from game.core.errors import ChoiceNotShown, PlayError, SnapshotError
from game.core.model import LEVERS, WALKED_OUT, Choice, Scenario
from game.core.playtest import Preset
from game.core.quarter_story import QuarterStory
from game.core.result import SNAPSHOT_FORMAT, Result, Step, snapshot_shape_problem
from game.core.turns import check_persona, orders_for_seed, pick_variant, resolve_ending, rules_broken, seed_hash

_NO_POINTS = dict.fromkeys(LEVERS, 0)  # copied for each playthrough
_NO_RULES = scoring.empty_rules()
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
        self._plans = node_plans.plans(scenario, self.persona)  # each node's static facts, made once
        self.state = self.start
        self._here = self._plans[self.start]  # the current node's plan (None at an ending)
        self.preset = preset or _NO_PRESET  # a playtest's flags and mood before the first reply
        self.mood = self.preset.mood or scenario.customer_for(self.persona).mood
        self.story = story or _NO_STORY  # the portfolio quarter's story on the account (read-only names)
        self.flags: dict[str, object] = dict(self.preset.flags) if self.preset.flags else {}
        self.points = dict(_NO_POINTS)
        self.rules = dict(_NO_RULES)
        self.taken: set[tuple[str, int]] = set()
        self.choices: list[int] = []
        self.steps: list[Step] = []
        self.path: list[str] = [self.start]
        self._shown: list[Choice] | None = None
        self._said: tuple[tuple[str, ...], str | None] | None = None  # (the line, joined) once worked out
        self._env: dict | None = None  # what conditions see (made at the first condition, then kept by choose)
        self._orders = orders_for_seed(self.seed)  # the nodes' orders for this seed, hashed once (shared)
        self._seed_hash = seed_hash(self.seed)

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
        said = self._said
        if said is None:
            said = self._say()
        return said[0]

    def _say(self) -> tuple[tuple[str, ...], str | None]:
        """(the line said now, the same joined for a transcript; None at an ending), kept until the next choice."""
        here = self._here
        if here is not None:
            said = here.said
            if here.variants:
                env, mood = self._env, self.mood
                if env is None:
                    env = self._step_env()
                for holds, variant_said in here.variants:
                    if holds(env, mood):
                        said = variant_said
                        break
        else:
            ending = self.scenario.endings.get(self.state)
            line = () if ending is None else ending.text
            if ending is not None and ending.variants:
                variant = pick_variant(ending.variants, self._step_env(), self.mood)
                if variant is not None and variant.text:
                    line = variant.text
            said = (line, None)
        self._said = said
        return said

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

    def shown_choices(self) -> list[Choice]:
        """The choices shown now, in the order shown (after `if`, `once`, `shuffle`),
        as they land with this playthrough's persona. The list is shared until
        the next choice: do not change it."""
        shown = self._shown
        if shown is None:
            here = self._here
            if here is None:
                shown = []
            else:
                replies = here.replies
                if here.shuffle:
                    order = self._orders.get(here.order_key)
                    if order is None:  # the first time this seed reaches the node (turns.shuffled_order)
                        order = self._orders[here.order_key] = turns.hashed_order(self._seed_hash, here.tails)
                else:
                    order = None
                gates = here.gates
                if gates is None:
                    shown = list(replies) if order is None else [replies[i] for i in order]
                else:
                    shown = []
                    env = None
                    taken = self.taken
                    node_id = here.id
                    for i in range(here.count) if order is None else order:
                        once, holds = gates[i]
                        if once and (node_id, i) in taken:
                            continue
                        if holds is not None:
                            if env is None:
                                env = self._step_env()
                            if not holds(env, self.mood):
                                continue
                        shown.append(replies[i])
            self._shown = shown
        return shown

    # -- acting ---------------------------------------------------------------
    def choose(self, number: int) -> Step:
        """Take the choice at 1-based position `number` among those shown."""
        here = self._here
        if here is None:
            raise PlayError(f"the conversation has ended (at '{self.state}'); no more choices can be made")
        shown = self._shown
        if shown is None:
            shown = self.shown_choices()
        if type(number) is not int or not 0 < number <= len(shown):
            raise ChoiceNotShown(len(self.choices) + 1, self.state, number, len(shown))
        choice = shown[number - 1]
        index = choice.index
        said = self._said
        if said is None:
            said = self._say()
        mood_before = self.mood
        env = self._env  # what conditions saw at this step: kept up to date below, not made again
        may_break, lever_points, writes, mood_after = here.facts[index]
        if may_break:
            breaks = rules_broken(here.node, choice, mood_before)
            for rule in breaks:
                self.rules[rule] += 1
            if env is not None and breaks:
                for rule in breaks:
                    env[rule] += 1
                env["breaches"] += len(breaks)
        else:
            breaks = ()
        key = here.keys[index]
        counted: dict[str, int] = {}
        taken = self.taken
        if key not in taken:
            taken.add(key)
            if lever_points:
                points = self.points
                for lever, pts in lever_points:
                    points[lever] += pts
                if env is not None:
                    for lever, pts in lever_points:
                        env[lever] += pts
                counted = choice.levers
        if writes is not None:
            sets, adds, plain = writes
            flags = self.flags
            flags.update(sets)
            for name, amount in adds:
                current = flags.get(name, 0)
                flags[name] = (current if isinstance(current, int) else 0) + amount
            if env is not None:
                if plain:
                    env.update(sets)
                    for name, _ in adds:
                        env[name] = flags[name]
                else:  # a flag named like a read-only name (the validator refuses one): made again
                    self._env = None
        self.mood = mood = mood_after[mood_before]
        self.state = state = self._plans.walkout if mood == WALKED_OUT else here.dests[index]
        self._here = self._plans[state]
        self.path.append(state)
        self.choices.append(number)
        self._shown = None
        self._said = None
        step = Step(here.id, number, index, choice.text, mood_before, mood, breaks, choice.feedback, counted,
                    said[1])
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
        twin._said = None
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
