"""Issue 31 (new-user trial A8): a quarter is saved as it stands and resumes where it was left. Leaving and
resuming name the same week (the week the trainee is at); a conversation left part-way is saved with the quarter
(its playthrough's snapshot) and resumes with the replies made, so the week's news cannot be answered again; the
answers and plan changes already given for the coming week stand. The save file is versioned (format 1 upgraded),
checked on read, and a bad one is moved aside."""
import json

from game.app.portfolio_run import leave_quarter, resume_words, where_words
from game.core import loader
from game.core.engine import Playthrough
from game.core.portfolio.campaign import Campaign, replay, saved_place
from game.core.portfolio.load import library_files
from game.core.portfolio.plan import Plan
from game.core.portfolio.quarter import Contact
from game.core.turns import draw_persona
from game.storage import quarter_saves
from tests.portfolio.helpers import ROOT, bundled


def _to_the_first_conversation(seed=4):
    """The shop quarter in the listed order, nothing planned, every news let go, until the first conversation
    falls due (seed 4: the café, in week 3)."""
    p = bundled()
    campaign = Campaign(p, seed, list(p.ids), Plan({}))
    while not campaign.due:
        campaign.next_week()
    return p, campaign


def _talk_part_way(campaign, replies=2):
    aid = campaign.due[0]
    scenario = loader.load_file(library_files(ROOT / "scenarios")[campaign.portfolio.account(aid).scenario])
    run = Playthrough(scenario, seed=campaign.seed, persona=draw_persona(scenario, campaign.seed))
    for _ in range(replies):
        run.choose(1)
        campaign.keep_playing(aid, run.snapshot())
    return aid, scenario, run


def test_a_conversation_left_part_way_resumes_with_its_replies_and_the_week_is_not_offered_again():
    p, campaign = _to_the_first_conversation()
    week = campaign.week
    aid, scenario, run = _talk_part_way(campaign)
    record = json.loads(json.dumps(campaign.to_record()))  # as a save file holds it
    again = replay(p, record)
    assert again.week == week and again.due == [aid]  # inside the conversation's week, not the week before
    assert again.news() == []  # the week's news was decided already: it is not offered to be answered again
    kept = again.playing(aid)
    assert kept == run.snapshot()
    assert Playthrough.restore(scenario, kept).choices == run.choices  # the replies made stand
    assert again.place == saved_place(record) == week
    again.resolve(aid, "retained", "played", 80)
    assert again.playing(aid) is None and "playing" not in again.to_record()["conversations"][0]


def test_answers_and_plan_changes_for_the_coming_week_stand_on_resume():
    p = bundled()
    campaign = Campaign(p, 10, list(p.ids), Plan({}))  # seed 10: Fenwick Bakeries complain in week 1
    campaign.answer("fenwick-bakeries", "complaint", "visit")
    campaign.revise("hearth-home", Contact("email", "fortnightly"))
    again = replay(p, json.loads(json.dumps(campaign.to_record())))
    assert again.week == 0 and again.place == 1
    assert again.replies == campaign.replies  # the answer given before leaving is still given
    assert again.plan.contact("hearth-home") == Contact("email", "fortnightly")
    assert again.to_record() == campaign.to_record()


def test_leaving_and_resuming_say_the_same_week():
    p = bundled()
    campaign = Campaign(p, 4, list(p.ids), Plan({}))
    for _ in range(2):
        campaign.next_week()
    # two weeks played: week 3's news is on screen, so the trainee is at week 3, and the resume offers week 3
    assert where_words(campaign) == "week 3 of 13"
    assert "You are at week 3 of 13." in leave_quarter(campaign)[1]
    assert resume_words(campaign.to_record(), p) == "a quarter saved at week 3 of 13"
    campaign.next_week()  # week 3 played: the café's conversation is due in it
    assert campaign.due == ["good-grind"]
    said = "week 3 of 13, in your conversation with The Good Grind café"
    assert where_words(campaign) == said and resume_words(campaign.to_record(), p) == f"a quarter saved at {said}"


def test_a_saved_quarter_with_a_conversation_under_way_round_trips_through_the_save_file(tmp_path, monkeypatch):
    monkeypatch.setenv("FIVE_LEVERS_SAVES", str(tmp_path))
    p, campaign = _to_the_first_conversation()
    _talk_part_way(campaign)
    quarter_saves.save_quarter("Di", campaign.to_record(), "2026-12-03T10:00:00+00:00")
    data = json.loads(quarter_saves.quarter_path("Di", p.id).read_text())
    assert data["save_format"] == quarter_saves.QUARTER_SAVE_FORMAT == 2
    found, problem = quarter_saves.load_quarter("Di", p.id)
    assert problem is None and found["record"] == campaign.to_record()


def test_a_format_1_save_is_upgraded_and_a_bad_conversation_snapshot_is_set_aside(tmp_path, monkeypatch):
    monkeypatch.setenv("FIVE_LEVERS_SAVES", str(tmp_path))
    p = bundled()
    campaign = Campaign(p, 4, list(p.ids), Plan({}))
    campaign.next_week()
    path = quarter_saves.quarter_path("Di", p.id)
    path.parent.mkdir(parents=True)
    old = {"save_format": 1, "player": "Di", "started_at": "2026-12-01T10:00:00+00:00",
           "record": campaign.to_record()}
    path.write_text(json.dumps(old), encoding="utf-8")
    found, problem = quarter_saves.load_quarter("Di", p.id)
    assert problem is None and replay(p, found["record"]).to_record() == campaign.to_record()
    # a conversation under way whose snapshot is not a playthrough's: moved aside with a message, never a crash
    p, campaign = _to_the_first_conversation()
    record = campaign.to_record()
    record["conversations"][0]["playing"] = {"choices": ["one"], "seed": 4}
    path.write_text(json.dumps({**old, "save_format": 2, "record": record}), encoding="utf-8")
    found, problem = quarter_saves.load_quarter("Di", p.id)
    assert found is None and "could not be read and has been moved aside" in problem and not path.exists()
    # a save made by a newer version is not read, nor overwritten by the next quarter: it is moved aside
    path.write_text(json.dumps({**old, "save_format": 99}), encoding="utf-8")
    found, problem = quarter_saves.load_quarter("Di", p.id)
    assert found is None and "newer version" in problem and not path.exists()
    assert any(f.name.startswith(path.name) for f in path.parent.iterdir())
