"""Read a scenario file's YAML into plain data that remembers positions.

This is the only module that imports `yaml`. It walks libyaml's events
itself (instead of `yaml.load`) so that it can refuse anchors, aliases,
merge keys and tags, report duplicate keys with both lines, bound the
nesting depth without recursion, and record a line and column for every
key and value. Plain scalars follow YAML 1.2's core schema: `yes`, `no`,
`on` and `off` stay text; `true`/`false`, `null`/`~`, integers and
floats are typed. Mapping keys are always text.
"""
from __future__ import annotations

import re

import yaml

from game.core.errors import Diagnostic

MAX_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 64

try:  # libyaml's C parser; the pure-Python one only if libyaml is missing
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - every supported install has libyaml
    _Loader = yaml.SafeLoader

_ScalarEvent = yaml.ScalarEvent
_MappingStart = yaml.MappingStartEvent
_MappingEnd = yaml.MappingEndEvent
_SequenceStart = yaml.SequenceStartEvent
_SequenceEnd = yaml.SequenceEndEvent
_Alias = yaml.AliasEvent
_DocumentStart = yaml.DocumentStartEvent
_StreamEnd = yaml.StreamEndEvent

_WORDS = {
    "": None, "~": None, "null": None, "Null": None, "NULL": None,
    "true": True, "True": True, "TRUE": True,
    "false": False, "False": False, "FALSE": False,
    ".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"),
    ".nan": float("nan"),
}
_INT = re.compile(r"[-+]?[0-9]+\Z")
INT64_MIN, INT64_MAX = -(2 ** 63), 2 ** 63 - 1
# C0 and C1 control characters and DEL, but tab, newline and carriage return
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
MAX_CONTROL_REPORTS = 20
VALUE_ERRORS = ("FL007", "FL017")  # errors in one value; the rest of the tree is read as usual
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")


class YMap(dict):
    """A mapping with the position of itself, of each key and of each value.

    Positions are 1-based (line, column). `quoted` holds the keys whose value
    was a quoted scalar; `raw` the source text of plain scalars that were
    typed (so `title: 1984` can still be read as text).
    """

    __slots__ = ("line", "column", "key_pos", "value_pos", "quoted", "raw")


class YSeq(list):
    """A sequence with its own position and each item's position."""

    __slots__ = ("line", "column", "item_pos", "raw")


def _plain(value: str):
    word = _WORDS.get(value, _WORDS)
    if word is not _WORDS:
        return word
    first = value[0]
    if first in "0123456789+-.":
        if _INT.match(value):
            if len(value.lstrip("+-").lstrip("0")) > 19:  # int() of a huge string is slow, and capped
                return _TooLarge(value)
            return int(value)
        if _FLOAT.match(value):
            return float(value)
    return value


def decode(data: bytes, file: str) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 bytes to text, or a diagnostic at the first bad byte."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        bad = data[exc.start : exc.start + 1].hex()
        return None, [Diagnostic("FL002", "error", file, line, column,
                                 f"the file is not valid UTF-8 (byte 0x{bad}); save it as UTF-8")]


class _TooLarge(str):
    """A plain integer with too many digits to read: reported, never converted."""


def _control_name(ch: str) -> str:
    return f"U+{ord(ch):04X}" + (" (NUL)" if ch == "\0" else "")


def control_characters(text: str, file: str) -> list[Diagnostic]:
    """A diagnostic for each control character written in the file itself."""
    found = []
    for m in _CONTROL.finditer(text):
        line, column = _position_of_offset(text, m.start())
        found.append(Diagnostic("FL007", "error", file, line, column,
                                f"control character {_control_name(m.group())} in the file; remove it "
                                "(only tab and newline may appear in text)"))
        if len(found) >= MAX_CONTROL_REPORTS:
            break
    return found


