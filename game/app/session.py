"""One trainee's conversation in progress: the playthrough, who plays it and
how, autosaved after every reply and recorded on the scoreboard when done."""
from __future__ import annotations

from game.core.engine import Playthrough
from game.core.turns import draw_persona, fresh_seed
from game.storage import saves
from game.storage.attempts import Attempt, now_iso
from game.storage.files import StorageError
from game.storage.scoreboard import lookup_style


def save_store(scoreboard):
    """Where this conversation in progress is kept: the scoreboard's database
    when it keeps saves (a server: trainee_play.KeepingBoard), else None, the
    files under saves/ (the window and the terminal)."""
    return getattr(scoreboard, "save_store", None)


def back_to_quarter(week: int | None) -> str:
    """The way on from a conversation the quarter asked for (its debrief's first action, in every shell)."""
    return "Back to the quarter" if week is None else f"Back to the quarter (week {week})"


class GameSession:
    def __init__(self, scenario, scenario_path: str, player: str, mode: str, scoreboard=None,
                 seed: int = 0, run: Playthrough | None = None, started_at: str | None = None,
                 start: str | None = None, persona: str | None = None, persona_fixed: bool = False,
                 player_style: str | None = None, learner: str = "", active_s: float | None = 0.0,
                 ask_style: bool = True, preset=None):
        self.scenario = scenario
        self.scenario_path = str(scenario_path)
        self.player = player
        self.mode = mode
        self.scoreboard = scoreboard
        self.run = run or Playthrough(scenario, seed=seed, start=start, persona=persona, preset=preset)
        self.persona_fixed = persona_fixed  # chosen with --persona: replays keep it
        self.started_at = started_at or now_iso()
        self.attempt: Attempt | None = None
        # when each reply was made, for the scoreboard (unknown for replies before a resume)
        self.step_times: list[str | None] = [None] * len(self.run.choices)
        self.problem: str | None = None  # a storage message to show, if any
        self.learner = learner or ""  # the learner id (settings), for the LRS
        # time on task: counted while the conversation is on screen (not paused, not closed);
        # None when unknown (resumed from a save made before it was counted)
        self.active_s = active_s
        self.in_campaign = False  # a portfolio quarter's conversation: its outcome goes back to the quarter
        self.quarter_week: int | None = None  # the quarter's week that asked for it (its debrief's way back)
        # the attempt's registration when a server derives it from the save (so any process records it once)
        self.registration: str | None = None
        # the trainee's own style (self-check); '' when not taken; None while the scoreboard is asked
        # (ask_style=False: only when first needed, e.g. a server rebuilding the session for one reply)
        self._player_style = player_style if player_style is not None or not ask_style \
            else self._style_from(scoreboard)

    def _style_from(self, scoreboard) -> str | None:
        if hasattr(scoreboard, "style_of"):  # the window's scoreboard: known, or asked for in the background
            return scoreboard.style_of(self.player)
        return lookup_style(scoreboard, self.player)

    @property
    def player_style(self) -> str:
        """The trainee's style ('' when not known): read from the scoreboard
        off the frame loop, so it is known long before the debrief asks."""
        if self._player_style is None:
            self._player_style = self._style_from(self.scoreboard)
        return self._player_style or ""

    @property
    def coach(self) -> bool:
        return self.mode == "coach"

    def on_screen(self, dt: float) -> None:
        """The conversation was in front of the trainee for `dt` seconds (a
        long gap, the computer asleep, counts as one second at most)."""
        if self.active_s is not None and not self.run.finished:
            self.active_s += min(max(dt, 0.0), 1.0)

    def choose(self, number: int):
        step = self.run.choose(number)
        self.step_times.append(now_iso())
        if self.run.finished:
            self.finish()
        else:
            self.autosave()
        return step

    def autosave(self) -> None:
        """Save the conversation so far as the player's conversation in progress (Resume on the title). Not
        a quarter's conversation in the window (`in_campaign`): it is kept with its quarter and resumes only
        through it, and the player's own saved conversation stays as it was."""
        if self.in_campaign:
            return
        try:
            saves.save_session(saves.Session(player=self.player, mode=self.mode, scenario_path=self.scenario_path,
                                             snapshot=self.run.snapshot(), started_at=self.started_at,
                                             title=self.scenario.title, active_s=self.active_s,
                                             learner=self.learner), save_store(self.scoreboard))
        except StorageError as exc:
            self.problem = str(exc)

    def finish(self) -> None:
        if self.in_campaign:  # never saved as the player's conversation: a saved one of their own stays
            self._record("this attempt")
            return
        try:
            saves.clear_session(self.player, save_store(self.scoreboard))
        except StorageError as exc:  # the attempt is still recorded below
            self.problem = str(exc)
        self._record("this attempt")

    def _record(self, what: str) -> None:
        """Put this playthrough on the scoreboard once (finished or abandoned);
        never a playtest (`--from`, `--set`, `--mood`): it is not the trainee's."""
        if self.scoreboard is None or self.attempt is not None or not self.player or self.run.playtest:
            return
        try:
            attempt = Attempt.from_playthrough(self.run, self.player, self.mode, self.started_at,
                                               step_times=self.step_times, player_style=self.player_style,
                                               learner=self.learner, active_s=self.active_s)
            if self.registration:
                attempt.registration = self.registration
            self.scoreboard.record(attempt)
            self.attempt = attempt
        except (StorageError, ValueError) as exc:
            self.problem = f"{what} could not be added to the scoreboard: {exc}"

    def abandon(self) -> None:
        """The trainee leaves this conversation for a new one before its end.
        An assessment is recorded as abandoned (with its replies so far), so
        a bad run is never dropped silently; practice in coach mode is not."""
        if not self.run.finished and self.run.choices and self.mode == "assessment":
            self._record("the abandoned attempt")

    def restarted(self, mode: str | None = None) -> "GameSession":
        """A new playthrough of the same scenario: a fresh seed, so a fresh order
        of replies and (unless one was chosen) a freshly drawn persona; in
        `mode` when given (a mode changed in the settings applies from here)."""
        seed = fresh_seed()
        persona = self.run.persona if self.persona_fixed else draw_persona(self.scenario, seed)
        return GameSession(self.scenario, self.scenario_path, self.player, mode or self.mode, self.scoreboard,
                           seed=seed, start=self.run.start, persona=persona, persona_fixed=self.persona_fixed,
                           player_style=self.player_style, learner=self.learner, preset=self.run.preset)


