"""The trainer's guide's worked example tells the truth: the flagged file is
flagged as the guide says, and the fixed one has no finding."""
from pathlib import Path

from game.core import loader, quality

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def test_the_flagged_example_is_flagged_as_the_guide_says():
    found = quality.report(loader.load_file(EXAMPLES / "printer-flagged.yaml"))
    assert [f["code"] for f in found["quality"]] == ["position-tell", "length-tell", "naive-strategy",
                                                      "naive-strategy", "outcome-contradicts-grade",
                                                      "thin-lever", "thin-lever", "thin-lever", "thin-lever"]
    assert found["probes"]["first"]["score"] == 100


def test_the_fixed_example_is_a_fair_test():
    checked = loader.check_file(EXAMPLES / "printer-fixed.yaml")
    assert checked.ok and not checked.diagnostics
    found = quality.report(checked.scenario)
    assert found["quality"] == [] and found["exhaustive"]
    assert max(p["score"] for p in found["probes"].values()) < 40
