"""Typed access to a positioned YAML mapping for the validator: each
accessor returns the value or a default and records a Diagnostic (with the
value's line and column) when the value is missing or of the wrong kind."""
from __future__ import annotations

from game.core.errors import Diagnostic
from game.core.suggest import Suggester
from game.core.yaml_reader import YMap, YSeq

_KIND_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false",
               type(None): "empty", YMap: "a mapping", YSeq: "a list"}


def did_you_mean(word, candidates) -> str:
    """' (did you mean …?)' or ''. Pass a Suggester when asking many times
    about the same candidates, so the lookups stay linear."""
    if not isinstance(candidates, Suggester):
        candidates = Suggester(candidates)
    return candidates.hint(word)


def kind_name(value) -> str:
    return _KIND_NAMES.get(type(value), type(value).__name__)


class FieldChecker:
    def __init__(self, file: str):
        self.file = file
        self.diags: list[Diagnostic] = []

    def error(self, code, pos, message):
        self.diags.append(Diagnostic(code, "error", self.file, pos[0], pos[1], message))

    def warning(self, code, pos, message):
        self.diags.append(Diagnostic(code, "warning", self.file, pos[0], pos[1], message))

    @staticmethod
    def key_pos(m, key):
        return m.key_pos.get(key, (m.line, m.column))

    @staticmethod
    def value_pos(m, key):
        return m.value_pos.get(key) or m.key_pos.get(key) or (m.line, m.column)

    def mapping(self, value, pos, what) -> YMap | None:
        if isinstance(value, YMap):
            return value
        self.error("FL021", pos, f"{what} must be a mapping of keys, not {kind_name(value)}")
        return None

    def entries(self, m: YMap, kind: str, allowed, pattern):
        """For each `id: {…}` entry of a mapping of nodes, endings or personas:
        (id, key position, 'kind 'id'', the entry's mapping), after checking
        the id's spelling, that the entry is a mapping, and its keys."""
        for eid, raw in m.items():
            pos = self.key_pos(m, eid)
            if not pattern.match(eid):
                self.error("FL036", pos, f"{kind} id '{eid}' may use only letters, digits, '-' and '_'")
            where = f"{kind} '{eid}'"
            entry = self.mapping(raw, self.value_pos(m, eid), where)
            if entry is None:
                continue
            self.unknown_keys(entry, allowed, where)
            yield eid, pos, where, entry

    def format_version(self, top: YMap, version: int, what: str) -> None:
        """The file's `format:` must be there and be the one this version reads."""
        if "format" not in top:
            self.error("FL022", (top.line, top.column), f"{what} needs 'format: {version}'")
        elif top["format"] != version or isinstance(top["format"], bool):
            self.error("FL033", self.value_pos(top, "format"),
                       f"unsupported format '{top['format']}' (this version reads format {version})")

    def unknown_keys(self, m: YMap, allowed, where):
        for key in m:
            if key not in allowed:
                self.error("FL020", self.key_pos(m, key),
                           f"unknown key '{key}' in {where}{did_you_mean(key, allowed)}")

    def text(self, m, key, where, required=False, one_line=False) -> str | None:
        if key not in m or (m[key] is None and m.raw.get(key, "") in ("", "~", "null")):
            if required:
                self.error("FL022", self.key_pos(m, key) if key in m else (m.line, m.column),
                           f"{where} needs '{key}'" + (" (it is empty)" if key in m else ""))
            return None
        value = m[key]
        if not isinstance(value, str):
            if key in m.raw and not isinstance(value, (YMap, YSeq)):
                value = m.raw[key]  # e.g. `title: 1984` is read as text
            else:
                self.error("FL023", self.value_pos(m, key), f"'{key}' in {where} must be text, not {kind_name(value)}")
                return None
        if required and not value.strip():
            self.error("FL022", self.value_pos(m, key), f"'{key}' in {where} is empty")
        if one_line and "\n" in value.strip():
            self.error("FL030", self.value_pos(m, key), f"'{key}' in {where} must be one line")
        return value

    def paragraphs(self, m, key, where, required=True) -> tuple[str, ...]:
        if key not in m or m[key] is None:
            if required:
                self.error("FL022", self.key_pos(m, key) if key in m else (m.line, m.column),
                           f"{where} needs '{key}'")
            return ()
        value = m[key]
        if isinstance(value, YSeq):
            items = []
            for i, item in enumerate(value):
                if isinstance(item, str):
                    items.append(item)
                elif i in value.raw:
                    items.append(value.raw[i])
                else:
                    self.error("FL023", value.item_pos[i], f"each paragraph of '{key}' in {where} must be text")
            if not items and required:
                self.error("FL022", self.value_pos(m, key), f"'{key}' in {where} is empty")
            return tuple(items)
        text = self.text(m, key, where, required)
        return (text,) if text else ()

    def integer(self, m, key, where, low=None, high=None, default=None):
        if key not in m:
            return default
        value = m[key]
        if not isinstance(value, int) or isinstance(value, bool):
            self.error("FL023", self.value_pos(m, key), f"'{key}' in {where} must be a whole number, not {kind_name(value)}")
            return default
        if (low is not None and value < low) or (high is not None and value > high):
            span = f"{low}..{high}" if high is not None else f"at least {low}"
            self.error("FL031", self.value_pos(m, key), f"'{key}' in {where} must be {span}, not {value}")
            return default
        return value

    def boolean(self, m, key, where, default=False) -> bool:
        if key not in m:
            return default
        value = m[key]
        if isinstance(value, bool):
            return value
        hint = " (yes/no/on/off are text here: write true or false)" \
            if isinstance(value, str) and value.lower() in ("yes", "no", "on", "off", "y", "n") else ""
        self.error("FL023", self.value_pos(m, key), f"'{key}' in {where} must be true or false, not {kind_name(value)}{hint}")
        return default

    def choice_of(self, m, key, where, allowed, default=None, required=False):
        if key not in m:
            if required:
                self.error("FL022", (m.line, m.column), f"{where} needs '{key}' (one of: {', '.join(allowed)})")
            return default
        value = m[key]
        if value not in allowed or not isinstance(value, str):
            self.error("FL032", self.value_pos(m, key),
                       f"'{key}' in {where} must be one of {', '.join(allowed)}, not '{value}'{did_you_mean(value, allowed)}")
            return default
        return value

    def state_id(self, m, key, where, required=True) -> str | None:
        if key not in m or m[key] is None:
            if required:
                self.error("FL022", (m.line, m.column) if key not in m else self.key_pos(m, key), f"{where} needs '{key}'")
            return None
        value = m[key]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = m.raw.get(key, str(value))
        if not isinstance(value, str):
            self.error("FL023", self.value_pos(m, key), f"'{key}' in {where} must be an id, not {kind_name(value)}")
            return None
        if not value.strip():
            self.error("FL023", self.value_pos(m, key), f"'{key}' in {where} is empty: name a node or an ending")
            return None
        return value
