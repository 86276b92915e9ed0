"""Read a scripted quarter from a file: the seed, the ranking, the plan, and
each linked conversation's outcome or choices.

    seed: 7
    ranking: [meridian-data, halden-science, …]     # every account once
    plan:
      meridian-data: {method: visit, frequency: fortnightly}
      ashby-nursery: {method: email, frequency: monthly}   # others: no contact
    answers:                                       # the weekly decisions (events not listed are let go)
      - {week: 3, account: meridian-data, event: competitor-offer, answer: visit}
      - {week: 5, account: crane-webb, event: disclosure, answer: note}
    conversations:
      halden-science: retained                     # an outcome
      hollins-academy: {choices: [1, 2, 1, 3]}     # or the replies to play
      crane-webb: {choices: [2, 1], persona: brisk}  # and which persona the customer is

`answers: policy` answers every week by the best-response policy instead.
A conversation played from `choices` meets the persona the window and the
terminal draw for this seed unless `persona` names one (checked against the
linked scenario by the caller, `check_personas`).
Whether each answer matches an event that really arrives (for this seed) is
checked as the quarter is played.

Problems come back as Diagnostics with lines (an unknown account or method
with a did-you-mean, a plan over budget), never raised.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from game.core.yaml_reader import decode, read as read_yaml
from game.core.errors import Diagnostic
from game.core.field_checks import FieldChecker, did_you_mean, kind_name
from game.core.yaml_reader import YMap, YSeq
from game.core.portfolio.model import FREQUENCIES, METHODS, Portfolio
from game.core.portfolio.plan import Plan, budget_problem
from game.core.model import OUTCOMES
from game.core.portfolio.answers import VALID
from game.core.portfolio.model import WEEKS
from game.core.portfolio.quarter import EVENT_KINDS, Contact
from game.core.portfolio.ranking import ranking_problem

KEYS = ("seed", "ranking", "plan", "answers", "conversations")
ANSWER_KEYS = ("week", "account", "event", "answer")


@dataclass
class ScriptedQuarter:
    seed: int = 0
    ranking: list[str] = field(default_factory=list)
    plan: Plan = field(default_factory=lambda: Plan({}))
    outcomes: dict = field(default_factory=dict)  # account id -> outcome
    choices: dict = field(default_factory=dict)  # account id -> [1-based reply numbers]
    answers: list = field(default_factory=list)  # [(week, account, event kind, answer, (line, column))]
    policy: bool = False  # answer every week by the best-response policy
    personas: dict = field(default_factory=dict)  # account id -> (persona id, (line, column)) for choices played
    entries: dict = field(default_factory=dict)  # account id -> (line, column) of its 'conversations' entry


def _account_id(ck: FieldChecker, value, pos, portfolio: Portfolio, what: str) -> str | None:
    if not isinstance(value, str) or value not in portfolio.ids:
        ck.error("FP140", pos, f"{what} names unknown account '{value}'{did_you_mean(value, portfolio.ids)}")
        return None
    return value


def read(data: bytes, file: str, portfolio: Portfolio) -> tuple[ScriptedQuarter | None, list[Diagnostic]]:
    text, diags = decode(data, file)
    if text is None:
        return None, diags
    tree, diags = read_yaml(text, file)
    if any(d.is_error for d in diags):
        return None, diags
    ck = FieldChecker(file)
    if not isinstance(tree, YMap):
        ck.error("FL004", (1, 1), f"a plan file is a mapping with 'ranking' and 'plan', not {kind_name(tree)}")
        return None, ck.diags
    ck.unknown_keys(tree, KEYS, "the plan file")
    out = ScriptedQuarter()
    out.seed = ck.integer(tree, "seed", "the plan file", low=-(2 ** 63), high=2 ** 63 - 1, default=0)
    raw = tree.get("ranking")
    if not isinstance(raw, YSeq):
        ck.error("FL022", ck.value_pos(tree, "ranking") if "ranking" in tree else (1, 1),
                 "the plan file needs 'ranking': a list of every account, most worth keeping first")
    else:
        out.ranking = [aid for i, v in enumerate(raw)
                       if (aid := _account_id(ck, v, raw.item_pos[i], portfolio, "the ranking")) is not None]
        if len(out.ranking) == len(raw):
            problem = ranking_problem(portfolio, out.ranking)
            if problem:
                ck.error("FP141", ck.value_pos(tree, "ranking"), problem)
    contacts = {}
    plan = tree.get("plan")
    if plan is not None:
        plan = ck.mapping(plan, ck.value_pos(tree, "plan"), "'plan'")
    for aid, entry in (plan or {}).items():
        if _account_id(ck, aid, ck.key_pos(plan, aid), portfolio, "the plan") is None:
            continue
        if entry is None:
            continue  # no contact
        entry = ck.mapping(entry, ck.value_pos(plan, aid), f"the plan for '{aid}'")
        if entry is None:
            continue
        ck.unknown_keys(entry, ("method", "frequency"), f"the plan for '{aid}'")
        method = ck.choice_of(entry, "method", f"the plan for '{aid}'", METHODS, required=True)
        frequency = ck.choice_of(entry, "frequency", f"the plan for '{aid}'", FREQUENCIES, required=True)
        if method and frequency:
            contacts[aid] = Contact(method, frequency)
    out.plan = Plan(contacts)
    problem = budget_problem(portfolio, out.plan)
    if problem and not ck.diags:
        ck.error("FP142", ck.key_pos(tree, "plan") if "plan" in tree else (1, 1), problem)
    _answers(ck, tree, portfolio, out)
    _conversations(ck, tree, portfolio, out)
    return (None if any(d.is_error for d in ck.diags) else out), ck.diags


def _answers(ck: FieldChecker, tree: YMap, portfolio: Portfolio, out: ScriptedQuarter) -> None:
    raw = tree.get("answers")
    if raw is None:
        return
    if raw == "policy":
        out.policy = True
        return
    if not isinstance(raw, YSeq):
        ck.error("FL023", ck.value_pos(tree, "answers"), "'answers' is a list of {week, account, event, answer} "
                 f"or the word policy, not {kind_name(raw)}")
        return
    for i, item in enumerate(raw):
        where = f"answer {i + 1}"
        entry = ck.mapping(item, raw.item_pos[i], where)
        if entry is None:
            continue
        ck.unknown_keys(entry, ANSWER_KEYS, where)
        week = ck.integer(entry, "week", where, low=1, high=WEEKS)
        if "week" not in entry:
            ck.error("FL022", (entry.line, entry.column), f"{where} needs 'week' (1..{WEEKS})")
        account = entry.get("account")
        account = _account_id(ck, account, ck.value_pos(entry, "account") if "account" in entry else
                              (entry.line, entry.column), portfolio, where)
        kind = ck.choice_of(entry, "event", where, EVENT_KINDS, required=True)
        reply = None
        if kind is not None:
            reply = ck.choice_of(entry, "answer", where, VALID[kind], required=True)
        if None not in (week, account, kind, reply):
            out.answers.append((week, account, kind, reply, (entry.line, entry.column)))


def _conversations(ck: FieldChecker, tree: YMap, portfolio: Portfolio, out: ScriptedQuarter) -> None:
    raw = tree.get("conversations")
    if raw is None:
        return
    raw = ck.mapping(raw, ck.value_pos(tree, "conversations"), "'conversations'")
    for aid, value in (raw or {}).items():
        pos = ck.value_pos(raw, aid)
        if _account_id(ck, aid, ck.key_pos(raw, aid), portfolio, "'conversations'") is None:
            continue
        out.entries[aid] = ck.key_pos(raw, aid)
        if not portfolio.account(aid).scenario:
            ck.error("FP143", ck.key_pos(raw, aid), f"account '{aid}' has no linked conversation")
        elif isinstance(value, str):
            if value not in OUTCOMES:
                ck.error("FL032", pos, f"the conversation with '{aid}' must end {', '.join(OUTCOMES)} "
                         f"or give choices, not '{value}'{did_you_mean(value, OUTCOMES)}")
            else:
                out.outcomes[aid] = value
        elif isinstance(value, YMap) and isinstance(value.get("choices"), YSeq) and \
                all(isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= 9 for n in value["choices"]):
            ck.unknown_keys(value, ("choices", "persona"), f"the conversation with '{aid}'")
            out.choices[aid] = list(value["choices"])
            persona = value.get("persona")
            if persona is not None and not isinstance(persona, str):
                ck.error("FL023", ck.value_pos(value, "persona"), f"the persona for '{aid}' is a persona id "
                         f"of its scenario, not {kind_name(persona)}")
            elif persona is not None:
                out.personas[aid] = (persona, ck.value_pos(value, "persona"))
        else:
            ck.error("FL023", pos, f"the conversation with '{aid}' is an outcome ({', '.join(OUTCOMES)}) "
                     "or {choices: [1, 2, …], persona: ID (optional)}")


def check_personas(script: ScriptedQuarter, portfolio: Portfolio, scenario_for, file: str) -> list[Diagnostic]:
    """An error, with a did-you-mean, for each `persona` its linked scenario does not declare.
    `scenario_for(scenario id)` gives the loaded scenario."""
    ck = FieldChecker(file)
    for aid, (persona, pos) in script.personas.items():
        scenario = scenario_for(portfolio.account(aid).scenario)
        if persona not in scenario.personas:
            known = (f"its personas are: {', '.join(scenario.personas)}" if scenario.personas
                     else "it has no personas")
            ck.error("FP144", pos, f"the conversation with '{aid}' ({scenario.id}) has no persona '{persona}'"
                     f"{did_you_mean(persona, scenario.personas)}; {known}")
    return ck.diags


def unused_conversations(script: ScriptedQuarter, campaign, file: str) -> list[Diagnostic]:
    """A warning for each `conversations` entry whose account never fell into trouble in the quarter
    played (`campaign`, finished): the entry was not used. It says whether even leaving the account
    alone (no contact, its events let go) keeps it out of trouble for this seed."""
    from game.core.portfolio.quarter import run_account
    happened = {c.account for c in campaign.conversations}
    ck = FieldChecker(file)
    for aid, pos in script.entries.items():
        account = campaign.portfolio.account(aid)
        if aid in happened or not account.scenario:
            continue
        alone = run_account(campaign.portfolio, account, None, campaign.seed)
        why = ("even left alone it stays out of trouble with this seed" if not alone.conversation_done
               else "with this plan and these answers")
        ck.warning("FP145", pos, f"account '{aid}' never falls into trouble this quarter (seed {campaign.seed}; "
                   f"{why}): its conversation never happens, so this entry is not used")
    return ck.diags
