"""The `if:` language: a tiny, safe expression parser and evaluator.

Grammar (lowest precedence first)::

    expr    := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := atom (("==" | "!=" | "<" | "<=" | ">" | ">=") atom)?
    atom    := NAME | INTEGER | STRING | "true" | "false" | "(" expr ")"

A flag never set is false (0 in arithmetic). The reserved name `mood`
compares by order, calm < uneasy < upset < angry; beside it a bare mood
word (`mood >= upset`) means that mood. The read-only behaviour names
(`breaches`, each rule's and each lever's name, `persona`) are looked up in
the same environment as flags: the engine puts them there. Comparisons
between numbers and booleans are numeric, between strings textual; `==` and
`!=` between other kinds compare for equality, and ordering them is false
(the validator refuses a number compared with a string). Nothing is ever
passed to Python's `eval`.
"""
from __future__ import annotations

import operator
import re

from game.core.errors import ConditionError
from game.core.model import MOOD_ORDER

MAX_LENGTH = 500
MAX_NESTING = 32
KEYWORDS = ("and", "or", "not", "true", "false")
COMPARISONS = ("==", "!=", "<=", ">=", "<", ">")

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<number>-?[0-9]+)
      | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
      | (?P<string>"[^"\\]*"|'[^'\\]*')
      | (?P<op>==|!=|<=|>=|<|>|\(|\))
    )""",
    re.VERBOSE,
)


def _tokenize(source: str) -> list[tuple[str, object, int]]:
    tokens = []
    pos = 0
    end = len(source.rstrip())
    while pos < end:
        m = _TOKEN.match(source, pos)
        if not m or m.end() == pos:
            column = pos + 1 + (len(source[pos:]) - len(source[pos:].lstrip()))
            bad = source[column - 1]
            hint = " (use '==' to compare)" if bad == "=" else ""
            hint = hint or (" (strings need a closing quote)" if bad in "\"'" else "")
            raise ConditionError(f"unexpected character '{bad}'{hint}", column)
        column = m.start(m.lastgroup) + 1
        kind = m.lastgroup
        text = m.group(kind)
        if kind == "number":
            tokens.append(("int", int(text), column))
        elif kind == "string":
            tokens.append(("str", text[1:-1], column))
        elif kind == "name":
            if text in ("true", "false"):
                tokens.append(("bool", text == "true", column))
            elif text in ("and", "or", "not"):
                tokens.append((text, text, column))
            else:
                tokens.append(("name", text, column))
        else:
            tokens.append(("op", text, column))
        pos = m.end()
    tokens.append(("end", None, end + 1))
    return tokens


class _Parser:
    def __init__(self, source: str):
        self.tokens = _tokenize(source)
        self.i = 0
        self.depth = 0

    def peek(self):
        return self.tokens[self.i]

    def take(self):
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def parse(self):
        if self.peek()[0] == "end":
            raise ConditionError("the condition is empty", 1)
        tree = self.expr()
        kind, value, column = self.peek()
        if kind != "end":
            raise ConditionError(f"unexpected '{value}' (expected 'and', 'or' or the end)", column)
        return tree

    def expr(self):
        left = self.conj()
        while self.peek()[0] == "or":
            self.take()
            left = ("or", left, self.conj())
        return left

    def conj(self):
        left = self.negation()
        while self.peek()[0] == "and":
            self.take()
            left = ("and", left, self.negation())
        return left

    def negation(self):
        if self.peek()[0] == "not":
            self.take()
            self._enter()
            inner = self.negation()
            self.depth -= 1
            return ("not", inner)
        return self.compare()

    def compare(self):
        left = self.atom()
        kind, value, column = self.peek()
        if kind == "op" and value in COMPARISONS:
            self.take()
            right = self.atom()
            node = ("cmp", value, left, right, column)
            _check_mood_comparison(node, column)
            nxt = self.peek()
            if nxt[0] == "op" and nxt[1] in COMPARISONS:
                raise ConditionError("comparisons cannot be chained; join them with 'and'", nxt[2])
            return node
        return left

    def atom(self):
        kind, value, column = self.take()
        if kind == "name":
            return ("name", value)
        if kind in ("int", "str", "bool"):
            return ("lit", value)
        if kind == "op" and value == "(":
            self._enter()
            inner = self.expr()
            self.depth -= 1
            closing = self.take()
            if closing[1] != ")" or closing[0] != "op":
                raise ConditionError("missing ')'", closing[2])
            return inner
        if kind == "end":
            raise ConditionError("the condition ends too early (expected a name or a value)", column)
        raise ConditionError(f"unexpected '{value}' (expected a name or a value)", column)

    def _enter(self):
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ConditionError(f"the condition nests deeper than {MAX_NESTING} levels", self.peek()[2])


def _check_mood_comparison(node, column):
    _, op, left, right, _ = node
    for a, b in ((left, right), (right, left)):
        if a == ("name", "mood"):
            if b[0] == "name" and b[1] in MOOD_ORDER:
                return
            if b[0] == "lit" and b[1] in MOOD_ORDER:
                return
            raise ConditionError("'mood' compares only with a mood: calm, uneasy, upset or angry", column)


def parse(source: str):
    """Parse an expression; raise ConditionError naming the column."""
    if not isinstance(source, str):
        raise ConditionError("a condition must be text", 1)
    if len(source) > MAX_LENGTH:
        raise ConditionError(f"the condition is longer than {MAX_LENGTH} characters", MAX_LENGTH)
    return _Parser(source).parse()


def names(tree) -> set[str]:
    """The flag names a condition reads (not `mood` nor mood words beside it)."""
    found: set[str] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        kind = node[0]
        if kind == "name":
            if node[1] != "mood":
                found.add(node[1])
        elif kind == "not":
            stack.append(node[1])
        elif kind in ("and", "or"):
            stack.extend(node[1:])
        elif kind == "cmp":
            left, right = node[2], node[3]
            if left == ("name", "mood") or right == ("name", "mood"):
                continue
            stack.extend((left, right))
    return found


def reads_mood(tree) -> bool:
    stack = [tree]
    while stack:
        node = stack.pop()
        if node[0] == "cmp":
            if ("name", "mood") in (node[2], node[3]):
                return True
        elif node[0] == "not":
            stack.append(node[1])
        elif node[0] in ("and", "or"):
            stack.extend(node[1:])
    return False


def comparisons(tree):
    """Each comparison that does not involve `mood`: (op, left, right, column)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        kind = node[0]
        if kind == "cmp":
            if ("name", "mood") not in (node[2], node[3]):
                yield node[1], node[2], node[3], node[4]
        elif kind == "not":
            stack.append(node[1])
        elif kind in ("and", "or"):
            stack.extend(node[1:])


