"""The quarter's debrief: profit kept against the best plan for the same
seed and budget, each account's story, the levers the plan exercised and
coaching. All derived from a finished Campaign."""
from __future__ import annotations

from pathlib import PurePath

from game.core.model import LEVER_TITLES
from game.core.portfolio.answers import CONCESSION_CUT
from game.core.portfolio.campaign import Campaign, replay
from game.core.portfolio.model import (CADENCE_GAP, FREQUENCY_TITLES, METHOD_TITLES, WEEKS, Portfolio,
                                       channel_fit)
from game.core.portfolio.optimise import Best, best_plan, option_key
from game.core.portfolio.plan_history import history_words, segments
from game.core.portfolio.quarter import run_account
from game.core.portfolio import hours
from game.core.portfolio.debrief_answers import missed_answers, solve_problems_coaching
from game.core.portfolio.debrief_talks import conversation_effects, conversation_line, left_either_way
from game.core.portfolio.neglect import left_from, neglect_line, talked_weeks
from game.core.portfolio.ranking import misplaced, money, ordinal, rank_percent, revenue_order, shown, true_order

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


def best_pace(account, contact) -> str:
    """'' when the best plan keeps the pace the account asks for, else why it does not (it never asks more often:
    docs/portfolio-model.md, 'What each account asks for')."""
    if contact is not None and CADENCE_GAP[contact.frequency] <= CADENCE_GAP[account.cadence]:
        return ""
    return (f"less often than they ask ({FREQUENCY_TITLES[account.cadence]}): the hours keep more profit "
            "elsewhere")


def contact_words(contact) -> str:
    if contact is None:
        return "no contact"
    return f"{METHOD_TITLES[contact.method].lower()} {FREQUENCY_TITLES[contact.frequency]}"


def _share(weights: dict[str, float], chosen: dict[str, float]) -> int | None:
    """The weighted share of `chosen` (each account's share of the quarter, 0..1), as a whole percent."""
    total = sum(weights.values())
    if not total:
        return None
    return round(100 * sum(w * chosen.get(aid, 0.0) for aid, w in weights.items()) / total)


def quarter_share(campaign: Campaign, account, test) -> float:
    """The share of the quarter's weeks in which the account's plan, as it stood that week, passes `test`
    (issue 31, trial A15: the levers judge the quarter as played, the plan before and after every change). Only
    the weeks the account was held count: a lost account's plan counts up to the week it left, not after."""
    held = campaign.runs[account.id].lost_week or WEEKS
    return sum(max(0, min(last, held) - first + 1) for first, last, contact in segments(campaign, account.id)
               if test(account, contact)) / WEEKS


