from game.core import loader
from tests.conftest import MINIMAL


def check(text):
    return loader.check_text(text, "t.yaml")


def messages(checked, severity="error"):
    return [d.message for d in checked.diagnostics if d.severity == severity]


def test_minimal_scenario_is_valid_with_defaults():
    checked = check(MINIMAL)
    assert checked.ok and not checked.diagnostics
    s = checked.scenario
    assert (s.version, s.difficulty, s.customer.mood, s.walkout_ending) == (1, 1, "calm", "walked_out")
    assert s.endings["walked_out"].outcome == "lost" and s.endings["walked_out"].builtin


def test_number_like_text_fields_are_read_as_text():
    checked = check(MINIMAL.replace("title: Mini", "title: 1984").replace("text: Hi.", "text: 42"))
    assert checked.ok
    assert checked.scenario.title == "1984"
    assert checked.scenario.nodes["a"].choices[0].text == "42"


def test_numeric_node_ids_work():
    text = MINIMAL.replace("start: a", "start: 1").replace("  a:\n", "  1:\n")
    assert check(text).ok


def test_text_may_be_a_list_of_paragraphs_and_breaks_a_single_rule():
    text = MINIMAL.replace("    text: Hello.", "    text: [First., Second.]").replace(
        "goto: done", "goto: done\n        breaks: dont_upset")
    s = check(text).scenario
    assert s.nodes["a"].text == ("First.", "Second.")
    assert s.nodes["a"].choices[0].breaks == ("dont_upset",)


def test_every_problem_in_a_file_is_reported_not_only_the_first():
    text = MINIMAL.replace("title: Mini", "titel: Mini").replace("goto: done", "goto: dnoe\n        mood: angry")
    found = messages(check(text))
    assert len(found) == 4, found  # unknown key, missing title, bad mood, unknown goto
    assert any("did you mean 'done'" in m for m in found)


def test_walked_out_is_reserved_without_on_walkout():
    text = MINIMAL.replace("goto: done", "goto: walked_out") + ""
    text = text.replace("nodes:\n", "nodes:\n  walked_out:\n    text: x\n    choices:\n      - {text: y, goto: done}\n")
    assert any("built-in walk-out ending" in m for m in messages(check(text)))


def test_on_walkout_must_name_an_ending():
    found = messages(check(MINIMAL.replace("start: a", "start: a\non_walkout: a")))
    assert any("'on_walkout' names a node 'a'" in m for m in found)


def test_start_must_be_a_node_not_an_ending():
    found = messages(check(MINIMAL.replace("start: a", "start: done")))
    assert any("not the ending 'done'" in m for m in found)


def test_flags_reserved_names_and_types():
    text = MINIMAL.replace("goto: done", "goto: done\n        set: {mood: 1, ok: [1]}\n        add: {n: yes}")
    found = messages(check(text))
    assert any("'mood' is reserved" in m for m in found)
    assert any("flag 'ok' in 'set' must be" in m for m in found)
    assert any("flag 'n' in 'add' must be a whole number" in m for m in found)


def test_portrait_cannot_be_a_path():
    found = messages(check(MINIMAL.replace("  name: Sam", "  name: Sam\n  portrait: ../../etc/passwd")))
    assert any("plain name" in m for m in found)


def test_the_content_hash_changes_with_the_file():
    a = check(MINIMAL).scenario.content_hash
    b = check(MINIMAL + "\n# edited\n").scenario.content_hash
    assert a != b and len(a) == 16
