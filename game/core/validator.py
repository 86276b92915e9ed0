"""Check a positioned YAML tree against the scenario format; build the model.

Every problem is collected as a Diagnostic (never raised), so one pass
reports all of a file's errors and warnings. Codes are stable:
FL0xx file and YAML, FL02x structure and types, FL03x values, FL04x
references, FL05x the graph, FL06x flags and conditions.
"""
from __future__ import annotations

import re

from game.core import machines, persona_checks
from game.core.condition_checks import ConditionChecks
from game.core.errors import Diagnostic
from game.core.graph import edges_of, reachable_states, reaching
from game.core.model import (BEHAVIOUR_NAMES, BUILTIN_WALKOUT, FORMAT_VERSION, LEVER_MAX, LEVER_MIN, LEVERS, MASTERY_DEFAULT,
                    MAX_CHOICES, MOOD_CHANGES, MOODS, OUTCOMES, RULES, SPEAKERS, WALKED_OUT, Choice,
                    Customer, Ending, Node, Scenario)
from game.core.frozen import changed
from game.core.field_checks import FieldChecker, did_you_mean, kind_name  # noqa: F401  (did_you_mean: for the CLI)
from game.core.suggest import Suggester
from game.core.yaml_reader import YMap, YSeq

ID_PATTERN = re.compile(r"[a-z0-9-]+\Z")
STATE_PATTERN = re.compile(r"[A-Za-z0-9_-]+\Z")
FLAG_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
RESERVED_FLAGS = ("mood", "and", "or", "not", "true", "false", *BEHAVIOUR_NAMES)
YAML11_BOOLEANS = ("yes", "no", "on", "off", "y", "n")

TOP_KEYS = ("format", "id", "version", "title", "summary", "difficulty", "tags", "estimated_minutes",
            "mastery",
            "customer", "briefing", "start", "on_walkout", "shuffle", "personas", "nodes", "endings")
CUSTOMER_KEYS = ("name", "role", "mood", "portrait")
NODE_KEYS = ("speaker", "text", "variants", "venting", "shuffle", "choices")
CHOICE_KEYS = ("text", "goto", "levers", "mood", "listens", "breaks", "feedback", "if", "once", "set", "add",
               "personas")
ENDING_KEYS = ("outcome", "text", "coaching", "variants")


