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


def test_opening_a_briefing_neither_creates_nor_replaces_the_conversation_in_progress(web, library):
    _, trainee = web
    ana = trainee("Ana Brief")
    brief = ana.choose("tutorial")
    assert brief.url.path == "/briefing" and "Start the conversation" in brief.text
    assert "is waiting for your next reply" not in ana.get("/scenarios").text  # only opened: nothing to resume
    ana.start("tutorial")
    ana.reply(1)
    tutorial = _title(library, "tutorial").replace("'", "&#39;")
    ana.choose("wrong-size")  # another briefing, only opened
    assert f"{tutorial} is waiting for your next reply" in ana.get("/scenarios").text
    assert ana.get("/play").text.count('name="at" value="1"') == 1  # still one reply into the tutorial


def test_starting_another_conversation_asks_first_and_resume_keeps_it(web, library):
    _, trainee = web
    ana = trainee("Ana Ask", mode="assessment")
    ana.start("tutorial")
    ana.reply(1)
    tutorial, wrong = _title(library, "tutorial"), _title(library, "wrong-size")
    ana.choose("wrong-size")
    asked = ana.post("/begin")
    text = asked.text.replace("&#39;", "'")
    assert "You have a conversation in progress" in text
    assert f"{tutorial} is waiting for your next reply. Starting {wrong} ends it." in text
    assert "left now, it is recorded as abandoned" in text
    assert f"Resume it: {tutorial}" in text and f"Leave it and start {wrong}" in text
    resumed = ana.get("/play")  # the Resume button
    assert 'name="at" value="1"' in resumed.text and tutorial.replace("'", "&#39;") in resumed.text
    ana.choose("wrong-size")
    ana.post("/begin")
    started = ana.post("/begin", replace="1")
    assert started.url.path == "/play" and 'name="at" value="0"' in started.text
    assert wrong.replace("'", "&#39;") in started.text
    from .conftest import attempts
    assert [a.status for a in attempts()] == ["abandoned"]  # the assessment left is recorded, not lost


def test_the_briefing_and_the_scenario_list_switch_the_mode(web):
    _, trainee = web
    ana = trainee("Ana Mode", mode="coach")
    assert "Switch to assessment mode" in ana.get("/scenarios").text
    brief = ana.choose("tutorial")
    assert "Coach mode: coaching after every reply" in brief.text and "Switch to assessment mode" in brief.text
    switched = ana.post("/mode", back="/briefing")
    assert switched.url.path == "/briefing"
    assert "Assessment mode: coaching only in the debrief" in switched.text
    assert "Switch to coach mode" in switched.text
    ana.post("/begin")
    ana.reply(1)
    assert "Coaching on your last reply" not in ana.page.text  # the conversation runs in assessment mode


def test_a_conversation_resumed_after_switching_mode_says_it_keeps_its_own(web):
    _, trainee = web
    ana = trainee("Ana Keeps", mode="coach")
    ana.start("tutorial")
    assert "a conversation keeps its mode" not in ana.get("/play").text
    ana.get("/scenarios")
    ana.post("/mode", back="/scenarios")
    page = ana.get("/play").text
    assert ("This conversation runs in coach mode, the mode it began in; a conversation keeps its mode. Your "
            "assessment mode applies to the next conversation you start.") in page
    ana.reply(1)
    assert "Coaching on your last reply" in ana.page.text  # still coached, as it says


def test_coach_mode_shows_the_coaching_on_the_reply_that_ended_the_conversation(web):
    _, trainee = web
    ana = trainee("Ana Last", mode="coach")
    ana.start("tutorial")
    end = ana.play_to_the_end(1)
    assert re.fullmatch(r"/attempts/\d+/ending", end.url.path)
    assert "Coaching on your last reply" in end.text and "You said: " in end.text
    assert end.text.index("Coaching on your last reply") < end.text.index('class="line"')  # read top-down
    bo = trainee("Bo Last", mode="assessment")
    bo.start("tutorial")
    assert "Coaching on your last reply" not in bo.play_to_the_end(1).text  # an assessment keeps it for the debrief


def test_no_page_reads_its_new_text_twice(web):
    """The new line is marked for announce.js's one live region, not a live region itself."""
    _, trainee = web
    ana = trainee("Ana Once", mode="coach")
    ana.start("tutorial")
    ana.reply(1)
    page = ana.page.text
    assert "aria-live" not in page
    assert page.count("data-announce") == 2 and page.index('id="coaching"') < page.index('id="line"')


def test_the_unlike_choice_says_whose_style_is_whose():
    from game.app.scenario_select import unlike_words
    said = unlike_words("analytical")
    assert said.startswith("Your style is analytical:") and "most unlike yours" in said
    assert "(analytical)" not in said  # it read as if the customer were analytical


def test_the_radar_draws_a_lever_not_assessed_as_not_assessed_never_at_zero():
    from game.app.debrief import LeverLine, not_assessed_note
    from game.shells.web import charts
    levers = [LeverLine("customers_first", 50, 2, 4), LeverLine("connect", None, 0, 0),
              LeverLine("solve_problems", 100, 3, 3), LeverLine("build_trust", 0, 0, 2),
              LeverLine("positive_emotions", 75, 3, 4)]
    radar = charts.radar(levers)
    assert [assessed for _, _, assessed in radar.spokes] == [True, False, True, True, True]
    assert len(radar.dots) == 4 and len(radar.shape.split()) == 4  # the shape skips Connect
    assert (radar.centre[0], radar.centre[1]) in radar.dots  # Build trust's real 0 is at the centre
    connect = radar.labels[1]
    assert connect.words == ("Connect",) and connect.value == ("not", "assessed") and not connect.assessed
    assert not_assessed_note(levers) == ("Connect is not assessed here: drawn as a dashed spoke and left out of "
                                         "the shape, not as zero.")
    assert not_assessed_note(levers[:1]) == ""


def test_the_debrief_page_says_under_the_radar_which_levers_are_not_assessed(web, monkeypatch):
    from game.app.debrief import LeverLine
    real = __import__("game.app.trainee_play", fromlist=["debrief_view"]).debrief_view

    def without_connect(*args, **kwargs):
        view = real(*args, **kwargs)
        levers = tuple(LeverLine(lv.lever, None, 0, 0) if lv.lever == "connect" else lv for lv in view.levers)
        return view.__class__(**{**view.__dict__, "levers": levers})
    monkeypatch.setattr("game.app.trainee_play.debrief_view", without_connect)
    _, trainee = web
    ana = trainee("Ana Radar")
    ana.start("tutorial")
    end = ana.play_to_the_end(1)
    page = ana.get(end.url.path.removesuffix("/ending")).text
    assert "Connect is not assessed here: drawn as a dashed spoke" in page
    assert 'stroke-dasharray="5 4" class="not-assessed"' in page
    assert re.search(r'font-style="italic"[^>]*>not</tspan>', page)
