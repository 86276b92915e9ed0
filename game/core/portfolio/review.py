"""The quarter's debrief: profit kept against the best plan for the same
seed and budget, each account's story, the levers the plan exercised and
coaching. All derived from a finished Campaign."""
from __future__ import annotations

from game.core.model import LEVER_TITLES
from game.core.portfolio.answers import CONCESSION_CUT
from game.core.portfolio.campaign import Campaign, replay
from game.core.portfolio.model import (CADENCE_GAP, FREQUENCY_TITLES, METHOD_TITLES, WEEKS, Portfolio,
                                       channel_fit)
from game.core.portfolio.optimise import Best, best_plan, option_key
from game.core.portfolio.quarter import run_account
from game.core.portfolio.ranking import misplaced, money, ordinal, rank_percent, revenue_order, true_order

PLAN_GAP = {"weekly": 1, "fortnightly": 2, "monthly": 4, "quarterly": 13}  # weeks between planned contacts


def suits(account, contact) -> bool:
    """The plan meets the account on its own terms: its channel (or one a step heavier), never sooner than its
    cadence and never more than twice as far apart."""
    if contact is None:
        return False
    gap, wanted = PLAN_GAP[contact.frequency], CADENCE_GAP[account.cadence]
    return channel_fit(account, contact.method) >= 0.75 and wanted <= gap <= 2 * wanted


def kept_in_touch(account, contact) -> bool:
    """Contact the account notices, at least every twice its preferred gap."""
    return contact is not None and channel_fit(account, contact.method) > 0 and \
        PLAN_GAP[contact.frequency] <= 2 * CADENCE_GAP[account.cadence]


def contact_words(contact) -> str:
    if contact is None:
        return "no contact"
    return f"{METHOD_TITLES[contact.method].lower()} {FREQUENCY_TITLES[contact.frequency]}"


def _share(weights: dict[str, float], chosen) -> int | None:
    total = sum(weights.values())
    if not total:
        return None
    return round(100 * sum(w for aid, w in weights.items() if aid in chosen) / total)