def build(tree, file: str, content_hash: str = "") -> tuple[Scenario | None, list[Diagnostic]]:
    """Validate `tree` (from yaml_reader.read) and build a Scenario."""
    ck = FieldChecker(file)
    if tree is None:
        ck.error("FL003", (1, 1), "the file is empty; a scenario needs at least 'format', 'id', 'title', 'nodes' and 'endings'")
        return None, ck.diags
    if not isinstance(tree, YMap):
        ck.error("FL004", (1, 1), f"the top level must be a mapping of keys such as 'id', 'title' and 'nodes', not {kind_name(tree)}")
        return None, ck.diags
    top = tree
    ck.unknown_keys(top, TOP_KEYS, "the scenario")

    ck.format_version(top, FORMAT_VERSION, "the scenario")
    scenario_id = ck.text(top, "id", "the scenario", required=True)
    if scenario_id and not ID_PATTERN.match(scenario_id):
        ck.error("FL034", ck.value_pos(top, "id"),
                 f"scenario id '{scenario_id}' may use only lower-case letters, digits and '-'")
    version = ck.integer(top, "version", "the scenario", low=1, default=1)
    title = ck.text(top, "title", "the scenario", required=True)
    summary = ck.text(top, "summary", "the scenario", required=True, one_line=True)
    difficulty = ck.integer(top, "difficulty", "the scenario", 1, 5, default=1)
    minutes = ck.integer(top, "estimated_minutes", "the scenario", low=1)
    mastery = ck.integer(top, "mastery", "the scenario", low=0, high=100, default=MASTERY_DEFAULT)
    briefing = ck.text(top, "briefing", "the scenario") or ""
    tags: list[str] = []
    if "tags" in top:
        raw_tags = top["tags"]
        if isinstance(raw_tags, YSeq):
            for i, tag in enumerate(raw_tags):
                if isinstance(tag, (str, int)) and not isinstance(tag, bool):
                    tags.append(raw_tags.raw.get(i, tag) if not isinstance(tag, str) else tag)
                else:
                    ck.error("FL023", raw_tags.item_pos[i], "each tag must be text")
        else:
            ck.error("FL023", ck.value_pos(top, "tags"), f"'tags' must be a list such as [retail, phone], not {kind_name(raw_tags)}")

    customer = _customer(ck, top)
    start = ck.state_id(top, "start", "the scenario")
    on_walkout = ck.state_id(top, "on_walkout", "the scenario", required=False)
    shuffle = ck.boolean(top, "shuffle", "the scenario")
    personas = persona_checks.personas(ck, top, customer, STATE_PATTERN)

    conds = ConditionChecks(ck)
    conds.persona_ids = tuple(personas)
    nodes, node_lines = _nodes(ck, top, conds, shuffle, Suggester(personas))
    endings = _endings(ck, top, conds)
    for eid in endings:
        if eid in nodes:
            ck.error("FL024", (endings[eid].line, endings[eid].column),
                     f"id '{eid}' names both a node (line {nodes[eid].line}) and an ending "
                     f"(line {endings[eid].line}); node and ending ids share one namespace")

    all_ids = Suggester(list(nodes) + [e for e in endings if e not in nodes])
    if start is not None:
        if start in endings and start not in nodes:
            ck.error("FL040", ck.value_pos(top, "start"), f"'start' must name a node, not the ending '{start}'")
        elif start not in nodes:
            ck.error("FL040", ck.value_pos(top, "start"),
                     f"'start' names unknown node '{start}'{Suggester(nodes).hint(start)}")
    if on_walkout is not None and on_walkout not in endings:
        where = "a node" if on_walkout in nodes else "unknown ending"
        ck.error("FL041", ck.value_pos(top, "on_walkout"),
                 f"'on_walkout' names {where} '{on_walkout}'; it must be an ending id"
                 f"{did_you_mean(on_walkout, endings) if where != 'a node' else ''}")
    for node in nodes.values():
        for choice in node.choices:
            if choice.goto and choice.goto not in nodes and choice.goto not in endings:
                ck.error("FL042", (choice.line, node_lines.get((node.id, choice.index), 1)),
                         f"choice goes to unknown node '{choice.goto}'{all_ids.hint(choice.goto)}")
    if WALKED_OUT in nodes and on_walkout is None:
        ck.error("FL043", (nodes[WALKED_OUT].line, nodes[WALKED_OUT].column),
                 f"'{WALKED_OUT}' is the built-in walk-out ending; rename this node or set 'on_walkout'")

    walkout = on_walkout if on_walkout in endings else WALKED_OUT
    if walkout == WALKED_OUT and WALKED_OUT not in endings:
        endings_all = dict(endings)
        endings_all[WALKED_OUT] = BUILTIN_WALKOUT
    else:
        endings_all = endings

    conds.finish()
    if any(d.is_error for d in ck.diags) or start not in nodes:
        return None, ck.diags

    scenario = Scenario(
        id=scenario_id, title=title, summary=summary, customer=customer, start=start,
        nodes=nodes, endings=endings_all, walkout_ending=walkout, version=version,
        difficulty=difficulty, tags=tuple(tags), estimated_minutes=minutes, mastery=mastery,
        briefing=briefing, path=file, content_hash=content_hash, shuffle=shuffle, personas=personas,
    )
    _graph_checks(ck, scenario, on_walkout)
    if any(d.is_error for d in ck.diags):
        return None, ck.diags
    return scenario, ck.diags


