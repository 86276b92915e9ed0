"""The debrief and the analysis as plain lines of text (terminal and CLI)."""
from __future__ import annotations

from game.core.model import LEVER_TITLES
from game.core.portfolio.model import FREQUENCY_TITLES, METHOD_TITLES, WEEKS, Portfolio
from game.core.portfolio.ranking import money, ordinal, true_order
from game.core.portfolio.review import LEVER_MEASURES

SPARK = "▁▂▃▄▅▆▇█"


def sparkline(values) -> str:
    """One character a week; '·' once the account has gone."""
    return "".join("·" if v <= 0 else SPARK[min(7, int(v / 100 * 8))] for v in values)


def name_width(p: Portfolio) -> int:
    """The name column as wide as the portfolio's longest name: a name is never cut."""
    return max((len(a.name) for a in p.accounts), default=0)


def debrief_lines(p: Portfolio, d: dict) -> list[str]:
    cur, wide = p.currency, name_width(p)
    from game.core.portfolio.review import figure_lines
    lines = [f"{d['title']}: the quarter's debrief", ""] + figure_lines(p, d, for_trainers=True)
    lines += ["", "Each account over the quarter (health, week 0 to 13):"]
    for a in sorted(d["accounts"], key=lambda a: a["worth_rank"]):
        end = "lost in week %d" % a["lost_week"] if a["lost_week"] else f"health {a['health'][0]} → {a['health'][-1]}"
        best = a["best_contact"] + (", answering its events" if a.get("best_answers") else "")
        lines.append(f"  {a['worth_rank']:>2}. {a['name']:<{wide}} {sparkline(a['health'])}  {end}; "
                     f"{a.get('contact_history') or a['contact']} (best: {best})")
    for c in d["conversations"]:
        lines.append(f"  Conversation in week {c['week']} with {p.account(c['account']).name}: "
                     f"{(c['outcome'] or '').replace('_', ' ')}" + (" (assumed)" if c["source"] == "assumed" else ""))
    lines += ["", "Levers your plan exercised:"]
    for lever, pct in d["levers"].items():
        lines.append(f"  {LEVER_TITLES[lever]:<40} "
                     + ("not tested this quarter" if pct is None else f"{pct}%, {LEVER_MEASURES[lever]}"))
    lines += ["", "What each account is worth (revenue is the size of the relationship; profit, what it leaves, "
              "is what it is worth keeping):"]
    for i, w in enumerate(d["worth"], 1):
        lines.append(f"  {i:>2}. {w['name']:<{wide}} revenue {money(cur, w['revenue']):>8}  profit "
                     f"{money(cur, w['profit']):>8}  (you put it {ordinal(w['your_place'])})")
    if d["misplaced"]:
        lines += ["", "Ranking: accounts out of place:"]
        for m in d["misplaced"]:
            lines.append(f"  {p.account(m['account']).name}: {m['why']}.")
    lines += ["", "Coaching:"] + [f"  • {c}" for c in d["coaching"]]
    return lines


EXACT = ("the plan: each account's contact and whether its events are answered, the true optimum for this seed "
         "and budget when every answered event gets its right answer (dynamic programming over the quarter's "
         "time; checked against brute force)")
POLICY = ("the weeks: each week, the answers that buy the most profit-weighted health within that week's hours "
          "and the quarter's time left, never a concession, with no look-ahead to later weeks (a best response "
          "week by week, tested by brute force on small portfolios; not proven best for the whole quarter)")


def method(best, played) -> dict:
    """What is exact and what is the policy, and how close the policy comes to the exact plan's value."""
    kept = sum(r.profit_kept_cents for r in played.runs.values())
    return {"exact": EXACT, "policy": POLICY, "exact_profit_kept": best.value_cents / 100,
            "policy_profit_kept": kept / 100,
            "policy_percent_of_exact": round(100 * kept / best.value_cents, 1) if best.value_cents else 100.0}


def method_lines(p: Portfolio, m: dict) -> list[str]:
    return ["", "What is exact and what is a policy:", f"  Exact: {m['exact']}.", f"  Policy: {m['policy']}.",
            f"  The exact plan keeps {money(p.currency, m['exact_profit_kept'])} with every answered event put "
            f"right; its weeks played by the policy keep {money(p.currency, m['policy_profit_kept'])} "
            f"({m['policy_percent_of_exact']:g}% of it)."]


def analysis(p: Portfolio, seed: int) -> dict:
    from game.core.portfolio.optimise import best_plan, option_key
    from game.core.portfolio.policy import benchmark
    from game.core.portfolio.review import contact_words
    best = best_plan(p, seed)
    order = true_order(p)
    accounts = []
    minutes = 0
    for a in p.accounts:
        values = best.values[a.id]
        chosen = best.plan.contact(a.id)
        key = option_key(chosen, a.id in best.answered)
        minutes += best.minutes[a.id][key]
        accounts.append({"id": a.id, "name": a.name, "worth_rank": order.index(a.id) + 1,
                         "revenue": a.revenue, "margin": a.margin, "profit": round(a.profit, 2),
                         "health": a.health, "pressure": a.pressure, "cadence": a.cadence, "channel": a.channel,
                         "scenario": a.scenario,
                         "no_contact_profit_kept": values["none"] / 100,
                         "best_contact": contact_words(chosen), "best_answers": a.id in best.answered,
                         "best_profit_kept": values[key] / 100,
                         "top_profit_kept": max(values.values()) / 100})
    played = benchmark(p, seed, best)
    return {**{"portfolio": p.id, "seed": seed, "budget_hours": p.budget_hours, "weeks": WEEKS,
            "true_order": order, "best_plan": best.plan.to_dict(), "best_answers": sorted(best.answered),
            "best_method": "exact plan phase (dynamic programming over contact and whether to answer, each "
                           "account's events given their right answer); weeks by the best-response policy",
            "method": method(best, played),
            "best_hours_a_week": round(minutes / 60 / WEEKS, 2),
            "best_profit_kept": best.value_cents / 100,
            "policy_profit_kept": sum(r.profit_kept_cents for r in played.runs.values()) / 100,
            "nothing_profit_kept": sum(best.values[a.id]["none"] for a in p.accounts) / 100,
            "accounts": accounts}, "baselines": baselines(p, best)}


