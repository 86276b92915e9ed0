import pytest

from game.core import conditions
from game.core.errors import ConditionError


def ev(source, flags=None, mood="calm"):
    return conditions.evaluate(conditions.parse(source), flags or {}, mood)


@pytest.mark.parametrize("source, flags, expected", [
    ("apologised", {"apologised": True}, True),
    ("apologised", {}, False),
    ("not apologised", {}, True),
    ("a and b", {"a": True, "b": False}, False),
    ("a or b", {"a": False, "b": True}, True),
    ("not (a or b) and c", {"c": True}, True),
    ("a or b and c", {"a": True}, True),  # and binds tighter than or
    ("questions >= 2", {"questions": 2}, True),
    ("questions > 2", {"questions": 2}, False),
    ("questions == 0", {}, True),  # a flag never set is 0 in arithmetic
    ("questions < 1", {}, True),
    ("tier == 'gold'", {"tier": "gold"}, True),
    ('tier != "gold"', {"tier": "silver"}, True),
    ("tier == 'gold'", {}, False),
    ("tier > 3", {"tier": "gold"}, False),  # ordering text against a number is false
    ("flag == true", {"flag": True}, True),
    ("flag == false", {}, True),
    ("count == -1", {"count": -1}, True),
])
def test_evaluate(source, flags, expected):
    assert ev(source, flags) is expected


@pytest.mark.parametrize("source, mood, expected", [
    ("mood >= upset", "angry", True),
    ("mood >= upset", "upset", True),
    ("mood >= upset", "uneasy", False),
    ("mood == calm", "calm", True),
    ("mood < 'angry'", "upset", True),
    ("upset <= mood", "calm", False),
])
def test_mood_compares_by_order(source, mood, expected):
    assert ev(source, mood=mood) is expected


@pytest.mark.parametrize("source, column, text", [
    ("", 1, "empty"),
    ("a and", 6, "ends too early"),
    ("(a or b", 8, "missing ')'"),
    ("a = 1", 3, "use '=='"),
    ("a b", 3, "unexpected 'b'"),
    ("mood > 3", 6, "compares only with a mood"),
    ("a < b < c", 7, "cannot be chained"),
    ("'open", 1, "closing quote"),
    ("__import__('os')", 11, "unexpected"),
])
def test_parse_errors_name_the_column(source, column, text):
    with pytest.raises(ConditionError) as info:
        conditions.parse(source)
    assert info.value.column == column
    assert text in info.value.message


def test_deep_nesting_is_an_error_not_a_recursion_error():
    with pytest.raises(ConditionError, match="nests deeper"):
        conditions.parse("(" * 200 + "a" + ")" * 200)
    with pytest.raises(ConditionError, match="nests deeper"):
        conditions.parse("not " * 100 + "a")
    with pytest.raises(ConditionError, match="longer than 500"):
        conditions.parse("(" * 5000 + "a" + ")" * 5000)


def test_names_lists_flags_but_not_mood():
    tree = conditions.parse("mood >= upset and (asked or count > 2) and not tier == 'x'")
    assert conditions.names(tree) == {"asked", "count", "tier"}
