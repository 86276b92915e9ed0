"""Every bundled scenario has a trainer's pack (issue 26): learning
objectives, its decisions, and debrief questions; every node it names exists,
and the library's personas are each at least two, with their cues in the
customer's own lines."""
import re
from pathlib import Path

import pytest

from game.core import loader

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_each_scenario_has_a_pack_with_objectives_decisions_and_questions(path):
    scenario = loader.load_file(path)
    pack = ROOT / "docs" / "trainer-pack" / f"{scenario.id}.md"
    assert pack.exists(), f"no trainer's pack for {scenario.id}"
    text = pack.read_text(encoding="utf-8")
    assert re.search(r"objective", text, re.I) and re.search(r"debrief question|questions for", text, re.I)
    named = set(re.findall(r"`([A-Za-z0-9_-]+)`", text))
    decisions = {nid for nid, node in scenario.nodes.items() if len(node.choices) >= 2}
    assert len(named & decisions) >= len(decisions) // 2, "the pack should walk through the decisions"


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_each_scenario_has_two_personas_with_cues_in_the_customers_lines(path):
    scenario = loader.load_file(path)
    assert len(scenario.personas) >= 2
    cued = [nid for nid, node in scenario.nodes.items()
            if any("persona" in v.condition_source for v in node.variants)]
    assert len(cued) >= 3, "the personas' cues belong in the customer's lines, at several nodes"
