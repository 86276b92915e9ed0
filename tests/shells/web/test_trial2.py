"""What the second new-user trial found in the browser: the path true to
what was played, switching mode, a conversation in progress kept until
the trainee says otherwise, the last reply's coaching, plain wording."""
import re


def _title(library, sid):
    return next(e.scenario.title for e in library.playable() if e.scenario.id == sid)


def test_the_path_names_a_coach_mode_game_as_practice_and_the_mode_that_counts(web, library):
    _, trainee = web
    ana = trainee("Path Ana", mode="coach")
    ana.start("wrong-size")
    ana.play_to_the_end(1)
    text = re.sub(r"\s+", " ", ana.get("/path").text).replace("&#39;", "'")
    title = _title(library, "wrong-size")
    assert f"{title}: not played yet" not in text
    assert re.search(re.escape(f"{title}: played in coach mode (practice, best ") + r"[A-Za-z ]+\) — the "
                     r"certificate counts assessment attempts: play it in assessment mode", text)
