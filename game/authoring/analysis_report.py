"""The `analyze` command's report, as data (for --json) and as text."""
from __future__ import annotations

from game.core import quality
from game.core.analysis import explore, lever_paths, rule_sites, sample, unreachable
from game.core.model import LEVER_TITLES, LEVERS, OUTCOME_WORDS, RULE_TITLES, RULES, STYLE_TITLES
from game.core.scoring import GRADES, ceilings


def persona_data(scenario, persona: str, runs: int, seed: int) -> dict:
    """The analysis for one persona ('' when the scenario has none)."""
    found = explore(scenario, persona, seed)
    best = found.best
    endings = {}
    for eid, ending in scenario.endings.items():
        if ending.builtin and eid not in found.endings:
            continue
        choices = found.endings.get(eid)
        endings[eid] = {"outcome": ending.outcome, "reachable": choices is not None, "choices": choices}
    fair = quality.report(scenario, persona, seed, explored=found.explored)
    return {
        "persona": persona or None,
        "ceilings": ceilings(scenario, persona),
        "lever_paths": lever_paths(scenario, persona),
        "best_path": list(best.path) if best else [],
        "best_choices": list(found.best_choices or []),
        "best_score": best.score if best else None,
        "best_grade": best.grade if best else None,
        "endings": endings,
        "walk_out": found.walk_out,
        "rule_sites": rule_sites(scenario, persona),
        "unreachable": unreachable(scenario),
        "stuck": found.stuck[:10],
        "states": found.states,
        "exhaustive": found.complete,
        "complete": found.complete,
        "paths_exact": found.paths_exact,
        "levers": fair["levers"],
        "probes": fair["probes"],
        "quality": fair["quality"],
        "not_checked": fair["not_checked"],
        "below_legendary": below_legendary(scenario, persona, best),
        "random": sample(scenario, runs=runs, seed=seed, persona=persona).to_dict() if runs else None,
    }


def below_legendary(scenario, persona: str, best) -> dict | None:
    """When the best playthrough stays under Legendary: the lever that holds
    it back most (what the best playthrough collects of it, against its
    ceiling) and a node on the way to its ceiling that the best playthrough
    does not visit. None when the best is Legendary."""
    if best is None or best.score >= 90:
        return None
    assessed = [(score.percent, LEVERS.index(lever), lever) for lever, score in best.levers.items()
                if score.percent is not None]
    if not assessed:
        return {"score": best.score, "lever": None, "node": None,
                "message": f"the best playthrough scores {best.score}: rule breaches hold it back"}
    _, _, lever = min(assessed)
    got = best.levers[lever]
    on_best = set(best.path)
    lost = next((node for node in lever_paths(scenario, persona).get(lever) or [] if node not in on_best), None)
    where = f"; its ceiling is earned through node '{lost}', which the best playthrough does not visit" if lost \
        else ""
    return {"score": best.score, "lever": lever, "points": got.points, "ceiling": got.ceiling, "node": lost,
            "message": f"the best playthrough scores {best.score}: {LEVER_TITLES[lever]} holds it back "
                       f"({got.points} of its ceiling of {got.ceiling})" + where}


def analysis_data(scenario, runs: int = 10_000, seed: int = 0, persona: str | None = None) -> dict:
    """Without personas (or for one `persona`): the keys of `persona_data` at
    the top level. With personas: the same keys for each under `personas`;
    the top level then holds the first persona's keys too, with `quality`
    gathering every persona's findings (each naming its persona) and
    `exhaustive` true only when every persona's exploration was."""
    head = {"scenario": scenario.id, "version": scenario.version, "title": scenario.title,
            "nodes": len(scenario.nodes)}
    ids = [persona] if persona else list(scenario.personas)
    if not ids:
        return {**head, **persona_data(scenario, "", runs, seed)}
    each = {pid: persona_data(scenario, pid, runs, seed) for pid in ids}
    first = each[ids[0]]
    merged = [{**finding, "persona": pid} for pid, data in each.items() for finding in data["quality"]]
    return {**head, **first, "persona": ids[0] if persona else None,
            "exhaustive": all(d["exhaustive"] for d in each.values()),
            "complete": all(d["exhaustive"] for d in each.values()),
            "quality": merged,
            "personas": each}


