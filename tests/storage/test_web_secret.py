"""The key that signs the browser's session cookies: made once, private,
shared by every process of a server; FIVE_LEVERS_SECRET wins; a short one
is refused with a plain message."""
from __future__ import annotations

import os
import stat

import pytest

from game.storage.files import StorageError
from game.storage.web_secret import SECRET_ENV, SECRET_FILE, session_secret


def test_the_key_is_made_once_readable_by_its_owner_only(saves, monkeypatch):
    monkeypatch.delenv(SECRET_ENV, raising=False)
    first = session_secret()
    assert len(first) >= 32 and session_secret() == first  # a restart (or another worker) signs alike
    assert stat.S_IMODE(os.stat(saves / SECRET_FILE).st_mode) == 0o600


def test_a_given_key_wins_and_a_short_one_is_refused(saves, monkeypatch):
    monkeypatch.setenv(SECRET_ENV, "k" * 40)
    assert session_secret() == "k" * 40
    monkeypatch.setenv(SECRET_ENV, "short")
    with pytest.raises(StorageError, match="too short"):
        session_secret()
