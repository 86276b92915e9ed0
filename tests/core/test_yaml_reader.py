from game.core import yaml_reader


def read(text):
    return yaml_reader.read(text, "t.yaml")


def test_positions_are_one_based_for_keys_and_values():
    tree, diags = read("a: 1\nb:\n  c: [x, y]\n")
    assert not diags
    assert tree.key_pos["a"] == (1, 1) and tree.value_pos["a"] == (1, 4)
    assert tree["b"].key_pos["c"] == (3, 3)
    assert tree["b"]["c"].item_pos == [(3, 7), (3, 10)]


def test_core_schema_keeps_yes_no_on_off_as_text():
    tree, _ = read("a: yes\nb: no\nc: on\nd: true\ne: 3\nf: 2.5\ng: ~\nh: '3'\n")
    assert tree == {"a": "yes", "b": "no", "c": "on", "d": True, "e": 3, "f": 2.5, "g": None, "h": "3"}
    assert tree.raw["e"] == "3"


def test_keys_are_always_text():
    tree, _ = read("1: one\ntrue: yes\n")
    assert list(tree) == ["1", "true"]


def test_duplicate_key_names_both_lines_and_keeps_the_first():
    tree, diags = read("a: 1\nb: 2\na: 3\n")
    assert tree["a"] == 1
    assert [(d.line, d.column) for d in diags] == [(3, 1)]
    assert "first defined on line 1" in diags[0].message


def test_complex_keys_are_refused():
    _, diags = read("? [a, b]\n: 1\n")
    assert any("must be plain text" in d.message for d in diags)


def test_control_characters_are_a_clear_error():
    _, diags = read("a: b\x07c\n")
    assert diags and diags[0].line == 1 and "control character U+0007" in diags[0].message


def test_utf8_bom_and_accents_are_fine():
    text, diags = yaml_reader.decode("\ufeffname: José “quoted”".encode("utf-8"), "t.yaml")
    assert not diags
    tree, diags = read(text)
    assert tree["name"] == "José “quoted”"
