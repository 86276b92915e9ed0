"""Check a course file's positioned YAML tree; build the Course.

Like the scenario validator it collects every problem as a Diagnostic with a
line and column. Codes: the shared FL02x/FL03x for structure, types and
values; FC1xx for what only courses have (see docs/courses.md).
"""
from __future__ import annotations

import re

from game.core.errors import Diagnostic
from game.core.field_checks import FieldChecker, did_you_mean, kind_name
from game.core.yaml_reader import YMap, YSeq
from game.core.course.model import (FORMAT_VERSION, GRADES, MAX_BLOCKS, MAX_SCENARIOS, MODES, Block, CertificateRule,
                                    Course)

ID_PATTERN = re.compile(r"[a-z0-9-]+\Z")
BLOCK_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
TOP_KEYS = ("format", "id", "version", "title", "summary", "blocks")
BLOCK_KEYS = ("title", "description", "scenarios", "campaign", "requires", "certificate")
RULE_KEYS = ("grade", "mode", "attempts", "personas", "campaign_score")


def _ids(ck: FieldChecker, m: YMap, key: str, where: str, required: bool) -> list[tuple[str, tuple[int, int]]]:
    """A list of ids (a single id is taken as a list of one), each with its position."""
    if key not in m or m[key] is None:
        if required:
            ck.error("FL022", ck.key_pos(m, key) if key in m else (m.line, m.column), f"{where} needs '{key}'")
        return []
    raw = m[key]
    if isinstance(raw, str):
        return [(raw, ck.value_pos(m, key))]
    if not isinstance(raw, YSeq):
        ck.error("FL023", ck.value_pos(m, key), f"'{key}' in {where} must be a list of ids, not {kind_name(raw)}")
        return []
    found = []
    for i, item in enumerate(raw):
        if not isinstance(item, str):
            ck.error("FL023", raw.item_pos[i], f"each entry of '{key}' in {where} must be an id, not {kind_name(item)}")
        else:
            found.append((item, raw.item_pos[i]))
    return found


def _rule(ck: FieldChecker, m: YMap, where: str, has_campaign: bool) -> CertificateRule:
    if "certificate" not in m or m["certificate"] is None:
        return CertificateRule()
    rule = ck.mapping(m["certificate"], ck.value_pos(m, "certificate"), f"'certificate' in {where}")
    if rule is None:
        return CertificateRule()
    at = f"the certificate of {where}"
    ck.unknown_keys(rule, RULE_KEYS, at)
    grade = ck.choice_of(rule, "grade", at, GRADES, default="Strong")
    mode = ck.choice_of(rule, "mode", at, MODES, default="assessment")
    attempts = CertificateRule.attempts
    if "attempts" in rule and rule["attempts"] == "any":
        attempts = None
    elif "attempts" in rule:
        attempts = ck.integer(rule, "attempts", at, low=1, high=100, default=CertificateRule.attempts)
    personas = ck.integer(rule, "personas", at, low=0, high=10, default=0)
    campaign_score = ck.integer(rule, "campaign_score", at, low=0, high=100, default=0)
    if "campaign_score" in rule and not has_campaign:
        ck.warning("FC140", ck.key_pos(rule, "campaign_score"),
                   f"'campaign_score' in {at} has no effect: the block has no 'campaign'")
    return CertificateRule(grade, mode, attempts, personas, campaign_score)


