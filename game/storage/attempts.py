"""An attempt: one playthrough as the scoreboard keeps it: finished, or
abandoned (an assessment restarted or replaced before its end, kept so that
a bad run cannot be dropped silently; never on a leaderboard)."""
from __future__ import annotations

import json
import unicodedata
from datetime import datetime, timezone

from game.core.frozen import DataclassFieldsOnUse
from game.core.model import LEVERS, MASTERY_DEFAULT, RULES

MAX_NAME = 40
# each lever's points, ceiling and percent and each rule's breaches as plain
# numbers (beside the levers' and rules' JSON): what exports and a team's own
# SQL reports read, without decoding JSON row by row
LEVER_NUMBERS = tuple((lever, key) for key in ("points", "ceiling", "percent") for lever in LEVERS)
NUMBER_COLUMNS = (*(f"{lever}_{key}" for lever, key in LEVER_NUMBERS), *(f"{rule}_breaches" for rule in RULES))


def clean_player_name(name) -> str:
    """Trimmed, 1-40 printable characters (a no-break or other space counts as
    a plain space); raises ValueError saying why not."""
    if not isinstance(name, str):
        raise ValueError("a player name must be text")
    name = "".join(" " if unicodedata.category(c) == "Zs" else c for c in name).strip()  # a pasted no-break space
    if not name:
        raise ValueError("a player name cannot be empty")
    if len(name) > MAX_NAME:
        raise ValueError(f"a player name can be at most {MAX_NAME} characters (this one has {len(name)})")
    if not name.isprintable():
        raise ValueError("a player name can only use printable characters (no tabs, newlines or control codes)")
    return name


MAX_LEARNER = 254  # the longest e-mail address


def clean_learner_id(text) -> str:
    """A learner id (an LMS login or an e-mail address) as kept: trimmed and
    in lower case, so 'Ana.Lima@Example.org' and 'ana.lima@example.org' are
    one person; '' for none. Raises ValueError saying what is wrong."""
    if text is None:
        return ""
    if not isinstance(text, str):
        raise ValueError("a learner id must be text")
    text = text.strip()
    if len(text) > MAX_LEARNER:
        raise ValueError(f"a learner id can be at most {MAX_LEARNER} characters (this one has {len(text)})")
    if any(c.isspace() for c in text) or not text.isprintable():
        raise ValueError("a learner id cannot contain spaces or control characters "
                         "(use the LMS login or e-mail address)")
    return text.lower()


