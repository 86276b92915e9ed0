"""The AU side of a cmi5 launch: the launch parameters, the auth token, the
`LMS.LaunchData` state document and the cmi5 statements of one session.

An LMS opens the AU's URL with `endpoint`, `fetch`, `actor`, `registration`
and `activityId` (cmi5 §8.1). `parse_launch` checks them; `fetch_token`
POSTs once to the fetch URL (§8.2: a one-time URL; its error JSON becomes a
`LaunchError`); `read_launch_data` GETs the state document (§10) with that
token. `Cmi5Statements` builds, in the order §9.3 requires, `initialized`;
one `answered` per reply (cmi5 allowed: the context template without the
cmi5 category); `completed` and `passed`/`failed` against the mastery score
(Normal launch mode only: Browse and Review send neither, §10.2.2); and
`terminated` last. Every statement carries the context template (its
session id and publisher grouping untouched), the registration and, for
cmi5 defined statements, the cmi5 category (and the moveOn category when the
result has success or completion, §9.6.2.2).

The HTTP calls use only the standard library and never raise for a network
or LMS failure other than as `LaunchError` with plain words.
"""
from __future__ import annotations

import copy
import json
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from urllib.parse import urlencode, urlsplit

from game.core.errors import FiveLeversError

TIMEOUT_S = 15
CMI5_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
MOVEON_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/moveon"
SESSION_EXT = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
MASTERY_EXT = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"
PROGRESS_EXT = "https://w3id.org/xapi/cmi5/result/extensions/progress"
VERBS = {name: f"http://adlnet.gov/expapi/verbs/{name}"
         for name in ("initialized", "completed", "passed", "failed", "terminated", "answered", "progressed")}
LAUNCH_MODES = ("Normal", "Browse", "Review")
MOVE_ON = ("Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed", "NotApplicable")
FETCH_ERRORS = {"1": "the launch link was used already or the session has expired",
                "2": "the LMS refused the launch (a security error)",
                "3": "the LMS failed (an application error)"}


