"""Check a portfolio file's positioned YAML tree; build the Portfolio.

Like the scenario validator it collects every problem as a Diagnostic with
a line and column. Codes: the shared FL02x/FL03x for structure, types and
values; FP1xx for what only portfolios have.
"""
from __future__ import annotations

import re

from game.core.errors import Diagnostic
from game.core.field_checks import FieldChecker, did_you_mean, kind_name
from game.core.yaml_reader import YMap, YSeq
from game.core.portfolio.model import (CUES, EVENT_KINDS, FORMAT_VERSION, FREQUENCIES, MAX_ACCOUNTS, METHODS, MIN_ACCOUNTS,
                                       OLD_FORMAT, OLD_FORMAT_DEFAULTS, PRESSURES, Account, Note, Portfolio,
                                       missing_cues)
from game.core.portfolio.ranking import rank_percent, revenue_order

ID_PATTERN = re.compile(r"[a-z0-9-]+\Z")
ACCOUNT_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
TOP_KEYS = ("format", "id", "version", "title", "summary", "industry", "currency", "budget_hours",
            "briefing", "accounts")
ACCOUNT_KEYS = ("name", "sector", "revenue", "margin", "health", "pressure", "cadence", "channel", "notes",
                "news", "scenario")
NOTE_KEYS = ("text", "cue")
MAX_BUDGET_HOURS = 60
GIVEN_ORDER_WARNING = 75  # a trainee who keeps the listed order must not score this much
REVENUE_ORDER_WARNING = 50  # nor one who ranks by the size of the bill alone


