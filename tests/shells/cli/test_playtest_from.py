"""Playtesting a branch behind a condition: `play FILE --from NODE --set
flag=value --mood MOOD --persona P`, scripted, in the terminal; bad values
are usage errors with a did-you-mean; a playtest is never recorded."""
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.core import loader, playtest
from game.core.engine import Playthrough
from game.core.errors import PlayError
from game.shells.terminal import play as text

ROOT = Path(__file__).resolve().parents[3]
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"
GATED = "So you can stay put, it's close."  # a reply at 'truth' shown only if heard_real_need


def run(*args, saves=None):
    env = {"PATH": "/usr/bin:/bin", "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    if saves is not None:
        env["FIVE_LEVERS_SAVES"] = str(saves)
    proc = subprocess.run([sys.executable, "main.py", *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, env=env, stdin=subprocess.DEVNULL)
    assert "Traceback" not in proc.stdout + proc.stderr
    return proc


def test_scripted_play_starts_with_the_mood_and_flags_set():
    proc = run("play", TUTORIAL, "--from", "truth", "--mood", "upset", "--set", "heard_real_need=true",
               "--persona", "talker", "--choices", "1", "--json")
    assert proc.returncode == 0, proc.stderr
    step = json.loads(proc.stdout)["steps"][0]
    assert step["node"] == "truth" and step["mood_before"] == "upset"
    assert "After a morning of nothing" in step["line"]  # the line's variant for 'mood >= upset'
    calm = json.loads(run("play", TUTORIAL, "--from", "truth", "--mood", "calm", "--persona", "talker",
                          "--choices", "1", "--json").stdout)["steps"][0]
    assert calm["mood_before"] == "calm" and calm["line"].startswith("Forty minutes. Okay.")


def terminal(preset, start="truth"):
    scenario = loader.load_file(TUTORIAL)
    out = io.StringIO()
    text.play_scenario(scenario, seed=0, start=start, persona="talker", preset=preset,
                       stdin=io.StringIO("q\n"), stdout=out)
    return out.getvalue()


def test_the_terminal_shows_the_reply_behind_a_flag_only_when_it_is_set():
    scenario = loader.load_file(TUTORIAL)
    with_flag = terminal(playtest.build(scenario, ["heard_real_need=true"], "upset"))
    assert GATED in with_flag and "After a morning of nothing" in with_flag
    assert "(Playtest: starting at node 'truth', with mood upset, heard_real_need = true;" in with_flag
    assert "not recorded on the scoreboard" in with_flag
    assert GATED not in terminal(playtest.build(scenario, [], None))


@pytest.mark.parametrize("args, said", [
    (("--from", "truht"), "unknown node 'truht' (did you mean 'truth'?)"),
    (("--set", "heard_real_ned=true"), "no flag 'heard_real_ned' (did you mean 'heard_real_need'?)"),
    (("--set", "heard_real_need"), "write it as name=value"),
    (("--set", "breaches=3"), "'breaches' is worked out by the game"),
    (("--mood", "angy"), "--mood angy: not a mood (did you mean 'angry'?)"),
    (("--persona", "brsk"), "no persona 'brsk' (did you mean 'brisk'?)"),
])
def test_bad_values_are_usage_errors_that_say_what_was_meant(args, said):
    for mode in (("--choices", "1"), ("--text",)):
        proc = run("play", TUTORIAL, *args, *mode)
        assert proc.returncode == 2 and said in proc.stderr, proc.stderr
        assert proc.stderr.count("\n") == 1


def test_flag_values_read_as_the_file_would():
    assert [playtest.parse_value(v) for v in ("true", "False", "3", "-2", "'late'", "late")] == \
        [True, False, 3, -2, "late", "late"]


def test_a_playtest_is_not_recorded_on_the_scoreboard(tmp_path):
    saves = tmp_path / "saves"
    proc = run("play", TUTORIAL, "--mood", "angry", "--persona", "talker", "--choices", "1,1,1,1,1,1,1,1", "--player", "Tess",
               saves=saves)
    assert proc.returncode == 0, proc.stderr
    assert "not recorded on the scoreboard: a playtest" in proc.stdout + proc.stderr
    assert "No attempts recorded yet" in run("scoreboard", saves=saves).stdout
    # the same play without --mood is recorded
    real = run("play", TUTORIAL, "--persona", "talker", "--choices", "1,1,1,1,1,1,1,1", "--player", "Tess", saves=saves)
    assert real.returncode == 0 and "Tess" in run("scoreboard", saves=saves).stdout


def test_the_preset_is_part_of_the_playthrough_data():
    scenario = loader.load_file(TUTORIAL)
    run_ = Playthrough(scenario, start="truth", persona="talker",
                       preset=playtest.build(scenario, ["heard_real_need=true"], "upset"))
    snap = run_.snapshot()
    assert snap["preset"] == {"flags": {"heard_real_need": True}, "mood": "upset"}
    again = Playthrough.restore(scenario, json.loads(json.dumps(snap)))
    assert again.mood == "upset" and again.flags == {"heard_real_need": True} and again.playtest
    assert not Playthrough(scenario).playtest
    with pytest.raises(PlayError):
        playtest.build(scenario, ["nope=1"], None)
