"""Issue 31, the second new-user trial: what a linked conversation says must agree with the quarter it is played in
and with the portfolio that links it. Inside a business-banking quarter where Calloway was ranked first and visited,
Ruth said nobody had asked in years and the narrator said Calloway sat on an annual letter; a shared reply said
"we didn't" and named a Mr Hale the reserved Ruth never mentions; "He's right to wonder" answered Ruth's own e-mail.
The shop portfolio's café note said her terminal had dropped out before, while card-machine's Nadia says it worked
perfectly for two years until Monday's update."""
import re

from game.core import loader
from game.core.engine import Playthrough
from game.core.portfolio.load import library_files
from game.core.quarter_story import QuarterStory
from tests.portfolio.helpers import ROOT, bundled

LIBRARY = library_files(ROOT / "scenarios")
VISITED = QuarterStory(week=8, contacts=2)  # visits every four weeks, made in weeks 3 and 7


def quiet_account():
    return loader.load_file(LIBRARY["quiet-account"])


def say(run, reply_start: str):
    """Take the shown reply whose words begin with `reply_start` and return the customer's next line."""
    number = next(i for i, c in enumerate(run.shown_choices(), 1) if c.text.startswith(reply_start))
    run.choose(number)
    return " ".join(run.line())


def reserved_path(story=None):
    """The reserved Ruth: a plain purpose, a practical question, a straight answer, to the account list."""
    run = Playthrough(quiet_account(), persona="reserved", story=story)
    say(run, "Fourteen months, and that's on me")
    asked = say(run, "What did they look at")
    say(run, "I do, from today")
    say(run, "Named person: me")
    listed = say(run, "Then let's make sure he isn't on his own")
    return asked, listed


def warm_account_list(story=None):
    run = Playthrough(quiet_account(), persona="warm", story=story)
    say(run, "I'm well, thank you")
    say(run, "They turned up, and for years")
    say(run, "(Say nothing")
    say(run, "Then let me be that person. How is Daniel")
    return say(run, "Would he like to come in")


def test_in_a_quarter_with_contact_ruth_and_the_narrator_put_the_neglect_before_this_quarter():
    asked, listed = reserved_path(VISITED)
    assert "Nobody here has asked in years" not in asked and "Before this quarter" in asked
    assert "who actually looks after us now?" in asked  # the direct question the replies answer is kept
    assert "yet it sits on the lowest contact tier" not in listed
    assert "this quarter you have been in touch" in listed and "standing contact tiers" in listed
    assert "Please confirm in writing" in listed  # the reserved cue: she asked for it in writing
    warm = warm_account_list(VISITED)
    assert "nobody has set foot there since Mr Hale retired" not in warm and "until this quarter" in warm


def test_played_alone_the_lines_are_as_before():
    asked, listed = reserved_path()
    assert "Nobody here has asked in years" in asked
    assert "in your top five, yet it sits on the lowest contact tier: an annual letter" in listed
    assert "nobody has set foot there since Mr Hale retired" in warm_account_list()


def test_in_a_quarter_the_same_replies_show():
    for story in (None, VISITED):
        run = Playthrough(quiet_account(), persona="reserved", story=story)
        say(run, "Fourteen months, and that's on me")
        say(run, "What did they look at")
        if story is None:
            alone = [c.text for c in run.shown_choices()]
        else:
            assert [c.text for c in run.shown_choices()] == alone


def test_no_shared_reply_says_what_a_quarter_with_contact_makes_untrue():
    s = quiet_account()
    replies = [c.text for node in s.nodes.values() for c in node.choices]
    untrue = re.compile(r"\band we didn't\b|nobody from us|after fourteen months", re.IGNORECASE)
    assert not [r for r in replies if untrue.search(r)]
    assert not [r for r in replies if r.startswith("He's right")]  # Ruth's own e-mail asks it in the reserved call


def test_mr_hale_is_named_before_any_reply_names_him():
    s = quiet_account()
    assert any("Mr Hale" in c.text for node in s.nodes.values() for c in node.choices)
    for persona in s.personas:
        assert "Mr Hale" in s.briefing_for(persona), persona


def test_the_cafes_notes_agree_with_its_conversation():
    account = bundled(ROOT / "portfolios" / "shop-systems.yaml").account("good-grind")
    card = (ROOT / "scenarios" / f"{account.scenario}.yaml").read_text(encoding="utf-8")
    assert "worked perfectly for two years" in card
    notes = " ".join(n.text for n in account.notes)
    assert not re.search(r"dropped out|drop-out|drops out", notes), notes
    assert any(n.cue == "complaint-history" for n in account.notes)
