"""SHA-256 for the core, without OpenSSL's start-up where it is not needed.

`hashlib.sha256` is OpenSSL's: importing it costs about 2.5 ms (most of
`validate`'s hashing), and each call has a fixed cost that dominates on
short keys. CPython also has its own SHA-256 (`_sha256`; `_sha2` from 3.12):
the same digests, imported in a fraction of a millisecond and cheaper per
call on a few dozen bytes, slower on large data (a 43 KB file: 126 µs
against OpenSSL's 43 µs with SHA instructions).

- `short`: the shuffle order's keys ("<seed>:<node id>:<n>"), always the
  built-in one when it exists.
- `of_file(data)`: a file's content hash; OpenSSL's when something has
  already loaded it (the window and the browser do), else the built-in one
  (`validate` of a few files starts faster than OpenSSL would load).
Both give byte-for-byte the digests of hashlib.sha256 (tests hold them equal).
"""
from __future__ import annotations

import sys

try:  # CPython's own SHA-256 (3.11: _sha256; 3.12 on: _sha2)
    from _sha256 import sha256 as short
except ImportError:  # pragma: no cover - depends on the interpreter
    try:
        from _sha2 import sha256 as short
    except ImportError:
        from hashlib import sha256 as short


def of_file(data: bytes):
    """A SHA-256 object of `data`: OpenSSL's when it is already loaded (faster on large data)."""
    if "_hashlib" in sys.modules:
        import hashlib
        return hashlib.sha256(data)
    return short(data)