def _choices(choices: list[int], limit: int = 30) -> str:
    shown = ",".join(map(str, choices[:limit]))
    return f"choices {shown}" + (f",… ({len(choices)} replies)" if len(choices) > limit else "")


def _bar(count: int, total: int, width: int = 40) -> str:
    return "#" * round(width * count / total) if total else ""


def analysis_text(scenario, data: dict) -> str:
    out = [f"{scenario.title} ({scenario.id}, version {scenario.version}): {data['nodes']} nodes, "
           f"{len(data['endings'])} endings", ""]
    personas = data.get("personas")
    if not personas:
        return "\n".join(out + _persona_text(scenario, data))
    out.append("Personas side by side (each lever: best a playthrough collects / ceiling)")
    out.append(f"  {'':<38}" + "".join(f"{pid[:14]:>16}" for pid in personas))
    for lever in LEVERS:
        cells = "".join(f"{_ceiling_cell(d, lever):>16}" for d in personas.values())
        out.append(f"  {LEVER_TITLES[lever]:<38}{cells}")
    out.append(f"  {'best playthrough':<38}" + "".join(
        f"{(str(d['best_score']) + ' ' + (d['best_grade'] or '')).strip():>16}" for d in personas.values()))
    out.append(f"  {'fair-test findings':<38}" + "".join(f"{len(d['quality']):>16}" for d in personas.values()))
    for pid, d in personas.items():
        persona = scenario.personas[pid]
        style = f" ({STYLE_TITLES[persona.style]})" if persona.style else ""
        out += ["", "=" * 72, f"Persona '{pid}': {persona.label}{style}", "=" * 72]
        out += _persona_text(scenario, d)
    return "\n".join(out)


def _ceiling_cell(d: dict, lever: str) -> str:
    info = d["levers"][lever]
    if info["ceiling"] <= 0:
        return "-"
    return f"{info['best'] if info['best'] is not None else '?'}/{info['ceiling']}"