def _customer(ck: FieldChecker, top: YMap) -> Customer:
    if "customer" not in top:
        ck.error("FL022", (top.line, top.column), "the scenario needs 'customer' (at least a 'name')")
        return Customer(name="Customer")
    m = ck.mapping(top["customer"], ck.value_pos(top, "customer"), "'customer'")
    if m is None:
        return Customer(name="Customer")
    ck.unknown_keys(m, CUSTOMER_KEYS, "'customer'")
    name = ck.text(m, "name", "'customer'", required=True) or "Customer"
    role = ck.text(m, "role", "'customer'") or ""
    mood = ck.choice_of(m, "mood", "'customer'", MOODS, default="calm")
    portrait = ck.text(m, "portrait", "'customer'") or ""
    if portrait and not STATE_PATTERN.match(portrait):
        ck.error("FL035", ck.value_pos(m, "portrait"),
                 f"portrait '{portrait}' must be a plain name (letters, digits, '-', '_'), not a path")
        portrait = ""
    return Customer(name=name, role=role, mood=mood, portrait=portrait)


def _nodes(ck: FieldChecker, top: YMap, conds: ConditionChecks, default_shuffle: bool, personas: Suggester):
    nodes: dict[str, Node] = {}
    goto_columns: dict[tuple[str, int], int] = {}
    if "nodes" not in top:
        ck.error("FL022", (top.line, top.column), "the scenario needs 'nodes'")
        return nodes, goto_columns
    m = ck.mapping(top["nodes"], ck.value_pos(top, "nodes"), "'nodes'")
    if m is None:
        return nodes, goto_columns
    if not m:
        ck.error("FL025", ck.value_pos(top, "nodes"), "'nodes' is empty; a scenario needs at least one node")
    for nid, pos, where, node_map in ck.entries(m, "node", NODE_KEYS, STATE_PATTERN):
        speaker = ck.choice_of(node_map, "speaker", where, SPEAKERS, default="customer")
        text = ck.paragraphs(node_map, "text", where)
        venting = ck.boolean(node_map, "venting", where)
        shuffle = ck.boolean(node_map, "shuffle", where, default=default_shuffle)
        variants = persona_checks.variants(ck, node_map, where, conds, ending=False)
        choices = []
        raw_choices = node_map.get("choices")
        if raw_choices is None:
            ck.error("FL026", pos, f"{where} has no choices; give it 1 to {MAX_CHOICES}")
        elif not isinstance(raw_choices, YSeq):
            ck.error("FL023", ck.value_pos(node_map, "choices"), f"'choices' in {where} must be a list, not {kind_name(raw_choices)}")
        elif not raw_choices:
            ck.error("FL026", ck.value_pos(node_map, "choices"), f"{where} has no choices; give it 1 to {MAX_CHOICES}")
        else:
            if len(raw_choices) > MAX_CHOICES:
                ck.error("FL027", raw_choices.item_pos[MAX_CHOICES],
                         f"{where} has {len(raw_choices)} choices; at most {MAX_CHOICES} are allowed")
            for index, item in enumerate(raw_choices):
                choice = _choice(ck, item, raw_choices.item_pos[index], index, nid, conds, goto_columns, personas)
                if choice is not None:
                    choices.append(choice)
        nodes[nid] = Node(id=nid, text=text, choices=tuple(choices), speaker=speaker, venting=venting,
                          shuffle=shuffle, line=pos[0], column=pos[1], variants=variants)
    return nodes, goto_columns


def _levers(ck, m, where) -> dict[str, int]:
    levers = {}
    lm = ck.mapping(m["levers"], ck.value_pos(m, "levers"), f"'levers' in {where}")
    for lever, points in (lm or {}).items():
        if lever not in LEVERS:
            ck.error("FL037", ck.key_pos(lm, lever), f"unknown lever '{lever}'{did_you_mean(lever, LEVERS)}; "
                     f"the levers are {', '.join(LEVERS)}")
            continue
        value = ck.integer(lm, lever, f"'levers' in {where}", LEVER_MIN, LEVER_MAX)
        if value:
            levers[lever] = value
    return levers


def _breaks(ck, m, where) -> tuple[str, ...]:
    breaks = []
    raw = m["breaks"]
    items = [(raw, ck.value_pos(m, "breaks"))] if isinstance(raw, str) else \
        list(zip(raw, raw.item_pos)) if isinstance(raw, YSeq) else None
    if items is None:
        ck.error("FL023", ck.value_pos(m, "breaks"), f"'breaks' in {where} must be a rule name or a list of them")
        return ()
    for rule, rpos in items:
        if rule not in RULES:
            ck.error("FL038", rpos, f"unknown rule '{rule}'{did_you_mean(rule, RULES)}; "
                     f"the rules are {', '.join(RULES)}")
        elif rule not in breaks:
            breaks.append(rule)
    return tuple(r for r in RULES if r in breaks)


