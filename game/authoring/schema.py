"""A JSON Schema of the scenario format, for editors (autocompletion, hover
help and inline errors through yaml-language-server).

Built from the same constants as the validator (levers, rules, moods,
outcomes, id patterns, limits), and a test keeps the two in agreement: every
file the validator accepts, the schema accepts; every structural error the
validator reports, the schema reports too. What a schema cannot express
(a `goto` to a node that exists, reachability, conditions that parse) stays
the validator's job: run `python main.py validate`.
"""
from __future__ import annotations

from game.core.model import (FORMAT_VERSION, LEVER_MAX, LEVER_MIN, LEVER_TITLES, LEVERS, MAX_CHOICES, MOOD_CHANGES,
                    MOODS, OUTCOMES, RULE_TITLES, RULES, SPEAKERS, STYLE_TITLES, STYLES)
from game.core.validator import FLAG_PATTERN, ID_PATTERN, RESERVED_FLAGS, STATE_PATTERN

SCHEMA_ID = "https://five-levers.invalid/schema/scenario-1.json"


def _pattern(compiled) -> str:
    """Our patterns are used with re.match and end in \\Z; JSON Schema wants ^…$."""
    return "^" + compiled.pattern.replace("\\Z", "") + "$"


def _text(description: str, required: bool = False) -> dict:
    # numbers and true/false are read as their text, as the validator does (`title: 1984`)
    if required:
        return {"description": description,
                "anyOf": [{"type": "string", "pattern": "\\S"}, {"type": ["number", "boolean"]}]}
    return {"description": description, "type": ["string", "number", "boolean", "null"]}


def _paragraphs(description: str) -> dict:
    return {"description": description,
            "anyOf": [{"type": "string", "pattern": "\\S"}, {"type": ["number", "boolean"]},
                      {"type": "array", "minItems": 1, "items": {"type": ["string", "number", "boolean"]}}]}


def _state_ref(description: str) -> dict:
    return {"description": description, "anyOf": [{"type": "string", "minLength": 1}, {"type": "number"}]}


def _flags(description: str, values: list[str]) -> dict:
    return {"description": description, "type": "object",
            "propertyNames": {"pattern": _pattern(FLAG_PATTERN), "not": {"enum": list(RESERVED_FLAGS)}},
            "additionalProperties": {"type": values}}


