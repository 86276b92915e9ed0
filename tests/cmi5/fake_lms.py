"""A tiny LMS on loopback for the cmi5 tests: a one-time fetch URL, the
LMS.LaunchData state document, and a statements endpoint that keeps what it
is sent, can be made to be away (503), and can pass statements on to a real
LRS (Ralph) with the same Authorization header."""
from __future__ import annotations

import base64
import json
import threading
import urllib.error
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

SESSION = "f1e2d3c4-0000-4000-8000-000000000001"
PUBLISHER_AU = "https://training.example.org/cmi5/course/default/first-steps/tutorial"


class FakeLMS:
    def __init__(self, launch_mode="Normal", mastery=0.75, token="bG1zOnNlc3Npb24=", forward_to: str | None = None):
        self.token, self.forward_to = token, forward_to
        self.registration = str(uuid.uuid4())
        self.activity = "https://lms.example.org/activities/au/77"
        self.actor = {"objectType": "Agent", "account": {"homePage": "https://lms.example.org", "name": "ana-lima"}}
        self.launch_data = {
            "contextTemplate": {"contextActivities": {"grouping": [{"objectType": "Activity", "id": PUBLISHER_AU}]},
                                "extensions": {"https://w3id.org/xapi/cmi5/context/extensions/sessionid": SESSION}},
            "launchMode": launch_mode, "moveOn": "CompletedAndPassed", "returnURL": "https://lms.example.org/course/9"}
        if mastery is not None:
            self.launch_data["masteryScore"] = mastery
        self.fetches = 0
        self.state_reads: list[dict] = []
        self.statements: list[dict] = []
        self.away = False
        self.token_expired = False
        lms = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status, body=b"", kind="application/json"):
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _authorised(self):
                return self.headers.get("Authorization") == f"Basic {lms.token}" and not lms.token_expired

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                path = urlsplit(self.path).path
                if path == "/fetch":
                    lms.fetches += 1
                    answer = {"auth-token": lms.token} if lms.fetches == 1 else \
                        {"error-code": "1", "error-text": "The authorization token has already been returned."}
                    return self._send(200, json.dumps(answer).encode())
                if path == "/xapi/statements":
                    if lms.away:
                        return self._send(503, b'{"detail": "away"}')
                    if not self._authorised():
                        return self._send(401, b'{"detail": "bad token"}')
                    if lms.forward_to:
                        status = lms._forward(body, self.headers["Authorization"])
                        if status not in (200, 204):
                            return self._send(status, b'{"detail": "the LRS refused"}')
                    got = json.loads(body)
                    got = got if isinstance(got, list) else [got]
                    known = {s["id"] for s in lms.statements}
                    lms.statements += [s for s in got if s["id"] not in known]  # an LRS keeps one of each id
                    return self._send(200, json.dumps([s["id"] for s in got]).encode())
                self._send(404)

            def do_GET(self):
                parts = urlsplit(self.path)
                if parts.path == "/return":  # where the LMS's returnURL may point
                    return self._send(200, b"<!DOCTYPE html><title>LMS</title><h1>Back in the LMS</h1>", "text/html")
                if parts.path == "/xapi/activities/state":
                    if not self._authorised():
                        return self._send(401)
                    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                    lms.state_reads.append(query)
                    if query.get("stateId") != "LMS.LaunchData" or query.get("registration") != lms.registration \
                            or query.get("activityId") != lms.activity or json.loads(query["agent"]) != lms.actor:
                        return self._send(404)
                    return self._send(200, json.dumps(lms.launch_data).encode())
                self._send(404)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def query(self, **changes) -> dict:
        """The launch parameters the LMS appends to the AU's URL (already URL-decoded)."""
        return {"endpoint": f"{self.base}/xapi/", "fetch": f"{self.base}/fetch", "actor": json.dumps(self.actor),
                "registration": self.registration, "activityId": self.activity, **changes}

    def launch_url(self, au_url: str) -> str:
        return f"{au_url}?{urlencode(self.query())}"

    def _forward(self, body: bytes, authorization: str) -> int:
        request = urllib.request.Request(f"{self.forward_to}statements", data=body, method="POST", headers={
            "Authorization": authorization, "Content-Type": "application/json", "X-Experience-API-Version": "1.0.3"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code
        except OSError:
            return 503  # the LRS behind the LMS is away: so is the LMS's endpoint

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def basic(user: str, secret: str) -> str:
    return base64.b64encode(f"{user}:{secret}".encode()).decode()
