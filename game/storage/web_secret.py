"""The key that signs the browser's session cookies: FIVE_LEVERS_SECRET when
set (several servers behind a load balancer share it), else a random key
made once in `saves/web-secret` (readable by its owner only), so every
process of one server signs alike and a restart keeps trainees signed in."""
from __future__ import annotations

import os
import secrets

from game.storage.files import StorageError, saves_dir

SECRET_ENV = "FIVE_LEVERS_SECRET"
SECRET_FILE = "web-secret"


def session_secret() -> str:
    given = os.environ.get(SECRET_ENV, "").strip()
    if given:
        if len(given) < 32:
            raise StorageError(f"{SECRET_ENV} is too short to sign sessions safely (use 32 random characters or more)")
        return given
    path = saves_dir() / SECRET_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass  # made by an earlier run, or by another worker a moment ago
    except OSError as exc:
        raise StorageError(f"the session key {path} cannot be made: {exc.strerror or exc}") from exc
    else:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secrets.token_urlsafe(48))
            handle.flush()
            os.fsync(handle.fileno())
    for _ in range(50):  # another worker may be writing it this instant
        try:
            text = path.read_text(encoding="ascii").strip()
        except OSError as exc:
            raise StorageError(f"the session key {path} cannot be read: {exc.strerror or exc}") from exc
        if len(text) >= 32:
            return text
        import time
        time.sleep(0.02)
    raise StorageError(f"the session key {path} is damaged; delete it and start the server again")
