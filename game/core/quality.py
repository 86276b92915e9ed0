"""Is a scenario a fair test? The assessment-quality report of `analyze`.

For one persona it gives:
* `exhaustive`: whether every distinct state was explored (explorer.py);
* `probes`: what naive strategies score (always the first reply, the last,
  the longest, the shortest; with two or more personas also `agnostic`, a
  reader who ignores who the customer is), played by the engine itself;
  when any node shuffles, each is played with seeds 0-19 and summarised;
* `quality`: findings, each {"code", "message", ...}, empty for a fair
  scenario (codes: stuck, position-tell, length-tell, naive-strategy,
  outcome-ignores-behaviour, grade-contradicts-outcome, unreachable-ceiling,
  persona-agnostic, outcome-contradicts-grade, thin-lever);
* `levers`: per lever, the ceiling beside the best a real playthrough
  collects, and the replies that collect it.
"""
from __future__ import annotations

from collections import Counter
from fractions import Fraction

from game.core import explorer, machines
from game.core.engine import Playthrough
from game.core.explorer import PathValues, explore_states, most_breaches, path_values
from game.core.model import LEVER_TITLES, LEVERS, OUTCOME_WORDS
from game.core.scoring import BREACH_PENALTY, ceilings, grade_for, lever_scores, round_half_away, score

CODES = ("stuck", "position-tell", "length-tell", "naive-strategy", "persona-agnostic",
         "outcome-ignores-behaviour", "grade-contradicts-outcome", "outcome-contradicts-grade",
         "unreachable-ceiling", "thin-lever")
THIN_CEILINGS = (1, 2, 3)
NEEDS_WORK_BELOW = 50
TELL_SHARE = Fraction(3, 5)
TELL_MIN_NODES = 3
NAIVE_LIMIT = 75
PROBE_STEPS = 200
PROBE_SEEDS = range(20)


def reply_value(node, choice, moods) -> int:
    """Lever points minus 10 for each rule the reply breaks: by `breaks`, by
    not listening at a venting node, or by escalating (once, unless `breaks`
    already names the rule escalating breaks in every mood the node is met in)."""
    rules = set(choice.breaks)
    extra = 0
    if node.venting and not choice.listens:
        rules.add("shut_up_and_listen")
    if choice.mood == "escalate":
        escalation = {machines.ESCALATION_RULE[m] for m in moods} or {"escalation"}
        if not escalation <= rules:
            extra = 1
    return sum(choice.levers.values()) - BREACH_PENALTY * (len(rules) + extra)


def best_replies(scenario, persona: str) -> dict[str, int]:
    """node -> authored 0-based position of its best reply (the single one
    with the highest value), for nodes with two or more replies."""
    moods = machines.reachable_moods(scenario, persona)
    found = {}
    for nid, node in scenario.nodes.items():
        if len(node.choices) < 2:
            continue
        values = [reply_value(node, c.for_persona(persona), moods.get(nid, ())) for c in node.choices]
        top = max(values)
        if values.count(top) == 1:
            found[nid] = values.index(top)
    return found


def _longest(texts) -> int:
    return max(range(len(texts)), key=lambda i: (len(texts[i]), -i))


def _shortest(texts) -> int:
    return min(range(len(texts)), key=lambda i: (len(texts[i]), i))


STRATEGIES = {
    "first": lambda shown: 0,
    "last": lambda shown: len(shown) - 1,
    "longest": lambda shown: _longest([c.text for c in shown]),
    "shortest": lambda shown: _shortest([c.text for c in shown]),
}


def shuffles(scenario) -> bool:
    return any(node.shuffle for node in scenario.nodes.values())


def agnostic_values(scenario) -> dict[tuple[str, int], int]:
    """(node, authored 0-based position) -> the reply's value summed over
    every persona (the order of the average, without dividing)."""
    totals: dict[tuple[str, int], int] = {}
    for pid in scenario.personas:
        moods = machines.reachable_moods(scenario, pid)
        for nid, node in scenario.nodes.items():
            for choice in node.choices:
                value = reply_value(node, choice.for_persona(pid), moods.get(nid, ()))
                totals[(nid, choice.index)] = totals.get((nid, choice.index), 0) + value
    return totals


def agnostic_strategy(scenario):
    """The `agnostic` reader: among the replies shown, the one whose value
    averaged over all personas is highest; a tie goes to the earlier one."""
    totals = agnostic_values(scenario)

    def pick(shown, run) -> int:
        return max(range(len(shown)), key=lambda i: (totals[(run.state, shown[i].index)], -i))
    pick.needs_run = True
    return pick