def now_iso() -> str:
    """Now, in UTC, to the millisecond (xAPI timestamps keep milliseconds)."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def new_registration() -> str:
    """A new attempt's registration (a random UUID); uuid is imported here: reading the scoreboard starts
    without it (and the platform module it brings) (issue 33)."""
    import uuid
    return str(uuid.uuid4())


NEW = object()  # `steps`' default: a new empty list (a dataclass default_factory)


class Attempt:
    """One attempt as kept. Written out as `@dataclass` made it (`__init__` in the fields' order with their
    defaults, `__repr__`, `__eq__`, unhashable), without importing `dataclasses` and the `inspect` it brings or
    compiling those methods at import: reading the scoreboard starts without them (issue 33). The fields are
    the annotations below, in order."""
    player: str
    scenario: str
    version: int
    content_hash: str
    title: str
    mode: str
    seed: int
    started_at: str
    finished_at: str
    duration_s: float
    choices: list[int]
    path: list[str]
    levers: dict  # lever -> {"points", "ceiling", "percent"}
    rules: dict  # rule -> breaches
    score: int
    grade: str
    outcome: str
    ending: str | None = None
    # each reply: node, choice (1-based as shown), text, levers counted, breaks, mood before/after
    steps: list  # default: a new empty list
    persona: str = ""  # the persona id, '' when the scenario has none
    persona_style: str = ""  # the persona's style (direct, analytical, steady, expressive), '' when none
    player_style: str = ""  # the trainee's own style from the self-check at the time, '' when not taken
    status: str = "finished"  # finished | abandoned
    learner: str = ""  # the learner id (LMS login or e-mail, lower case); '' when not given
    active_s: float | None = None  # time on task (the window open on it); None when not measured
    scripted: bool = False  # played by a script (play --choices / --plan), not by a person at a screen
    mastery: int = MASTERY_DEFAULT  # the score that passed in this scenario when it was played (xAPI success)
    # the portfolio quarter's story on the account when a quarter asked for the conversation
    # (game/core/quarter_story.py, QuarterStory.to_dict()); {} when played alone (and for records before it)
    quarter: dict  # default: a new empty dict
    registration: str  # default: a new random UUID (new_registration)
    id: int | None = None

    __dataclass_fields__ = DataclassFieldsOnUse()  # dataclasses.fields, asdict and replace work on it
    __hash__ = None  # mutable: unhashable, as the dataclass was

    def __init__(self, player: str, scenario: str, version: int, content_hash: str, title: str, mode: str, seed: int,
                 started_at: str, finished_at: str, duration_s: float, choices: list[int], path: list[str],
                 levers: dict, rules: dict, score: int, grade: str, outcome: str, ending: str | None = None,
                 steps: list = NEW, persona: str = "", persona_style: str = "", player_style: str = "",
                 status: str = "finished", learner: str = "", active_s: float | None = None, scripted: bool = False,
                 mastery: int = MASTERY_DEFAULT, quarter: dict = NEW, registration: str = NEW, id: int | None = None):
        self.player, self.scenario, self.version, self.content_hash = player, scenario, version, content_hash
        self.title, self.mode, self.seed, self.started_at = title, mode, seed, started_at
        self.finished_at, self.duration_s, self.choices, self.path = finished_at, duration_s, choices, path
        self.levers, self.rules, self.score, self.grade = levers, rules, score, grade
        self.outcome, self.ending = outcome, ending
        self.steps = [] if steps is NEW else steps
        self.persona, self.persona_style, self.player_style = persona, persona_style, player_style
        self.status, self.learner, self.active_s, self.scripted = status, learner, active_s, scripted
        self.mastery = mastery
        self.quarter = {} if quarter is NEW else quarter
        self.registration = new_registration() if registration is NEW else registration
        self.id = id

    def _values(self) -> tuple:
        return tuple([getattr(self, name) for name in FIELDS])

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    def __repr__(self) -> str:
        return f"{self.__class__.__qualname__}({', '.join(f'{n}={getattr(self, n)!r}' for n in FIELDS)})"

    @classmethod
    def from_playthrough(cls, run, player: str, mode: str, started_at: str, finished_at: str | None = None,
                         step_times: list[str] | None = None, player_style: str = "", learner: str = "",
                         active_s: float | None = None, scripted: bool = False):
        """`step_times`: when each reply was made (ISO 8601); the finish time when unknown.
        `active_s`: time on task when the caller measured it (time closed is not counted)."""
        result = run.result()
        finished_at = finished_at or now_iso()
        try:
            duration = max(0.0, (datetime.fromisoformat(finished_at) - datetime.fromisoformat(started_at)).total_seconds())
        except ValueError:
            duration = 0.0
        scenario = run.scenario
        from game.core.reply_marks import reply_marks  # here: reading the scoreboard needs no engine (issue 33)
        marks = reply_marks(scenario, run.persona)
        return cls(player=clean_player_name(player), scenario=scenario.id, version=scenario.version,
                   content_hash=scenario.content_hash, title=scenario.title, mode=mode, seed=run.seed,
                   started_at=started_at, finished_at=finished_at, duration_s=duration,
                   choices=list(run.choices), path=list(result.path),
                   levers={k: v.to_dict() for k, v in result.levers.items()}, rules=dict(result.rules),
                   score=result.score, grade=result.grade,
                   outcome=result.outcome or ("lost" if run.finished else "abandoned"), ending=result.ending,
                   persona=run.persona, persona_style=persona_style(scenario, run.persona),
                   player_style=player_style or "",
                   steps=[step_record(s, at or finished_at, scenario, marks) for s, at in
                          zip(result.steps, [*(step_times or []), *[None] * len(result.steps)])],
                   status="finished" if run.finished else "abandoned", learner=clean_learner_id(learner),
                   active_s=None if active_s is None else round(max(0.0, active_s), 3), scripted=scripted,
                   mastery=scenario.mastery, quarter=run.story.to_dict() if run.story else {})

    @property
    def person(self) -> str:
        """Who this is for leaderboards and the LRS: the learner id when given, else the display name."""
        return f"id:{self.learner}" if self.learner else f"name:{self.player}"

    @property
    def time_on_task(self) -> float:
        """Seconds spent on it: measured when known, else start to finish."""
        return self.duration_s if self.active_s is None else self.active_s

    @property
    def passed(self) -> bool:
        """Pass or fail against the scenario's mastery score (an abandoned attempt never passes)."""
        return self.status == "finished" and self.score >= self.mastery

    @property
    def breaches(self) -> int:
        return sum(self.rules.values())

    def to_dict(self) -> dict:
        return {"id": self.id, "registration": self.registration, "player": self.player, "scenario": self.scenario,
                "title": self.title, "version": self.version, "content_hash": self.content_hash, "mode": self.mode,
                "seed": self.seed, "started_at": self.started_at, "finished_at": self.finished_at,
                "duration_s": self.duration_s, "choices": self.choices, "path": self.path, "levers": self.levers,
                "rules": self.rules, "score": self.score, "grade": self.grade, "outcome": self.outcome,
                "ending": self.ending, "persona": self.persona or None,
                "persona_style": self.persona_style or None, "player_style": self.player_style or None,
                "status": self.status, "learner": self.learner or None, "active_s": self.active_s,
                "scripted": self.scripted, "mastery": self.mastery, "passed": self.passed, "steps": self.steps}

    def steps_json(self) -> str:
        """The replies as stored (in their own table: most of an attempt's bytes, read only when wanted)."""
        return json.dumps(self.steps, ensure_ascii=False)

    def row(self) -> tuple:
        """The `attempts` table's columns (sql_board.COLUMNS), all but the replies."""
        return (self.registration, self.player, self.scenario, self.version, self.content_hash, self.title,
                self.mode, self.seed, self.started_at, self.finished_at, self.duration_s,
                json.dumps(self.choices), json.dumps(self.path), json.dumps(self.levers),
                json.dumps(self.rules), self.breaches, self.score, self.grade, self.outcome, self.ending,
                self.persona, self.persona_style, self.player_style, self.status, self.learner, self.person,
                self.active_s, int(self.scripted), self.mastery, json.dumps(self.quarter))


    def numbers(self) -> tuple:
        """The values of NUMBER_COLUMNS: a lever the attempt has no figures for is empty (None), a rule never broken 0."""
        return (*(self.levers.get(lever, {}).get(key) for lever, key in LEVER_NUMBERS),
                *(int(self.rules.get(rule, 0)) for rule in RULES))