def literals(tree) -> list:
    """The integer literals a condition compares with (for bounding counters)."""
    return [side[1] for _, left, right, _ in comparisons(tree) for side in (left, right)
            if side[0] == "lit" and isinstance(side[1], int) and not isinstance(side[1], bool)]


def evaluate(tree, flags: dict, mood: str) -> bool:
    """`flags`: every name's value (flags and the behaviour names); a name
    not in it is false. A condition is turned into a Python function once
    (`_compile`: the same rules as `_value`, without walking the tree at
    every step) and kept with the tree itself, so an id is never reused."""
    found = _COMPILED.get(id(tree))
    if found is None or found[0] is not tree:
        if len(_COMPILED) >= _COMPILED_LIMIT:
            _COMPILED.clear()
        found = _COMPILED[id(tree)] = (tree, _compile(tree))
    return found[1](flags, mood)


def compiled(tree):
    """`tree` as a function (flags, mood) -> bool giving what `evaluate` gives,
    for a caller that keeps it (a playthrough's node plans, game.core.node_plans)."""
    return _compile(tree)


_COMPILED: dict[int, tuple] = {}
_COMPILED_LIMIT = 100_000
_MOOD = ("name", "mood")
_UNKNOWN_MOOD = len(MOOD_ORDER)


def _compile(node):
    """A function (flags, mood) -> bool giving what `bool(_value(node, ...))` gives."""
    kind = node[0]
    if kind == "name":
        name = node[1]
        return lambda flags, mood: bool(flags.get(name, False))
    if kind == "lit":
        value = bool(node[1])
        return lambda flags, mood: value
    if kind == "not":
        inner = _compile(node[1])
        return lambda flags, mood: not inner(flags, mood)
    if kind in ("and", "or"):
        first, second = _compile(node[1]), _compile(node[2])
        if kind == "and":
            return lambda flags, mood: first(flags, mood) and second(flags, mood)
        return lambda flags, mood: first(flags, mood) or second(flags, mood)
    _, op, left, right, _ = node
    test = _OPERATORS[op]
    if left == _MOOD or right == _MOOD:  # both sides are moods, by order (the parser allows nothing else)
        if left == right:
            same = test(0, 0)
            return lambda flags, mood: same
        if left == _MOOD:
            word = MOOD_ORDER[right[1]]
            return lambda flags, mood: test(MOOD_ORDER.get(mood, _UNKNOWN_MOOD), word)
        word = MOOD_ORDER[left[1]]
        return lambda flags, mood: test(word, MOOD_ORDER.get(mood, _UNKNOWN_MOOD))
    if left[0] == "name" and right[0] == "lit" and isinstance(right[1], (int, str)):  # the usual `refunds >= 2`
        name, value = left[1], right[1]
        kind = str if isinstance(value, str) else int  # bool is an int: numeric, as in `_compare`
        otherwise = op == "!="  # another kind: only `!=` holds
        return lambda flags, mood: (test(found, value) if isinstance(found := flags.get(name, False), kind)
                                    else otherwise)
    return lambda flags, mood: _compare(op, _value(left, flags, mood), _value(right, flags, mood))


_OPERATORS = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt,
              ">=": operator.ge}


def _value(node, flags, mood):
    kind = node[0]
    if kind == "name":
        return flags.get(node[1], False)
    if kind == "lit":
        return node[1]
    if kind == "not":
        return not _value(node[1], flags, mood)
    if kind == "and":
        return bool(_value(node[1], flags, mood)) and bool(_value(node[2], flags, mood))
    if kind == "or":
        return bool(_value(node[1], flags, mood)) or bool(_value(node[2], flags, mood))
    _, op, left, right, _ = node
    if left == ("name", "mood") or right == ("name", "mood"):
        a = MOOD_ORDER.get(mood, len(MOOD_ORDER)) if left == ("name", "mood") else MOOD_ORDER[left[1]]
        b = MOOD_ORDER.get(mood, len(MOOD_ORDER)) if right == ("name", "mood") else MOOD_ORDER[right[1]]
    else:
        a, b = _value(left, flags, mood), _value(right, flags, mood)
    return _compare(op, a, b)


def _compare(op, a, b) -> bool:
    numeric = isinstance(a, (int, bool)) and isinstance(b, (int, bool))
    textual = isinstance(a, str) and isinstance(b, str)
    if op == "==":
        return a == b if (numeric or textual) else False
    if op == "!=":
        return a != b if (numeric or textual) else True
    if not (numeric or textual):
        return False
    if op == "<":
        return a < b
    if op == "<=":
        return a <= b
    if op == ">":
        return a > b
    return a >= b