def scenario_schema() -> dict:
    lever_points = {
        "type": "object", "additionalProperties": False,
        "description": f"Points this reply earns (or loses) on each lever, {LEVER_MIN}..{LEVER_MAX}. "
                       "A lever no reply in the scenario earns points on is 'not assessed'.",
        "properties": {lever: {"type": "integer", "minimum": LEVER_MIN, "maximum": LEVER_MAX,
                               "description": LEVER_TITLES[lever]} for lever in LEVERS},
    }
    breaks = {"description": "Rules this reply breaks whatever the mood (for example blaming a faceless 'they', "
                             "or telling a customer to calm down): one rule name or a list of them.",
              "anyOf": [{"enum": list(RULES)},
                        {"type": "array", "items": {"enum": list(RULES),
                                                    "description": " / ".join(RULE_TITLES.values())}}]}
    mood_change = {"enum": list(MOOD_CHANGES), "default": "steady",
                   "description": "How the reply moves the customer's mood: soothe (one step calmer), steady, "
                                  "or escalate (one step angrier; escalating an angry customer makes them walk "
                                  "out). Escalating breaks a rule: 'don't upset them' when calm or uneasy, "
                                  "'don't make it worse' when upset or angry."}
    condition = _text("A condition on flags, mood and how the conversation has gone (breaches, each rule, each "
                      "lever's points, persona): e.g. `asked_name and mood != angry`, `breaches >= 2`, "
                      "`persona == 'brisk'`.", required=True)
    reply_persona = {
        "type": "object", "additionalProperties": False,
        "description": "How this reply lands with one persona: overrides of its levers (the whole map), mood, "
                       "breaks, listens and feedback.",
        "properties": {"levers": lever_points, "mood": mood_change, "breaks": breaks,
                       "listens": {"type": "boolean", "description": "Whether it lets this persona finish."},
                       "feedback": _text("The coaching for this persona.")},
    }
    choice = {
        "type": "object", "additionalProperties": False, "required": ["text", "goto"],
        "description": "One reply the trainee can pick.",
        "properties": {
            "text": _text("The reply, as the trainee says it.", required=True),
            "goto": _state_ref("The node or ending this reply leads to."),
            "levers": lever_points,
            "mood": mood_change,
            "listens": {"type": "boolean", "default": False,
                        "description": "On a venting node, true when this reply lets the customer finish; any "
                                       "other reply there breaks 'shut up and listen'."},
            "breaks": breaks,
            "feedback": _text("The coaching: why this reply helps or hurts, naming the lever or rule."),
            "if": condition,
            "once": {"type": "boolean", "default": False,
                     "description": "Hide this reply once it has been picked (for loops)."},
            "set": _flags("Flags to set when this reply is picked (true/false, a number or text).",
                          ["boolean", "integer", "string"]),
            "add": _flags("Numbers to add to flags when this reply is picked.", ["integer"]),
            "personas": {"type": "object", "additionalProperties": reply_persona,
                         "description": "Per persona id: how this reply lands with that persona."},
        },
    }
    node_variant = {"type": "object", "additionalProperties": False, "required": ["if", "text"],
                    "description": "Another line for this node, said when `if` holds.",
                    "properties": {"if": condition, "text": _paragraphs("What is said instead.")}}
    ending_variant = {"type": "object", "additionalProperties": False, "required": ["if"],
                      "description": "Another way this ending goes, when `if` holds.",
                      "anyOf": [{"required": ["text"]}, {"required": ["outcome"]}, {"required": ["coaching"]}],
                      "properties": {"if": condition, "text": _paragraphs("The ending's text instead."),
                                     "outcome": {"enum": list(OUTCOMES), "description": "The outcome instead."},
                                     "coaching": _text("The coaching instead.")}}
    node = {
        "type": "object", "additionalProperties": False, "required": ["text", "choices"],
        "description": "One moment of the conversation: what is said, and the replies.",
        "properties": {
            "speaker": {"enum": list(SPEAKERS), "default": "customer",
                        "description": "Who speaks: the customer, or a narrator describing the scene."},
            "text": _paragraphs("What the customer (or narrator) says: text, or a list of paragraphs."),
            "variants": {"type": "array", "items": node_variant,
                         "description": "The first variant whose `if` holds on arrival replaces `text`."},
            "venting": {"type": "boolean", "default": False,
                        "description": "The customer is venting: only replies with `listens: true` keep "
                                       "'shut up and listen'."},
            "shuffle": {"type": "boolean",
                        "description": "Show the replies in a seeded random order (default: the scenario's "
                                       "`shuffle`)."},
            "choices": {"type": "array", "minItems": 1, "maxItems": MAX_CHOICES, "items": choice,
                        "description": f"The replies, 1 to {MAX_CHOICES}."},
        },
    }
    ending = {
        "type": "object", "additionalProperties": False, "required": ["outcome", "text"],
        "description": "How the conversation ends.",
        "properties": {
            "outcome": {"enum": list(OUTCOMES), "description": "What happens to the customer relationship."},
            "text": _paragraphs("What happens at the end."),
            "coaching": _text("The coaching shown with this ending in the debrief."),
            "variants": {"type": "array", "items": ending_variant,
                         "description": "The first variant whose `if` holds overrides text, outcome and "
                                        "coaching (a walk-out is always lost)."},
        },
    }
    customer_fields = {
        "name": _text("The customer's name.", required=True),
        "role": _text("Their role and organisation."),
        "mood": {"enum": list(MOODS), "default": "calm", "description": "Their mood at the start."},
        "portrait": {"anyOf": [{"type": "string", "pattern": "^[A-Za-z0-9_-]*$"}, {"type": ["integer", "null"]}],
                     "description": "A picture name: assets/portraits/<name>.png or <name>-<mood>.png (drawn in "
                                    "code when missing)."},
    }
    persona = {
        "type": "object", "additionalProperties": False, "required": ["label"],
        "description": "The same customer with another temperament.",
        "properties": {
            "label": _text("Shown in the debrief, e.g. 'Brisk and to the point'.", required=True),
            "style": {"enum": list(STYLES), "description": "; ".join(STYLE_TITLES.values())},
            "customer": {"type": "object", "additionalProperties": False, "properties": customer_fields,
                         "description": "Overrides of the customer's fields for this persona."},
            "briefing": _text("The briefing for this persona instead."),
        },
    }
    state_names = {"pattern": _pattern(STATE_PATTERN)}
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "Five Levers scenario",
        "description": "A customer conversation for the Five Levers training game (format "
                       f"{FORMAT_VERSION}). Check it fully with `python main.py validate FILE`.",
        "type": "object", "additionalProperties": False,
        "required": ["format", "id", "title", "summary", "customer", "start", "nodes", "endings"],
        "properties": {
            "format": {"const": FORMAT_VERSION, "description": "The format version: always 1."},
            "id": {"anyOf": [{"type": "string", "pattern": _pattern(ID_PATTERN)}, {"type": "integer", "minimum": 0}],
                   "description": "Unique id of the scenario: lower-case letters, digits and '-'."},
            "version": {"type": "integer", "minimum": 1, "default": 1,
                        "description": "Raise it when you change the scenario; saves and scores keep it."},
            "title": _text("The title on the scenario card.", required=True),
            "summary": {"description": "One line on the scenario card.",
                        "anyOf": [{"type": "string", "pattern": "^\\s*[^\\n]*\\S[^\\n]*\\s*$"},
                                  {"type": ["number", "boolean"]}]},
            "difficulty": {"type": "integer", "minimum": 1, "maximum": 5, "default": 1,
                           "description": "1 (gentle) to 5 (hard)."},
            "tags": {"type": "array", "items": {"type": ["string", "number", "boolean"]},
                     "description": "Industry, channel, style: e.g. [retail, phone]."},
            "estimated_minutes": {"type": "integer", "minimum": 1, "description": "Typical minutes to play."},
            "mastery": {"type": "integer", "minimum": 0, "maximum": 100, "default": 75,
                        "description": "The score that passes (xAPI success); default 75, the floor of Strong."},
            "customer": {
                "type": "object", "additionalProperties": False, "required": ["name"],
                "description": "Who the trainee talks to.",
                "properties": customer_fields,
            },
            "briefing": _text("What the trainee reads before the conversation."),
            "start": _state_ref("The first node."),
            "on_walkout": _state_ref("The ending shown when the customer walks out (default: a built-in "
                                     "'walked_out' ending, outcome lost)."),
            "shuffle": {"type": "boolean", "default": False,
                        "description": "Default for every node's `shuffle`: show replies in an order fixed by the "
                                       "playthrough's seed, so position tells nothing."},
            "personas": {"type": "object", "minProperties": 2, "propertyNames": state_names,
                         "additionalProperties": persona,
                         "description": "Two or more temperaments of the customer; each playthrough meets one."},
            "nodes": {"type": "object", "minProperties": 1, "propertyNames": state_names,
                      "additionalProperties": node, "description": "The conversation's nodes, by id."},
            "endings": {"type": "object", "minProperties": 1, "propertyNames": state_names,
                        "additionalProperties": ending, "description": "The endings, by id."},
        },
    }
