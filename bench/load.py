"""Benchmark: load + validate vs. bare libyaml, ceiling analysis, engine speed.

Run: `make bench` (or `.venv/bin/python bench/load.py`). Prints, for
generated scenarios of 100, 1,000 and 5,000 nodes: our load+validate time
as a ratio to `yaml.load(f, Loader=yaml.CSafeLoader)` of the same file
(medians of repeated runs, the three alternated run by run)
(with the garbage collector on, as a plain call runs, and off), the ceiling
analysis time, and scripted choices per second.
"""
from __future__ import annotations

import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml  # noqa: E402  (the benchmark's floor, not game code)

from generate import scenario_text  # noqa: E402
from game.core import loader, scoring  # noqa: E402


def median_of(fn, repeat):
    """The median time of `repeat` runs (and the fastest, for reference)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times)


def alternated(fns, repeat):
    """The median time of each of `fns`, run in turn one after another `repeat` times (A, B, C, A, B, C...):
    a burst of load from elsewhere falls on all of them, not on whichever ran in that block."""
    times = [[] for _ in fns]
    for _ in range(repeat):
        for fn, out in zip(fns, times):
            t0 = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t0)
    return [statistics.median(t) for t in times]


def bare_yaml(path, gc_on=True):
    def run():
        if not gc_on:
            gc.disable()
        try:
            with open(path, "rb") as f:
                yaml.load(f, Loader=yaml.CSafeLoader)
        finally:
            gc.enable()
    return run


def choices_per_second(scenario, seconds=0.5, repeat=5):
    """Median over `repeat` runs of random scripted play for `seconds` each, a new seed per
    playthrough (bundled_play.rates, by the wall clock)."""
    from bundled_play import rates
    return rates(scenario, seconds, repeat)[0]


def main():
    print(f"Python {sys.version.split()[0]}, PyYAML {yaml.__version__} (libyaml: {yaml.__with_libyaml__}), "
          f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; the bare parse (GC on, GC off) and ours alternated")
    print(f"{'nodes':>6} {'KB':>6} {'yaml gc-on':>11} {'yaml gc-off':>11} {'ours':>8} "
          f"{'ratio/on':>9} {'ratio/off':>9} {'ceilings':>9} {'choices/s':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (100, 1000, 5000):
            path = Path(tmp) / f"bench-{n}.yaml"
            path.write_text(scenario_text(n), encoding="utf-8")
            repeat = 30 if n <= 1000 else 10
            checked = loader.check_file(path)
            assert checked.ok, checked.diagnostics[:3]
            on, off, ours = alternated((bare_yaml(path, True), bare_yaml(path, False),
                                        lambda: loader.check_file(path)), repeat)
            scenario = checked.scenario
            ceil, _ = median_of(lambda: scoring.component_bests(scenario), repeat)
            cps = choices_per_second(scenario)
            print(f"{n:>6} {path.stat().st_size / 1024:>6.0f} {on * 1000:>9.1f}ms {off * 1000:>9.1f}ms "
                  f"{ours * 1000:>6.1f}ms {ours / on:>9.2f} {ours / off:>9.2f} {ceil * 1000:>7.2f}ms {cps:>10,.0f}")


if __name__ == "__main__":
    main()
