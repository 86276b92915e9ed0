"""Issue 31: a linked conversation knows the quarter's story. Inside a quarter, what the weekly news already told
on the account (a rival's offer, a complaint, contact made) reaches the conversation's conditions as read-only
names, so the customer takes it up instead of retelling it as new; played alone the conversation reads and
scores exactly as before. docs/portfolio-model.md, 'A conversation knows what the quarter told'."""
import pytest

from game.app import quarter_week
from game.core import loader
from game.core.engine import Playthrough
from game.core.portfolio.campaign import Campaign
from game.core.portfolio.load import library_files
from game.core.portfolio.plan import Plan
from game.core.portfolio.ranking import true_order
from game.core.quarter_story import QuarterStory
from game.core.turns import draw_persona
from tests.portfolio.helpers import BUNDLED, ROOT, bundled
from tests.portfolio.test_cli import run

LIBRARY = library_files(ROOT / "scenarios")
ACKNOWLEDGED = "You'll have my earlier message about Tillwise"  # the logged customer, who has had the offer told
TOLD_AS_NEW = "For completeness: Tillwise have left a quote on my counter"


def scenario(scenario_id):
    return loader.load_file(LIBRARY[scenario_id])


def quarter_until_due(seed: int, account: str = "good-grind") -> Campaign:
    """The shop portfolio's quarter (true order, no planned contact, news let go), loaded with the scenario library
    as the game loads it, up to the week the account's conversation falls due."""
    from game.core.portfolio.load import load_file
    p = load_file(ROOT / "portfolios" / "shop-systems.yaml", LIBRARY)
    campaign = Campaign(p, seed, true_order(p), Plan({}))
    while account not in campaign.due:
        for other in list(campaign.due):
            campaign.resolve(other, "retained", "assumed")
        campaign.next_week()
    return campaign


def to_node(run, node_id: str):
    """Take the shown reply that leads to `node_id` (the first, when the shuffle puts several there)."""
    number = next(i for i, c in enumerate(run.shown_choices(), 1) if c.goto == node_id)
    run.choose(number)
    return run


def test_the_quarter_that_told_a_rivals_offer_is_taken_up_by_the_card_machine_conversation():
    campaign = quarter_until_due(9)  # seed 9: the café's rival offer arrives in week 3, and her trouble with it
    story = campaign.story("good-grind")
    assert story == QuarterStory(week=3, rival_offers=1, unanswered=1)
    # the week line says the conversation knows of it (it does not claim the conversation speaks of it)
    line = dict(campaign.week_lines())["The Good Grind café"]
    assert ("before it this quarter: the rival's offer in week 3 (not answered); the conversation knows of the "
            "rival's offer;") in line
    card = scenario("card-machine")
    talk = quarter_week.linked_playthrough(card, campaign, "good-grind", persona="logged")
    assert talk.story == story and not talk.playtest
    to_node(talk, "more")
    assert talk.line()[0].startswith("Thank you. " + ACKNOWLEDGED)
    alone = to_node(Playthrough(card, seed=campaign.seed, persona="logged"), "more")
    assert TOLD_AS_NEW in alone.line()[0] and ACKNOWLEDGED not in alone.line()[0]
    # the same replies score the same in and out of the quarter
    assert talk.choices == alone.choices and talk.result().score == alone.result().score


def test_a_resumed_or_replayed_quarter_conversation_shows_the_same_words():
    campaign = quarter_until_due(9)
    talk = to_node(quarter_week.linked_playthrough(scenario("card-machine"), campaign, "good-grind",
                                                   persona="logged"), "more")
    snap = talk.snapshot()
    assert snap["quarter"] == {"week": 3, "rival_offers": 1, "unanswered": 1}
    again = Playthrough.restore(scenario("card-machine"), snap)
    assert again.line() == talk.line() and again.story == talk.story
    old = {k: v for k, v in snap.items() if k != "quarter"}  # a save made before the story: read as no story
    assert ACKNOWLEDGED not in Playthrough.restore(scenario("card-machine"), old).line()[0]


def test_a_conversation_played_alone_has_no_story():
    run_ = Playthrough(scenario("quiet-account"), persona="reserved")
    assert not run_.story and "quarter" not in run_.snapshot()
    assert "in_quarter" not in run_.env() and run_.line()[0].startswith("Ruth Calloway. (A pause.) The bank. Fourteen")
    told = Playthrough(scenario("quiet-account"), persona="reserved",
                       story=QuarterStory(week=6, contacts=2, complaints=1))
    assert told.env()["in_quarter"] is True and told.env()["quarter_contacts"] == 2
    assert "in touch lately" in told.line()[0] and "supplier payment bounced" in told.line()[0]


