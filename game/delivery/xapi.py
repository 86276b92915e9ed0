"""Attempts as xAPI 1.0.3 statements, for a learning record store (LRS).

No statement sets `version`: xAPI 1.0.3 says a provider should leave it to
the LRS. Each reply is a `choice` interaction named by the scenario and the
customer's words, its replies listed as `choices` and the best reply (by the
assessment's own value, game.core.reply_marks) as `correctResponsesPattern`;
`answered` says whether the best reply was given (`success`) and how good
the reply was (`score.scaled`), so an LRS's question report can tell a good
reply from a bad one.

For each attempt, all sharing `context.registration` (the attempt's UUID):
`initialized` (when it started), one `answered` per reply, then `completed`
and `terminated` when it finished, or `abandoned` when an assessment was
left before its end. The scenario is a simulation activity; each reply
answers its node, a `cmi.interaction` choice activity listing the node's
choices, with the scenario as parent and the course as grouping. Our
extensions are described in docs/xapi-profile.md.

The learner is an Agent with an account: the learner id (an LMS login or
e-mail, in lower case) on the LMS's home page; a player who gave none is
their display name on Five Levers' own player page, so display names never
pass for LMS logins. Statement ids are derived from the registration, the
home page and the activity base: the same attempt sent twice has the same
ids (the LRS keeps one), and a corrected export is new statements
(`voiding` takes the old ones back).
"""
from __future__ import annotations

import re
from datetime import datetime, timezone

from game.core.model import LEVERS, RULES

XAPI_VERSION = "1.0.3"  # the version we speak (the X-Experience-API-Version header), never set in a statement
NAME_WORDS = 90  # an interaction's name quotes this many characters of the customer's words at most
LANGUAGE = "en-US"  # every text Five Levers ships is in English
DEFAULT_HOME_PAGE = "https://five-levers.invalid/players"
DEFAULT_ACTIVITY_BASE = "https://five-levers.invalid/xapi"


def _verb(iri: str, word: str) -> dict:
    return {"id": iri, "display": {LANGUAGE: word}}


VERB_INITIALIZED = _verb("http://adlnet.gov/expapi/verbs/initialized", "initialized")
VERB_ANSWERED = _verb("http://adlnet.gov/expapi/verbs/answered", "answered")
VERB_COMPLETED = _verb("http://adlnet.gov/expapi/verbs/completed", "completed")
VERB_TERMINATED = _verb("http://adlnet.gov/expapi/verbs/terminated", "terminated")
VERB_ABANDONED = _verb("https://w3id.org/xapi/adl/verbs/abandoned", "abandoned")
VERB_VOIDED = _verb("http://adlnet.gov/expapi/verbs/voided", "voided")
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
COURSE = "http://adlnet.gov/expapi/activities/course"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
PROFILE = "http://adlnet.gov/expapi/activities/profile"
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^\s]+$")


def check_iri(value: str, what: str) -> str:
    """An absolute http(s)-style IRI, or ValueError saying what is wrong."""
    if not isinstance(value, str) or not _IRI.match(value):
        raise ValueError(f"{what} must be an absolute address such as https://example.org/…, not {value!r}")
    return value.rstrip("/")


def iso_duration(seconds) -> str:
    """Seconds as an ISO 8601 duration, to the hundredth (xAPI keeps 0.01 s)."""
    return f"PT{max(0.0, float(seconds or 0)):.2f}S"


def timestamp(text: str) -> str:
    """Our ISO times as xAPI timestamps: UTC, to the millisecond, with a Z."""
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return text
    if moment.tzinfo is None:  # our times are UTC
        moment = moment.replace(tzinfo=timezone.utc)
    moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _words(text: str) -> dict:
    return {LANGUAGE: text}