class LaunchError(FiveLeversError):
    """A launch that cannot go on; `message` says why in words a trainee can pass on."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class Launch:
    endpoint: str  # the LMS's xAPI base URL, ending in '/'
    fetch: str
    actor: dict
    registration: str
    activity_id: str


def _http_url(value: str, name: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise LaunchError(f"the launch link's '{name}' is not an http(s) address")
    return value


def parse_launch(query) -> Launch:
    """The five launch parameters from a query (a mapping of name -> value), checked."""
    missing = [n for n in ("endpoint", "fetch", "actor", "registration", "activityId") if not query.get(n)]
    if missing:
        raise LaunchError(f"the launch link lacks {', '.join(missing)}: open the course from the LMS again")
    endpoint = _http_url(query["endpoint"], "endpoint")
    fetch = _http_url(query["fetch"], "fetch")
    try:
        actor = json.loads(query["actor"])
    except ValueError:
        raise LaunchError("the launch link's 'actor' is not JSON") from None
    account = actor.get("account") if isinstance(actor, dict) else None
    if not isinstance(account, dict) or not account.get("homePage") or not account.get("name") \
            or actor.get("objectType", "Agent") != "Agent":
        raise LaunchError("the launch link's 'actor' must be an Agent with an account (homePage and name)")
    try:
        registration = str(uuid.UUID(query["registration"]))
    except ValueError:
        raise LaunchError("the launch link's 'registration' is not a UUID") from None
    activity = query["activityId"]
    if not urlsplit(activity).scheme or any(c.isspace() for c in activity):
        raise LaunchError("the launch link's 'activityId' is not an IRI")
    if not endpoint.endswith("/"):
        endpoint += "/"
    return Launch(endpoint, fetch, {"objectType": "Agent", **actor}, registration, activity)


def _request(url: str, method: str, token: str | None = None, body: bytes | None = None,
             timeout: float = TIMEOUT_S) -> tuple[int, bytes]:
    headers = {"X-Experience-API-Version": "1.0.3"}
    if token is not None:
        headers["Authorization"] = f"Basic {token}"
    if body is not None:
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        try:
            return exc.code, exc.read()
        except OSError:
            return exc.code, b""
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
        return 0, str(getattr(exc, "reason", None) or exc).encode()


def fetch_token(launch: Launch, timeout: float = TIMEOUT_S) -> str:
    """POST to the fetch URL, once (it is one-time: a second POST gets an error)."""
    status, body = _request(launch.fetch, "POST", body=b"", timeout=timeout)
    if status == 0:
        raise LaunchError(f"the LMS could not be reached for the launch: {body.decode('utf-8', 'replace')}")
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    if status != 200 or not isinstance(data, dict):
        raise LaunchError(f"the LMS's fetch URL answered HTTP {status} without a token")
    if "error-code" in data:
        words = FETCH_ERRORS.get(str(data["error-code"]), "the LMS refused the launch")
        text = str(data.get("error-text", "")).strip()
        raise LaunchError(f"{words}{f' ({text})' if text else ''}: open the course from the LMS again")
    token = data.get("auth-token")
    if not isinstance(token, str) or not token:
        raise LaunchError("the LMS's fetch URL answered without an 'auth-token'")
    return token


@dataclass(frozen=True)
class LaunchData:
    launch_mode: str
    move_on: str
    context_template: dict
    session_id: str
    mastery_score: float | None = None
    return_url: str | None = None

    @property
    def judged(self) -> bool:
        """Normal mode: completion and pass/fail are recorded (not in Browse or Review)."""
        return self.launch_mode == "Normal"


def state_url(launch: Launch) -> str:
    query = urlencode({"stateId": "LMS.LaunchData", "activityId": launch.activity_id,
                       "agent": json.dumps(launch.actor, separators=(",", ":")), "registration": launch.registration})
    return f"{launch.endpoint}activities/state?{query}"


def read_launch_data(launch: Launch, token: str, timeout: float = TIMEOUT_S) -> LaunchData:
    status, body = _request(state_url(launch), "GET", token, timeout=timeout)
    if status != 200:
        why = "could not be reached" if status == 0 else f"answered HTTP {status}"
        raise LaunchError(f"the LMS's launch data could not be read (the LMS {why})")
    try:
        data = json.loads(body)
    except ValueError:
        raise LaunchError("the LMS's launch data is not JSON") from None
    return launch_data(data)


def launch_data(data) -> LaunchData:
    """LMS.LaunchData checked (cmi5 §10.2)."""
    if not isinstance(data, dict):
        raise LaunchError("the LMS's launch data is not a JSON object")
    template = data.get("contextTemplate")
    session = (template or {}).get("extensions", {}).get(SESSION_EXT) if isinstance(template, dict) else None
    if not isinstance(template, dict) or not isinstance(session, str) or not session:
        raise LaunchError("the LMS's launch data has no contextTemplate with a session id")
    mode = data.get("launchMode")
    if mode not in LAUNCH_MODES:
        raise LaunchError(f"the LMS's launch data has an unknown launchMode {mode!r}")
    move_on = data.get("moveOn", "NotApplicable")
    if move_on not in MOVE_ON:
        raise LaunchError(f"the LMS's launch data has an unknown moveOn {move_on!r}")
    mastery = data.get("masteryScore")
    if mastery is not None and (isinstance(mastery, bool) or not isinstance(mastery, (int, float))
                                or not 0 <= mastery <= 1):
        raise LaunchError("the LMS's launch data has a masteryScore outside 0..1")
    returning = data.get("returnURL")
    if returning is not None and (not isinstance(returning, str) or urlsplit(returning).scheme not in ("http", "https")):
        returning = None  # only a web address is followed back
    return LaunchData(mode, move_on, template, session, mastery, returning)


def iso_duration(seconds: float) -> str:
    return f"PT{max(0.0, seconds):.2f}S"


def stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class Cmi5Statements:
    """The statements of one AU session, built in order (see the module docstring)."""
    launch: Launch
    data: LaunchData
    started: float  # time.time() at initialized
    done: set = field(default_factory=set)  # cmi5 defined verbs already sent in this registration
    last: datetime | None = None  # the last timestamp given: each next one is later (cmi5 orders by timestamp)

    def _now(self) -> str:
        moment = datetime.now(timezone.utc)
        moment = moment.replace(microsecond=moment.microsecond // 1000 * 1000)  # as the timestamp shows it
        if self.last is not None and moment <= self.last:
            moment = self.last + timedelta(milliseconds=1)
        self.last = moment
        return stamp(moment)

    def _context(self, defined: bool, moveon: bool = False, extra: dict | None = None) -> dict:
        context = copy.deepcopy(self.data.context_template)
        context["registration"] = self.launch.registration
        if defined:
            activities = context.setdefault("contextActivities", {})
            category = activities.setdefault("category", [])
            wanted = [CMI5_CATEGORY] + ([MOVEON_CATEGORY] if moveon else [])
            category += [{"id": c, "objectType": "Activity"} for c in wanted if c not in {a.get("id") for a in category}]
        if extra:
            context.setdefault("extensions", {}).update({k: v for k, v in extra.items()
                                                         if k not in context.get("extensions", {})})
        return context

    def _statement(self, verb: str, context: dict, result: dict | None = None, obj: dict | None = None) -> dict:
        statement = {"id": str(uuid.uuid4()), "actor": self.launch.actor,
                     "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
                     "object": obj or {"objectType": "Activity", "id": self.launch.activity_id},
                     "context": context, "timestamp": self._now()}
        if result:
            statement["result"] = result
        return statement

    def initialized(self) -> dict:
        return self._statement("initialized", self._context(True))

    def answered(self, number: int, line: str, reply: str, node: str, within: str = "") -> dict:
        """One reply, as a cmi5 allowed statement (no cmi5 category); `within`
        names a part of the AU (a campaign's conversation: 'conversation/ACCOUNT')."""
        part = f"/{within}" if within else ""
        obj = {"objectType": "Activity", "id": f"{self.launch.activity_id}{part}/reply/{number}",
               "definition": {"type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                              "interactionType": "other", "name": {"en": (line or node)[:500]}}}
        return self._statement("answered", self._context(False), {"response": reply[:2000]}, obj)

    def answered_plan(self, name: str, response: str) -> dict:
        """A campaign's plan (ranking and contact), as a cmi5 allowed statement."""
        obj = {"objectType": "Activity", "id": f"{self.launch.activity_id}/plan",
               "definition": {"type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                              "interactionType": "other", "name": {"en": name[:500]}}}
        return self._statement("answered", self._context(False), {"response": response[:2000]}, obj)

    def progressed(self, percent: int) -> dict:
        """How far the AU is (cmi5 allowed; the progress extension, §9.5.5.1, left
        out once completed has been sent in this registration, as cmi5 asks)."""
        result = {} if VERBS["completed"] in self.done else \
            {"extensions": {PROGRESS_EXT: max(0, min(100, int(percent)))}}
        return self._statement("progressed", self._context(False), result or None)

    def ending(self, score: int, finished: bool, now: float) -> list[dict]:
        """completed and passed/failed (Normal mode only, each at most once per
        registration, never failed after passed), for a conversation that ended."""
        if not finished or not self.data.judged:
            return []
        out = []
        spent = iso_duration(now - self.started)
        if VERBS["completed"] not in self.done:
            out.append(self._statement("completed", self._context(True, moveon=True),
                                       {"completion": True, "duration": spent}))
        if self.data.mastery_score is not None and VERBS["passed"] not in self.done:
            scaled = round(score / 100, 4)
            passed = scaled >= self.data.mastery_score
            result = {"score": {"scaled": scaled, "raw": score, "min": 0, "max": 100}, "success": passed,
                      "duration": spent}
            out.append(self._statement("passed" if passed else "failed",
                                       self._context(True, moveon=True, extra={MASTERY_EXT: self.data.mastery_score}),
                                       result))
        self.done |= {s["verb"]["id"] for s in out}
        return out

    def terminated(self, now: float) -> dict:
        return self._statement("terminated", self._context(True), {"duration": iso_duration(now - self.started)})