def _number(ck: FieldChecker, m: YMap, key: str, where: str, low: float, high: float,
            required: bool = True, inclusive_low: bool = True) -> float | None:
    if key not in m or m[key] is None:
        if required:
            ck.error("FL022", ck.key_pos(m, key) if key in m else (m.line, m.column), f"{where} needs '{key}'")
        return None
    value = m[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        hint = " (write 0.25 for 25%)" if isinstance(value, str) and value.strip().endswith("%") else ""
        ck.error("FL023", ck.value_pos(m, key), f"'{key}' in {where} must be a number, not {kind_name(value)}{hint}")
        return None
    too_low = value < low if inclusive_low else value <= low
    if too_low or value > high:
        bound = f"at least {low:g}" if inclusive_low else f"more than {low:g}"
        ck.error("FL031", ck.value_pos(m, key), f"'{key}' in {where} must be {bound} and at most {high:g}, not {value:g}")
        return None
    return float(value)


def _notes(ck: FieldChecker, m: YMap, where: str) -> tuple[Note, ...]:
    if "notes" not in m or m["notes"] is None:
        return ()
    raw = m["notes"]
    if not isinstance(raw, YSeq):
        ck.error("FL023", ck.value_pos(m, "notes"), f"'notes' in {where} must be a list of notes, not {kind_name(raw)}")
        return ()
    notes = []
    for i, item in enumerate(raw):
        pos = raw.item_pos[i]
        if isinstance(item, str):
            notes.append(Note(item))
            continue
        entry = ck.mapping(item, pos, f"note {i + 1} of {where}")
        if entry is None:
            continue
        ck.unknown_keys(entry, NOTE_KEYS, f"note {i + 1} of {where}")
        text = ck.text(entry, "text", f"note {i + 1} of {where}", required=True)
        cue = None
        if "cue" in entry:
            cue = entry["cue"]
            if not isinstance(cue, str) or cue not in CUES:
                ck.error("FP110", ck.value_pos(entry, "cue"),
                         f"unknown cue '{cue}' in note {i + 1} of {where}{did_you_mean(cue, CUES)} "
                         f"(cues: {', '.join(CUES)})")
                cue = None
        if text:
            notes.append(Note(text.strip(), cue))
    return tuple(notes)


def _news(ck: FieldChecker, m: YMap, where: str) -> tuple:
    """What the customer says when each kind of event happens: `news: {price-cut: "…"}`, or a list of lines
    (`price-cut: ["…", "…"]`): the first word, then what they say each time it comes again."""
    if "news" not in m or m["news"] is None:
        return ()
    raw = ck.mapping(m["news"], ck.value_pos(m, "news"), f"'news' in {where}")
    if raw is None:
        return ()
    said = []
    for kind in raw:
        if kind not in EVENT_KINDS:
            ck.error("FP111", ck.key_pos(raw, kind), f"unknown event '{kind}' in the news of {where}"
                     f"{did_you_mean(kind, EVENT_KINDS)} (events: {', '.join(EVENT_KINDS)})")
            continue
        if isinstance(raw[kind], YSeq):  # the first word, then what they say when it comes again, in order
            lines = raw[kind]
            if not len(lines):
                ck.error("FL022", ck.value_pos(raw, kind), f"'{kind}' in the news of {where} is empty")
            for i, item in enumerate(lines):
                if not isinstance(item, str) or not item.strip() or "\n" in item.strip():
                    ck.error("FL023", lines.item_pos[i], f"line {i + 1} of '{kind}' in the news of {where} must be "
                             "one line of text")
                else:
                    said.append((kind, item.strip()))
            continue
        text = ck.text(raw, kind, f"the news of {where}", required=True, one_line=True)
        if text:
            said.append((kind, text.strip()))
    return tuple(said)


def _account(ck: FieldChecker, aid: str, entry: YMap, where: str, library, old: bool = False) -> Account | None:
    """`old`: a format 1 file, whose accounts may lack a cadence and a channel (read as OLD_FORMAT_DEFAULTS)."""
    name = ck.text(entry, "name", where, required=True, one_line=True)
    sector = ck.text(entry, "sector", where, required=True, one_line=True)
    revenue = ck.integer(entry, "revenue", where, low=1, high=10 ** 12)
    if "revenue" not in entry:
        ck.error("FL022", (entry.line, entry.column), f"{where} needs 'revenue' (a year, a whole number)")
    margin = _number(ck, entry, "margin", where, 0, 1, inclusive_low=False)
    health = ck.integer(entry, "health", where, low=1, high=100)
    if "health" not in entry:
        ck.error("FL022", (entry.line, entry.column), f"{where} needs 'health' (1..100)")
    pressure = ck.choice_of(entry, "pressure", where, PRESSURES, required=True)
    cadence = ck.choice_of(entry, "cadence", where, FREQUENCIES, required=not old,
                           default=OLD_FORMAT_DEFAULTS["cadence"] if old and "cadence" not in entry else None)
    channel = ck.choice_of(entry, "channel", where, METHODS, required=not old,
                           default=OLD_FORMAT_DEFAULTS["channel"] if old and "channel" not in entry else None)
    notes = _notes(ck, entry, where)
    says = _news(ck, entry, where)
    scenario = None
    if "scenario" in entry:
        scenario = ck.state_id(entry, "scenario", where)
        if scenario is not None and library is not None and scenario not in library:
            ck.error("FP120", ck.value_pos(entry, "scenario"),
                     f"{where} links scenario '{scenario}', which is not in the library"
                     f"{did_you_mean(scenario, library)}")
            scenario = None
    if None in (name, sector, revenue, margin, health, pressure, cadence, channel):
        return None
    return Account(aid, name.strip(), sector.strip(), revenue, margin, health, pressure, notes, scenario,
                   cadence, channel, says)


def _format(ck: FieldChecker, top: YMap) -> bool:
    """Check `format:`; True for a format 1 file (read with defaults for what format 2 added)."""
    value = top.get("format")
    if value == OLD_FORMAT and not isinstance(value, bool):
        return True
    if "format" in top and (value != FORMAT_VERSION or isinstance(value, bool)):
        ck.error("FL033", ck.value_pos(top, "format"), f"unsupported format '{value}' (this version reads format "
                 f"{FORMAT_VERSION}, and format {OLD_FORMAT} with defaults)")
        return False
    ck.format_version(top, FORMAT_VERSION, "the portfolio")
    return False


def _old_format_warning(ck: FieldChecker, top: YMap, accounts: YMap) -> None:
    """A format 1 file: say which accounts were given the default cadence and channel, and what to write."""
    missing = [aid for aid in accounts if isinstance(accounts[aid], YMap)
               and not {"cadence", "channel"} <= set(accounts[aid])]
    upgrade = f"then change it to 'format: {FORMAT_VERSION}'"
    if not missing:
        ck.warning("FP102", ck.value_pos(top, "format"), f"this file says 'format: {OLD_FORMAT}' but every account "
                   f"has a cadence and a channel: change it to 'format: {FORMAT_VERSION}'")
        return
    names = ", ".join(f"'{aid}'" for aid in missing[:4]) + (f" and {len(missing) - 4} more" if len(missing) > 4 else "")
    ck.warning("FP102", ck.value_pos(top, "format"),
               f"format {OLD_FORMAT} has no cadence or channel: {names} "
               f"{'is' if len(missing) == 1 else 'are'} read as 'cadence: {OLD_FORMAT_DEFAULTS['cadence']}' and "
               f"'channel: {OLD_FORMAT_DEFAULTS['channel']}', which may not be how they like to hear from you. "
               f"Add both to every account (and say it in a note, e.g. 'reads e-mail at closing time'), {upgrade}")


def build(tree, file: str, content_hash: str = "", library=None) -> tuple[Portfolio | None, list[Diagnostic]]:
    """Validate a portfolio tree. `library`: the scenario ids a linked
    scenario may name (None: not checked)."""
    ck = FieldChecker(file)
    if tree is None:
        ck.error("FL003", (1, 1), "the file is empty; a portfolio needs 'format', 'id', 'title', "
                 "'budget_hours' and 'accounts'")
        return None, ck.diags
    if not isinstance(tree, YMap):
        ck.error("FL004", (1, 1), f"the top level must be a mapping of keys such as 'id' and 'accounts', "
                 f"not {kind_name(tree)}")
        return None, ck.diags
    top = tree
    ck.unknown_keys(top, TOP_KEYS, "the portfolio")
    old = _format(ck, top)
    pid = ck.text(top, "id", "the portfolio", required=True, one_line=True)
    if pid and not ID_PATTERN.match(pid):
        ck.error("FL034", ck.value_pos(top, "id"), f"portfolio id '{pid}' may use only lower-case letters, digits and '-'")
    version = ck.integer(top, "version", "the portfolio", low=1, default=1)
    title = ck.text(top, "title", "the portfolio", required=True, one_line=True)
    summary = ck.text(top, "summary", "the portfolio", one_line=True) or ""
    industry = ck.text(top, "industry", "the portfolio", required=True, one_line=True)
    currency = ck.text(top, "currency", "the portfolio", one_line=True) or "£"
    if len(currency.strip()) > 4:
        ck.error("FL031", ck.value_pos(top, "currency"), f"'currency' is a symbol such as £, $ or € "
                 f"(at most 4 characters), not '{currency}'")
    budget = _number(ck, top, "budget_hours", "the portfolio", 0, MAX_BUDGET_HOURS, inclusive_low=False)
    briefing = ck.text(top, "briefing", "the portfolio", required=True) or ""
    accounts: list[Account] = []
    lines: dict[str, int] = {}
    raw = top.get("accounts")
    if "accounts" not in top:
        ck.error("FL022", (top.line, top.column), "the portfolio needs 'accounts' (8 to 12 of them)")
    else:
        mapping = ck.mapping(raw, ck.value_pos(top, "accounts"), "'accounts'")
        if mapping is not None:
            if not MIN_ACCOUNTS <= len(mapping) <= MAX_ACCOUNTS:
                ck.error("FP101", ck.key_pos(top, "accounts"),
                         f"a portfolio has {MIN_ACCOUNTS} to {MAX_ACCOUNTS} accounts, not {len(mapping)}")
            for aid, pos, where, entry in ck.entries(mapping, "account", ACCOUNT_KEYS, ACCOUNT_PATTERN):
                account = _account(ck, aid, entry, f"account '{aid}'", library, old)
                lines[aid] = pos[0]
                if account is not None:
                    accounts.append(account)
            if old:
                _old_format_warning(ck, top, mapping)
    failed = any(d.is_error for d in ck.diags)
    if failed or None in (pid, title, industry, budget):
        return None, ck.diags
    portfolio = Portfolio(pid, version, title.strip(), summary.strip(), industry.strip(), currency.strip(),
                          budget, briefing.strip(), tuple(accounts), file, content_hash, lines)
    _fairness(ck, portfolio, top)
    return portfolio, ck.diags


def _fairness(ck: FieldChecker, portfolio: Portfolio, top: YMap) -> None:
    """Warnings about a portfolio that would not test the trainee."""
    seen: dict[int, str] = {}
    for account in portfolio.accounts:
        cents = round(account.profit * 100)
        if cents in seen:
            ck.warning("FP130", (portfolio.account_lines.get(account.id, 1), 3),
                       f"account '{account.id}' makes the same profit as '{seen[cents]}'; "
                       "give them different values so the ranking has one right answer")
        seen.setdefault(cents, account.id)
    given = rank_percent(portfolio, list(portfolio.ids))
    if given >= GIVEN_ORDER_WARNING:
        ck.warning("FP131", ck.key_pos(top, "accounts"),
                   f"the accounts are listed close to their true order: a trainee who keeps the order "
                   f"they are shown in scores {given}% for ranking; shuffle them")
    by_bill = rank_percent(portfolio, revenue_order(portfolio))
    if by_bill >= REVENUE_ORDER_WARNING:
        ck.warning("FP133", ck.key_pos(top, "accounts"),
                   f"ranking by revenue alone scores {by_bill}% here, so the portfolio does not test the revenue "
                   "trap; give the biggest bills thinner margins (below 50% is the aim)")
    for account in portfolio.accounts:
        for what in missing_cues(account):
            ck.warning("FP134", (portfolio.account_lines.get(account.id, 1), 3),
                       f"the notes of '{account.id}' do not say its {what} "
                       f"('{account.cadence if what == 'cadence' else account.channel}'); the trainee "
                       "plans from the notes, so say it in your own words")
    for account in portfolio.accounts:  # every kind can come to every account: each needs the customer's words
        silent = [kind for kind in EVENT_KINDS if not account.lines(kind)]
        once = [kind for kind in EVENT_KINDS if len(account.lines(kind)) == 1]
        if silent or once:
            ck.warning("FP135", (portfolio.account_lines.get(account.id, 1), 3),
                       f"the news of '{account.id}' " + "; ".join(
                           ([f"has no words for {', '.join(silent)}"] if silent else [])
                           + ([f"gives only a first word for {', '.join(once)}"] if once else []))
                       + ": every kind of event can come to every account, and the same kind again; give each "
                       "kind a list: what the customer says first, then what they say when it comes again")
    if not any(a.scenario for a in portfolio.accounts):
        ck.warning("FP132", ck.key_pos(top, "accounts"), "no account links a scenario, so the quarter has "
                   "no conversations")
