"""The explorer's memory grows linearly with the number of replies that can
be taken again (replies with points in a loop): a conversation four times as
long takes about four times the memory, not sixteen (each such reply used to
carry a bit of its own in a number as long as its rank)."""
import tracemalloc

from game.core import loader
from game.core.explorer import explore_states, path_values

LEVERS = ("customers_first", "connect", "solve_problems", "build_trust", "positive_emotions")


def ring(nodes: int) -> str:
    """`nodes` nodes in one loop, three replies with points each, a way out at every node."""
    out = ["format: 1", "id: ring", "title: Ring", "summary: A long loop.", "customer:", "  name: Sam",
           "start: n0", "nodes:"]
    for i in range(nodes):
        out += [f"  n{i}:", "    text: Hello.", "    choices:"]
        for k, goto in enumerate((f"n{(i + 1) % nodes}", f"n{(i + 2) % nodes}", "done")):
            out += [f"      - text: Reply {k}.", f"        goto: {goto}",
                    f"        levers: {{{LEVERS[(i + k) % 5]}: {1 + k}}}"]
    out += ["endings:", "  done: {outcome: retained, text: Bye.}", ""]
    return "\n".join(out)


def explore_peak(nodes: int) -> tuple[int, int]:
    scenario = loader.load_text(ring(nodes), "ring.yaml")
    tracemalloc.start()
    try:
        space = explore_states(scenario)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak, len(space.keys)


def test_exploring_a_loop_four_times_as_long_takes_about_four_times_the_memory():
    small, small_states = explore_peak(1_000)
    large, large_states = explore_peak(4_000)
    assert large_states - 1 == 4 * (small_states - 1)  # the same shape (each node, then the ending), 4x the size
    # linear: about 4x; with a k-bit number per repeatable reply it was about 8x at these sizes
    assert large / small < 5, (small, large)


def test_replies_in_a_loop_still_count_once_per_label():
    """The representation changed, not the results: going round the loop
    again collects no reply's points twice."""
    scenario = loader.load_text(ring(3), "ring.yaml")
    values = path_values(explore_states(scenario))
    assert values.exact
    best = max(sum(label.points) for label in values.finals)
    # every reply into the loop once (1 + 2 at each of three nodes) and one way out (3)
    assert best == 3 * (1 + 2) + 3
