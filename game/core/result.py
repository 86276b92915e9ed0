"""What a playthrough comes to: each step taken (`Step`), the result
(`Result`, the scripted JSON's shape), and the checks on a saved snapshot's shape."""
from __future__ import annotations

from dataclasses import dataclass, field

from game.core import scoring

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
    line: str = ""  # what the customer (or narrator) said at the node, after variants

    def to_dict(self) -> dict:
        return {"node": self.node, "line": self.line, "choice": self.choice, "text": self.text,
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
    persona: str | None = None
    ending_text: tuple[str, ...] = ()
    coaching: str = ""

    def to_dict(self) -> dict:
        return {
            "scenario": self.scenario, "version": self.version, "persona": self.persona,
            "finished": self.finished, "path": list(self.path), "ending": self.ending, "outcome": self.outcome,
            "mood": self.mood, "levers": {k: v.to_dict() for k, v in self.levers.items()},
            "rules": dict(self.rules), "score": self.score, "grade": self.grade,
            "steps": [s.to_dict() for s in self.steps],
        }


def snapshot_shape_problem(snap) -> str | None:
    """What is wrong with the kinds of a snapshot's fields (None: nothing);
    whether they fit a scenario is `Playthrough.restore`'s business."""
    if not isinstance(snap, dict):
        return "a saved playthrough must be a mapping"
    choices, seed = snap.get("choices"), snap.get("seed", 0)
    if not isinstance(choices, list) or not all(isinstance(c, int) and not isinstance(c, bool) for c in choices):
        return "the save's 'choices' must be a list of whole numbers"
    if not isinstance(seed, int) or isinstance(seed, bool):
        return "the save's 'seed' must be a whole number"
    for name in ("persona", "start"):
        if snap.get(name) is not None and not isinstance(snap.get(name), str):
            return f"the save's '{name}' must be text"
    return None
