"""`main.py lrs configure|send|status` as a trainer runs them, against a real
LRS, on the SQLite file and on a shared PostgreSQL database."""
import json
import os
import subprocess
import sys

import pytest

from tests.delivery.ralph_server import SECRET, USER
from tests.pg_cluster import free_port
from tests.shells.cli.test_cli import LATE, ROOT


@pytest.fixture
def cli(tmp_path, store):
    saves = tmp_path / "saves"
    env = {"PATH": "/usr/bin:/bin", "FIVE_LEVERS_SAVES": str(saves), "SDL_VIDEODRIVER": "dummy",
           "SDL_AUDIODRIVER": "dummy"}
    if os.environ.get("FIVE_LEVERS_DB"):  # the `store` fixture's PostgreSQL database
        env["FIVE_LEVERS_DB"] = os.environ["FIVE_LEVERS_DB"]

    def run(*args, stdin=None):
        proc = subprocess.run([sys.executable, "main.py", *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                              timeout=120, env=env, input=stdin)
        assert "Traceback" not in proc.stdout + proc.stderr
        return proc
    run.saves = saves
    return run


def test_configure_play_send_and_status(cli, lrs):
    proc = cli("lrs", "configure", "--endpoint", lrs.endpoint, "--user", USER, "--secret-stdin",
               "--home-page", "https://lms.example.org", stdin=SECRET + "\n")
    assert proc.returncode == 0, proc.stderr
    assert SECRET not in proc.stdout + proc.stderr
    assert oct((cli.saves / "lrs.json").stat().st_mode & 0o777) == "0o600"
    for learner in ("Ana@Example.org", "bo@example.org"):
        assert cli("play", LATE, "--choices", "1,2,2", "--player", "Sam", "--learner", learner).returncode == 0
    status = json.loads(cli("lrs", "status", "--json").stdout)
    assert (status["waiting"], status["sent"], status["lrs"]["secret"]) == (2, 0, True)
    assert SECRET not in json.dumps(status)
    proc = cli("lrs", "send")
    assert proc.returncode == 0 and "Sent 2 attempts" in proc.stdout, proc.stdout + proc.stderr
    statements = lrs.statements()
    accounts = {s["actor"]["account"]["name"] for s in statements}
    assert accounts == {"ana@example.org", "bo@example.org"}  # two Sams, two people
    assert len(statements) == 12
    status = json.loads(cli("lrs", "status", "--json").stdout)
    assert (status["waiting"], status["sent"]) == (0, 2)


def test_offline_send_says_so_and_exits_5_and_wrong_secret_exits_2(cli, lrs):
    cli("lrs", "configure", "--endpoint", f"http://127.0.0.1:{free_port()}/xAPI/", "--user", USER,
        "--secret-stdin", stdin=SECRET)
    cli("play", LATE, "--choices", "1,2,2", "--player", "Ana")
    proc = cli("lrs", "send")
    assert proc.returncode == 5 and "1 attempt still waiting" in proc.stdout and "Nothing is lost" in proc.stdout
    assert "could not be reached" in cli("lrs", "status").stdout
    cli("lrs", "configure", "--endpoint", lrs.endpoint, "--user", USER, "--secret-stdin", stdin="wrong-one")
    proc = cli("lrs", "send")
    assert proc.returncode == 2 and "refused the credentials" in proc.stderr and "wrong-one" not in proc.stderr
    cli("lrs", "configure", "--user", USER, "--secret-stdin", stdin=SECRET)
    assert cli("lrs", "send").returncode == 0 and len(lrs.statements()) == 6


@pytest.mark.parametrize("args, message", [
    (["--endpoint", "ftp://lrs.example.org"], "http:// or https://"),
    (["--user", "key", "--secret-stdin"], "--endpoint is needed"),
])
def test_bad_configuration_is_refused_with_the_reason(cli, args, message):
    proc = cli("lrs", "configure", *args, stdin="x\n")
    assert proc.returncode == 2 and message in proc.stderr
