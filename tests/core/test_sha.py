"""game.core.sha: CPython's own SHA-256 where OpenSSL's would cost start-up or per-call time; the digests
(the contract's shuffle order, a file's content hash, the persona a seed draws) must be hashlib's exactly."""
import hashlib
import random
import sys
from pathlib import Path

from game.core import sha
from game.core.loader import content_hash


def test_the_short_keys_hash_exactly_as_hashlib():
    rng = random.Random(5)
    keys = [f"{rng.getrandbits(63)}:{node}:{n}".encode() for node in ("start", "café-2", "n") for n in range(1, 12)]
    keys += [b"", "ü😀".encode(), bytes(range(256)) * 3]
    assert all(sha.short(k).digest() == hashlib.sha256(k).digest() for k in keys)
    assert all(sha.short(k).hexdigest() == hashlib.sha256(k).hexdigest() for k in keys)


def test_a_files_content_hash_is_the_same_whichever_sha256_makes_it(monkeypatch):
    data = (Path(__file__).resolve().parents[2] / "scenarios" / "renewal-call.yaml").read_bytes()
    expected = hashlib.sha256(data).hexdigest()[:16]
    assert content_hash(data) == expected  # OpenSSL's (hashlib is loaded here)
    assert type(sha.of_file(data)) is type(hashlib.sha256())
    monkeypatch.delitem(sys.modules, "_hashlib")  # as in `validate`, where nothing loaded OpenSSL
    assert type(sha.of_file(data)) is type(sha.short())
    assert sha.of_file(data).hexdigest()[:16] == expected
    assert content_hash(data) == expected