def _score(kept: int, nothing: int, best: int) -> int:
    """The debrief's score for profit kept (cents): the share of what the best plan protects beyond doing nothing."""
    if best <= nothing:
        return 100
    return max(0, min(100, round(100 * (kept - nothing) / (best - nothing))))


def _as_asked(p: Portfolio, best, answered: bool) -> tuple[int, float]:
    """Profit kept (cents) and hours a week when each account, most worth keeping first, gets the contact
    it asks for (its channel at its cadence; its events answered or let go) while the budget lasts."""
    from game.core.portfolio.optimise import option_key
    from game.core.portfolio.quarter import Contact
    kept, minutes = 0, 0
    for aid in true_order(p):
        account = p.account(aid)
        key = option_key(Contact(account.channel, account.cadence), answered)
        cost = best.minutes[aid][key]
        if minutes + cost <= p.budget_minutes:
            minutes += cost
            kept += best.values[aid][key]
        else:
            kept += best.values[aid]["none"]
    return kept, minutes / 60 / WEEKS


def baselines(p: Portfolio, best) -> dict:
    """What the trainer's guide says to compare the best plan with: doing nothing (which must score
    badly) and ranking by revenue alone (below 50%); beside them, giving every account what it asks
    for, most worth first while the budget lasts, with its events let go and answered."""
    from game.core.portfolio.ranking import rank_percent, revenue_order
    nothing = sum(best.values[a.id]["none"] for a in p.accounts)
    out = {"best_plan": {"profit_kept": best.value_cents / 100, "score": 100},
           "doing_nothing": {"profit_kept": nothing / 100, "score": 0},
           "revenue_ranking_percent": rank_percent(p, revenue_order(p))}
    for name, answered in (("as_asked", False), ("as_asked_answering", True)):
        kept, hours = _as_asked(p, best, answered)
        out[name] = {"profit_kept": kept / 100, "score": _score(kept, nothing, best.value_cents),
                     "hours_a_week": round(hours, 2)}
    return out


def baseline_lines(p: Portfolio, b: dict) -> list[str]:
    cur = p.currency
    rows = [("Best plan", b["best_plan"]), ("Doing nothing (should score badly)", b["doing_nothing"]),
            ("What each asks for, events let go", b["as_asked"]),
            ("What each asks for, events answered", b["as_asked_answering"])]
    lines = ["Baselines (what the trainer's guide says to compare; scores as the debrief gives them):"]
    for label, row in rows:
        hours = f" ({row['hours_a_week']:.1f} hours a week)" if "hours_a_week" in row else ""
        lines.append(f"  {label:<38} keeps {money(cur, row['profit_kept']):>9}  score {row['score']:>3}{hours}")
    lines.append(f"  Ranking by revenue alone (should be below 50%): {b['revenue_ranking_percent']}%")
    return lines


def analysis_lines(p: Portfolio, a: dict) -> list[str]:
    cur, wide = p.currency, name_width(p)
    lines = [f"{p.title} ({len(p.accounts)} accounts, {p.budget_hours:g} hours a week, seed {a['seed']})",
             f"These figures are for the news drawn with seed {a['seed']}: a quarter played with another seed has "
             "other news, so its debrief shows other figures (--seed N gives them; the debrief names its seed).",
             "",
             "Each account's value (true order):"]
    for acc in sorted(a["accounts"], key=lambda x: x["worth_rank"]):
        lines.append(f"  {ordinal(acc['worth_rank']):>4} {acc['name']:<{wide}} {money(cur, acc['revenue']):>8} at "
                     f"{acc['margin'] * 100:>3.0f}% = {money(cur, acc['profit']):>7} profit; health {acc['health']:>3}, "
                     f"{acc['pressure']} pressure; left alone keeps {money(cur, acc['no_contact_profit_kept'])}")
    lines += ["", f"Best plan for this seed and budget ({a['best_hours_a_week']:.1f} hours a week with its "
              f"answers), keeps {money(cur, a['best_profit_kept'])}; doing nothing keeps "
              f"{money(cur, a['nothing_profit_kept'])}.",
              f"How it is found: {a['best_method']}. Played week by week by that policy it keeps "
              f"{money(cur, a['policy_profit_kept'])}.", ""] + baseline_lines(p, a["baselines"]) + [""]
    for acc in sorted(a["accounts"], key=lambda x: x["worth_rank"]):
        answers = "answer its events" if acc["best_answers"] else "let its events go"
        asks = f"{METHOD_TITLES[acc['channel']].lower()} {FREQUENCY_TITLES[acc['cadence']]}"
        lines.append(f"  {acc['name']:<{wide}} {acc['best_contact']:<32} {answers:<18} "
                     f"keeps {money(cur, acc['best_profit_kept'])} (asks for: {asks})")
    return lines + method_lines(p, a["method"])
