"""What a screen reader is given, read from Chromium's accessibility tree
(Playwright's aria snapshot) on the conversation and the debrief: after
each reply the polite status region holds the customer's new line, the
replies are a labelled list of buttons each named by its words, the mood is
a word (and the portrait says it), and the score and grade are text.
No real screen reader (NVDA, JAWS, VoiceOver, Orca) runs here: this checks
what Chromium hands one, not what one says (docs/decisions.md)."""
from __future__ import annotations

import re


from tests.shells.web.browser import active, press, signed_in


def tree(page) -> str:
    return page.locator("body").aria_snapshot()


def announced(page) -> str:
    """The polite status region's words once it has them (copied in 0.4 s after load; polled)."""
    for _ in range(50):
        found = re.search(r"^- status: (.+)$", tree(page), re.M)
        if found and found.group(1).strip('"'):
            return found.group(1).strip('"')
        page.wait_for_timeout(100)
    raise AssertionError("the status region stayed empty")


def test_the_accessibility_tree_of_a_conversation_and_its_debrief(browser, server):
    context, page = signed_in(browser, server, "Tree Reader")
    assert "Play" in active(page)  # the list has put the focus on the first scenario's Play (not yet: Enter is lost)
    press(page)  # Play the first scenario (the tutorial)
    active(page)
    press(page, "Space")  # Start the conversation
    press(page, "1")  # past the narrator's opening, to the customer
    checked = 0
    for turn in range(12):  # three of the customer's turns (a narrator's line has no face: passed over)
        if checked == 3:
            break
        said = announced(page)
        snapshot = tree(page)
        if re.search(r'^  - region "Narrator":', snapshot, re.M):
            press(page, "1")
            if "/ending" in page.url:
                break
            continue
        checked += 1
        customer = re.search(r'^  - region "([^"]+)":\n    - img "([^"]+)"', snapshot, re.M)
        assert customer, snapshot  # the customer's part is a region named by who speaks, with a described face
        name, face = customer.groups()
        assert face.startswith(name) and "looking" in face  # the portrait says the mood in words
        mood = re.search(r'- text: "Mood:"\n\s+- strong: (\w[\w -]*)', snapshot)
        assert mood and mood.group(1).lower() in face.lower()  # the mood as a word, beside the meter
        line = re.search(rf'- paragraph: "?(.+?)"?\n  - group "Your reply', snapshot)
        assert line and said.endswith(line.group(1))  # the live region ends with the customer's new line
        assert said == line.group(1) or said.startswith("Coaching on your last reply")  # after the coaching, once
        group = re.search(r'- group "(Your reply[^"]*)":\n.*?- list "([^"]+)":\n((?:\s+- (?:listitem|button).*\n)+)',
                          snapshot, re.S)
        assert group and group.group(2) == group.group(1)  # a list labelled like the group
        buttons = re.findall(r'- button "(.+)"', group.group(3))
        assert len(buttons) == page.locator("form.replies button").count() >= 1
        assert all(len(b) > 3 and not b[0].isdigit() for b in buttons)  # named by the reply's words
        press(page, "1")
        if "/ending" in page.url:
            break
        if turn:
            assert re.search(r'region "Coaching on your last reply":\n.*?- strong: .+', tree(page), re.S)
    assert checked >= 2  # the customer's turns were read
    for _ in range(60):
        if "/ending" in page.url:
            break
        press(page, "1")
    active(page)
    press(page, "Space")  # See your debrief
    snapshot = tree(page)
    result = re.search(r'- text: "Outcome:"\n\s+- strong: (.+)\n\s+- text: · Score\n\s+- strong: "?(\d+)"?\n'
                       r'\s+- text: · Grade\n\s+- strong: (.+)\n', snapshot)
    assert result, snapshot  # outcome, score and grade as words and numbers, not colour alone
    assert "table \"Each lever's result\"" in snapshot  # the chart's values as a table too
    context.close()