class Draws:
    """The seed and persona drawn for each scenario's next playthrough (per
    player), kept until that playthrough ends: leaving a briefing and coming
    back meets the same customer, so nobody shops for the easy one."""

    def __init__(self):
        self._kept: dict[tuple[str, str], tuple[int, str]] = {}

    def draw(self, scenario, player: str, seed: int | None = None, persona: str | None = None) -> tuple[int, str]:
        """(seed, persona) for `player`'s playthrough of `scenario`: the kept
        ones, unless a seed or a persona is asked for (a playtest, --persona)."""
        key = (scenario.id, saves.player_key(player or ""))
        if seed is None and persona is None and key in self._kept:
            kept = self._kept[key]
            if not scenario.personas or kept[1] in scenario.personas:
                return kept
        seed = fresh_seed() if seed is None else seed
        drawn = (seed, draw_persona(scenario, seed, persona))
        if persona is None:
            self._kept[key] = drawn
        return drawn

    def ended(self, scenario_id: str, player: str) -> None:
        """That playthrough is over: the next one draws afresh."""
        self._kept.pop((scenario_id, saves.player_key(player or "")), None)


def session_from_save(saved: saves.Session, scoreboard) -> tuple[GameSession | None, str | None]:
    """A saved conversation rebuilt: (session, note). The note says the file
    was edited since (replies replayed as far as they still fit) or, without
    a session, why it could not be rebuilt."""
    from game.core import loader
    from game.core.errors import SnapshotError
    checked = loader.check_file(saved.scenario_path)
    if not checked.ok:
        return None, f"The saved scenario cannot be opened: {(checked.errors or checked.diagnostics)[0].format()}"
    note = None
    try:
        run = Playthrough.restore(checked.scenario, saved.snapshot)
    except SnapshotError:
        try:
            run = Playthrough.restore(checked.scenario, saved.snapshot, strict=False)
            note = "The scenario was edited since you saved; your replies were replayed as far as they still fit."
        except SnapshotError as exc:
            return None, f"The saved conversation could not be resumed: {exc}"
    return GameSession(checked.scenario, saved.scenario_path, saved.player, saved.mode, scoreboard, run=run,
                       started_at=saved.started_at, learner=saved.learner, active_s=saved.active_s), note


def abandon_saved(player: str, scoreboard) -> str | None:
    """Before a new conversation replaces this player's saved one: record
    the saved one as abandoned if it was an assessment. Returns a message
    when it could not be recorded (the new conversation goes ahead)."""
    saved, _ = saves.load_session(player, save_store(scoreboard))
    if saved is None or saved.mode != "assessment" or not saved.snapshot.get("choices"):
        return None
    old, note = session_from_save(saved, scoreboard)
    if old is None:
        return f"An unfinished assessment could not be recorded as abandoned. {note}"
    old.abandon()
    return old.problem

