"""What keeps the browser shell safe, as plain ASGI middleware and helpers:
security headers (a Content-Security-Policy with no inline script or style),
a request size limit, a per-client rate limit, and the CSRF token every form
carries. The messages a person sees for each refusal are in errors.py."""
from __future__ import annotations

import hmac
import secrets
import time

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY"),
           (b"cross-origin-opener-policy", b"same-origin")]
MAX_BODY = 16 * 1024  # bytes: a sign-in or a reply is a few hundred


async def _plain(send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), *HEADERS]})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Adds the security headers to every response (pages, files, errors)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                message = {**message, "headers": [*message.get("headers", []),
                                                  *[(n, v) for n, v in HEADERS if n not in names]]}
            await send(message)
        await self.app(scope, receive, with_headers)


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    """Refuses a request body over `limit` bytes (413): by its Content-Length
    at once, or while it streams in when it has none."""

    def __init__(self, app, limit: int = MAX_BODY):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                if not value.isdigit() or int(value) > self.limit:
                    return await _plain(send, 413, "That request is too large. Go back and try again.")
        seen = 0

        async def counted():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge
            return message
        try:
            await self.app(scope, counted, send)
        except BodyTooLarge:
            await _plain(send, 413, "That request is too large. Go back and try again.")


class RateLimit:
    """A token bucket per client address: `per_minute` requests a minute on
    average, bursts of up to `burst`; beyond that 429 with Retry-After.
    Static files count too. `per_minute=0` turns it off (a load test).
    Behind a reverse proxy on the same machine, uvicorn takes the client's
    address from X-Forwarded-For (its proxy_headers), so each trainee still
    has their own bucket. The buckets are per process."""

    def __init__(self, app, per_minute: int = 600, burst: int = 120):
        self.app, self.rate, self.burst = app, per_minute / 60.0, float(burst)
        self.buckets: dict[str, tuple[float, float]] = {}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or self.rate <= 0:
            return await self.app(scope, receive, send)
        client = (scope.get("client") or ("?", 0))[0]
        now = time.monotonic()
        tokens, then = self.buckets.get(client, (self.burst, now))
        tokens = min(self.burst, tokens + (now - then) * self.rate)
        if tokens < 1:
            self.buckets[client] = (tokens, now)
            body = b"Too many requests at once. Wait a few seconds and try again."
            await send({"type": "http.response.start", "status": 429,
                        "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"retry-after", b"5"),
                                    (b"content-length", str(len(body)).encode()), *HEADERS]})
            return await send({"type": "http.response.body", "body": body})
        self.buckets[client] = (tokens - 1, now)
        if len(self.buckets) > 10_000:  # forget clients that have been quiet for a minute
            self.buckets = {k: v for k, v in self.buckets.items() if now - v[1] < 60}
        await self.app(scope, receive, send)


def csrf_token(session: dict) -> str:
    """The session's CSRF token, made on first use."""
    token = session.get("csrf")
    if not isinstance(token, str) or len(token) < 32:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return token


def csrf_ok(session: dict, sent) -> bool:
    token = session.get("csrf")
    return isinstance(token, str) and isinstance(sent, str) and bool(sent) and hmac.compare_digest(token, sent)