def _choice(ck, item, pos, index, nid, conds, goto_columns, personas: Suggester) -> Choice | None:
    where = f"choice {index + 1} of node '{nid}'"
    m = ck.mapping(item, pos, where)
    if m is None:
        return None
    ck.unknown_keys(m, CHOICE_KEYS, where)
    text = ck.text(m, "text", where, required=True) or ""
    goto = ck.state_id(m, "goto", where) or ""
    goto_pos = ck.value_pos(m, "goto")
    goto_columns[(nid, index)] = goto_pos[1]
    levers = _levers(ck, m, where) if "levers" in m else {}
    mood = ck.choice_of(m, "mood", where, MOOD_CHANGES, default="steady")
    listens = ck.boolean(m, "listens", where)
    breaks = _breaks(ck, m, where) if "breaks" in m else ()
    feedback = ck.text(m, "feedback", where) or ""
    condition, source = conds.parse(m, "if", where) if "if" in m else (None, "")
    conds.quarter_in_reply(condition, m, where)
    once = ck.boolean(m, "once", where)
    assigned = _flag_map(ck, m, "set", where, conds, (bool, int, str))
    added = _flag_map(ck, m, "add", where, conds, (int,))
    choice = Choice(index=index, text=text, goto=goto, levers=levers, mood=mood, listens=listens,
                    breaks=breaks, feedback=feedback, condition=condition,
                    condition_source=source, once=once, set=assigned, add=added, line=goto_pos[0])
    overrides = persona_checks.reply_personas(ck, m, where, choice, personas,
                                              lambda om, inner: _levers(ck, om, inner),
                                              lambda om, inner: _breaks(ck, om, inner))
    if overrides:
        choice = changed(choice, personas={pid: changed(choice, **changes) for pid, changes in overrides.items()})
    return choice


def _flag_map(ck, m, key, where, conds: ConditionChecks, types) -> dict:
    if key not in m:
        return {}
    fm = ck.mapping(m[key], ck.value_pos(m, key), f"'{key}' in {where}")
    out = {}
    for name, value in (fm or {}).items():
        pos = ck.key_pos(fm, name)
        if not FLAG_PATTERN.match(name) or name in RESERVED_FLAGS:
            if name in BEHAVIOUR_NAMES:
                reason = (f"cannot be changed by '{key}': it is a read-only name that tells how the "
                          "conversation has gone (breaches, each rule, each lever, persona) or what the quarter "
                          "has told (in_quarter, quarter_…); choose another name")
            elif name in RESERVED_FLAGS:
                reason = "is reserved"
            else:
                reason = "must start with a letter and use letters, digits and '_'"
            ck.error("FL061", pos, f"flag name '{name}' is reserved" if reason == "is reserved"
                     else f"flag name '{name}' {reason}")
            continue
        if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
            wanted = "a whole number" if types == (int,) else "true, false, a whole number or text"
            ck.error("FL023", ck.value_pos(fm, name), f"flag '{name}' in '{key}' must be {wanted}, not {kind_name(value)}")
            continue
        if key == "set" and isinstance(value, str) and name not in fm.quoted and value.lower() in YAML11_BOOLEANS:
            ck.warning("FL065", ck.value_pos(fm, name),
                       f"flag '{name}' is set to the text '{value}' (YAML 1.2 reads {value} as text, not "
                       f"true or false): write {'true' if value.lower() in ('yes', 'on', 'y') else 'false'}")
        out[name] = value
        conds.assigned(name, value, pos)
    return out


