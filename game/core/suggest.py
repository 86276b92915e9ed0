"""Did-you-mean suggestions that stay linear in the size of a file.

`difflib.get_close_matches` compares a word with every candidate, so a file
with thousands of misspelt names against thousands of ids is quadratic.
A `Suggester` indexes its candidates once by their deletion neighbourhood
(every form with up to two characters removed, as SymSpell does); a lookup
generates the same forms of the word and only ranks the few candidates that
share one, with difflib's ratio. Small candidate sets (keys, levers, rules)
skip the index and use difflib directly, which gives the same answers.
"""
from __future__ import annotations

SMALL = 64  # below this many candidates, plain difflib is cheap
CUTOFF = 0.6
MAX_INDEXED_LENGTH = 48  # longer names are indexed by their first characters
RANKED = 8  # candidates compared with difflib per lookup


def _difflib():
    """difflib, imported the first time a name is misspelt (a clean file never needs it)."""
    import difflib
    return difflib


def _deletions(word: str) -> set[str]:
    """The word and every form of it with one or two characters removed."""
    word = word[:MAX_INDEXED_LENGTH]
    once = {word[:i] + word[i + 1:] for i in range(len(word))}
    forms = {word} | once
    for form in once:
        forms.update(form[:i] + form[i + 1:] for i in range(len(form)))
    return forms


class Suggester:
    def __init__(self, candidates):
        self.candidates = list(dict.fromkeys(str(c) for c in candidates))
        self._index: dict[str, list[str]] | None = None

    def _build(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for name in self.candidates:
            for form in _deletions(name):
                index.setdefault(form, []).append(name)
        return index

    def best(self, word) -> str | None:
        word = str(word)
        if len(self.candidates) < SMALL:
            match = _difflib().get_close_matches(word, self.candidates, n=1, cutoff=CUTOFF)
            return match[0] if match else None
        if self._index is None:
            self._index = self._build()
        shared: dict[str, int] = {}
        for form in _deletions(word):
            for name in self._index.get(form, ()):
                shared[name] = shared.get(name, 0) + 1
        # rank only the few candidates that share the most forms with the word
        near = sorted(shared, key=lambda name: (-shared[name], name))[:RANKED]
        best, best_ratio = None, CUTOFF
        for name in near:
            ratio = _difflib().SequenceMatcher(None, word, name).ratio()
            if ratio > best_ratio or (ratio == best_ratio and best is None):
                best, best_ratio = name, ratio
        return best

    def hint(self, word) -> str:
        match = self.best(word)
        return f" (did you mean '{match}'?)" if match else ""