FIELDS = tuple(Attempt.__annotations__)  # the fields, in order (what the dataclass's were)


def persona_style(scenario, persona: str) -> str:
    found = scenario.personas.get(persona) if persona else None
    return found.style if found is not None else ""


def step_record(step, at: str, scenario=None, marks: dict | None = None) -> dict:
    """One reply as kept: `index` is the choice's authored position in its
    node and `options` every authored choice's text there, `line` what the
    customer said, `best` the authored positions of the node's best replies
    and `scaled` this reply's mark (0.0-1.0, game.core.reply_marks), so an
    LRS can be told the whole question (a cmi.interaction), its correct
    answer and how well it was answered, without the scenario file."""
    record = {"at": at, "node": step.node, "choice": step.choice, "text": step.text, "levers": dict(step.levers),
              "breaks": list(step.breaks), "mood_before": step.mood_before, "mood_after": step.mood_after,
              "index": step.index, "line": getattr(step, "line", "") or ""}
    node = scenario.nodes.get(step.node) if scenario is not None else None
    if node is not None:
        record["options"] = [choice.text for choice in node.choices]
        if marks is None:
            from game.core.reply_marks import reply_marks
            marks = reply_marks(scenario)
        mark = marks.get(step.node)
        if mark is not None and 0 <= step.index < len(mark.scaled):
            record["best"] = list(mark.best)
            record["scaled"] = mark.scaled[step.index]
    return record


_TEXT = ("player", "scenario", "content_hash", "title", "mode", "started_at", "finished_at", "grade", "outcome",
         "persona", "persona_style", "player_style", "status", "learner", "registration")
_WHOLE = ("version", "seed", "score", "mastery")


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value) -> bool:
    return (_is_int(value) or isinstance(value, float)) and value == value  # not NaN


def attempt_problem(attempt) -> str | None:
    """What makes a stored or kept attempt unfit to trust, in words, or None.
    Checked before an attempt is written and whenever one is read back
    (pending files, scoreboard rows), so one damaged record is set aside or
    skipped and never stops the records behind it."""
    try:
        for name in _TEXT:
            if not isinstance(getattr(attempt, name), str):
                return f"'{name}' is not text"
        for name in _WHOLE:
            if not _is_int(getattr(attempt, name)):
                return f"'{name}' is not a whole number"
        if not -(2 ** 63) <= attempt.seed < 2 ** 63 or not 0 <= attempt.score <= 100:
            return "'seed' or 'score' is out of range"
        if not _is_number(attempt.duration_s) or (attempt.active_s is not None and not _is_number(attempt.active_s)):
            return "'duration_s' or 'active_s' is not a number"
        if attempt.ending is not None and not isinstance(attempt.ending, str):
            return "'ending' is not text"
        if not isinstance(attempt.quarter, dict):
            return "'quarter' is not a mapping"
        if not isinstance(attempt.scripted, bool):
            return "'scripted' is not true or false"
        if not attempt.registration:
            return "it has no registration"
        from uuid import UUID
        UUID(attempt.registration)
        if not isinstance(attempt.choices, list) or not all(_is_int(c) for c in attempt.choices):
            return "'choices' is not a list of reply numbers"
        if not isinstance(attempt.path, list) or not all(isinstance(p, str) for p in attempt.path):
            return "'path' is not a list of node ids"
        levers, rules = attempt.levers, attempt.rules
        if not isinstance(levers, dict) or not all(
                isinstance(v, dict) and all(v.get(k) is None or _is_int(v.get(k)) for k in ("points", "ceiling", "percent"))
                for v in levers.values()):
            return "'levers' is not lever -> {points, ceiling, percent}"
        if not isinstance(rules, dict) or not all(_is_int(v) and v >= 0 for v in rules.values()):
            return "'rules' is not rule -> count"
        if not isinstance(attempt.steps, list) or not all(isinstance(s, dict) for s in attempt.steps):
            return "'steps' is not a list of replies"
    except (ValueError, TypeError, AttributeError, RecursionError) as exc:
        return f"it cannot be read ({type(exc).__name__}: {str(exc)[:80]})"
    return None
