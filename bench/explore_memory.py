"""Benchmark: peak memory of loading and exploring a generated scenario, beside a bare parse.

Run: `.venv/bin/python bench/explore_memory.py NODES [parse|explore] [ROOT]`

One measurement per process (the peak is the process's maximum resident
size): `explore` loads and validates the generated file (bench/generate.py)
and explores every state (game.core.explorer.explore_states); `parse` is
the floor, `yaml.load` of the same text with libyaml. Files over the 10 MB
limit (above about 11,500 nodes) are allowed here by lifting the limit.
`ROOT` runs another checkout's code (e.g. an older commit unpacked with
`git archive`), to compare before and after.
"""
import resource
import sys
import time
from pathlib import Path

nodes, what = int(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "explore"
root = Path(sys.argv[3]) if len(sys.argv) > 3 else Path(__file__).resolve().parent.parent
sys.path.insert(0, str(root))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import scenario_text  # noqa: E402

text = scenario_text(nodes)
start = time.perf_counter()
if what == "parse":
    import yaml
    yaml.load(text, Loader=yaml.CSafeLoader)
    done = "bare yaml.load"
else:
    from game.core import loader, yaml_reader
    from game.core.explorer import explore_states
    loader.MAX_BYTES = yaml_reader.MAX_BYTES = 10**9
    space = explore_states(loader.load_text(text, "generated.yaml"))
    done = f"load + explore, {len(space.keys):,} states"
print(f"{nodes:,} nodes ({len(text.encode()) / 1e6:.1f} MB): {done} in {time.perf_counter() - start:.1f} s, "
      f"peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")
