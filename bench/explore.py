"""Benchmark: exact exploration, the engine's first playthrough and choice
rate, and did-you-mean at scale.

Run: `.venv/bin/python bench/explore.py` (also part of `make bench`).
Every number is the median of several runs. It prints, for the generated
40- and 5,000-node scenarios: the distinct states explored (and whether
that was all of them), the exploration time and the peak memory it added;
the first playthrough (a new scenario: machine and 50 replies) against one
dict lookup per reply; and scripted choices per second. Then validation of
files with 3,000 misspelt gotos and 3,000 never-set flags against the
bare libyaml parse of the same file, and of a 100,000-node file.
"""
from __future__ import annotations

import gc
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml  # noqa: E402  (the floor)

from generate import scenario_text  # noqa: E402
from game.core import loader  # noqa: E402
from game.core.engine import Playthrough  # noqa: E402
from game.core.errors import PlayError  # noqa: E402
from game.core.explorer import explore_states  # noqa: E402


def median_time(fn, repeat=5):
    times = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def peak_mb(fn) -> float:
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def exploration():
    print(f"{'nodes':>6} {'states':>8} {'exhaustive':>10} {'explore':>9} {'peak MB':>8}")
    for n in (40, 5000):
        scenario = loader.load_text(scenario_text(n), f"bench-{n}.yaml")
        space = explore_states(scenario)
        seconds = median_time(lambda: explore_states(scenario), 5)
        memory = peak_mb(lambda: explore_states(scenario))
        print(f"{n:>6} {len(space.keys):>8,} {str(space.exhaustive):>10} {seconds * 1000:>7.0f}ms {memory:>8.0f}")


def engine():
    firsts = []
    for r in range(7):
        scenario = loader.load_text(scenario_text(5000), f"engine-{r}.yaml")  # a fresh scenario: nothing cached
        t0 = time.perf_counter()
        run = Playthrough(scenario)
        run.choose_all([1] * 50)
        firsts.append(time.perf_counter() - t0)
    table = {f"n{i}": i for i in range(5000)}
    keys = [f"n{i % 5000}" for i in range(100_000)]
    lookup = median_time(lambda: [table[k] for k in keys], 5) / 100_000
    rates = []
    for _ in range(5):
        made, t0 = 0, time.perf_counter()
        run = Playthrough(scenario)
        choose = run.choose
        while made < 100_000:
            try:
                choose(1)
            except PlayError:  # the conversation ended: start another
                run = Playthrough(scenario)
                choose = run.choose
            made += 1
        rates.append(made / (time.perf_counter() - t0))
    rate = statistics.median(rates)
    print(f"first playthrough at 5,000 nodes (50 replies): {statistics.median(firsts) * 1000:.1f} ms")
    print(f"scripted choices per second: {rate:,.0f}  (one choice = {1 / rate / lookup:.0f}x a dict lookup "
          f"of {lookup * 1e9:.0f} ns)")


def misspelt(count: int, kind: str) -> str:
    lines = ["format: 1", "id: typos", "title: Typos", "summary: Many typos.", "customer: {name: Sam}",
             "start: n0", "nodes:"]
    for i in range(count):
        lines.append(f"  n{i}:")
        lines.append("    text: Hi")
        lines.append("    choices:")
        if kind == "goto":
            lines.append(f"      - {{text: Go, goto: node_number_{i}x}}")
            lines.append(f"      - {{text: Stay, goto: {'n' + str(i + 1) if i + 1 < count else 'end'}}}")
        else:
            lines.append(f"      - {{text: Go, goto: {'n' + str(i + 1) if i + 1 < count else 'end'}, "
                         f"if: \"flag_number_{i}x\", set: {{flag_number_{i}: true}}}}")
            lines.append(f"      - {{text: Stay, goto: {'n' + str(i + 1) if i + 1 < count else 'end'}}}")
    lines += ["endings:", "  end: {outcome: retained, text: Bye}", ""]
    return "\n".join(lines)


def compact(count: int) -> str:
    """A long chain in few bytes, so that 100,000 nodes fit the 10 MB limit."""
    lines = ["format: 1", "id: chain", "title: Chain", "summary: A long chain.", "customer: {name: Sam}",
             "start: n0", "nodes:"]
    for i in range(count):
        nxt = f"n{i + 1}" if i + 1 < count else "end"
        lines.append(f"  n{i}: {{text: Hi, choices: [{{text: Go, goto: {nxt}, levers: {{connect: 1}}}}, "
                     f"{{text: No, goto: end}}]}}")
    lines += ["endings:", "  end: {outcome: retained, text: Bye}", ""]
    return "\n".join(lines)


def bare_parse(data: bytes) -> None:
    """The floor: libyaml's parse of the same bytes, collector paused as ours runs."""
    gc.disable()
    try:
        yaml.load(data, Loader=yaml.CSafeLoader)
    finally:
        gc.enable()


def validation():
    for label, text in (("3,000 misspelt gotos", misspelt(3000, "goto")),
                        ("3,000 never-set flags", misspelt(3000, "flag")),
                        ("10,000-node chain", compact(10_000)),
                        ("100,000-node chain", compact(100_000))):
        data = text.encode()
        ours = median_time(lambda: loader.check_bytes(data, "x.yaml"), 3)
        floor = median_time(lambda: bare_parse(data), 3)
        found = loader.check_bytes(data, "x.yaml").diagnostics
        print(f"{label:<24} {len(data) / 1e6:5.1f} MB  validate {ours * 1000:>7.0f} ms = {ours / floor:4.2f}x "
              f"bare libyaml ({floor * 1000:.0f} ms); {len(found):,} diagnostics")


def random_play():
    """`analyze`'s random play (10,000 runs) of each bundled scenario against
    its floor: the same 10,000 runs played one by one by the engine."""
    import random
    from game.core import analysis
    print(f"{'scenario':<20} {'sample':>8} {'one by one':>11} {'ratio':>6}")
    for path in sorted(Path(__file__).resolve().parent.parent.glob("scenarios/*.yaml")):
        scenario = loader.load_file(path)

        def one_by_one():
            rng = random.Random(0)
            for _ in range(10_000):
                run = Playthrough(scenario, seed=0)
                while not run.finished:
                    run.choose(rng.randint(1, len(run.shown_choices())))
                run.result()
        ours = median_time(lambda: analysis.sample(scenario, runs=10_000), 3)
        floor = median_time(one_by_one, 3)
        print(f"{path.stem:<20} {ours * 1000:>6.0f}ms {floor * 1000:>9.0f}ms {ours / floor:>6.2f}")


if __name__ == "__main__":
    print(f"Python {sys.version.split()[0]}, PyYAML {yaml.__version__}")
    validation()
    exploration()
    engine()
    random_play()
