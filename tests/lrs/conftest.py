import pytest

from tests.lrs.ralph_server import RalphLRS


@pytest.fixture
def lrs(tmp_path):
    server = RalphLRS(tmp_path / "lrs").start()
    yield server
    server.kill()