def _persona_text(scenario, data: dict) -> list[str]:
    out = []
    out.append("Levers: ceiling (the contract's upper bound), the best a real playthrough collects, and its path")
    for lever in LEVERS:
        ceiling = data["ceilings"][lever]
        info = data["levers"][lever]
        if ceiling <= 0:
            out.append(f"  {LEVER_TITLES[lever]:<40}   -   not assessed: no reply earns points")
            continue
        best = info["best"] if info["best"] is not None else "?"
        out.append(f"  {LEVER_TITLES[lever]:<40} {ceiling:>3}  best {best}: "
                   + (" > ".join(info["path"]) if info["path"] else "no playthrough finishes"))
    out.append("")
    if data["best_score"] is not None:
        out.append(f"Best playthrough: score {data['best_score']} ({data['best_grade']}), "
                   f"{_choices(data['best_choices'], 60)}")
        out.append(f"  path: {' > '.join(data['best_path'])}")
    if data.get("below_legendary"):
        out.append(f"  Below Legendary: {data['below_legendary']['message']}")
    out.append(f"Explored {data['states']:,} distinct states: "
               + ("every one (exhaustive)." if data["exhaustive"] else
                  "NOT exhaustive: the conversation has more states than the limit; nothing is claimed for the rest."))
    if not data["paths_exact"]:
        out.append("  Replies with points can be taken again in loops here, and the ways to weigh exceeded the "
                   "limit: the bests above are real playthroughs, but a better one may exist.")
    out.append("")
    out.append("Fair test: what naive strategies score (no reading)")
    for name, found in data["probes"].items():
        outcome = OUTCOME_WORDS.get(found["outcome"], "unfinished") if found["outcome"] else "unfinished"
        how = "ignoring who the customer is " if name == "agnostic" else f"always the {name:<9} reply"
        out.append(f"  {how:<28}: score {found['score']:>3} ({found['grade']}), customer {outcome}")
    for item in data.get("not_checked") or ():
        out.append(f"  NOT CHECKED: {item['code']}: {item['reason']}")
    if data["quality"]:
        out.append(f"Findings ({len(data['quality'])}): this scenario is not yet a fair test")
        for finding in data["quality"]:
            out.append(f"  [{finding['code']}] {finding['message']}")
            places = finding.get("nodes")
            if places:
                out.append("      at " + ", ".join(f"{p['node']} reply {p['reply']}" for p in places[:12])
                           + (f", … ({len(places)} nodes)" if len(places) > 12 else ""))
    elif data.get("not_checked"):
        out.append("Findings: none among the checks that were done; the checks above marked NOT CHECKED were "
                   "not done, so nothing is claimed for them.")
    else:
        out.append("Findings: none: no position or length tell, no naive strategy reaches Strong"
                   + (", reading the customer matters" if "agnostic" in data["probes"] else "")
                   + ", outcomes and grades agree, no thin lever.")
    out.append("")
    out.append("Endings (a shortest way to each)")
    for eid, info in data["endings"].items():
        how = _choices(info["choices"]) if info["reachable"] else "NOT REACHABLE"
        out.append(f"  {eid:<20} {OUTCOME_WORDS[info['outcome']]:<9} {how}")
    out.append(f"  walk-out: {_choices(data['walk_out']) if data['walk_out'] else 'not possible'}")
    out.append("")
    out.append("Where each rule can be broken (node, reply number as written, how)")
    for rule in RULES:
        sites = data["rule_sites"][rule]
        listed = ", ".join(f"{s['node']} #{s['choice']} ({s['how']})" for s in sites) or "nowhere"
        out.append(f"  {RULE_TITLES[rule]}: {listed}")
    out.append("")
    out.append("Unreachable: " + (", ".join(data["unreachable"]) or "none"))
    if data["stuck"]:
        out.append(f"Dead ends (no reply shown): {len(data['stuck'])}, e.g. choices "
                   f"{','.join(map(str, data['stuck'][0])) or '(at the start)'}")
    out += _random_text(data["random"])
    return out


def _random_text(sampled) -> list[str]:
    out = []
    if sampled:
        total = sampled["runs"] - sampled["unfinished"]
        out.append("")
        out.append(f"Random play ({sampled['runs']:,} playthroughs, every shown reply equally likely): "
                   f"mean score {sampled['mean']:.1f}, median {sampled['median']:g}")
        out.append("  outcomes: " + ", ".join(f"{OUTCOME_WORDS[o]} {100 * n / total:.0f}%"
                                               for o, n in sorted(sampled["outcomes"].items(),
                                                                  key=lambda kv: list(OUTCOME_WORDS).index(kv[0])))
                   if total else "")
        order = [name for _, name in GRADES]
        out.append("  grades:   " + ", ".join(f"{g} {100 * sampled['grades'][g] / total:.0f}%"
                                               for g in order if g in sampled["grades"]) if total else "")
        bands: dict[int, int] = {}
        for score, n in sampled["scores"].items():
            band = min(int(score) // 10, 9)
            bands[band] = bands.get(band, 0) + n
        for band in range(10):
            n = bands.get(band, 0)
            label = f"{band * 10:>3}-{band * 10 + 9 if band < 9 else 100:<3}"
            out.append(f"  {label} {n:>6}  {_bar(n, total)}")
        if sampled["unfinished"]:
            out.append(f"  {sampled['unfinished']} playthroughs did not finish within 200 replies")
    return out