def _position_of_offset(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def read(text: str, file: str):
    """Parse YAML text into YMap/YSeq/scalars. Returns (tree or None, diagnostics)."""
    diags: list[Diagnostic] = control_characters(text, file)
    if diags:
        return None, diags

    def err(code, mark, message):
        diags.append(Diagnostic(code, "error", file, mark.line + 1, mark.column + 1, message))

    loader = _Loader(text)
    get_event = loader.get_event
    root = None
    documents = 0
    # Each stack entry: [container, pending key or None, the key's mark]
    stack: list[list] = []
    try:
        while True:
            ev = get_event()
            kind = type(ev)
            if kind is _ScalarEvent:
                mark = ev.start_mark
                _refuse_anchor_and_tag(ev, err)
                if ev.implicit[0]:  # a plain scalar: typed by the core schema
                    value = _plain(ev.value)
                    if type(value) is int:
                        if not INT64_MIN <= value <= INT64_MAX:
                            err("FL017", mark, f"the number {value} is too large (whole numbers must fit in "
                                "64 bits: -9223372036854775808 to 9223372036854775807)")
                    elif type(value) is _TooLarge:
                        err("FL017", mark, f"the number {value[:24]}… is too large (whole numbers must fit "
                            "in 64 bits)")
                        value = INT64_MAX + 1 if not value.startswith("-") else INT64_MIN - 1
                else:
                    value = ev.value
                    if _CONTROL.search(value):
                        bad = _CONTROL.search(value).group()
                        err("FL007", mark, f"control character {_control_name(bad)} in text (written as an "
                            "escape); remove it: only tab and newline may appear in text")
                raw = ev.value
                quoted = ev.style in ("'", '"')
            elif kind is _MappingStart or kind is _SequenceStart:
                mark = ev.start_mark
                _refuse_anchor_and_tag(ev, err)
                if len(stack) >= MAX_DEPTH:
                    err("FL014", mark, f"the file nests deeper than {MAX_DEPTH} levels")
                    return None, diags
                container = YMap() if kind is _MappingStart else YSeq()
                container.line = mark.line + 1
                container.column = mark.column + 1
                container.raw = {}
                if kind is _MappingStart:
                    container.key_pos, container.value_pos, container.quoted = {}, {}, set()
                else:
                    container.item_pos = []
                stack.append([container, None, None])
                continue
            elif kind is _MappingEnd or kind is _SequenceEnd:
                value = stack.pop()[0]
                mark = _Mark(value.line - 1, value.column - 1)
                raw, quoted = None, False
            elif kind is _Alias:
                err("FL012", ev.start_mark, f"aliases ('*{ev.anchor}') are not allowed; write the value out in full")
                value, mark, raw, quoted = None, ev.start_mark, None, False
            elif kind is _DocumentStart:
                documents += 1
                if documents > 1:
                    err("FL015", ev.start_mark, "only one YAML document is allowed per scenario file")
                    return None, diags
                continue
            elif kind is _StreamEnd:
                break
            else:
                continue

            if not stack:
                root = value
                continue
            top = stack[-1]
            parent = top[0]
            if type(parent) is YSeq:
                parent.append(value)
                parent.item_pos.append((mark.line + 1, mark.column + 1))
                if raw is not None and type(value) is not str:
                    parent.raw[len(parent) - 1] = raw
                continue
            if top[2] is None:  # `value` is a key
                if kind is not _ScalarEvent:
                    if kind is not _Alias:
                        err("FL016", mark, "a mapping key must be plain text")
                    top[1], top[2] = None, False  # refused key: drop its value
                    continue
                key = ev.value
                if key == "<<" and ev.implicit[0]:
                    err("FL012", mark, "merge keys ('<<') are not allowed; write the keys out in full")
                elif key in parent.key_pos:
                    first_line = parent.key_pos[key][0]
                    err("FL010", mark, f"duplicate key '{key}' (first defined on line {first_line}); "
                        "YAML would silently keep only the last one")
                    top[1], top[2] = None, False
                    continue
                top[1], top[2] = key, mark
                continue
            key, key_mark = top[1], top[2]
            top[1] = top[2] = None
            if key_mark is False or key == "<<":
                continue
            parent[key] = value
            parent.key_pos[key] = (key_mark.line + 1, key_mark.column + 1)
            parent.value_pos[key] = (mark.line + 1, mark.column + 1)
            if quoted:
                parent.quoted.add(key)
            if raw is not None and type(value) is not str:
                parent.raw[key] = raw
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        context = f" {exc.context}" if exc.context else ""
        started = exc.context_mark
        if started is not None and mark is not None and started.line != mark.line:
            context += f" (started on line {started.line + 1}, column {started.column + 1})"
        line = mark.line + 1 if mark else 1
        column = mark.column + 1 if mark else 1
        plain = indentation_hint(text, line, problem)
        if plain is not None:
            line, column, words = plain
            diags.append(Diagnostic("FL001", "error", file, line, column, f"YAML syntax error: {words}"))
            return None, diags
        line, column, hint = syntax_hint(text, line, column, problem)
        diags.append(Diagnostic("FL001", "error", file, line, column,
                                f"YAML syntax error: {problem}{context}{hint}"))
        return None, diags
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        position = getattr(exc, "position", 0) or 0
        line, column = _position_of_offset(text, position)
        reason = getattr(exc, "reason", None) or str(exc)
        diags.append(Diagnostic("FL001", "error", file, line, column, f"YAML error: {reason}"))
        return None, diags
    finally:
        loader.dispose()
    return root, diags


# hints for a file YAML refused: patterns `re` compiles the first time one is needed
_KEY_NO_SPACE = r"^\s*(?:-\s+)?[A-Za-z_][\w-]*:[^\s:/]"
_UNQUOTED_COLON = r"^\s*(?:-\s+)?[A-Za-z_][\w-]*:\s+[^\s\"'|>\[{#][^#]*?:\s"


def syntax_hint(text: str, line: int, column: int, problem: str) -> tuple[int, int, str]:
    """(line, column, hint): plain words for the common causes of a YAML
    syntax error, and the line where the cause is when libyaml noticed the
    problem later (it often reports the line after)."""
    lines = text.split("\n")
    candidates = [n for n in (line, line - 1) if 1 <= n <= len(lines)]
    for n in candidates:
        src = lines[n - 1]
        indent = src[: len(src) - len(src.lstrip(" \t\u00a0"))]
        if "\t" in indent:
            return n, indent.index("\t") + 1, (" (hint: a tab is used for indenting on this line; YAML "
                                               "indents with spaces only)")
        if "\u00a0" in src:
            return n, src.index("\u00a0") + 1, (" (hint: this line has a non-breaking space, often pasted "
                                                "from a document; replace it with an ordinary space)")
    for n in candidates:
        src = lines[n - 1]
        if re.match(_UNQUOTED_COLON, src):
            return n, src.index(": ", src.index(":") + 1) + 1, (" (hint: the text on this line has a colon followed by a space, "
                                          "which YAML reads as a new key; put the text in quotes)")
        if re.match(_KEY_NO_SPACE, src) and "mapping values" not in problem:
            return n, src.index(":") + 2, " (hint: put a space after the colon: 'key: value')"
    return line, column, ""


def _refuse_anchor_and_tag(ev, err) -> None:
    if ev.anchor is not None:
        err("FL011", ev.start_mark, f"anchors ('&{ev.anchor}') are not allowed; write the value out in full")
    if ev.tag is not None:
        tag = ev.tag
        if tag.startswith("tag:yaml.org,2002:"):
            tag = "!!" + tag[len("tag:yaml.org,2002:"):]
        err("FL013", ev.start_mark, f"YAML tags ('{tag}') are not allowed in a scenario")


class _Mark:
    __slots__ = ("line", "column")

    def __init__(self, line, column):
        self.line, self.column = line, column


_INDENT_PROBLEMS = ("did not find expected key", "did not find expected '-' indicator",
                    "mapping values are not allowed")


def _content(src: str) -> bool:
    stripped = src.strip()
    return bool(stripped) and not stripped.startswith("#")


def _indent(src: str) -> int:
    return len(src) - len(src.lstrip(" "))


def indentation_hint(text: str, line: int, problem: str) -> tuple[int, int, str] | None:
    """Plain words for an indentation slip, when that is what libyaml's
    error means: a key one space short or too far, or a list item at the
    wrong level. (line, column, message) naming the line above and the
    indentation expected there, or None when it is something else."""
    if not any(p in problem for p in _INDENT_PROBLEMS):
        return None
    lines = text.split("\n")
    for n in (line, line - 1):
        if not 1 <= n <= len(lines) or not _content(lines[n - 1]) or "\t" in lines[n - 1][:_indent(lines[n - 1]) + 1]:
            continue
        src = lines[n - 1]
        here = _indent(src)
        above = [m for m in range(n - 1, 0, -1) if _content(lines[m - 1])]
        if not above:
            return None
        if src.lstrip().startswith("- "):  # a list item lines up with the item before it in its list
            items = [m for m in above if lines[m - 1].lstrip().startswith("- ") and _indent(lines[m - 1]) != here
                     and abs(_indent(lines[m - 1]) - here) <= 2]
            if not items:
                continue
            m = items[0]
            want = _indent(lines[m - 1])
            return n, here + 1, (f"this list item is indented {here} spaces, but the item before it in the list "
                                 f"(line {m}: {_quote(lines[m - 1])}) is indented {want}: indent it {want} spaces")
        m = above[0]
        prev = lines[m - 1]
        want = _indent(prev) + (2 if prev.lstrip().startswith("- ") else 0)  # keys inside a list item
        if prev.rstrip().endswith(":") and not prev.lstrip().startswith("- "):
            continue  # the line above opens a block: any deeper indentation is fine, so it is not this
        if here == want or abs(here - want) > 2:
            continue
        way = "short of" if here < want else "past"
        return n, here + 1, (f"this line is indented {here} spaces, {abs(here - want)} {way} the line above it "
                             f"(line {m}: {_quote(prev)}), whose keys are indented {want}: keys of one mapping line up, "
                             f"so indent it {want} spaces")
    return None


def _quote(src: str) -> str:
    shown = src.strip()
    return "'" + (shown if len(shown) <= 40 else shown[:39] + "…") + "'"
