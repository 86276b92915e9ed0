"""Item analysis for trainers: per decision (node) of a scenario, how the
recorded attempts answered it, the evidence for rewriting a scenario.

For each node reached:
- `reached`: attempts that answered it (an attempt answering it twice counts
  its first answer only);
- per authored reply: `picks` and `pick_rate` (share of `reached`), and
  whether it is a best reply (game.core.reply_marks, for the persona the
  customer was in);
- `difficulty`: the share of `reached` that picked a best reply (1.0: all
  did; low: a hard decision);
- `discrimination`: the best-reply rate among the top third of attempts
  (by score) that reached the node, minus that among the bottom third
  (None when either third has nobody there). The thirds are the first and
  last `n // 3` attempts ranked by score (ties by finish time, earlier first).
- `flags`: `never-picked` (a reply nobody picks, the node reached at least
  MIN_REACHED times), `strong-players-miss` (discrimination below zero: the
  strong players pick the best reply less often than the weak), `too-easy`
  (difficulty 1.0 over at least MIN_REACHED attempts).

Counted: finished attempts played by a person on this very version of the
scenario (same content hash), with their replies stored.
"""
from __future__ import annotations

from game.core.reply_marks import reply_marks

MIN_REACHED = 5


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def item_analysis(scenario, attempts) -> dict:
    attempts = list(attempts)
    used = [a for a in attempts if a.scenario == scenario.id and a.status == "finished" and not a.scripted
            and a.content_hash == scenario.content_hash and a.steps]
    marks_by_persona: dict[str, dict] = {}
    ranked = sorted(used, key=lambda a: (-a.score, a.finished_at, a.id or 0))
    third = len(ranked) // 3
    top = {id(a) for a in ranked[:third]}
    bottom = {id(a) for a in ranked[len(ranked) - third:]} if third else set()
    nodes = {}
    for attempt in used:
        persona = attempt.persona or ""
        if persona not in marks_by_persona:
            marks_by_persona[persona] = reply_marks(scenario, persona)
        seen = set()
        for step in attempt.steps:
            nid, index = step.get("node"), step.get("index")
            node = scenario.nodes.get(nid)
            if node is None or nid in seen or not isinstance(index, int) or not 0 <= index < len(node.choices):
                continue
            seen.add(nid)
            mark = marks_by_persona[persona].get(nid)
            best = mark is not None and index in mark.best
            entry = nodes.setdefault(nid, {"reached": 0, "picks": [0] * len(node.choices), "best": 0,
                                           "top": [0, 0], "bottom": [0, 0]})
            entry["reached"] += 1
            entry["picks"][index] += 1
            entry["best"] += best
            for group, members in (("top", top), ("bottom", bottom)):
                if id(attempt) in members:
                    entry[group][0] += 1
                    entry[group][1] += best
    decisions = []
    plain = marks_by_persona.get("") or reply_marks(scenario, "")
    for nid, node in scenario.nodes.items():
        entry = nodes.get(nid)
        if entry is None or len(node.choices) < 2:
            continue
        reached = entry["reached"]
        difficulty = entry["best"] / reached
        top_n, top_best = entry["top"]
        bottom_n, bottom_best = entry["bottom"]
        discrimination = top_best / top_n - bottom_best / bottom_n if top_n and bottom_n else None
        best = plain.get(nid).best if nid in plain else ()
        replies = [{"choice": n + 1, "text": choice.text, "picks": entry["picks"][n],
                    "pick_rate": _round(entry["picks"][n] / reached), "best": n in best}
                   for n, choice in enumerate(node.choices)]
        flags = []
        if reached >= MIN_REACHED:
            flags += [{"flag": "never-picked", "choice": r["choice"], "text": r["text"]}
                      for r in replies if r["picks"] == 0]
            if difficulty == 1.0:
                flags.append({"flag": "too-easy"})
        if discrimination is not None and discrimination < 0:
            flags.append({"flag": "strong-players-miss"})
        decisions.append({"node": nid, "line": " ".join(node.text)[:200], "reached": reached,
                          "difficulty": _round(difficulty), "discrimination": _round(discrimination),
                          "top_third": top_n, "bottom_third": bottom_n, "replies": replies, "flags": flags})
    return {"scenario": scenario.id, "title": scenario.title, "content_hash": scenario.content_hash,
            "attempts": len(used), "left_out": len(attempts) - len(used), "third": third, "decisions": decisions}


def item_text(data: dict) -> str:
    """The analysis for a trainer at a terminal."""
    out = [f"Item analysis: {data['title']} ({data['attempts']} attempts; top and bottom thirds of {data['third']};"
           f" {data['left_out']} left out: other versions, scripted, unfinished or without replies)"]
    if not data["decisions"]:
        out.append("No decisions answered yet.")
    for d in data["decisions"]:
        disc = "-" if d["discrimination"] is None else f"{d['discrimination']:+.2f}"
        out.append(f"\n{d['node']}: \u201c{d['line'][:70]}\u201d  reached {d['reached']}, difficulty "
                   f"{d['difficulty']:.2f}, discrimination {disc}")
        for r in d["replies"]:
            out.append(f"  {'*' if r['best'] else ' '} {r['choice']}. {r['pick_rate'] * 100:5.1f}%  ({r['picks']})  "
                       f"{r['text'][:70]}")
        for f in d["flags"]:
            words = {"never-picked": f"nobody picks reply {f.get('choice')}",
                     "strong-players-miss": "the strongest third picks the best reply less often than the weakest",
                     "too-easy": "everyone picks the best reply"}[f["flag"]]
            out.append(f"  ! {words}")
    out.append("\n* = a best reply")
    return "\n".join(out)
