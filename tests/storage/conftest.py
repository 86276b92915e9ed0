import pytest

from game.core import loader
from game.core.engine import play
from game.storage.attempts import Attempt
from tests.shells.cli.test_cli import LATE


@pytest.fixture
def make_attempt():
    scenario = loader.load_file(LATE)

    def make(player="Ana", choices=(1, 2, 2), mode="coach", finished_at="2026-11-20T10:00:00+00:00"):
        run = play(scenario, list(choices))
        return Attempt.from_playthrough(run, player, mode, started_at="2026-11-20T09:58:30+00:00",
                                        finished_at=finished_at)
    return make
