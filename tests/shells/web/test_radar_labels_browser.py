"""Issue 31 (B8): the debrief's radar chart clipped its top label ("Customers first") at the top of the
SVG when that lever was not assessed (four lines: "Customers / first / not / assessed"). Every label is
drawn inside the chart's box in Chromium, on a desktop and on a phone, and the page stays clean for axe."""
from __future__ import annotations

import pytest

from tests.shells.web.browser import axe_violations

# each radar text's box and the SVG's box, in page pixels
BOXES = """() => {
  const svg = document.querySelector("svg.radar").getBoundingClientRect();
  return [[svg.left, svg.top, svg.right, svg.bottom],
          Array.from(document.querySelectorAll("svg.radar text")).map(t => {
            const b = t.getBoundingClientRect();
            return [t.textContent, b.left, b.top, b.right, b.bottom];
          })];
}"""


def _debrief_html(web, monkeypatch, not_assessed: tuple[str, ...]) -> str:
    """The tutorial's debrief page as the server renders it, with the levers in `not_assessed` not assessed."""
    from game.app.debrief import LeverLine
    real = __import__("game.app.trainee_play", fromlist=["debrief_view"]).debrief_view

    def without(*args, **kwargs):
        view = real(*args, **kwargs)
        levers = tuple(LeverLine(lv.lever, None, 0, 0) if lv.lever in not_assessed else lv for lv in view.levers)
        return view.__class__(**{**view.__dict__, "levers": levers})
    monkeypatch.setattr("game.app.trainee_play.debrief_view", without)
    _, trainee = web
    ana = trainee("Ana Radar")
    ana.start("tutorial")
    end = ana.play_to_the_end(1)
    return ana.get(end.url.path.removesuffix("/ending")).text


@pytest.mark.parametrize("not_assessed", [(), ("customers_first",),
                                          ("customers_first", "connect", "solve_problems", "build_trust",
                                           "positive_emotions")])
@pytest.mark.parametrize("width,height", [(1280, 720), (360, 740)])
def test_every_radar_label_is_inside_the_chart(browser, server, web, monkeypatch, width, height, not_assessed):
    html = _debrief_html(web, monkeypatch, not_assessed)
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_content(html.replace("<head>", f'<head><base href="{server.url}/">', 1), wait_until="load")
    assert page.evaluate("getComputedStyle(document.querySelector('svg.radar')).maxWidth") == "100%"  # the CSS
    (left, top, right, bottom), labels = page.evaluate(BOXES)
    assert len(labels) == 5
    for words, l_, t, r, b in labels:
        assert t >= top and b <= bottom and l_ >= left and r <= right, (words, (l_, t, r, b),
                                                                        (left, top, right, bottom))
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shot = f"/tmp/five-levers-web-shots/{width}-radar-{len(not_assessed)}-not-assessed.png"
    page.locator("section.levers").screenshot(path=shot)
    assert axe_violations(page) == []
    context.close()