def probe(scenario, persona: str, strategy) -> dict:
    """Play a naive strategy (a name in STRATEGIES, or a function from the
    shown replies, and the playthrough when it has `needs_run`, to a 0-based
    position) to the end, once per probe seed."""
    pick = STRATEGIES[strategy] if isinstance(strategy, str) else strategy
    if getattr(pick, "needs_run", False):
        chooser = pick
    else:
        def chooser(shown, run, pick=pick):
            return pick(shown)
    seeds = PROBE_SEEDS if shuffles(scenario) else (0,)
    scores, outcomes = [], []
    for seed in seeds:
        run = Playthrough(scenario, seed=seed, persona=persona or None)
        for _ in range(PROBE_STEPS):
            if run.finished:
                break
            shown = run.shown_choices()
            if not shown:
                break
            run.choose(chooser(shown, run) + 1)
        result = run.result()
        scores.append(result.score)
        outcomes.append(result.outcome if run.finished else None)
    mean = round_half_away(Fraction(sum(scores), len(scores)))
    outcome = Counter(outcomes).most_common(1)[0][0]
    return {"score": mean, "grade": grade_for(mean), "outcome": outcome}


def _score(points, breaches, ceiling) -> int:
    """The score of a label's points and breaches, as `scoring` scores a playthrough."""
    return score(lever_scores(dict(zip(LEVERS, points)), dict(zip(LEVERS, ceiling))), {"all rules": breaches})


def _tell(code, what, picked: dict[str, int], nodes, key) -> dict | None:
    if len(picked) < TELL_MIN_NODES:
        return None
    if code == "position-tell":
        counts = Counter(picked.values())
        position, count = counts.most_common(1)[0]
        hits = [nid for nid, i in picked.items() if i == position]
    else:
        hits = [nid for nid, i in picked.items() if key(nodes[nid]) == i]
        count = len(hits)
        position = None
    if Fraction(count, len(picked)) < TELL_SHARE:
        return None
    finding = {"code": code, "message": what(position, count, len(picked)),
               "count": count, "total": len(picked),
               "nodes": [{"node": nid, "reply": picked[nid] + 1} for nid in hits]}
    if position is not None:
        finding["position"] = position + 1
    return finding


