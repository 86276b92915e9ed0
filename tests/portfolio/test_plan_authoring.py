"""Authoring a portfolio without traps: the plan file chooses the persona of a
scripted conversation; an entry that is never used is a warning with its
line; `analyze` prints the guide's baselines; every word the loader accepts
for a frequency or a method is documented."""
import json
import re

from game.core.portfolio.model import FREQUENCIES, FREQUENCY_WEEKS, METHODS

from .helpers import ROOT, SHOP
from .test_cli import EXAMPLE, _plan, run

FENWICK = "fenwick-bakeries: {choices: [1,1,1,1,1,1,1,1,1,1]}"


def _conversation(proc, account):
    assert proc.returncode == 0, proc.stderr
    return next(c for c in json.loads(proc.stdout)["conversations"] if c["account"] == account)


def test_the_plan_file_chooses_the_persona_of_a_scripted_conversation(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    assert FENWICK in text
    default = _conversation(run("portfolio", SHOP, "--plan", EXAMPLE, "--json"), "fenwick-bakeries")
    scores = {}
    for persona in ("detail", "people"):
        plan = _plan(tmp_path, text.replace(FENWICK, FENWICK[:-1] + f", persona: {persona}}}"))
        scores[persona] = _conversation(run("portfolio", SHOP, "--plan", plan, "--json"), "fenwick-bakeries")["score"]
    assert scores["detail"] != scores["people"]  # the same replies land differently with each customer
    assert default["score"] == scores["detail"]  # the default: the persona drawn for seed 7, as in the window


def test_an_unknown_persona_is_refused_with_its_line_and_a_did_you_mean(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace(FENWICK, FENWICK[:-1] + ", persona: detial}")
    plan = _plan(tmp_path, text)
    proc = run("portfolio", SHOP, "--plan", plan)
    line = text.splitlines().index(next(x for x in text.splitlines() if "detial" in x)) + 1
    assert proc.returncode == 2
    assert re.search(rf"plan\.yaml:{line}:\d+: error: .*no persona 'detial' \(did you mean 'detail'\?\)", proc.stderr)


def test_a_conversation_that_never_happens_is_a_warning_with_its_line(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    assert run("portfolio", SHOP, "--plan", EXAMPLE).stderr.count("warning") == 0  # both conversations happen
    policy = text[:text.index("answers:")] + "answers: policy\n" + text[text.index("conversations:"):]
    plan = _plan(tmp_path, policy)
    proc = run("portfolio", SHOP, "--plan", plan)
    assert proc.returncode == 0, proc.stderr
    found = re.search(r"plan\.yaml:(\d+):3: warning: account '([\w-]+)' never falls into trouble this quarter "
                      r"\(seed 7", proc.stderr)
    assert found, proc.stderr  # answered by the policy, one of the two accounts stays out of trouble
    line, account = int(found.group(1)), found.group(2)
    assert policy.splitlines()[line - 1].startswith(f"  {account}: ")  # located at that account's own entry
    assert "this entry is not used" in proc.stderr


def test_analyze_prints_the_guides_baselines_beside_the_best_plan():
    text = run("analyze", SHOP, "--seed", "7")
    assert text.returncode == 0, text.stderr
    out = text.stdout
    assert out.index("Best plan for this seed") < out.index("Baselines")
    for words in ("Doing nothing (should score badly)", "What each asks for, events let go",
                  "What each asks for, events answered", "Ranking by revenue alone (should be below 50%): 47%"):
        assert words in out
    data = json.loads(run("analyze", SHOP, "--seed", "7", "--json").stdout)
    b = data["baselines"]
    assert b["best_plan"] == {"profit_kept": data["best_profit_kept"], "score": 100}
    assert b["doing_nothing"] == {"profit_kept": data["nothing_profit_kept"], "score": 0}
    assert 0 < b["as_asked"]["score"] < 100 and b["as_asked"]["profit_kept"] < data["best_profit_kept"]
    assert b["revenue_ranking_percent"] == 47
    guide = (ROOT / "docs" / "trainer-guide.md").read_text(encoding="utf-8")
    assert "as **Baselines** beside the best plan" in guide


def test_every_frequency_and_method_word_the_loader_accepts_is_documented():
    model = (ROOT / "docs" / "portfolio-model.md").read_text(encoding="utf-8")
    guide = (ROOT / "docs" / "trainer-guide.md").read_text(encoding="utf-8")
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| `([a-z]+)` \| [^|]+ \| ([^|]+) \|$", model, re.M)}
    for word in FREQUENCIES:
        assert word in rows, f"'{word}' is not in portfolio-model.md's frequency table"
        weeks = rows[word].split("(")[0].strip()
        listed = list(range(1, 14)) if weeks == "1–13" else [int(w) for w in weeks.split(",")]
        assert tuple(listed) == FREQUENCY_WEEKS[word], word
        assert f"`{word}`" in guide, f"the trainer's guide does not name '{word}'"
    for word in METHODS:
        assert word in rows and f"`{word}`" in guide, word
