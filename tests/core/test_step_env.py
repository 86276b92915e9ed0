"""What conditions see is made once per playthrough and kept up to date by
`choose` (not made again at every step): at every step of random play on
every bundled scenario, with and without a persona, it equals `env()` made
afresh, so every reply shown and every line said is as before."""
from __future__ import annotations

import random
from pathlib import Path

from game.core import loader
from game.core.engine import Playthrough
from game.core.model import Choice, Customer, Node, Scenario, Ending

ROOT = Path(__file__).resolve().parents[2]


def test_the_kept_environment_equals_a_fresh_one_at_every_step_of_every_bundled_scenario():
    checked = 0
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        scenario = loader.load_file(path)
        for persona in [None, *scenario.personas]:
            rng = random.Random(path.name)
            for seed in range(40):
                run = Playthrough(scenario, seed=seed, persona=persona)
                while not run.finished and run.shown_choices():
                    run.line()
                    if run._env is not None:
                        assert run._env == run.env(), (path.name, seed, run.state)
                        checked += 1
                    run.choose(rng.randint(1, len(run.shown_choices())))
                if run._env is not None:
                    assert run._env == run.env()
    assert checked > 1000


def test_a_flag_named_like_a_read_only_name_makes_the_environment_again():
    """The validator refuses such a flag; a scenario built in code is still played as env() sees it."""
    choice = Choice(0, "x", "end", levers={"connect": 1}, set={"connect": 9, "seen": True}, add={"count": 2})
    scenario = Scenario("s", "t", "", Customer("C"), "a", {"a": Node("a", ("hi",), (choice,))},
                        {"end": Ending("end", "retained", ("bye",))}, "end")
    run = Playthrough(scenario)
    run.line()
    env = run._step_env()
    run.choose(1)
    assert run._step_env() == run.env() and run._step_env() is not env
    assert run.env()["connect"] == 1 and run.env()["seen"] is True and run.env()["count"] == 2