def levers(campaign: Campaign) -> dict[str, int | None]:
    """Each lever as 0..100, or None when the quarter did not test it."""
    p, runs = campaign.portfolio, campaign.runs
    order = true_order(p)
    profit = {a.id: a.profit for a in p.accounts}
    top = {aid: profit[aid] for aid in order[: (len(order) + 1) // 2]}
    personal_regular = {a.id: quarter_share(campaign, a, suits) for a in p.accounts}
    regular = {a.id: quarter_share(campaign, a, kept_in_touch) for a in p.accounts}
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
    healthier = {aid: 1.0 for aid, run in runs.items() if run.active and run.health >= run.account.health}
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
    "build_trust": "Check in regularly. Customers leave when they feel taken for granted; contact they notice, "
                   "never more than twice their usual gap apart, keeps them from feeling neglected.",
    "positive_emotions": "Most accounts ended the quarter less happy than they began; spread your time so that "
                         "fewer of them slide.",
}


# what each lever's percentage measures (issue 31: letting every event go must not read as a lever at 100%)
LEVER_MEASURES = {
    "customers_first": "of the profit in your more valuable half of accounts, how much your plan contacts the way "
                       "and as often as those customers ask, week by week over the quarter as played (the plan "
                       "before and after each change); your answers to the news do not count here",
    "connect": "how well you met new decision makers in person and answered personal news",
    "solve_problems": "how well you answered complaints, price requests and rivals' offers (let go counts 0)",
    "build_trust": "the share of all the profit your plan keeps in regular touch, week by week over the quarter as "
                   "played; not your answers",
    "positive_emotions": "the share of all the profit in accounts that ended no less healthy than they began",
}


def without_conversations(campaign: Campaign, answered: bool = True) -> Campaign:
    """The same quarter (plan, its changes and, with `answered`, the answers) with every linked conversation
    at risk; without `answered`, every event let go."""
    record = campaign.to_record()
    if not answered:
        record = {**record, "answers": []}
    return replay(campaign.portfolio, record, assume="at_risk")


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
    # one basis, profit kept at the quarter's end: the plan (with its changes) and your answers, every
    # conversation at risk; the same plan with every event let go; doing nothing; the best plan
    at_risk = without_conversations(campaign).runs
    plan_only = sum(run.profit_kept_cents for run in at_risk.values())
    unanswered = sum(run.profit_kept_cents for run in without_conversations(campaign, answered=False).runs.values())
    nothing = sum(best.values[a.id]["none"] for a in p.accounts)  # no contact, nothing answered
    # the score is worked from the figures as the debrief shows them, so its sentence recomputes exactly
    score = protected_percent(shown(kept / 100), shown(nothing / 100), shown(best.value_cents / 100))
    order = true_order(p)
    accounts = []
    neglect_cost, neglected = 0.0, []
    for account in p.accounts:
        run = campaign.runs[account.id]
        contact = campaign.plan.contact(account.id)
        best_contact = best.plan.contact(account.id)
        start_value = account.profit * account.health / 100
        end_value = run.profit_kept_cents / 100
        if contact is None and start_value - end_value > 0:
            neglect_cost += start_value - end_value
            from_week = left_from(campaign, account.id)
            neglected.append({"account": account.id, "from_week": from_week,
                              "talked": talked_weeks(campaign, account.id, from_week)})
        accounts.append({
            "id": account.id, "name": account.name, "worth_rank": order.index(account.id) + 1,
            "contact": contact_words(contact), "best_contact": contact_words(best_contact),
            "contact_history": history_words(campaign, account.id),  # '' when the plan never changed
            "hours_a_week": round(campaign.plan.minutes(account.id) / 60 / WEEKS, 2),
            "health": [round(h) for h in run.healths], "lost_week": run.lost_week,
            "events": [f"week {log.week}: {e}" for log in run.log for e in log.events],
            "concessions": round(run.margin_cut / CONCESSION_CUT),
            "profit_kept": round(end_value, 2),
            "plan_profit_kept": at_risk[account.id].profit_kept_cents / 100,
            "best_answers": account.id in best.answered, "best_pace": best_pace(account, best_contact),
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
        "unanswered_profit_kept": round(unanswered / 100, 2),
        "answers_added": round((plan_only - unanswered) / 100, 2),
        "conversations_added": round((kept - plan_only) / 100, 2),
        "conversation_effects": conversation_effects(campaign, at_risk),
        "missed_answers": missed_answers(campaign),  # problems let go or answered in part, for the coaching
        "contact_minutes": sum(run.contact_minutes() for run in campaign.runs.values()),
        "answer_minutes": sum(run.answer_minutes for run in campaign.runs.values()),
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
        "neglected": neglected,  # the accounts whose neglect cost: from which week without planned contact (None:
        # never), and the weeks of their conversations from then on (which did not count as contact)
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


def difference(result: dict, more: str, less: str) -> float:
    """The difference of two of the debrief's figures as the trainee reads them (each as `money` shows it)."""
    return shown(result[more]) - shown(result[less])


def score_end(result: dict) -> str:
    """How the division shown becomes the score: ' = 47%' (to the nearest whole percent), or why it is held at
    0 or 100. The score is worked from the figures as shown, so this always agrees with them."""
    mine, best = difference(result, "profit_kept", "nothing_profit_kept"), \
        difference(result, "best_profit_kept", "nothing_profit_kept")
    if best <= 0:
        return f", so {result['score']}%"
    if mine < 0:
        return ": less than doing nothing, so 0%"
    if mine > best:
        return ": more than the best plan, so 100%"
    return f" = {result['score']}%"


def seed_line(p: Portfolio, result: dict) -> str:
    """Which seed drew the quarter's news, in words (another seed draws other news, so other figures)."""
    return (f"This quarter's news was drawn with seed {result['seed']}; another seed draws other news, so other "
            "figures.")


def trainer_command(p: Portfolio, result: dict) -> str:
    """The command that gives the same best and doing-nothing figures: 'main.py analyze portfolios/x.yaml --seed 8'.
    A trainer's tool: the terminal and the CLI print it in a line for trainers, the browser as code in a part
    marked for trainers, the window leaves it out (docs/decisions.md, trial B4)."""
    name = PurePath(p.file).name if p.file else f"{p.id}.yaml"
    where = f"portfolios/{name}" if not p.file or PurePath(p.file).parent.name == "portfolios" else name
    return f"main.py analyze {where} --seed {result['seed']}"


def trainer_line(p: Portfolio, result: dict) -> str:
    return f"For trainers: {trainer_command(p, result)} gives these figures for the best plan and doing nothing."


def step_words(p: Portfolio, result: dict, more: str, less: str, what: str) -> str:
    """A step of the debrief's ladder: the difference of the two figures as shown ('your answers added £3k'). When
    the figures round to the same amount but are not equal, the step says it was less than the rounding, with
    the sum in pounds (issue 31, trial A5: a conversation that kept a small account is never 'added nothing')."""
    cur, d = p.currency, difference(result, more, less)
    if d:
        return f"{what} {'added' if d > 0 else 'cost'} {money(cur, abs(d))}"
    exact = round(result[more] - result[less])
    if exact:
        unit = f"{cur}10k" if max(abs(result[more]), abs(result[less])) >= 1_000_000 else f"{cur}1k"
        return (f"{what} {'added' if exact > 0 else 'cost'} {money(cur, abs(exact))}: less than {unit}, so the "
                "two figures look the same")
    why = left_either_way(p, result) if what == "your conversations" else ""
    return f"{what} added nothing" + (f": {why}" if why else "")


def figure_lines(p: Portfolio, result: dict, for_trainers: bool = False) -> list[str]:
    """The debrief's figures, on one basis, each difference the difference of the figures shown, and the
    score in one sentence from its formula (docs/portfolio-model.md, 'Profit kept, the best plan and the
    score'). The window, the browser and the terminal all print these lines ('' between paragraphs); `for_trainers`
    adds the command that gives the same figures after the seed's line (the terminal's and the CLI's debrief)."""
    cur = p.currency

    def m(key):
        return money(cur, result[key])

    def signed(amount):
        return ("−" if amount < 0 else "") + money(cur, abs(amount))

    def change(more, less, what):
        return step_words(p, result, more, less, what)
    lines = [f"Score {result['score']}%: what you kept beyond doing nothing, as a share of what the best plan "
             f"keeps beyond doing nothing: ({m('profit_kept')} − {m('nothing_profit_kept')}) ÷ "
             f"({m('best_profit_kept')} − {m('nothing_profit_kept')}) = "
             f"{signed(difference(result, 'profit_kept', 'nothing_profit_kept'))} ÷ "
             f"{signed(difference(result, 'best_profit_kept', 'nothing_profit_kept'))}{score_end(result)}.", "",
             "Profit kept is the year's profit you can still count on at the end of the quarter: each account's "
             "profit × its health (an account that left keeps nothing). Every figure but the first counts each "
             "conversation as a middling call (at risk, scored 50), which leaves health where it was:",
             f"  Your quarter as played: {m('profit_kept')}.",
             f"  The same with every conversation at risk and scored 50: {m('plan_profit_kept')} "
             f"({change('profit_kept', 'plan_profit_kept', 'your conversations')}).",
             f"  Your plan with every event let go: {m('unanswered_profit_kept')} "
             f"({change('plan_profit_kept', 'unanswered_profit_kept', 'your answers')}).",
             f"  Doing nothing (no contact, nothing answered): {m('nothing_profit_kept')} "
             f"({change('unanswered_profit_kept', 'nothing_profit_kept', 'your plan')}).",
             f"  The best plan for {p.budget_hours:g} hours a week, every event it answers put right: "
             f"{m('best_profit_kept')}."] + [line for line in [conversation_line(p, result)] if line] + \
        ["", seed_line(p, result)] + ([trainer_line(p, result)] if for_trainers else []) + [""]
    lines.append(f"Revenue kept (each account's revenue × its health): {money(cur, result['revenue_kept'])}; the "
                 f"best plan's {money(cur, result['best_revenue_kept'])}.")
    lines.append(f"Ranking {result['rank_percent']}% (100 is every account in its place by profit; ranking by "
                 f"revenue alone would score {result['revenue_order_percent']}%).")
    if "contact_minutes" in result:
        lines.append(hours.debrief_time(p, result["contact_minutes"], result["answer_minutes"]))
    if result["neglect_cost"] > 0.5:
        lines.append(neglect_line(p, result))
    if result["accounts_lost"]:
        lines.append("Lost: " + ", ".join(p.account(a).name for a in result["accounts_lost"]) + ".")
    return lines


def coaching(p: Portfolio, result: dict) -> list[str]:
    lines = []
    cur = p.currency
    gap = difference(result, "best_profit_kept", "plan_profit_kept")
    if gap > 0:
        lines.append(f"The best plan keeps {money(cur, gap)} more than your plan and answers "
                     f"({money(cur, result['best_profit_kept'])} against {money(cur, result['plan_profit_kept'])}, "
                     "every conversation at risk and scored 50); this debrief gives its contact for each account.")
    else:
        lines.append("Your plan and answers keep as much as the best plan for this budget and these weeks.")
    slower = [a["name"] for a in result["accounts"] if a.get("best_pace")]
    if slower:
        lines.append(f"The best plan contacts {len(slower)} of your accounts less often than their notes ask "
                     f"({', '.join(slower[:3])}{', …' if len(slower) > 3 else ''}): with {hours.hours(p.budget_hours * 60)}"
                     " hours a week, those hours keep more profit elsewhere. That is the trade-off of the quarter; "
                     "it never contacts anyone more often than they ask.")
    if result["events"]:
        let_go = result["events"] - result["events_answered"]
        added = difference(result, "plan_profit_kept", "unanswered_profit_kept")
        lines.append(f"You answered {result['events_answered']} of the {result['events']} things that happened "
                     f"on your accounts" + (f" and let {let_go} go" if let_go else "") +
                     (f"; your answers kept {money(cur, added)} more profit than letting them all go would."
                      if added > 0 else "."))
    by_gap = sorted(result["accounts"], key=lambda a: a["plan_profit_kept"] - a["best_profit_kept"])
    for a in by_gap[:2]:
        lost = a["best_profit_kept"] - a["plan_profit_kept"]
        if lost > 0.5 and a["contact"] != a["best_contact"]:
            lines.append(f"{a['name']} ({ordinal(a['worth_rank'])} most valuable): {a['contact']} in your plan; "
                         f"{a['best_contact']} would have kept {money(cur, lost)} more.")
    weak = [(pct, lever) for lever, pct in result["levers"].items() if pct is not None and pct < 60]
    for _pct, lever in sorted(weak)[:2]:
        said = solve_problems_coaching(p, result) if lever == "solve_problems" else LEVER_COACHING[lever]
        lines.append(f"{LEVER_TITLES[lever]}: {said}")
    if result["rank_percent"] < 80 and result["misplaced"]:
        m = result["misplaced"][0]
        lines.append(f"Ranking: {p.account(m['account']).name}: {m['why']}.")
    return lines
