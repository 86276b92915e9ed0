"""An LRS as careless as some real ones (ADL's reference LRS does not
enforce unique statement ids): it stores every statement it is sent, twice
if sent twice, can be slow to answer (after storing), answers GET by
statement id, and can be killed and started again on the same port."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from tests.pg_cluster import free_port


class CarelessLRS:
    def __init__(self):
        self.port = free_port()
        self.stored: list[dict] = []
        self.delay_s = 0.0  # answer a POST this long after storing it
        self.user, self.secret = "team", "right-secret"
        self.posts = 0
        self._server: ThreadingHTTPServer | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def ids(self) -> list[str]:
        return [s["id"] for s in self.stored]

    def start(self) -> "CarelessLRS":
        lrs = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _authorised(self) -> bool:
                import base64
                expected = "Basic " + base64.b64encode(f"{lrs.user}:{lrs.secret}".encode()).decode()
                if self.headers.get("Authorization") == expected:
                    return True
                self._answer(401, {"detail": "Invalid authentication credentials"})
                return False

            def _answer(self, status: int, data=None):
                body = json.dumps(data).encode() if data is not None else b""
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                statements = json.loads(self.rfile.read(length))
                if not self._authorised():
                    return
                lrs.posts += 1
                lrs.stored.extend(statements)  # no check for ids it already has
                if lrs.delay_s:
                    time.sleep(lrs.delay_s)
                self._answer(200, [s["id"] for s in statements])

            def do_GET(self):
                if not self._authorised():
                    return
                parts = urlsplit(self.path)
                if parts.path.rstrip("/").endswith("/about"):
                    return self._answer(200, {"version": ["1.0.3"]})
                wanted = parse_qs(parts.query).get("statementId", [None])[0]
                if wanted is None:
                    return self._answer(200, {"statements": lrs.stored[:1]})
                found = [s for s in lrs.stored if s["id"] == wanted]
                return self._answer(200, found[0]) if found else self._answer(404, {"detail": "not found"})

        ThreadingHTTPServer.allow_reuse_address = True
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def kill(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
