"""The cmi5 tests' LMS runs on loopback: the server is told to take launches from it."""
import pytest


@pytest.fixture(autouse=True)
def loopback_lms_allowed(monkeypatch):
    monkeypatch.setenv("FIVE_LEVERS_CMI5_LMS", "127.0.0.1")
