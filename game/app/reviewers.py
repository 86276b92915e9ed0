"""Reviewer passwords for the team dashboard: salted scrypt hashes (the
standard library's hashlib.scrypt), never the password itself.

A hash is kept as `scrypt$<n>$<r>$<p>$<salt hex>$<key hex>`, so the cost can
be raised later without breaking the hashes already kept.
"""
from __future__ import annotations

import hashlib
import hmac
import os

N, R, P = 2 ** 14, 8, 1
MIN_PASSWORD = 10


def password_problem(password: str) -> str | None:
    if len(password) < MIN_PASSWORD:
        return f"a reviewer's password needs at least {MIN_PASSWORD} characters"
    if password.strip() != password:
        return "a reviewer's password cannot begin or end with a space"
    return None


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=N, r=R, p=P, dklen=32)
    return f"scrypt${N}${R}${P}${salt.hex()}${key.hex()}"


def check_password(password: str, kept: str | None) -> bool:
    """Does `password` match the kept hash? False for anything malformed."""
    try:
        kind, n, r, p, salt, key = (kept or "").split("$")
        if kind != "scrypt":
            return False
        made = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                              dklen=len(key) // 2)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(made.hex(), key)
