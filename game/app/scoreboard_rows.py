"""What the scoreboard screen's rows say, as plain data: the player's
history (one row per attempt), a scenario's leaderboard (each player's best)
and how the player does with each customer style. The window's scoreboard
scene lists these rows; `action` is what a row opens."""
from __future__ import annotations

from dataclasses import dataclass

from game.core.model import OUTCOME_WORDS
from game.core.styles import STYLE_NAMES, flex_tip
from game.storage.export import short_time
from game.storage.saves import player_key

NO_NAME = "Type your name on the title screen to see your attempts."
NO_LEADERS = "No finished conversations yet: play a scenario to start the leaderboard."
NO_NAME_FOR_STYLES = "Type your name on the title screen to see how you do with each customer style."
SELF_CHECK_ROW = "Take the self-check to see your own style beside these"
QUARTER_NOTE = ("A quarter's whole debrief, with its record, is in `main.py scoreboard --portfolio ID --format json`; "
                "play the portfolio again from the title screen to beat it.")
NO_QUARTERS = ("No quarters yet: play a portfolio (Protect your turf) from the title screen to start its "
               "leaderboard.")


@dataclass(frozen=True)
class Row:
    label: str
    detail: str
    action: tuple  # ('attempt', id) | ('others', player) | ('style', style) | ('selfcheck', None)


def breaches(n: int) -> str:
    return "no rule broken" if n == 0 else f"{n} rule breach{'es' if n != 1 else ''}"


def no_history(player: str, one_scenario: bool) -> str:
    return f"No finished conversations for {player} yet" + (" in this scenario." if one_scenario else ".")


def no_styles(player: str) -> str:
    return (f"No conversations with a customer of a known style for {player} yet. "
            "Scenarios with several customers (personas) record the customer's style.")


def history_rows(attempts, titles: dict, persona_label) -> list[Row]:
    """Newest first; `persona_label(scenario, persona)` names a persona."""
    rows = []
    for a in reversed(attempts):
        label = f"{short_time(a.finished_at)}   {titles.get(a.scenario, a.title or a.scenario)}"
        if a.status == "abandoned":
            detail = (f"Abandoned after {len(a.choices)} repl{'y' if len(a.choices) == 1 else 'ies'} · "
                      f"score so far {a.score} · {breaches(sum(a.rules.values()))} · {a.mode} mode")
        else:
            detail = (f"Score {a.score} · {a.grade} · customer {OUTCOME_WORDS.get(a.outcome, a.outcome)} · "
                      f"{breaches(sum(a.rules.values()))} · {a.mode} mode")
        if a.persona:
            detail += f"\nCustomer: {persona_label(a.scenario, a.persona)}" + \
                (f" ({STYLE_NAMES[a.persona_style]})" if a.persona_style in STYLE_NAMES else "") + \
                f" · your style: {STYLE_NAMES.get(a.player_style, 'not known')}"
        rows.append(Row(label, detail, ("attempt", a.id)))
    return rows


def more_row(shown: int, total: int, page: int) -> Row | None:
    """The history list's last row when older attempts are not listed yet (None when all are):
    choosing it lists `page` more. The chart above the list always has every attempt."""
    hidden = total - shown
    if hidden <= 0:
        return None
    return Row(f"Show {min(page, hidden):,} older attempt{'s' if min(page, hidden) != 1 else ''}",
               f"{hidden:,} older attempt{'s' if hidden != 1 else ''} not listed yet "
               f"(the chart above has all {total:,})", ("more", page))


def is_mine(row_player: str, player: str) -> bool:
    return bool(player) and player_key(row_player) == player_key(player)


def leader_rows(leaders, player: str) -> list[Row]:
    """A transcript is its owner's: others see the scores (reviewers use `main.py scoreboard`)."""
    rows = []
    for rank, row in enumerate(leaders, 1):
        mine = is_mine(row["player"], player)
        you = "  (you)" if mine else ""
        label = f"{rank}.  {row['player']}{you}  —  best {row['best']} · {row['grade']}"
        detail = (f"customer {OUTCOME_WORDS.get(row['outcome'], row['outcome'])} · {row['attempts']} "
                  f"attempt{'s' if row['attempts'] != 1 else ''} · {short_time(row['finished_at'])}")
        if not mine:
            detail += " · scores only"
        rows.append(Row(label, detail, ("attempt", row["id"]) if mine else ("others", row["player"])))
    return rows


