"""The parts of a scenario that personas and variants add: `personas` at
the top level, a reply's per-persona overrides, and the `variants` of nodes
and endings. Each function checks what it reads and records diagnostics in
the FieldChecker; none raises."""
from __future__ import annotations

from game.core.frozen import changed

from game.core.model import MOOD_CHANGES, MOODS, OUTCOMES, STYLES, Customer, Persona, Variant
from game.core.suggest import Suggester
from game.core.yaml_reader import YMap, YSeq

PERSONA_KEYS = ("label", "style", "customer", "briefing")
PERSONA_CUSTOMER_KEYS = ("name", "role", "mood", "portrait")
REPLY_PERSONA_KEYS = ("levers", "mood", "breaks", "listens", "feedback")
NODE_VARIANT_KEYS = ("if", "text")
ENDING_VARIANT_KEYS = ("if", "text", "outcome", "coaching")


def personas(ck, top: YMap, customer: Customer, state_pattern) -> dict[str, Persona]:
    if "personas" not in top:
        return {}
    m = ck.mapping(top["personas"], ck.value_pos(top, "personas"), "'personas'")
    if m is None:
        return {}
    if len(m) < 2:
        ck.error("FL028", ck.value_pos(top, "personas"),
                 f"'personas' declares {len(m)} persona{'s' if len(m) != 1 else ''}; declare at least two "
                 "(the same customer with two temperaments), or remove 'personas'")
    found: dict[str, Persona] = {}
    for pid, pos, where, pm in ck.entries(m, "persona", PERSONA_KEYS, state_pattern):
        label = ck.text(pm, "label", where, required=True, one_line=True) or pid
        style = ck.choice_of(pm, "style", where, STYLES, default="")
        briefing = ck.text(pm, "briefing", where) if "briefing" in pm else None
        overrides = customer
        if "customer" in pm:
            cm = ck.mapping(pm["customer"], ck.value_pos(pm, "customer"), f"'customer' in {where}")
            if cm is not None:
                ck.unknown_keys(cm, PERSONA_CUSTOMER_KEYS, f"'customer' in {where}")
                changes = {}
                for key in ("name", "role", "portrait"):
                    if key in cm:
                        value = ck.text(cm, key, f"'customer' in {where}", required=key == "name")
                        if value is not None:
                            changes[key] = value
                if "mood" in cm:
                    changes["mood"] = ck.choice_of(cm, "mood", f"'customer' in {where}", MOODS, default=customer.mood)
                portrait = changes.get("portrait", "")
                if portrait and not state_pattern.match(portrait):
                    ck.error("FL035", ck.value_pos(cm, "portrait"),
                             f"portrait '{portrait}' must be a plain name (letters, digits, '-', '_'), not a path")
                    changes.pop("portrait")
                overrides = changed(customer, **changes)
        found[pid] = Persona(id=pid, label=label, style=style or "", customer=overrides,
                             briefing=briefing, line=pos[0])
    return found


def reply_personas(ck, m: YMap, where: str, base, declared: Suggester, read_levers, read_breaks) -> dict:
    """A reply's `personas`: persona id -> the reply with that persona's overrides."""
    if "personas" not in m:
        return {}
    pm = ck.mapping(m["personas"], ck.value_pos(m, "personas"), f"'personas' in {where}")
    out = {}
    for pid, raw in (pm or {}).items():
        pos = ck.key_pos(pm, pid)
        if pid not in declared.candidates:
            known = ", ".join(declared.candidates) or "none: add 'personas' at the top level first"
            ck.error("FL045", pos, f"unknown persona '{pid}' in {where}{declared.hint(pid)}; "
                     f"the scenario's personas are: {known}")
            continue
        inner = f"persona '{pid}' of {where}"
        om = ck.mapping(raw, ck.value_pos(pm, pid), inner)
        if om is None:
            continue
        ck.unknown_keys(om, REPLY_PERSONA_KEYS, inner)
        changes = {}
        if "levers" in om:
            changes["levers"] = read_levers(om, inner)
        if "mood" in om:
            changes["mood"] = ck.choice_of(om, "mood", inner, MOOD_CHANGES, default=base.mood)
        if "breaks" in om:
            changes["breaks"] = read_breaks(om, inner)
        if "listens" in om:
            changes["listens"] = ck.boolean(om, "listens", inner, default=base.listens)
        if "feedback" in om:
            changes["feedback"] = ck.text(om, "feedback", inner) or ""
        out[pid] = changes
    return out


def variants(ck, m: YMap, where: str, conds, ending: bool) -> tuple[Variant, ...]:
    if "variants" not in m:
        return ()
    raw = m["variants"]
    if not isinstance(raw, YSeq):
        ck.error("FL023", ck.value_pos(m, "variants"),
                 f"'variants' in {where} must be a list of {{if, text}} entries")
        return ()
    found, placed = [], []  # the variants, and where each one's `if` is (endings)
    for i, item in enumerate(raw):
        inner = f"variant {i + 1} of {where}"
        vm = ck.mapping(item, raw.item_pos[i], inner)
        if vm is None:
            continue
        ck.unknown_keys(vm, ENDING_VARIANT_KEYS if ending else NODE_VARIANT_KEYS, inner)
        if "if" not in vm:
            ck.error("FL022", (vm.line, vm.column), f"{inner} needs 'if' (the condition under which it applies)")
            tree, source = None, ""
        else:
            tree, source = conds.parse(vm, "if", inner)
        text = ck.paragraphs(vm, "text", inner, required=not ending) if "text" in vm or not ending else None
        outcome = ck.choice_of(vm, "outcome", inner, OUTCOMES) if ending else None
        coaching = ck.text(vm, "coaching", inner) if ending and "coaching" in vm else None
        if ending and text is None and outcome is None and coaching is None:
            ck.error("FL022", (vm.line, vm.column), f"{inner} changes nothing: give it 'text', 'outcome' or 'coaching'")
        if tree is not None:
            found.append(Variant(condition=tree, condition_source=source, text=text or None,
                                 outcome=outcome, coaching=coaching, line=vm.line))
            if ending:
                placed.append(ck.value_pos(vm, "if"))
    if ending:
        conds.quarter_in_ending(found, placed, where)
    return tuple(found)
