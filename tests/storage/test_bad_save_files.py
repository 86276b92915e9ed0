"""Settings and saves that their parser rejects, or whose values make no
sense, never stop the game: a plain message, the file set aside, defaults."""
import json

import pytest

from game.storage import saves as save_store

NESTED = "[" * 100_000 + "]" * 100_000
HUGE = "9" * 10_000


@pytest.mark.parametrize("content", [NESTED, HUGE, '{"text_size": ' + HUGE + '}', '{"player": ' + NESTED + '}'])
def test_unreadable_settings_are_set_aside_and_defaults_used(saves, content):
    saves.mkdir(parents=True, exist_ok=True)
    (saves / "settings.json").write_text(content, encoding="utf-8")
    settings, problem = save_store.load_settings()
    assert settings == save_store.Settings()
    assert problem and "moved aside" in problem
    assert list(saves.glob("settings.json.corrupt-*"))


@pytest.mark.parametrize("values", [{"text_size": 1e308, "mode": [[["coach"]]], "fullscreen": 10 ** 30},
                                    {"player": "x" * 50_000}, {"player": "tab\tname"}])
def test_settings_with_nonsense_values_fall_back_to_defaults(saves, values):
    saves.mkdir(parents=True, exist_ok=True)
    (saves / "settings.json").write_text(json.dumps(values), encoding="utf-8")
    settings, _ = save_store.load_settings()
    assert settings.player == "" and settings.text_size == "medium" and settings.mode == "coach"
    assert settings.fullscreen is False


GOOD = {"save_format": 2, "player": "Ana", "mode": "coach", "scenario_path": "scenarios/tutorial.yaml",
        "snapshot": {"format": 1, "scenario": "tutorial", "version": 1, "content_hash": "x", "seed": 1,
                     "choices": [1]}, "started_at": "2026-01-01T00:00:00+00:00"}


@pytest.mark.parametrize("change", [
    {"snapshot": {**GOOD["snapshot"], "start": 5}},
    {"snapshot": {**GOOD["snapshot"], "start": ["opening"]}},
    {"snapshot": {**GOOD["snapshot"], "seed": 2 ** 80}},
    {"snapshot": {**GOOD["snapshot"], "choices": [1, "two"]}},
    {"snapshot": {**GOOD["snapshot"], "choices": [10 ** 40]}},
    {"player": "x" * 5_000},
])
def test_a_save_with_values_of_the_wrong_kind_is_set_aside(saves, change):
    path = save_store.session_path("Ana")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({**GOOD, **change}), encoding="utf-8")
    found, problems = save_store.load_sessions()
    assert found == {}
    assert any("moved aside" in p for p in problems)


def test_a_good_save_is_read(saves):
    path = save_store.session_path("Ana")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(GOOD), encoding="utf-8")
    found, problems = save_store.load_sessions()
    assert problems == [] and found["ana"].snapshot["choices"] == [1]