def levers(campaign: Campaign) -> dict[str, int | None]:
    """Each lever as 0..100, or None when the quarter did not test it."""
    p, plan, runs = campaign.portfolio, campaign.plan, campaign.runs
    order = true_order(p)
    profit = {a.id: a.profit for a in p.accounts}
    top = {aid: profit[aid] for aid in order[: (len(order) + 1) // 2]}
    personal_regular = {a.id for a in p.accounts if suits(a, plan.contact(a.id))}
    regular = {a.id for a in p.accounts if kept_in_touch(a, plan.contact(a.id))}
    chances = met = 0.0
    problems = solved = 0.0
    for run in runs.values():
        for log in run.log:
            for event in log.events:  # an answer counts by how well it suited (0 when let go)
                if event.kind == "disclosure":
                    chances, met = chances + 1, met + event.quality
                else:
                    problems, solved = problems + 1, solved + event.quality
        if "new-decision-maker" in run.account.cues:
            chances, met = chances + 1, met + run.met_in_person
    healthier = {aid for aid, run in runs.items() if run.active and run.health >= run.account.health}
    return {
        "customers_first": _share(top, personal_regular),
        "connect": round(100 * met / chances) if chances else None,
        "solve_problems": round(100 * solved / problems) if problems else None,
        "build_trust": _share(profit, regular),
        "positive_emotions": _share(profit, healthier),
    }


LEVER_COACHING = {
    "customers_first": "Put your most valuable accounts first, on their terms: each of the top half deserves "
                       "contact in the way and at the pace it asks for before the smaller accounts get your hours.",
    "connect": "Remember what customers tell you and meet new decision makers in person; an e-mail does not "
               "introduce you.",
    "solve_problems": "Answer complaints, price-cut requests and rival offers the week they arrive, and in the "
                      "way that fits: a voice for a complaint, the total cost for a price request, and for a "
                      "rival's offer whatever this customer values.",
    "build_trust": "Check in regularly. Customers leave when they feel taken for granted; contact they notice, "
                   "never more than twice their usual gap apart, keeps them from feeling neglected.",
    "positive_emotions": "Most accounts ended the quarter less happy than they began; spread your time so that "
                         "fewer of them slide.",
}


def without_conversations(campaign: Campaign) -> Campaign:
    """The same quarter (plan and answers) with every linked conversation at risk."""
    return replay(campaign.portfolio, campaign.to_record(), assume="at_risk")


def protected_percent(kept: int, nothing: int, best: int) -> int:
    """The share of what the best plan protects beyond doing nothing that you protected, 0..100."""
    if best <= nothing:
        return 100 if kept >= best else 0
    return max(0, min(100, round(100 * (kept - nothing) / (best - nothing))))


def debrief(campaign: Campaign, best: Best | None = None) -> dict:
    """The debrief as data (the JSON of scripted play, and what the screens show)."""
    p: Portfolio = campaign.portfolio
    if not campaign.finished:
        raise ValueError("the quarter is not over")
    best = best or best_plan(p, campaign.seed)
    ranking_pct = rank_percent(p, campaign.ranking)
    kept = sum(run.profit_kept_cents for run in campaign.runs.values())
    # the plan and your answers, every conversation at risk; and the plan with nothing answered
    plan_only = sum(run.profit_kept_cents for run in without_conversations(campaign).runs.values())
    unanswered = sum(best.values[a.id][option_key(campaign.plan.contact(a.id))] for a in p.accounts)
    nothing = sum(best.values[a.id]["none"] for a in p.accounts)  # no contact, nothing answered
    score = protected_percent(kept, nothing, best.value_cents)
    order = true_order(p)
    accounts = []
    neglect_cost = 0.0
    for account in p.accounts:
        run = campaign.runs[account.id]
        contact = campaign.plan.contact(account.id)
        best_contact = best.plan.contact(account.id)
        start_value = account.profit * account.health / 100
        end_value = run.profit_kept_cents / 100
        if contact is None:
            neglect_cost += max(0.0, start_value - end_value)
        accounts.append({
            "id": account.id, "name": account.name, "worth_rank": order.index(account.id) + 1,
            "contact": contact_words(contact), "best_contact": contact_words(best_contact),
            "hours_a_week": round(campaign.plan.minutes(account.id) / 60 / WEEKS, 2),
            "health": [round(h) for h in run.healths], "lost_week": run.lost_week,
            "events": [f"week {log.week}: {e}" for log in run.log for e in log.events],
            "concessions": round(run.margin_cut / CONCESSION_CUT),
            "profit_kept": round(end_value, 2),
            "best_answers": account.id in best.answered,
            "best_profit_kept": best.values[account.id][option_key(best_contact, account.id in best.answered)] / 100,
        })
    lever_pcts = levers(campaign)
    result = {
        **campaign.to_record(),
        "title": p.title, "currency": p.currency, "budget_hours": p.budget_hours,
        "hours_a_week": round(campaign.plan.hours_a_week(), 2),
        "score": score, "rank_percent": ranking_pct,
        "revenue_order_percent": rank_percent(p, revenue_order(p)),
        "misplaced": [{"account": m.account, "placed": m.placed, "belongs": m.belongs, "why": m.why}
                      for m in misplaced(p, campaign.ranking)],
        "profit_kept": round(kept / 100, 2),
        "plan_profit_kept": round(plan_only / 100, 2),
        "answers_added": round((plan_only - unanswered) / 100, 2),
        "events_answered": sum(1 for r in campaign.runs.values() for log in r.log for e in log.events if e.answer),
        "events": sum(1 for r in campaign.runs.values() for log in r.log for e in log.events),
        "nothing_profit_kept": round(nothing / 100, 2),
        "best_profit_kept": round(best.value_cents / 100, 2),
        "start_profit_at_stake": round(sum(a.profit * a.health / 100 for a in p.accounts), 2),
        "revenue_kept": round(sum(run.revenue_kept for run in campaign.runs.values()), 2),
        "best_revenue_kept": round(sum(run_account(p, a, best.plan.contact(a.id), campaign.seed,
                                                   answer=a.id in best.answered).revenue_kept
                                       for a in p.accounts), 2),
        "best_method": "exact plan phase; weeks by the best-response policy",
        "revenue_earned": round(sum(run.revenue_earned for run in campaign.runs.values()), 2),
        "neglect_cost": round(neglect_cost, 2),
        "accounts_lost": [a["id"] for a in accounts if a["lost_week"]],
        "best_plan": best.plan.to_dict(),
        "levers": lever_pcts,
        "worth": [{"id": aid, "name": p.account(aid).name, "revenue": p.account(aid).revenue,
                   "profit": round(p.account(aid).profit, 2), "your_place": campaign.ranking.index(aid) + 1}
                  for aid in order],
        "accounts": accounts,
    }
    result["coaching"] = coaching(p, result)
    return result


def coaching(p: Portfolio, result: dict) -> list[str]:
    lines = []
    cur = p.currency
    gap = result["best_profit_kept"] - result["plan_profit_kept"]
    if gap > 0.5:
        lines.append(f"The best plan for {p.budget_hours:g} hours a week keeps {money(cur, result['best_profit_kept'])} "
                     f"of annual profit; yours keeps {money(cur, result['plan_profit_kept'])} on the plan alone.")
    else:
        lines.append("Your plan is as good as the best plan for this budget and these weeks.")
    if result["events"]:
        let_go = result["events"] - result["events_answered"]
        lines.append(f"You answered {result['events_answered']} of the {result['events']} things that happened "
                     f"on your accounts" + (f" and let {let_go} go" if let_go else "") +
                     (f"; your answers kept {money(cur, result['answers_added'])} more profit than silence would."
                      if result["answers_added"] > 0.5 else "."))
    swing = result["profit_kept"] - result["plan_profit_kept"]
    if abs(swing) > 0.5:
        verb = "added" if swing > 0 else "cost"
        lines.append(f"Your conversations {verb} {money(cur, abs(swing))} of profit kept.")
    if result["neglect_cost"] > 0.5:
        lines.append(f"Neglect cost {money(cur, result['neglect_cost'])}: the accounts you did not contact ended "
                     "the quarter worth that much less.")
    by_gap = sorted(result["accounts"], key=lambda a: a["profit_kept"] - a["best_profit_kept"])
    for a in by_gap[:2]:
        lost = a["best_profit_kept"] - a["profit_kept"]
        if lost > 0.5 and a["contact"] != a["best_contact"]:
            lines.append(f"{a['name']} ({ordinal(a['worth_rank'])} most valuable): {a['contact']} in your plan; "
                         f"{a['best_contact']} would have kept {money(cur, lost)} more.")
    weak = [(pct, lever) for lever, pct in result["levers"].items() if pct is not None and pct < 60]
    for _pct, lever in sorted(weak)[:2]:
        lines.append(f"{LEVER_TITLES[lever]}: {LEVER_COACHING[lever]}")
    if result["rank_percent"] < 80 and result["misplaced"]:
        m = result["misplaced"][0]
        lines.append(f"Ranking: {p.account(m['account']).name}: {m['why']}.")
    return lines
