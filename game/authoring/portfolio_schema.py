"""A JSON Schema of the portfolio format, for editors; built from the same
constants as the portfolio validator (a test keeps them in agreement)."""
from __future__ import annotations

from game.core.portfolio.build import ACCOUNT_KEYS, ACCOUNT_PATTERN, ID_PATTERN, MAX_BUDGET_HOURS, NOTE_KEYS, TOP_KEYS
from game.core.portfolio.model import (CUE_TITLES, CUES, EVENT_KINDS, FORMAT_VERSION, FREQUENCIES, MAX_ACCOUNTS, METHODS,
                                       MIN_ACCOUNTS, PRESSURES)

SCHEMA_ID = "https://five-levers.invalid/schema/portfolio-2.json"


def _pattern(compiled) -> str:
    return "^" + compiled.pattern.replace("\\Z", "") + "$"


def _line(description: str) -> dict:
    return {"description": description, "anyOf": [{"type": "string", "pattern": "\\S"}, {"type": "number"}]}


def portfolio_schema() -> dict:
    note = {"anyOf": [
        {"type": "string", "description": "What the trainee can learn about the account."},
        {"type": "object", "additionalProperties": False, "required": ["text"],
         "properties": {"text": _line("What the trainee can learn about the account."),
                        "cue": {"enum": list(CUES), "description": "What the note means in the model: "
                                + "; ".join(f"{c}: {t}" for c, t in CUE_TITLES.items())}}},
    ]}
    assert set(NOTE_KEYS) == {"text", "cue"}
    account = {
        "type": "object", "additionalProperties": False,
        "required": ["name", "sector", "revenue", "margin", "health", "pressure", "cadence", "channel"],
        "properties": {
            "name": _line("The customer's name, as the trainee sees it."),
            "sector": _line("What the customer does."),
            "revenue": {"type": "integer", "minimum": 1, "description": "What the account bills a year."},
            "margin": {"type": "number", "exclusiveMinimum": 0, "maximum": 1,
                       "description": "The share of revenue that is profit: 0.25 for 25%."},
            "health": {"type": "integer", "minimum": 1, "maximum": 100,
                       "description": "How happy the account is at the start of the quarter (1..100)."},
            "pressure": {"enum": list(PRESSURES), "description": "How hard competitors are courting it."},
            "cadence": {"enum": list(FREQUENCIES), "description": "How often the account wants to hear from "
                        "you; contact sooner than that costs goodwill, and neglect starts after twice as long."},
            "channel": {"enum": list(METHODS), "description": "How the account likes to be contacted; a much "
                        "lighter method lands little, a much heavier one costs goodwill."},
            "notes": {"type": ["array", "null"], "items": note},
            "news": {"type": ["object", "null"], "additionalProperties": False,
                     "description": "What the customer says when each kind of event happens, in their words; "
                     "shown with the week's news.",
                     "properties": {k: {"anyOf": [
                         _line(f"What the customer says with a {k.replace('-', ' ')}."),
                         {"type": "array", "minItems": 1, "items": _line("One line, in order."),
                          "description": f"What the customer says with a {k.replace('-', ' ')}: the first word, "
                          "then what they say each time it comes again."}]}
                         for k in EVENT_KINDS}},
            "scenario": {"type": "string", "description": "A scenario id from the library: the conversation "
                         "played when this account falls into trouble."},
        },
    }
    assert set(account["properties"]) == set(ACCOUNT_KEYS)
    schema = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "Five Levers portfolio",
        "description": "An account manager's portfolio for the 'protect your turf' campaign. "
                       "Run `python main.py validate` for the checks a schema cannot express.",
        "type": "object", "additionalProperties": False,
        "required": ["format", "id", "title", "industry", "budget_hours", "briefing", "accounts"],
        "properties": {
            "format": {"const": FORMAT_VERSION},
            "id": {"type": "string", "pattern": _pattern(ID_PATTERN)},
            "version": {"type": "integer", "minimum": 1},
            "title": _line("The portfolio's title."),
            "summary": _line("One line for the library."),
            "industry": _line("The industry, shown in the library."),
            "currency": {"type": "string", "maxLength": 4, "description": "A symbol such as £, $ or €."},
            "budget_hours": {"type": "number", "exclusiveMinimum": 0, "maximum": MAX_BUDGET_HOURS,
                             "description": "Hours a week the trainee has for contact."},
            "briefing": _line("What the trainee reads first."),
            "accounts": {"type": "object", "minProperties": MIN_ACCOUNTS, "maxProperties": MAX_ACCOUNTS,
                         "propertyNames": {"pattern": _pattern(ACCOUNT_PATTERN)},
                         "additionalProperties": account},
        },
    }
    assert set(schema["properties"]) == set(TOP_KEYS)
    return schema
