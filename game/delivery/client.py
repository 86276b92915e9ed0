"""POSTing statements to an LRS (xAPI 1.0.3, HTTP basic authentication).

Only the standard library: one request at a time, with a timeout. The
answer is a `Reply` (status, Retry-After seconds, the LRS's reason); a
network failure is status 0 with the reason, never an exception.
"""
from __future__ import annotations

import base64
import json
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from datetime import datetime, timezone

from game.core.plain_numbers import is_plain_number

TIMEOUT_S = 15


@dataclass
class Reply:
    status: int  # 0: the LRS could not be reached
    reason: str = ""
    retry_after: float | None = None
    uncertain: bool = False  # no answer after the request went out: the LRS may have stored it
    body: str = ""  # a GET's answer


def _headers(config) -> dict:
    headers = {"X-Experience-API-Version": "1.0.3"}
    if config.user:
        token = base64.b64encode(f"{config.user}:{config.secret}".encode("utf-8")).decode("ascii")
        headers["Authorization"] = f"Basic {token}"
    return headers


def _refused_outright(exc: Exception) -> bool:
    """The request never reached an LRS (refused, no route, no such host)."""
    why = getattr(exc, "reason", exc)
    return isinstance(why, (ConnectionRefusedError, socket.gaierror)) or (
        isinstance(why, OSError) and not isinstance(why, (TimeoutError, socket.timeout, ConnectionResetError)))


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds: a number of seconds, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if is_plain_number(value):
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def post_statements(config, statements: list[dict], timeout: float = TIMEOUT_S) -> Reply:
    body = json.dumps(statements, ensure_ascii=False).encode("utf-8")
    headers = {"Content-Type": "application/json", **_headers(config)}
    request = urllib.request.Request(config.statements_url(), data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            return Reply(response.status)
    except urllib.error.HTTPError as exc:
        try:
            text = exc.read().decode("utf-8", "replace")
        except (OSError, ValueError):
            text = ""
        return Reply(exc.code, _reason(exc.code, text), retry_after_seconds(exc.headers.get("Retry-After")))
    except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError, OSError) as exc:
        why = getattr(exc, "reason", None) or exc
        if _refused_outright(exc):
            return Reply(0, f"the LRS could not be reached: {why}")
        return Reply(0, f"the LRS did not answer in time ({why})", uncertain=True)


def get(config, path: str, timeout: float = TIMEOUT_S, auth: bool = True) -> Reply:
    """GET endpoint/path: the status (0: not reached) and, on an error, the LRS's reason."""
    headers = _headers(config) if auth else {"X-Experience-API-Version": "1.0.3"}
    request = urllib.request.Request(config.endpoint.rstrip("/") + "/" + path, headers=headers, method="GET")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Reply(response.status, body=response.read(1_000_000).decode("utf-8", "replace"))
    except urllib.error.HTTPError as exc:
        try:
            text = exc.read().decode("utf-8", "replace")
        except (OSError, ValueError):
            text = ""
        return Reply(exc.code, _reason(exc.code, text), retry_after_seconds(exc.headers.get("Retry-After")))
    except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError, OSError) as exc:
        why = getattr(exc, "reason", None) or exc
        return Reply(0, f"the LRS could not be reached: {why}")


def statement_stored(config, statement_id: str, timeout: float = TIMEOUT_S) -> bool | None:
    """Does the LRS have this statement? True, False, or None when it cannot say now.
    xAPI answers the statement or 404; some LRSs (Ralph) answer an empty
    statement list instead of 404, so the answer is read, not just its status."""
    reply = get(config, f"statements?statementId={statement_id}", timeout)
    if reply.status == 404:
        return False
    if reply.status != 200:
        return None
    try:
        data = json.loads(reply.body)
    except ValueError:
        return None
    if isinstance(data, dict) and isinstance(data.get("statements"), list):
        return any(isinstance(s, dict) and s.get("id") == statement_id for s in data["statements"])
    return isinstance(data, dict) and data.get("id") == statement_id


def _reason(status: int, text: str) -> str:
    """The LRS's own words for a refusal, short enough to show."""
    try:
        data = json.loads(text)
        text = json.dumps(data.get("detail", data) if isinstance(data, dict) else data, ensure_ascii=False)
    except ValueError:
        pass
    text = " ".join(text.split())
    return f"HTTP {status}: {text[:500]}" if text else f"HTTP {status}"


def check_lrs(config, timeout: float = TIMEOUT_S) -> tuple[str, str]:
    """Ask the LRS for one statement with these credentials: (verdict, what
    was found, in words). Verdicts: ok, unreachable, refused (the user or
    secret), not-found (no statements resource there), error."""
    reply = get(config, "statements?limit=1", timeout)
    where = config.endpoint
    if reply.status == 200:
        return "ok", f"the LRS at {where} answered and accepted the user and secret"
    if reply.status == 0:
        return "unreachable", f"{reply.reason} (at {where})"
    if reply.status in (401, 403):
        return "refused", (f"the LRS at {where} answered but refused the user and secret ({reply.reason}); "
                           "check the key and secret with whoever runs it")
    if reply.status == 404:
        return "not-found", (f"{where} answered, but has no xAPI statements there ({reply.reason}); the endpoint "
                             "usually ends in /xAPI/ or /data/xAPI/")
    return "error", f"the LRS at {where} answered {reply.reason or f'HTTP {reply.status}'}"
