"""Run the trainer's commands on mutated files in this process and report
any that crash (exit 70 or an exception) or hang (over `limit_s`)."""
from __future__ import annotations

import contextlib
import io
import signal
from pathlib import Path

from .mutate import mutate

COMMANDS = (["validate"], ["analyze", "--runs", "20"], ["graph"], ["play", "--choices", "1,1,1,1,1,1", "--json"])


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang


def run_command(argv: list[str], limit_s: float) -> tuple[int | None, str]:
    from game.launch import main
    out, err = io.StringIO(), io.StringIO()
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, limit_s)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    except Hang:
        return None, "hang"
    except BaseException as exc:  # noqa: BLE001 - anything escaping main is a crash
        return 70, f"{type(exc).__name__}: {exc}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    return code, err.getvalue()


def check(sources: list[Path], seeds, folder: Path, limit_s: float = 20.0) -> list[str]:
    """Every failure as 'SOURCE seed N: COMMAND: what happened'."""
    failures = []
    for seed in seeds:
        source = sources[seed % len(sources)]
        path = folder / f"{source.stem}-{seed}.yaml"
        text = source.read_bytes().decode("utf-8", "surrogateescape")
        path.write_bytes(mutate(text, seed).encode("utf-8", "surrogateescape"))
        for command in COMMANDS:
            code, said = run_command([command[0], str(path), *command[1:]], limit_s)
            if code is None or code == 70 or "Traceback" in said:
                failures.append(f"{source.name} seed {seed}: {' '.join(command)}: {said.strip()[:300] or code}")
        path.unlink()
    return failures
