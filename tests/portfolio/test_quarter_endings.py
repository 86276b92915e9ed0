"""Trial finding A4: a linked conversation played inside a quarter must end in its own week. 'Two at the Table'
ended with '(Half-term. ... six weeks)' and 'The trust renews for three years at this year's price ... Dave's log
stays empty', then the quarter resumed at the next week and its news said 'Priya has a cheaper quote on her desk'.
Inside a quarter the narration and the endings say what was agreed and what is to come, never weeks or months that
the quarter tells for itself, nor a result the quarter's later news could contradict. Played alone they read as
before. docs/scenario-format.md, 'Quarter names'; docs/decisions.md, 'A conversation ends in its own week'."""
import pytest

from game.core import loader
from game.core.engine import Playthrough
from game.core.portfolio.load import library_files
from game.core.quarter_story import QuarterStory
from tests.portfolio.helpers import BUNDLED, ROOT, bundled

LIBRARY = library_files(ROOT / "scenarios")
# Words that jump past the conversation's week, or settle what the quarter's later news may reopen.
JUMPS = ("Half-term.", "for six weeks", "end of term", "next half-term", "the following week", "A week later",
         "ithin two months", "end of the month", "In the spring", "renews for three years", "stays empty",
         "drop-outs stop")
CATCH_ALL = {"true", "in_quarter"}


def linked():
    return sorted({a.scenario for path in BUNDLED for a in bundled(path).accounts if a.scenario})


def shown_in_a_quarter(where) -> list[str]:
    """Every text a quarter can show at a narrated node or an ending: its variants in order up to the first that
    always holds in a quarter, then its own text if none did."""
    shown = []
    for variant in where.variants:
        if variant.text:
            shown.append(" ".join(variant.text))
        if variant.condition_source.strip() in CATCH_ALL:
            return shown
    return shown + [" ".join(where.text)]


@pytest.mark.parametrize("scenario_id", linked())
def test_a_linked_conversation_ends_in_its_own_week_inside_a_quarter(scenario_id):
    s = loader.load_file(LIBRARY[scenario_id])
    places = [*s.endings.values()] + [n for n in s.nodes.values() if n.speaker == "narrator"]
    jumps = [(where.id, word, text) for where in places for text in shown_in_a_quarter(where)
             for word in JUMPS if word in text]
    assert not jumps, jumps


def test_the_two_at_the_table_meeting_ends_in_its_week_and_scores_as_alone():
    s = loader.load_file(LIBRARY["two-at-the-table"])
    for persona in s.personas:
        for seed in range(40):
            alone = Playthrough(s, seed=seed, persona=persona)
            told = Playthrough(s, seed=seed, persona=persona, story=QuarterStory(week=5, price_requests=1))
            texts = []
            while not alone.finished:
                number = 1 + (seed + len(alone.path)) % len(alone.shown_choices())
                alone.choose(number)
                told.choose(number)
                texts.append(" ".join(told.line()))
            assert told.finished and told.result().score == alone.result().score
            assert told.result().outcome == alone.result().outcome
            quarter_ending = " ".join(told.ending_view()[0])
            assert not any(word in (quarter_ending + " ".join(texts)) for word in JUMPS), (persona, seed, texts, quarter_ending)
