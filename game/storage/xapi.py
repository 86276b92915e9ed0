"""Attempts as xAPI 1.0.3 statements, for a learning record store (LRS).

For each attempt: one `answered` statement per reply and one `completed`
statement, all sharing `context.registration` (the attempt's UUID). The
player is an Agent identified by an account on a configurable home page;
the scenario is the activity of every statement (which node a reply
answered is in the result's extensions). Statement ids are derived from the registration, so
exporting the same attempt twice gives the same ids and an LRS won't store
it twice.
"""
from __future__ import annotations

import re
import uuid
from datetime import datetime

from ..model import LEVERS, RULES

XAPI_VERSION = "1.0.3"
DEFAULT_HOME_PAGE = "https://five-levers.invalid/players"
DEFAULT_ACTIVITY_BASE = "https://five-levers.invalid/xapi"
VERB_ANSWERED = {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}}
VERB_COMPLETED = {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"en-US": "completed"}}
VERB_VOIDED = {"id": "http://adlnet.gov/expapi/verbs/voided", "display": {"en-US": "voided"}}
VERB_ABANDONED = {"id": "https://w3id.org/xapi/adl/verbs/abandoned", "display": {"en-US": "abandoned"}}
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^\s]+$")


def check_iri(value: str, what: str) -> str:
    """An absolute http(s)-style IRI, or ValueError saying what is wrong."""
    if not isinstance(value, str) or not _IRI.match(value):
        raise ValueError(f"{what} must be an absolute address such as https://example.org/…, not {value!r}")
    return value.rstrip("/")


def _iso_duration(seconds: float) -> str:
    return f"PT{max(0.0, float(seconds)):.0f}S"


def _timestamp(text: str) -> str:
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return text
    if moment.tzinfo is None:  # our times are UTC
        return moment.isoformat() + "Z"
    return moment.isoformat()


class StatementBuilder:
    def __init__(self, home_page: str = DEFAULT_HOME_PAGE, activity_base: str = DEFAULT_ACTIVITY_BASE):
        self.home_page = check_iri(home_page, "the players' home page")
        self.base = check_iri(activity_base, "the activity base address")

    def ext(self, name: str) -> str:
        return f"{self.base}/extensions/{name}"

    def actor(self, player: str) -> dict:
        return {"objectType": "Agent", "name": player, "account": {"homePage": self.home_page, "name": player}}

    def scenario_activity(self, attempt) -> dict:
        return {"objectType": "Activity", "id": f"{self.base}/scenarios/{attempt.scenario}",
                "definition": {"type": SIMULATION, "name": {"en-US": attempt.title or attempt.scenario}}}

    def context(self, attempt) -> dict:
        return {"registration": attempt.registration, "platform": "Five Levers",
                "revision": str(attempt.version),
                "extensions": {self.ext("mode"): attempt.mode, self.ext("content-hash"): attempt.content_hash,
                               # who the customer was and the trainee's own style (null when not known)
                               self.ext("persona"): attempt.persona or None,
                               self.ext("persona-style"): attempt.persona_style or None,
                               self.ext("player-style"): attempt.player_style or None}}

    def statement_id(self, attempt, name: str) -> str:
        """Stable for the same attempt and settings (re-sending is harmless:
        the LRS answers 409, already there); new when the activity base or
        the home page changes, so a corrected export is new statements (and
        `voiding` takes back the old ones)."""
        return str(uuid.uuid5(uuid.UUID(attempt.registration), f"{self.home_page} {self.base} {name}"))

    def answered(self, attempt, number: int, step: dict) -> dict:
        return {
            "id": self.statement_id(attempt, f"answered-{number}"),
            "version": XAPI_VERSION,
            "actor": self.actor(attempt.player),
            "verb": VERB_ANSWERED,
            "object": self.scenario_activity(attempt),
            "result": {"response": step["text"],
                       "extensions": {self.ext("levers"): {lever: int(step["levers"].get(lever, 0))
                                                           for lever in LEVERS},
                                      self.ext("rules-broken"): list(step.get("breaks", [])),
                                      self.ext("step"): number,
                                      self.ext("node"): step["node"],
                                      self.ext("choice"): int(step["choice"]),
                                      self.ext("mood"): {"before": step.get("mood_before"),
                                                         "after": step.get("mood_after")}}},
            "context": self.context(attempt),
            "timestamp": _timestamp(step.get("at") or attempt.finished_at),
        }

    def completed(self, attempt) -> dict:
        levers = attempt.levers
        return {
            "id": self.statement_id(attempt, "completed"),
            "version": XAPI_VERSION,
            "actor": self.actor(attempt.player),
            "verb": VERB_COMPLETED,
            "object": self.scenario_activity(attempt),
            "result": {"score": {"scaled": round(attempt.score / 100, 4), "raw": attempt.score, "min": 0, "max": 100},
                       "success": attempt.outcome == "retained",
                       "completion": True,
                       "duration": _iso_duration(attempt.duration_s),
                       "extensions": {self.ext("lever-percents"): {lever: levers.get(lever, {}).get("percent")
                                                                   for lever in LEVERS},
                                      self.ext("rule-breaches"): {rule: int(attempt.rules.get(rule, 0))
                                                                  for rule in RULES},
                                      self.ext("grade"): attempt.grade,
                                      self.ext("outcome"): attempt.outcome}},
            "context": self.context(attempt),
            "timestamp": _timestamp(attempt.finished_at),
        }

    def abandoned(self, attempt) -> dict:
        """An assessment left before its end: no completion, no success."""
        return {
            "id": self.statement_id(attempt, "abandoned"),
            "version": XAPI_VERSION,
            "actor": self.actor(attempt.player),
            "verb": VERB_ABANDONED,
            "object": self.scenario_activity(attempt),
            "result": {"completion": False, "duration": _iso_duration(attempt.duration_s)},
            "context": self.context(attempt),
            "timestamp": _timestamp(attempt.finished_at),
        }

    def voiding(self, attempts) -> list[dict]:
        """Statements that void what `statements(attempts)` sent with these
        settings (a wrong activity base or home page): send them, then the
        corrected export."""
        out = []
        for target in self.statements(attempts):
            out.append({"id": str(uuid.uuid5(uuid.UUID(target["id"]), "voided")), "version": XAPI_VERSION,
                        "actor": target["actor"], "verb": VERB_VOIDED,
                        "object": {"objectType": "StatementRef", "id": target["id"]},
                        "timestamp": target["timestamp"]})
        return out

    def statements(self, attempts) -> list[dict]:
        out = []
        for attempt in attempts:
            for number, step in enumerate(attempt.steps, 1):
                out.append(self.answered(attempt, number, step))
            out.append(self.abandoned(attempt) if attempt.status == "abandoned" else self.completed(attempt))
        return out
