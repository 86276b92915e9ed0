"""Keys at the terminal's prompts do what they say (issue 31): q at the name prompt quits instead of becoming
the name, and a key the week prompt does not offer says what the keys are and asks again instead of playing
the week and letting the news go."""
import io

from game.core.portfolio.campaign import Campaign
from game.core.portfolio.plan import Plan
from game.shells.terminal.play import ask_player_name
from game.shells.terminal.portfolio import decide_week
from tests.portfolio.helpers import bundled


def test_q_at_the_name_prompt_quits():
    for typed in ("q\n", "quit\n", "Q\n"):
        assert ask_player_name(stdin=io.StringIO(typed), stdout=io.StringIO()) is None
    assert ask_player_name("Zoe", stdin=io.StringIO("q\n"), stdout=io.StringIO()) is None
    assert ask_player_name(stdin=io.StringIO("Quinn\n"), stdout=io.StringIO()) == "Quinn"


def test_an_unknown_key_at_the_week_prompt_asks_again_and_only_enter_plays():
    p = bundled()
    campaign = Campaign(p, 10, list(p.ids), Plan({}))
    assert campaign.news()  # there is news to let go
    typed = iter(["1", "x", ""])
    out = []
    decide_week(campaign, lambda: next(typed), out.append)
    said = "".join(out)
    assert said.count("is not one of the keys here") == 2
    assert "a answers the news, p changes your plan, Enter plays the week and lets the news go, q quits." in said
    assert campaign.week == 0 and not campaign.replies  # nothing played, nothing answered behind your back
    assert next(typed, None) is None  # Enter, and only Enter, ended the prompt