def test_the_terminal_quarter_passes_the_story():
    # seed 4, listed order, no planned contact; week 1's complaint from the café answered with a call: when its
    # conversation falls due, she says she told you about the drop-outs before (the saturday customer at seed 4)
    assert draw_persona(scenario("card-machine"), 4) == "saturday"
    stdin = "1 2 3 4 5 6 7 8 9\n" + "0\n" * 9 + "a\n2\n3\n" + ("\n" + "1\n" * 12) * 13
    terminal = run("portfolio", ROOT / "portfolios" / "shop-systems.yaml", "--text", "--seed", "4", stdin=stdin)
    assert terminal.returncode == 0, terminal.stderr
    assert "You know it dropped out on me before; I told you." in " ".join(terminal.stdout.split())


def linked():
    return sorted({a.scenario for path in BUNDLED for a in bundled(path).accounts if a.scenario})


@pytest.mark.parametrize("scenario_id", linked())
def test_every_linked_conversation_has_words_for_the_quarter(scenario_id):
    from game.core import conditions
    from game.core.model import QUARTER_NAMES
    s = scenario(scenario_id)
    read = set()
    for where in (*s.nodes.values(), *s.endings.values()):
        for variant in where.variants:
            read |= conditions.names(variant.condition)
    assert read & set(QUARTER_NAMES), f"{scenario_id} never takes up what the quarter told"


@pytest.mark.parametrize("text, message", [
    ("rival_ofers=1", "no quarter name 'rival_ofers' (did you mean 'rival_offers'?)"),
    ("week=14", "'week' must be a whole number from 1 to 13"),
    ("complaints=two", "'complaints' must be a whole number from 0 to 1000"),
    ("week", "write name=number"),
])
def test_scripted_play_refuses_a_bad_quarter_name_or_value(text, message):
    proc = run("play", ROOT / "scenarios" / "card-machine.yaml", "--choices", "1", "--quarter", text)
    assert proc.returncode == 2 and message in proc.stderr and proc.stderr.startswith("main.py play: error: --quarter")


def test_scripted_play_with_a_quarter_shows_its_words():
    import json
    args = ("play", ROOT / "scenarios" / "card-machine.yaml", "--json", "--persona", "logged")
    quarter = json.loads(run(*args, "--choices", "1", "--quarter", "week=5,quarter_complaints=1").stdout)
    alone = json.loads(run(*args, "--choices", "1").stdout)
    assert "I reported the first drop-out to you" in quarter["steps"][0]["line"]
    assert "I reported" not in alone["steps"][0]["line"]
    assert quarter["score"] == alone["score"]


def test_the_week_line_claims_only_the_news_a_scenario_takes_up():
    """Going Live reads only the complaints' count: a rival's offer before it is listed, never 'known of'."""
    from game.core.portfolio.load import load_file, scenario_story
    p = load_file(ROOT / "portfolios" / "shop-systems.yaml", LIBRARY)
    assert p.account("fenwick-bakeries").scenario_story == ("complaint",)
    assert p.account("good-grind").scenario_story == ("competitor-offer", "complaint")

    class Checked:  # a checked library entry gives the same kinds as the file's `if:` lines
        def __init__(self, s):
            self.scenario = s
    assert scenario_story(Checked(scenario("go-live"))) == scenario_story(LIBRARY["go-live"]) == ("complaint",)
    for seed in range(40):
        campaign = Campaign(p, seed, true_order(p), Plan({}))
        while not campaign.finished and "fenwick-bakeries" not in campaign.due:
            for other in list(campaign.due):
                campaign.resolve(other, "retained", "assumed")
            campaign.next_week()
        line = dict(campaign.week_lines()).get("Fenwick Bakeries", "")
        if "the rival's offer" in line and "before it this quarter" in line:
            assert "knows of the rival" not in line, line
            break
    else:
        raise AssertionError("no seed below 40 brings Fenwick a rival's offer before its conversation")


def test_a_saved_quarter_conversation_resumes_with_its_story(saves):
    """The window and the browser save the conversation as they go (the session's autosave); resumed from that
    save, the customer says what she said in the quarter, not the standalone line."""
    from game.app.session import GameSession, session_from_save
    from game.storage import saves as save_files
    campaign = quarter_until_due(9)
    card = scenario("card-machine")
    talk = quarter_week.linked_playthrough(card, campaign, "good-grind", persona="logged")
    session = GameSession(card, str(LIBRARY["card-machine"]), "Ana Lima", "coach", None, run=talk, ask_style=False)
    session.choose(next(i for i, c in enumerate(talk.shown_choices(), 1) if c.goto == "more"))
    saved, _ = save_files.load_session("Ana Lima")
    resumed, note = session_from_save(saved, None)
    assert note is None and resumed.run.story == talk.story
    assert resumed.run.line() == talk.line() and ACKNOWLEDGED in resumed.run.line()[0]


def test_a_quarter_name_cannot_be_set_as_a_flag_in_a_playtest():
    proc = run("play", ROOT / "scenarios" / "card-machine.yaml", "--choices", "1", "--set", "quarter_week=2")
    assert proc.returncode == 2 and "'quarter_week' is worked out by the game" in proc.stderr
    assert "use --quarter" in proc.stderr