def report(scenario, persona: str = "", seed: int = 0, max_states: int | None = None,
           explored=None, max_labels: int | None = None) -> dict:
    """The quality report and the real bests for one persona (see module doc).
    `explored`: the (state space, path values) of an exploration already made
    for this persona and seed, so `analyze` explores once. `not_checked`
    lists each check that could not be done in full, and why."""
    if explored is None:
        space = explore_states(scenario, persona, seed, **({"max_states": max_states} if max_states else {}))
        explored = (space, path_values(space, **({"max_labels": max_labels} if max_labels else {}),
                                       ceiling=_ceiling(scenario, space.persona)))
    space, values = explored
    persona = space.persona  # '' resolved to the default persona, as in play
    ceiling = _ceiling(scenario, persona)
    findings: list[dict] = []

    for state in space.stuck:
        node = space.node(state)
        way = space.way(state)
        findings.append({"code": "stuck", "node": node, "choices": way,
                         "message": f"at node '{node}' no reply is shown (conditions and 'once' hide them all), "
                                    f"reached by choices {_nums(way)}"})

    best = best_replies(scenario, persona)
    unshuffled = {nid: i for nid, i in best.items() if not scenario.nodes[nid].shuffle}
    tell = _tell("position-tell",
                 lambda p, k, n: f"the best reply is reply {p + 1} at {k} of {n} unshuffled nodes: a player can "
                                 "win by position without reading (shuffle the nodes, or vary where the best "
                                 "reply sits)", unshuffled, scenario.nodes, None)
    if tell:
        findings.append(tell)
    tell = _tell("length-tell",
                 lambda p, k, n: f"the best reply is the longest one at {k} of {n} nodes: picking the longest "
                                 "reply wins without reading (make some best replies short, some wrong ones long)",
                 best, scenario.nodes, lambda node: _longest([c.text for c in node.choices]))
    if tell:
        findings.append(tell)

    probes = {name: probe(scenario, persona, name) for name in STRATEGIES}
    for name, found in probes.items():
        if found["score"] >= NAIVE_LIMIT:
            findings.append({"code": "naive-strategy", "probe": name, "score": found["score"],
                             "message": f"always picking the {name} reply scores {found['score']} "
                                        f"({found['grade']}) without reading a word"})
    if len(scenario.personas) >= 2:
        agnostic = agnostic_probes(scenario)
        probes["agnostic"] = agnostic[persona]
        mean = agnostic_mean(agnostic)
        if mean >= NAIVE_LIMIT:
            each = ", ".join(f"{pid} {found['score']}" for pid, found in agnostic.items())
            findings.append({"code": "persona-agnostic", "score": mean,
                             "scores": {pid: found["score"] for pid, found in agnostic.items()},
                             "message": f"a reader who ignores who the customer is scores {mean} on average over "
                                        f"the personas ({each}): reading the customer changes nothing (make the "
                                        "best reply depend on the persona's cues at more decisions)"})

    findings += _outcome_findings(scenario, space, values, ceiling)
    worst_found, worst_exact = _needs_work_but_retained(space, ceiling, max_labels)
    findings += worst_found
    not_checked = _not_checked(space, values.exact, worst_exact)
    for lever, top in zip(LEVERS, ceiling):
        if top in THIN_CEILINGS:
            findings.append({"code": "thin-lever", "lever": lever, "ceiling": top,
                             "message": f"{LEVER_TITLES[lever]} is assessed on a ceiling of only {top} point"
                                        f"{'s' if top != 1 else ''}, so each point moves the score by "
                                        f"{round_half_away(Fraction(100, top * _assessed(ceiling)))} or more "
                                        "(give it 4 or more points to earn, or none)"})
    levers = _lever_bests(scenario, persona, seed, values, ceiling)
    for lever, info in levers.items():
        if info["ceiling"] <= 0 or not values.exact:  # claimed only when every way was weighed
            continue
        if info["best"] is None or info["best"] < info["ceiling"]:
            reach = "no playthrough collects" if info["best"] is None else \
                f"no playthrough collects more than {info['best']} of"
            findings.append({"code": "unreachable-ceiling", "lever": lever, "ceiling": info["ceiling"],
                             "best": info["best"], "best_without_breaking": info["best_without_breaking"],
                             "message": f"{LEVER_TITLES[lever]}: {reach} its ceiling of {info['ceiling']} points, "
                                        "so no one can reach 100% on it"})
        elif info["best_without_breaking"] is None or info["best_without_breaking"] < info["ceiling"]:
            findings.append({"code": "unreachable-ceiling", "lever": lever, "ceiling": info["ceiling"],
                             "best": info["best"], "best_without_breaking": info["best_without_breaking"],
                             "choices": info["choices"],
                             "message": f"{LEVER_TITLES[lever]}: only playthroughs that break a rule collect "
                                        f"its ceiling of {info['ceiling']} points (without a breach: "
                                        f"{info['best_without_breaking'] if info['best_without_breaking'] is not None else 'none finishes'})"})
    findings.sort(key=lambda f: CODES.index(f["code"]))
    return {
        "persona": persona or None,
        "exhaustive": space.exhaustive,
        "states": len(space.keys),
        "paths_exact": values.exact,
        "probes": probes,
        "quality": findings,
        "not_checked": not_checked,
        "levers": levers,
        "endings": space.ending_ways(),
        "stuck": [space.way(s) for s in space.stuck[:10]],
    }


def agnostic_probes(scenario) -> dict[str, dict]:
    """The `agnostic` probe played for every persona: persona id -> probe."""
    pick = agnostic_strategy(scenario)
    return {pid: probe(scenario, pid, pick) for pid in scenario.personas}


def agnostic_mean(agnostic: dict[str, dict]) -> int:
    """The agnostic probe's scores averaged over the personas, rounded half away from zero."""
    return round_half_away(Fraction(sum(found["score"] for found in agnostic.values()), len(agnostic)))


def _ceiling(scenario, persona: str) -> tuple[int, ...]:
    found = ceilings(scenario, persona)
    return tuple(found[lever] for lever in LEVERS)


def _assessed(ceiling) -> int:
    return sum(1 for top in ceiling if top > 0) or 1


