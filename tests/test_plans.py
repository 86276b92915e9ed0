"""Golden transcripts: every tests/plans/*.plan is played and checked.

A plan is a list of `key: value` lines. `scenario:` names the file
(relative to the plan). Before a `select: N`, `node:`, `line:` and
`option:` lines check what is on screen (`option:` lines are matched in
order against the choices shown, by prefix). After the selections,
`finished`, `path`, `ending`, `outcome`, `mood`, `lever NAME: p/c percent`,
`rules`, `score` and `grade` check the result; `-` stands for null. An
`error:` line expects the preceding select to be refused with that text.
"""
from pathlib import Path

import pytest

from game.core import loader
from game.core.engine import Playthrough
from game.core.errors import PlayError

PLANS = sorted((Path(__file__).parent / "plans").glob("*.plan"))


def parse_plan(path: Path):
    lines = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        raw = raw.strip()
        if not raw or raw.startswith("#"):
            continue
        key, _, value = raw.partition(":")
        lines.append((number, key.strip(), value.strip()))
    return lines


def _null(value: str):
    return None if value == "-" else value


@pytest.mark.parametrize("plan", PLANS, ids=[p.stem for p in PLANS])
def test_plan(plan):
    steps = parse_plan(plan)
    assert steps and steps[0][1] == "scenario", f"{plan.name}: the first line must be 'scenario:'"
    scenario = loader.load_file(plan.parent / steps[0][2])
    seed = next((int(v) for _, k, v in steps if k == "seed"), 0)
    persona = next((v for _, k, v in steps if k == "persona"), None)
    run = Playthrough(scenario, seed=seed, persona=persona)
    pending_options: list[str] = []
    error = None
    for number, key, value in steps[1:]:
        where = f"{plan.name}:{number}"
        if key in ("seed", "persona"):
            continue
        if key == "node":
            assert run.state == value, where
        elif key == "line":
            assert value in " ".join(run.line()), f"{where}: {run.line()!r}"
        elif key == "option":
            pending_options.append(value)
        elif key == "select":
            shown = [c.text for c in run.shown_choices()]
            if pending_options:
                assert len(shown) == len(pending_options), f"{where}: shown {shown}"
                for expected, actual in zip(pending_options, shown):
                    assert actual.startswith(expected), f"{where}: {actual!r} vs {expected!r}"
                pending_options = []
            try:
                run.choose(int(value))
            except PlayError as exc:
                error = str(exc)
        elif key == "error":
            assert error is not None and value in error, f"{where}: got {error!r}"
        else:
            _check_result(run.result(), key, value, where)
    if error is not None:
        assert any(k == "error" for _, k, _ in steps), f"{plan.name}: unexpected error {error}"


def _check_result(result, key, value, where):
    if key == "finished":
        assert result.finished == (value == "true"), where
    elif key == "path":
        assert result.path == value.split(), where
    elif key in ("ending", "outcome", "mood", "grade"):
        assert getattr(result, key) == _null(value), f"{where}: {getattr(result, key)!r}"
    elif key == "score":
        assert result.score == int(value), f"{where}: {result.score}"
    elif key.startswith("lever "):
        lever = key.split()[1]
        ratio, percent = value.split()
        points, ceiling = (int(x) for x in ratio.split("/"))
        lv = result.levers[lever]
        expected_percent = None if percent == "-" else int(percent)
        assert (lv.points, lv.ceiling, lv.percent) == (points, ceiling, expected_percent), f"{where}: {lv}"
    elif key == "rules":
        expected = {k: int(v) for k, v in (item.split("=") for item in value.split())}
        assert result.rules == expected, f"{where}: {result.rules}"
    else:
        raise AssertionError(f"{where}: unknown plan key '{key}'")
