"""The debrief's comparison: how the replies the trainee chose would have
landed with the scenario's other personas, side by side."""
from game.core import loader
from game.core.engine import Playthrough, play
from game.core.flex import flex_report, report_lines
from tests.shells.cli.test_cli import LATE


def run_as(scenario, persona, choices, seed=0):
    run = Playthrough(scenario, seed=seed, persona=persona)
    run.choose_all(choices)
    return run


def test_a_reply_that_lands_differently_is_shown_with_each_persona(two_faces):
    run = run_as(two_faces, "brisk", [1, 1])  # "Tell me what happened." to the brisk Dana
    report = flex_report(run)
    assert (report.persona, report.label, report.style) == ("brisk", "Brisk and to the point", "direct")
    [note] = report.notes
    assert (note.step, note.node, note.text) == (1, "opening", "Tell me what happened.")
    assert (note.yours.points, note.yours.mood, note.yours.verdict) == (-1, "steady", "cost")
    [other] = note.others
    assert (other.persona, other.points, other.mood, other.verdict) == ("hurt", 2, "soothe", "helped")
    first, second = note.sentences()
    assert first == ("With this customer, \u201cBrisk and to the point\u201d (direct), it cost you: "
                     "it broke \u201cShut up and listen\u201d and lost 1 point.")
    assert second == ("With the \u201cHurt and wants to be heard\u201d (expressive) customer, "
                      "the same reply would have earned 2 points and calmed them.")


def test_a_broken_rule_and_no_points_read_as_a_plain_sentence():
    """Not 'it would have cost you: no points, broke …' (the trial found it hard to read)."""
    from game.core.flex import Landing
    hurt = Landing("hurt", "Hurt", "expressive", 0, ("shut_up_and_listen",), "escalate")
    assert hurt.effects(True) == ("it would have broken \u201cShut up and listen\u201d, earned no points and "
                                  "upset them more")
    assert hurt.effects() == "it broke \u201cShut up and listen\u201d, earned no points and upset them more"


def test_a_reply_that_calms_for_no_points_reads_plainly():
    """Not 'it would have helped: it would have earned no points' (issue 31's trial)."""
    from game.core.flex import Landing
    calm = Landing("hurt", "Hurt", "expressive", 0, (), "soothe")
    assert calm.effects(True) == "it would have calmed them, though for no points"
    assert calm.effects() == "it calmed them, though for no points"


def test_the_same_reply_reads_the_other_way_round_with_the_other_persona(two_faces):
    note = flex_report(run_as(two_faces, "hurt", [1, 1])).notes[0]
    assert note.yours.verdict == "helped" and note.others[0].verdict == "cost"


def test_replies_that_land_the_same_with_everyone_are_left_out(two_faces):
    report = flex_report(run_as(two_faces, "hurt", [1, 1]))
    assert [n.node for n in report.notes] == ["opening"]  # "I'll call you Friday" is the same for both


def test_where_the_best_reply_depends_on_the_customer_both_are_named(two_faces):
    report = flex_report(run_as(two_faces, "hurt", [1, 1]))
    [best] = report.bests
    assert best.node == "opening"
    assert best.best == {"brisk": "It goes out Friday.", "hurt": "Tell me what happened."}


def test_the_lines_name_the_persona_the_style_and_the_tip_for_the_pairing(two_faces):
    report = flex_report(run_as(two_faces, "brisk", [2, 1]))
    lines = report_lines(report, two_faces, own_style="steady")
    assert lines[0] == "This customer was \u201cBrisk and to the point\u201d: Direct (quick, results first)."
    assert lines[1].startswith("Your style is Steady. Tip for this pairing: Get to the point sooner")
    assert any("\u201cIt goes out Friday.\u201d with \u201cBrisk and to the point\u201d" in line for line in lines)
    unknown = report_lines(report, two_faces, own_style="")
    assert "self-check" in unknown[1]


def test_a_scenario_without_personas_has_no_comparison():
    assert flex_report(play(loader.load_file(LATE), [1, 2, 2])) is None


def test_the_comparison_follows_the_shuffled_order_the_trainee_saw(two_faces_shuffled):
    for seed in range(6):
        run = Playthrough(two_faces_shuffled, seed=seed, persona="brisk")
        run.choose(1)
        run.choose(1)
        report = flex_report(run)
        changed = run.steps[0].text == "Tell me what happened." or run.steps[0].text == "It goes out Friday."
        assert changed and report.notes[0].text == run.steps[0].text
