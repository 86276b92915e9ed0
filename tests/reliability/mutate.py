"""Seeded mutations of scenario files, as a careless editor or a damaged
disk would make them: lines deleted, doubled or swapped, indentation
shifted, characters inserted, values replaced, the file cut short. The same
seed gives the same file, so a failure can be reproduced from its seed."""
from __future__ import annotations

import random

NASTY = ["", " ", "\t", ":", "- ", "{", "[", "'", '"', "&a", "*a", "!!python/object:os.system", "<<: *a",
         "goto: ''", "goto: >", "goto: |", "levers: {connect: 99}", "if: 'mood >= '", "\x00", "\x1b[31m",
         "é", "\u2028", "9" * 40, "-1", "null", "~", "yes", "[[[[[[[[[[", "{{{{{{{{", "%", "@", "`"]


def mutate(text: str, seed: int) -> str:
    rng = random.Random(seed)
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        if not lines:
            break
        i = rng.randrange(len(lines))
        kind = rng.randrange(9)
        if kind == 0:
            del lines[i]
        elif kind == 1:
            lines.insert(i, lines[i])
        elif kind == 2:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == 3:
            lines[i] = " " * rng.choice([1, 2, 3, 4, 8]) + lines[i]
        elif kind == 4:
            lines[i] = lines[i].lstrip()[: rng.randint(0, 3)] + lines[i].lstrip()
        elif kind == 5:
            pos = rng.randint(0, len(lines[i]))
            lines[i] = lines[i][:pos] + rng.choice(NASTY) + lines[i][pos:]
        elif kind == 6 and ":" in lines[i]:
            key = lines[i].split(":", 1)[0]
            lines[i] = f"{key}: {rng.choice(NASTY)}"
        elif kind == 7:
            lines = lines[: rng.randint(0, len(lines))]
        else:
            lines.insert(i, rng.choice(NASTY))
    return "\n".join(lines)