def _not_checked(space, paths_exact: bool, worst_exact: bool) -> list[dict]:
    """The checks that could not be done in full, each with why: a check
    that was not done must never read as passed."""
    out = []
    if not space.exhaustive:
        why = (f"the conversation has more than {len(space.keys):,} distinct states, the exploration's limit: "
               "nothing is claimed for the rest")
        for code in ("stuck", "outcome-ignores-behaviour", "grade-contradicts-outcome", "outcome-contradicts-grade",
                     "unreachable-ceiling"):
            out.append({"code": code, "reason": why})
        return out
    if not paths_exact:
        why = ("the ways to weigh (points of each lever against breaches) exceeded the limit of "
               f"{explorer.MAX_LABELS:,}: the best found is a real playthrough, but a better one may exist")
        out += [{"code": "unreachable-ceiling", "reason": why}, {"code": "grade-contradicts-outcome", "reason": why}]
    if not worst_exact:
        out.append({"code": "outcome-contradicts-grade",
                    "reason": f"the ways to weigh the worst playthroughs exceeded the limit of {explorer.MAX_LABELS:,}"})
    return out


def _needs_work_but_retained(space, ceiling, max_labels: int | None = None) -> tuple[list[dict], bool]:
    """`outcome-contradicts-grade`: a playthrough graded Needs work that ends
    retained, found among the Pareto-worst ways to each final state (a score
    only falls with fewer points and more breaches). Also whether that
    search was exact."""
    findings, flagged = [], set()
    worst = path_values(space, **({"max_labels": max_labels} if max_labels else {}), worst=True, ceiling=ceiling)
    for label in sorted(worst.finals, key=lambda lb: lb.state):
        ending, outcome = space.finals[label.state]
        if outcome != "retained" or ending in flagged:
            continue
        score = _score(tuple(-p for p in label.points), -label.breaches, ceiling)
        if score < NEEDS_WORK_BELOW:
            flagged.add(ending)
            way = PathValues.way(label)
            findings.append({"code": "outcome-contradicts-grade", "ending": ending, "score": score,
                             "choices": way,
                             "message": f"a playthrough graded Needs work ({score}) ends '{ending}' with the "
                                        f"customer retained (choices {_nums(way)}): the story calls a failing "
                                        "conversation a success (add a variant on the levers or breaches)"})
    return findings, worst.exact


def _nums(way: list[int]) -> str:
    return ",".join(map(str, way)) if way else "(none: at the start)"


def _outcome_findings(scenario, space, values: PathValues, ceiling) -> list[dict]:
    findings = []
    worst = most_breaches(space)
    seen = set()
    for state, (ending, outcome) in space.finals.items():
        if outcome != "retained":
            continue
        if space.mood(state) == "angry" and (ending, "angry") not in seen:
            seen.add((ending, "angry"))
            findings.append({"code": "outcome-ignores-behaviour", "ending": ending, "choices": space.way(state),
                             "message": f"ending '{ending}' counts the customer as retained although they are "
                                        f"angry (choices {_nums(space.way(state))}); add a variant on mood"})
        if worst[state] >= 2 and (ending, "breaches") not in seen:
            seen.add((ending, "breaches"))
            findings.append({"code": "outcome-ignores-behaviour", "ending": ending,
                             "message": f"ending '{ending}' counts the customer as retained after 2 or more rule "
                                        "breaches; add a variant such as `if: breaches >= 2` with another outcome"})
    flagged = set()
    for label in values.finals:
        ending, outcome = space.finals[label.state]
        score = _score(label.points, label.breaches, ceiling)
        if score >= 90 and outcome != "retained" and ending not in flagged:
            flagged.add(ending)
            way = PathValues.way(label)
            findings.append({"code": "grade-contradicts-outcome", "ending": ending, "score": score,
                             "choices": way,
                             "message": f"a playthrough graded Legendary ({score}) ends '{ending}' with the customer "
                                        f"{OUTCOME_WORDS[outcome]} (choices {_nums(way)})"})
    return findings


def _lever_bests(scenario, persona, seed, values: PathValues, ceiling) -> dict:
    levers = {}
    for k, lever in enumerate(LEVERS):
        best = max(values.finals, key=lambda lb: (lb.points[k], -lb.breaches), default=None)
        clean = [lb for lb in values.finals if lb.breaches == 0]
        best_clean = max(clean, key=lambda lb: lb.points[k], default=None)
        way = PathValues.way(best) if best else None
        levers[lever] = {
            "ceiling": ceiling[k],
            "best": best.points[k] if best else None,
            "best_without_breaking": best_clean.points[k] if best_clean else None,
            "choices": way,
            "path": _path(scenario, persona, seed, way) if way is not None else None,
        }
    return levers


def _path(scenario, persona, seed, way) -> list[str]:
    run = Playthrough(scenario, seed=seed, persona=persona or None)
    run.choose_all(way)
    return list(run.path)
