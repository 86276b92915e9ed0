import io

from game.core import loader
from game.shells.terminal import play as text
from tests.shells.cli.test_cli import LATE


def play(answers, coach=True):
    out = io.StringIO()
    code = text.play_scenario(loader.load_file(LATE), coach=coach, stdin=io.StringIO(answers), stdout=out)
    return code, out.getvalue()


def test_coach_mode_shows_coaching_after_each_reply():
    _, out = play("1\n2\n2\n")
    first_reply = out.index("Your reply")
    assert out.index("Coach: Inviting the story") > first_reply
    assert "Rules broken:" in out and "Don't make it worse" in out


def test_coach_mode_heads_each_reply_with_its_judgement_in_words():
    _, out = play("1\n2\n2\n")
    during = out.split("Debrief")[0]
    assert "Good reply \u00b7 +" in during  # the first reply wins points
    assert "Rule broken: Don't make it worse \u00b7 +2 points" in during  # named, with its points


def test_assessment_mode_keeps_coaching_for_the_debrief():
    _, out = play("1\n2\n2\n", coach=False)
    during = out.split("Debrief")[0]
    assert "Coach:" not in out
    assert "Rule broken" not in during and "point" not in during  # nothing of the score until the debrief
    assert "Coaching: Inviting the story" in out.split("Debrief")[1]


def test_out_of_range_and_words_ask_again_and_q_quits():
    code, out = play("7\nhello\nq\n")
    assert code == 0
    assert out.count("Please type a number from 1 to 2") == 2
    assert "You left the conversation" in out


def test_the_reply_prompt_says_q_leaves():
    """Issue 31 (trial 2): q left a conversation, but the prompt did not say so."""
    _, out = play("q\n")
    assert "Your reply (1-2, q to leave): " in out


def test_mood_meter_reads_without_colour():
    assert text.mood_meter("upset") == "[###.] upset"
    assert text.mood_meter("walked_out") == "[####] walked out"


def test_mood_meter_has_the_contracts_four_moods_on_four_slots_like_the_browser():
    """Trial A16: the terminal drew five slots ('[#....] calm'), the browser four boxes; the contract's moods are
    calm < uneasy < upset < angry."""
    meters = [text.mood_meter(mood) for mood in ("calm", "uneasy", "upset", "angry")]
    assert meters == ["[#...] calm", "[##..] uneasy", "[###.] upset", "[####] angry"]


def test_the_briefing_keeps_a_blank_line_between_its_paragraphs():
    from pathlib import Path
    source = (Path(__file__).resolve().parents[3] / "docs" / "examples" / "balancing-after.yaml").read_text(
        encoding="utf-8")
    scenario = loader.load_text(source.replace("start:", "briefing: |\n  Sam runs a workshop and the parts are "
                                               "late.\n\n  Nobody has told him why.\nstart:", 1))
    out = io.StringIO()
    text.play_scenario(scenario, stdin=io.StringIO(""), stdout=out)
    said = out.getvalue()
    assert "late.\n\n" in said and said.index("late.\n\n") + len("late.\n\n") == said.index("Nobody")


def test_the_debrief_conversation_shows_what_the_customer_said_before_each_reply():
    _, out = play("1\n2\n2\n", coach=False)
    conversation = out.split("The conversation:")[1].split("What you did")[0]
    assert conversation.index("1. Dana Ortiz: Third time I'm calling!") < conversation.index(
        "You: I'm sorry. Please, tell me what happened.")
    assert "Rule broken: Don't make it worse" in conversation  # each reply's judgement, at the debrief


def test_two_people_in_the_customers_part_are_named_once_each_line():
    """A trial read 'Priya Shah and Dave Okafor: Priya: Thanks for coming in…': a line that names who of the
    pair speaks keeps that name alone, during the conversation and in the debrief."""
    from pathlib import Path
    scenario = loader.load_file(str(Path(__file__).resolve().parents[3] / "scenarios" / "two-at-the-table.yaml"))
    out = io.StringIO()
    text.play_scenario(scenario, stdin=io.StringIO("1\n" * 30), stdout=out)
    said = out.getvalue()
    assert "\nPriya: Thanks for coming in" in said
    assert "Okafor: Priya:" not in said and "Okafor: Dave:" not in said
    assert "1. Priya: Thanks for coming in" in said.split("The conversation:")[1]


def test_a_customer_line_without_a_name_of_its_own_is_headed_by_the_customer():
    from game.app.dialogue import said
    assert said(False, "Dana Reid", "Third time I'm calling!") == "Dana Reid: Third time I'm calling!"
    assert said(False, "Dana Reid", "Note: the order is late.") == "Dana Reid: Note: the order is late."
    assert said(True, "Narrator", "She sighs.") == "(She sighs.)"
    assert said(False, "Priya Shah and Dave Okafor", "Dave: It was the hall again.") == "Dave: It was the hall again."