def _endings(ck: FieldChecker, top: YMap, conds: ConditionChecks) -> dict[str, Ending]:
    endings: dict[str, Ending] = {}
    if "endings" not in top:
        ck.error("FL022", (top.line, top.column), "the scenario needs 'endings' (at least one)")
        return endings
    m = ck.mapping(top["endings"], ck.value_pos(top, "endings"), "'endings'")
    if m is None:
        return endings
    if not m:
        ck.error("FL025", ck.value_pos(top, "endings"), "'endings' is empty; a scenario needs at least one ending")
    for eid, pos, where, em in ck.entries(m, "ending", ENDING_KEYS, STATE_PATTERN):
        outcome = ck.choice_of(em, "outcome", where, OUTCOMES, default="at_risk", required=True)
        text = ck.paragraphs(em, "text", where)
        coaching = ck.text(em, "coaching", where) or ""
        variants = persona_checks.variants(ck, em, where, conds, ending=True)
        endings[eid] = Ending(id=eid, outcome=outcome, text=text, coaching=coaching, line=pos[0], column=pos[1],
                              variants=variants)
    return endings


def _graph_checks(ck: FieldChecker, scenario: Scenario, on_walkout) -> None:
    graph = edges_of(scenario)
    seen = reachable_states(scenario)
    can_end = reaching(graph, scenario.endings)
    for nid, node in scenario.nodes.items():
        if nid not in can_end:
            ck.error("FL051", (node.line, node.column), f"no ending can be reached from node '{nid}': "
                     "every path from it loops back without ending (a trap)")
        if nid not in seen:
            ck.warning("FL050", (node.line, node.column), f"node '{nid}' cannot be reached from start '{scenario.start}'")
        if node.choices and all(c.condition is not None for c in node.choices):
            ck.warning("FL052", (node.line, node.column), f"every choice of node '{nid}' has a condition; "
                       "when none holds the player is stuck")
    for eid, ending in scenario.endings.items():
        if not ending.builtin and eid not in seen:
            how = " (it is the walk-out ending, but no reachable choice escalates)" if eid == on_walkout else ""
            ck.warning("FL050", (ending.line, ending.column), f"ending '{eid}' cannot be reached from start '{scenario.start}'{how}")
    _stuck_checks(ck, scenario, seen)
    shown = {}
    for persona in (scenario.personas or [""]):
        for sid, moods in machines.reachable_moods(scenario, persona).items():
            shown.setdefault(sid, set()).update(moods)
    for sid, where in [*scenario.nodes.items(), *scenario.endings.items()]:
        if sid not in seen or sid in shown or getattr(where, "builtin", False):
            continue
        if sid == scenario.walkout_ending and not any(
                c.goto == sid for n in scenario.nodes.values() for c in n.choices):
            ck.warning("FL053", (where.line, where.column),
                       f"ending '{sid}' is the walk-out ending, but no path makes the customer angry enough to "
                       "walk out, so it is never shown")
            continue
        kind = "node" if sid in scenario.nodes else "ending"
        ck.warning("FL053", (where.line, where.column),
                   f"{kind} '{sid}' is only reached by replies that escalate an angry customer, who walks "
                   "out instead, so it is never shown (make one of those replies 'steady', or soothe earlier)")


STUCK_CHECK_STATES = 200_000  # validation stays quick; `analyze` explores up to 1,000,000


def _stuck_checks(ck: FieldChecker, scenario: Scenario, seen) -> None:
    """Warn about reachable points where conditions and `once` leave no reply.
    Only a node whose every reply is conditional or `once` can be such a
    point, so the explorer runs only when one is reachable."""
    risky = [nid for nid in seen if nid in scenario.nodes
             and all(c.condition is not None or c.once for c in scenario.nodes[nid].choices)]
    if not risky:
        return
    from game.core.explorer import explore_states
    warned = set()
    for persona in (scenario.personas or [""]):
        space = explore_states(scenario, persona, max_states=STUCK_CHECK_STATES)
        for state in space.stuck:
            nid = space.node(state)
            if nid in warned:
                continue
            warned.add(nid)
            node = scenario.nodes[nid]
            way = ",".join(map(str, space.way(state))) or "none"
            who = f" (persona '{persona}')" if persona else ""
            ck.warning("FL054", (node.line, node.column),
                       f"node '{nid}' can be reached with no reply shown: conditions and 'once' hide every "
                       f"reply (for example after choices {way}{who}); the player would be stuck")
