"""Recording as it was before SQLite migration 16 / PostgreSQL schema 10 (for upgrade tests that stop
before it): team_summary's single filters only, no pairs, no team_months (and no certificate_summary or
team_people_months, 17 / 11)."""
from game.storage import certificate_summary, sql_board, team_people_months, team_scenario_weeks, team_summary


def record_as_before_the_months(monkeypatch):
    """Patch recording to what it kept before; returns a function that puts today's back."""
    pairs, keep = team_summary.FILTER_PAIRS, team_summary.keep_team_summary

    def as_before(run, attempt, attempt_id):
        keep(lambda sql, params=(): None if "team_months" in sql else run(sql, params), attempt, attempt_id)
    monkeypatch.setattr(team_summary, "FILTER_PAIRS", ())
    monkeypatch.setattr(sql_board, "keep_team_summary", as_before)
    monkeypatch.setattr(sql_board, "keep_certificate_summary", lambda run, attempt, attempt_id: None)
    monkeypatch.setattr(sql_board, "keep_people_months", lambda run, attempt, attempt_id: None)
    monkeypatch.setattr(sql_board, "keep_scenario_weeks", lambda *args: None)  # 18 / 12

    def today():
        monkeypatch.setattr(team_summary, "FILTER_PAIRS", pairs)
        monkeypatch.setattr(sql_board, "keep_team_summary", keep)
        monkeypatch.setattr(sql_board, "keep_certificate_summary", certificate_summary.keep_certificate_summary)
        monkeypatch.setattr(sql_board, "keep_people_months", team_people_months.keep_people_months)
        monkeypatch.setattr(sql_board, "keep_scenario_weeks", team_scenario_weeks.keep_scenario_weeks)
    return today