def _block(ck: FieldChecker, bid: str, entry: YMap, where: str, earlier: list[str], scenarios, portfolios,
           line: int) -> Block | None:
    title = ck.text(entry, "title", where, required=True, one_line=True)
    description = ck.text(entry, "description", where, one_line=False) or ""
    ids = []
    listed = _ids(ck, entry, "scenarios", where, required=True)
    if "scenarios" in entry and entry["scenarios"] is not None and not listed:
        ck.error("FC110", ck.value_pos(entry, "scenarios"), f"{where} lists no scenarios")
    if len(listed) > MAX_SCENARIOS:
        ck.error("FC111", ck.key_pos(entry, "scenarios"), f"{where} has {len(listed)} scenarios; at most {MAX_SCENARIOS}")
    for sid, pos in listed:
        if scenarios is not None and sid not in scenarios:
            ck.error("FC112", pos, f"{where} lists scenario '{sid}', which is not in the library"
                     f"{did_you_mean(sid, scenarios)}")
        elif sid in ids:
            ck.error("FC113", pos, f"{where} lists scenario '{sid}' twice")
        else:
            ids.append(sid)
    campaign = None
    if "campaign" in entry:
        campaign = ck.state_id(entry, "campaign", where)
        if campaign is not None and portfolios is not None and campaign not in portfolios:
            ck.error("FC120", ck.value_pos(entry, "campaign"), f"{where} names campaign '{campaign}', which is not "
                     f"a portfolio in the library{did_you_mean(campaign, portfolios)}")
            campaign = None
    requires = []
    for rid, pos in _ids(ck, entry, "requires", where, required=False):
        if rid == bid:
            ck.error("FC131", pos, f"{where} requires itself")
        elif rid not in earlier:
            ck.error("FC130", pos, f"{where} requires '{rid}', which is not a block listed before it"
                     f"{did_you_mean(rid, earlier)} (prerequisites come earlier in the path)")
        elif rid not in requires:
            requires.append(rid)
    rule = _rule(ck, entry, where, campaign is not None)
    if title is None:
        return None
    return Block(bid, title.strip(), description.strip(), tuple(ids), campaign, tuple(requires), rule, line)


def build(tree, file: str, content_hash: str = "", scenarios=None, portfolios=None
          ) -> tuple[Course | None, list[Diagnostic]]:
    """Validate a course tree. `scenarios`, `portfolios`: the ids a block may
    name (None: not checked)."""
    ck = FieldChecker(file)
    if tree is None:
        ck.error("FL003", (1, 1), "the file is empty; a course needs 'format', 'id', 'title' and 'blocks'")
        return None, ck.diags
    if not isinstance(tree, YMap):
        ck.error("FL004", (1, 1), f"the top level must be a mapping of keys such as 'id' and 'blocks', "
                 f"not {kind_name(tree)}")
        return None, ck.diags
    top = tree
    ck.unknown_keys(top, TOP_KEYS, "the course")
    ck.format_version(top, FORMAT_VERSION, "the course")
    cid = ck.text(top, "id", "the course", required=True, one_line=True)
    if cid and not ID_PATTERN.match(cid):
        ck.error("FL034", ck.value_pos(top, "id"), f"course id '{cid}' may use only lower-case letters, digits and '-'")
    version = ck.integer(top, "version", "the course", low=1, default=1)
    title = ck.text(top, "title", "the course", required=True, one_line=True)
    summary = ck.text(top, "summary", "the course") or ""
    blocks: list[Block] = []
    if "blocks" not in top:
        ck.error("FL022", (top.line, top.column), "the course needs 'blocks' (block id -> title, scenarios, …)")
    else:
        mapping = ck.mapping(top["blocks"], ck.value_pos(top, "blocks"), "'blocks'")
        if mapping is not None:
            if not 1 <= len(mapping) <= MAX_BLOCKS:
                ck.error("FC101", ck.key_pos(top, "blocks"), f"a course has 1 to {MAX_BLOCKS} blocks, not {len(mapping)}")
            earlier: list[str] = []
            for bid, pos, where, entry in ck.entries(mapping, "block", BLOCK_KEYS, BLOCK_PATTERN):
                block = _block(ck, bid, entry, where, earlier, scenarios, portfolios, pos[0])
                earlier.append(bid)
                if block is not None:
                    blocks.append(block)
    if any(d.is_error for d in ck.diags) or None in (cid, title):
        return None, ck.diags
    return Course(cid, title.strip(), summary.strip(), tuple(blocks), version, file, content_hash), ck.diags
