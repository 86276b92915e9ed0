"""The `analyze` command's report, as data (for --json) and as text."""
from __future__ import annotations

from .analysis import explore, lever_paths, rule_sites, sample, unreachable
from .model import LEVER_TITLES, LEVERS, OUTCOME_WORDS, RULE_TITLES, RULES
from .scoring import GRADES, ceilings

EXPLORE_SECONDS = 3.0  # beyond this, report the best found so far (marked incomplete)


def analysis_data(scenario, runs: int = 10_000, seed: int = 0) -> dict:
    found = explore(scenario, seed=seed, time_limit=EXPLORE_SECONDS)
    best = found.best
    endings = {}
    for eid, ending in scenario.endings.items():
        if ending.builtin and eid not in found.endings:
            continue
        choices = found.endings.get(eid)
        endings[eid] = {"outcome": ending.outcome, "reachable": choices is not None, "choices": choices}
    return {
        "scenario": scenario.id, "version": scenario.version, "title": scenario.title,
        "nodes": len(scenario.nodes),
        "ceilings": ceilings(scenario),
        "lever_paths": lever_paths(scenario),
        "best_path": list(best.path) if best else [],
        "best_choices": list(found.best_choices or []),
        "best_score": best.score if best else None,
        "best_grade": best.grade if best else None,
        "endings": endings,
        "walk_out": found.walk_out,
        "rule_sites": rule_sites(scenario),
        "unreachable": unreachable(scenario),
        "stuck": found.stuck[:10],
        "complete": found.complete,
        "random": sample(scenario, runs=runs, seed=seed).to_dict() if runs else None,
    }


def _choices(choices: list[int], limit: int = 30) -> str:
    shown = ",".join(map(str, choices[:limit]))
    return f"choices {shown}" + (f",… ({len(choices)} replies)" if len(choices) > limit else "")


def _bar(count: int, total: int, width: int = 40) -> str:
    return "#" * round(width * count / total) if total else ""


def analysis_text(scenario, data: dict) -> str:
    out = [f"{scenario.title} ({scenario.id}, version {scenario.version}): {data['nodes']} nodes, "
           f"{len(data['endings'])} endings", ""]
    out.append("Levers: ceiling (most points a playthrough can collect) and a path that collects it")
    for lever in LEVERS:
        ceiling = data["ceilings"][lever]
        path = " > ".join(data["lever_paths"][lever]) if ceiling > 0 else "not assessed: no reply earns points"
        out.append(f"  {LEVER_TITLES[lever]:<40} {ceiling:>3}   {path}")
    out.append("")
    if data["best_score"] is not None:
        out.append(f"Best playthrough: score {data['best_score']} ({data['best_grade']}), "
                   f"{_choices(data['best_choices'], 60)}")
        out.append(f"  path: {' > '.join(data['best_path'])}")
    if not data["complete"]:
        out.append("  (the scenario has too many distinct situations to try them all; this is the best found)")
    out.append("")
    out.append("Endings")
    for eid, info in data["endings"].items():
        how = _choices(info["choices"]) if info["reachable"] else "NOT REACHABLE"
        out.append(f"  {eid:<20} {OUTCOME_WORDS[info['outcome']]:<9} {how}")
    out.append(f"  walk-out: {_choices(data['walk_out']) if data['walk_out'] else 'not possible'}")
    out.append("")
    out.append("Where each rule can be broken (node, reply number, how)")
    for rule in RULES:
        sites = data["rule_sites"][rule]
        listed = ", ".join(f"{s['node']} #{s['choice']} ({s['how']})" for s in sites) or "nowhere"
        out.append(f"  {RULE_TITLES[rule]}: {listed}")
    out.append("")
    out.append("Unreachable: " + (", ".join(data["unreachable"]) or "none"))
    if data["stuck"]:
        out.append(f"Dead ends (no reply shown): {len(data['stuck'])}, e.g. choices "
                   f"{','.join(map(str, data['stuck'][0]))}")
    sampled = data["random"]
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
    return "\n".join(out)