class StatementBuilder:
    def __init__(self, home_page: str = DEFAULT_HOME_PAGE, activity_base: str = DEFAULT_ACTIVITY_BASE):
        self.home_page = check_iri(home_page, "the players' home page")
        self.base = check_iri(activity_base, "the activity base address")

    def ext(self, name: str) -> str:
        return f"{self.base}/extensions/{name}"

    def actor(self, attempt) -> dict:
        if attempt.learner:
            return {"objectType": "Agent", "name": attempt.player,
                    "account": {"homePage": self.home_page, "name": attempt.learner}}
        return {"objectType": "Agent", "name": attempt.player,
                "account": {"homePage": f"{self.base}/players", "name": attempt.player}}

    def scenario_activity(self, attempt) -> dict:
        return {"objectType": "Activity", "id": f"{self.base}/scenarios/{attempt.scenario}",
                "definition": {"type": SIMULATION, "name": _words(attempt.title or attempt.scenario),
                               "extensions": {self.ext("mastery"): attempt.mastery}}}

    def course(self) -> dict:
        return {"objectType": "Activity", "id": f"{self.base}/course",
                "definition": {"type": COURSE, "name": _words("Five Levers: customer conversations")}}

    def node_activity(self, attempt, step: dict) -> dict:
        """The node a reply answered, as a choice question: named by the
        scenario and the customer's words, its authored replies as choices,
        the best ones as the correct responses."""
        options = step.get("options")
        if options:
            choices = [{"id": f"choice-{n}", "description": _words(text)} for n, text in enumerate(options, 1)]
        else:  # recorded before choices were kept: only the one given is known
            choices = [{"id": self._response(step), "description": _words(step["text"])}]
        title = attempt.title or attempt.scenario
        line = " ".join(str(step.get("line") or "").split())
        if line:
            quoted = line if len(line) <= NAME_WORDS else line[:NAME_WORDS - 1].rstrip() + "…"
            name = f"{title}: “{quoted}”"
            description = f"In “{title}” the customer says: “{line}” How do you reply?"
        else:  # recorded before the customer's words were kept
            name = f"{title}: {step['node']}"
            description = f"A moment of “{title}” (step {step['node']}): how do you reply?"
        definition = {"type": INTERACTION, "name": _words(name), "description": _words(description),
                      "interactionType": "choice", "choices": choices}
        if options and step.get("best"):
            definition["correctResponsesPattern"] = [f"choice-{i + 1}" for i in step["best"]]
        return {"objectType": "Activity", "id": f"{self.base}/scenarios/{attempt.scenario}/nodes/{step['node']}",
                "definition": definition}

    @staticmethod
    def _response(step: dict) -> str:
        index = step.get("index")
        return f"choice-{index + 1}" if isinstance(index, int) else f"choice-{int(step['choice'])}"

    def context(self, attempt, parent: bool = False) -> dict:
        activities = {"grouping": [self.course()],
                      "category": [{"objectType": "Activity", "id": f"{self.base}/profile",
                                    "definition": {"type": PROFILE}}]}
        if parent:
            activities["parent"] = [self.scenario_activity(attempt)]
        return {"registration": attempt.registration, "platform": "Five Levers", "language": LANGUAGE,
                "revision": str(attempt.version), "contextActivities": activities,
                "extensions": {self.ext("mode"): attempt.mode, self.ext("content-hash"): attempt.content_hash,
                               self.ext("scripted"): bool(attempt.scripted),
                               # who the customer was and the trainee's own style (null when not known)
                               self.ext("persona"): attempt.persona or None,
                               self.ext("persona-style"): attempt.persona_style or None,
                               self.ext("player-style"): attempt.player_style or None}}

    def statement_id(self, attempt, name: str) -> str:
        """Stable for the same attempt and settings (re-sending is harmless:
        the LRS keeps one); new when the activity base or the home page
        changes, so a corrected export is new statements."""
        import uuid  # here: reading the scoreboard starts without uuid (issue 33)
        return str(uuid.uuid5(uuid.UUID(attempt.registration), f"{self.home_page} {self.base} {name}"))

    def _statement(self, attempt, name: str, verb: dict, at: str, result: dict | None = None,
                   obj: dict | None = None) -> dict:
        statement = {"id": self.statement_id(attempt, name), "actor": self.actor(attempt),
                     "verb": verb, "object": obj or self.scenario_activity(attempt),
                     "context": self.context(attempt, parent=obj is not None), "timestamp": timestamp(at)}
        if result is not None:
            statement["result"] = result
        return statement

    def initialized(self, attempt) -> dict:
        return self._statement(attempt, "initialized", VERB_INITIALIZED, attempt.started_at)

    def answered(self, attempt, number: int, step: dict) -> dict:
        result = {"response": self._response(step),
                  "extensions": {self.ext("reply"): step["text"],
                                 self.ext("levers"): {lever: int(step["levers"].get(lever, 0)) for lever in LEVERS},
                                 self.ext("rules-broken"): list(step.get("breaks", [])),
                                 self.ext("step"): number,
                                 self.ext("mood"): {"before": step.get("mood_before"),
                                                    "after": step.get("mood_after")}}}
        if isinstance(step.get("scaled"), (int, float)) and isinstance(step.get("best"), list):
            result["success"] = step.get("index") in step["best"]
            result["score"] = {"scaled": round(float(step["scaled"]), 4)}
        return self._statement(attempt, f"answered-{number}", VERB_ANSWERED, step.get("at") or attempt.finished_at,
                               result, obj=self.node_activity(attempt, step))

    def completed(self, attempt) -> dict:
        """Finished: scored, and passed or failed against the scenario's mastery score."""
        levers = attempt.levers
        result = {"score": {"scaled": round(attempt.score / 100, 4), "raw": attempt.score, "min": 0, "max": 100},
                  "success": attempt.passed, "completion": True, "duration": iso_duration(attempt.time_on_task),
                  "extensions": {self.ext("lever-percents"): {lever: levers.get(lever, {}).get("percent")
                                                              for lever in LEVERS},
                                 self.ext("rule-breaches"): {rule: int(attempt.rules.get(rule, 0)) for rule in RULES},
                                 self.ext("grade"): attempt.grade,
                                 self.ext("outcome"): attempt.outcome}}
        return self._statement(attempt, "completed", VERB_COMPLETED, attempt.finished_at, result)

    def terminated(self, attempt) -> dict:
        return self._statement(attempt, "terminated", VERB_TERMINATED, attempt.finished_at,
                               {"duration": iso_duration(attempt.time_on_task)})

    def abandoned(self, attempt) -> dict:
        """An assessment left before its end: no completion, no success."""
        return self._statement(attempt, "abandoned", VERB_ABANDONED, attempt.finished_at,
                               {"completion": False, "duration": iso_duration(attempt.time_on_task)})

    def for_attempt(self, attempt) -> list[dict]:
        """Every statement of one attempt, in the order they happened."""
        out = [self.initialized(attempt)]
        out += [self.answered(attempt, number, step) for number, step in enumerate(attempt.steps, 1)]
        if attempt.status == "abandoned":
            out.append(self.abandoned(attempt))
        else:
            out += [self.completed(attempt), self.terminated(attempt)]
        return out

    def statements(self, attempts) -> list[dict]:
        return [s for attempt in attempts for s in self.for_attempt(attempt)]

    def voiding(self, attempts) -> list[dict]:
        """Statements that void what `statements(attempts)` sent with these
        settings (a wrong activity base or home page): send them, then the
        corrected export."""
        import uuid
        return [{"id": str(uuid.uuid5(uuid.UUID(target["id"]), "voided")),
                 "actor": target["actor"], "verb": VERB_VOIDED,
                 "object": {"objectType": "StatementRef", "id": target["id"]}, "timestamp": target["timestamp"]}
                for target in self.statements(attempts)]