def quarter_rows(leaders, quarters, player: str) -> list[Row]:
    """A portfolio's leaderboard (each player's best quarter), then the player's own quarters, newest first."""
    rows = []
    for rank, row in enumerate(leaders, 1):
        you = "  (you)" if is_mine(row["player"], player) else ""
        rows.append(Row(f"{rank}.  {row['player']}{you}  —  best quarter {row['best']}% · ranking "
                        f"{row['rank_percent']}%",
                        f"{row['attempts']} quarter{'s' if row['attempts'] != 1 else ''} · "
                        f"{short_time(row['finished_at'])}", ("quarter", row["id"])))
    for q in reversed(quarters):
        record = q.get("record") or {}
        answered, changes = len(record.get("answers", [])), len(record.get("revisions", []))
        rows.append(Row(f"{short_time(q['finished_at'])}   your quarter: score {q['score']}% · ranking "
                        f"{q['rank_percent']}%",
                        f"seed {q['seed']} · {answered} event{'s' if answered != 1 else ''} answered · "
                        f"{changes} plan change{'s' if changes != 1 else ''}", ("quarter", q["id"])))
    return rows


def others_note(player: str) -> str:
    """Said when another player's leaderboard row is chosen."""
    return (f"{player}'s replies are theirs to open: the leaderboard shows everyone's scores, "
            "and reviewers read transcripts with `main.py scoreboard --format json`.")


def style_rows(own: str, breakdown: list) -> list[Row]:
    """How the player does with each customer style, with the tip for each pairing."""
    rows = []
    best = breakdown[0]["style"] if breakdown else ""
    for row in breakdown:
        style = row["style"]
        label = (f"{STYLE_NAMES.get(style, style)} customers  —  average {row['average']} · best {row['best']}"
                 + ("  (your strongest)" if style == best and len(breakdown) > 1 else ""))
        detail = (f"{row['attempts']} attempt{'s' if row['attempts'] != 1 else ''} · "
                  f"{row['retained']} retained")
        if own:
            detail += f"\nYou are {STYLE_NAMES[own].lower()}. Tip: {flex_tip(own, style)}"
        rows.append(Row(label, detail, ("style", style)))
    if breakdown and not own:
        rows.append(Row(SELF_CHECK_ROW, "", ("selfcheck", None)))
    return rows


SCOREBOARD_HINT = "\u2190 \u2192 scenario  ·  Enter: open an attempt  ·  Esc: back"


def scoreboard_title(player: str, view: str) -> str:
    from game.app.scoreboard_reads import HISTORY
    return f"Scoreboard: {player}" if player and view == HISTORY else "Scoreboard"


def filter_label(chosen, persona_label) -> str:
    """The customer filter's button: `chosen` is None, ('style', s) or ('persona', id);
    `persona_label(persona)` names a persona of the scenario shown."""
    if chosen is None:
        return "Customers: all"
    kind, value = chosen
    if kind == "style":
        return f"Customers: {STYLE_NAMES.get(value, value).lower()} only"
    return f"Customer: {persona_label(value)}"


def selector_label(view: str, scenario: str | None, titles: dict, own_style: str) -> str:
    """What the selector between the arrows says: the scenario shown, or the player's style."""
    from game.app.scoreboard_reads import HISTORY, QUARTERS, STYLES_VIEW
    if view == STYLES_VIEW:
        return f"You: {STYLE_NAMES[own_style]}" if own_style else "Your style: not known yet"
    if scenario is None:
        return {HISTORY: "All scenarios", QUARTERS: "No portfolios yet"}.get(view, "No scenarios yet")
    return titles.get(scenario, scenario)
