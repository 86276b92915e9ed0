"""Every screen fits the window at every size and text size: no text box,
button, picture or panel outside the window, none over another, no notice
over a button; scrolled panels keep what is focused in view and ignore
clicks on what is scrolled away."""
import pygame
import pytest

from game.shells.window import tour
from game.shells.window.intents import Intent
from game.shells.window.layout_check import drawn_boxes, problems

from .conftest import click, key, post

SIZES = [(800, 600), (1280, 720), (1920, 1080), (3840, 2160)]
TEXT_SIZES = ["small", "medium", "large", "huge"]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("text_size", TEXT_SIZES)
def test_every_screen_fits_and_nothing_overlaps(size, text_size, tmp_path):
    files, found = tour.render_all(tmp_path, size=size, text_size=text_size, high_contrast=text_size == "huge")
    assert not found, "\n".join(found)
    names = [f.stem.split("-", 1)[1] for f in files]
    assert set(names) == set(tour.SCREENS), set(tour.SCREENS) ^ set(names)


def test_the_check_finds_a_box_past_the_edge_and_an_overlap():
    window = pygame.Rect(0, 0, 800, 600)
    boxes = [("button", pygame.Rect(10, 10, 100, 40), pygame.Rect(10, 10, 100, 40)),
             ("text", pygame.Rect(50, 30, 100, 20), pygame.Rect(50, 30, 100, 20)),
             ("button", pygame.Rect(700, 580, 200, 40), pygame.Rect(700, 580, 200, 40)),
             ("text", pygame.Rect(0, 700, 10, 10), pygame.Rect(0, 0, 0, 0))]  # scrolled out of its panel: fine
    found = problems(boxes, window.size)
    assert len(found) == 2
    assert any("overlaps" in f for f in found) and any("past the window's edge" in f for f in found)


def test_a_notice_moves_off_the_buttons(make_app):
    app = make_app(size=(800, 600), text_size="huge")
    from game.shells.window.scenes.settings import SettingsScene
    app.push(SettingsScene(app))
    app.notify("A notice long enough to need a line or two of its own at this size, to see where it goes.")
    assert not problems(drawn_boxes(app), app.screen.get_size())


def test_settings_scroll_to_the_focused_button_and_ignore_clicks_on_hidden_ones(make_app):
    app = make_app(size=(800, 600), text_size="huge")
    from game.shells.window.scenes.settings import SettingsScene
    settings = SettingsScene(app)
    app.push(settings)
    post(app)
    *items, done = settings.buttons.buttons
    assert app.screen.get_rect().contains(done.rect) and done.rect.top >= settings.view.bottom  # Done: always seen
    hidden = next(b for b in items if b.rect.top < settings.view.bottom + 4 < b.rect.bottom)
    post(app, click((hidden.rect.centerx, settings.view.bottom + 4)))  # the part of a setting scrolled out of view
    assert app.top is settings and settings.buttons.buttons[settings.buttons.focus] is not hidden
    post(app, key(pygame.K_UP))  # focus goes round to Done
    assert settings.buttons.focus == len(settings.buttons.buttons) - 1
    post(app, key(pygame.K_UP))  # and up into the list: the setting scrolls into view
    assert settings.view.contains(settings.buttons.buttons[settings.buttons.focus].rect)
    post(app, click(done.rect.center))
    assert app.top is not settings


def test_settings_arrows_move_the_way_they_point_and_stop_at_the_ends(make_app):
    app = make_app(text_size="small")
    from game.shells.window.scenes.settings import SettingsScene
    settings = SettingsScene(app)
    app.push(settings)
    post(app, key(pygame.K_LEFT))
    assert app.settings.text_size == "small"  # already the smallest: Left does not wrap to huge
    assert settings.buttons.buttons[0].label.startswith("Text size:") and "\u25c0" not in settings.buttons.buttons[0].label
    post(app, key(pygame.K_RIGHT), key(pygame.K_RIGHT), key(pygame.K_RIGHT), key(pygame.K_RIGHT))
    assert app.settings.text_size == "huge"
    assert "\u25b6" not in settings.buttons.buttons[0].label
    post(app, key(pygame.K_LEFT))
    assert app.settings.text_size == "large"


def test_every_handbook_topic_is_reachable_on_a_small_window(make_app):
    app = make_app(size=(800, 600), text_size="huge")
    from game.shells.window.scenes.handbook import HandbookScene
    book = HandbookScene(app)
    app.push(book)
    for _ in range(len(book.buttons.buttons) - 1):
        post(app, key(pygame.K_DOWN))
        focused = book.buttons.buttons[book.buttons.focus].rect
        assert book._menu.contains(focused), book.buttons.focus
    last = book.buttons.buttons[-1]
    post(app, click(last.rect.center))
    assert book.current == len(book.buttons.buttons) - 1


def test_the_title_scrolls_to_quit_at_huge_text(make_app):
    app = make_app(size=(800, 600), text_size="huge", player="Ann")
    from game.shells.window.scenes.title import TitleScene
    title = TitleScene(app)
    app.push(title)
    title.focus_field = False
    post(app, *[key(pygame.K_DOWN)] * (len(title.buttons.buttons) - 1))  # down to Quit, the last
    quit_button = title.buttons.buttons[-1]
    assert title.buttons.focus == len(title.buttons.buttons) - 1
    assert title.page.contains(quit_button.rect)


@pytest.mark.parametrize("text_size", ["small", "medium"])
def test_at_1280x720_every_title_button_is_in_view_without_scrolling(make_app, text_size):
    app = make_app(size=(1280, 720), text_size=text_size, player="Ann")
    from game.shells.window.scenes.title import TitleScene
    title = TitleScene(app)
    app.push(title)
    post(app)
    window = pygame.Rect(0, 0, 1280, 720)
    assert title.scroll.offset == 0
    for button in title.buttons.buttons:
        assert window.contains(button.rect), (button.label, button.rect)
    rects = [b.rect for b in title.buttons.buttons]
    assert not any(a.colliderect(b) for i, a in enumerate(rects) for b in rects[i + 1:])
    if text_size == "small":
        return  # one column fits at this size
    # two columns: Right goes across, level with the focused button; Left comes back
    assert title._split is not None
    title.focus_field = False
    title.buttons.focus = 0
    post(app, key(pygame.K_RIGHT))
    assert title.buttons.buttons[title.buttons.focus].action == "scoreboard"
    post(app, key(pygame.K_LEFT))
    assert title.buttons.focus == 0
    post(app, *[key(pygame.K_DOWN)] * (len(title.buttons.buttons) - 1))  # Down still reaches Quit
    assert title.buttons.buttons[title.buttons.focus].action == "quit"


def test_a_click_outside_the_replies_view_reaches_no_reply(make_app):
    app = make_app(size=(800, 600), text_size="huge")
    from game.shells.window.scenes.title import TitleScene
    app.push(TitleScene(app))
    app.top.play_file(app.library.playable()[1].path)
    post(app, key(pygame.K_RETURN))
    dialogue = app.top
    view = dialogue._rects["view"]
    assert dialogue.buttons.viewport == view
    reply = dialogue.buttons.buttons[0]
    reply.rect.bottom = view.top + 2  # as if scrolled up, out of view but for two pixels
    before = len(dialogue.run.choices)
    app.dispatch(Intent("click", pos=(reply.rect.centerx, view.top - 10)))
    assert len(dialogue.run.choices) == before
    app.dispatch(Intent("click", pos=(reply.rect.centerx, view.top + 1)))
    assert len(dialogue.run.choices) == before + 1


def test_the_window_has_a_minimum_size(make_app):
    app = make_app(size=(1280, 720))
    from game.shells.window.app import MIN_SIZE
    app.screen = pygame.display.set_mode((500, 400), pygame.RESIZABLE)
    app.dispatch(Intent("resize"))
    assert app.screen.get_width() >= MIN_SIZE[0] and app.screen.get_height() >= MIN_SIZE[1]


def test_a_long_title_wraps_whole_words_and_the_page_still_fits(make_app):
    app = make_app(size=(800, 600), text_size="huge")
    from game.shells.window.scenes.briefing import BriefingScene
    entry = next(e for e in app.library.playable() if e.scenario.id == "tutorial")
    app.push(BriefingScene(app, entry.scenario, entry.path, player="Ann"))
    boxes = drawn_boxes(app)
    assert not problems(boxes, app.screen.get_size())
    title_lines = app.theme.wrap(entry.scenario.title, app.theme.size("heading"), 800 - 64, True)
    assert len(title_lines) > 1 and all(line.split(" ")[-1] in entry.scenario.title.split(" ") for line in title_lines)


def test_a_label_too_long_for_its_box_ends_in_an_ellipsis_after_a_whole_word(make_app):
    app = make_app()
    theme = app.theme
    text = "The Colleague Who Is Short With You"
    shown = theme.fit_line(text, theme.body, 200, True)
    assert shown.endswith("\u2026") and text.startswith(shown[:-1]) and text[len(shown) - 1] == " "
    assert theme.font(theme.body, True).size(shown)[0] <= 200
    assert theme.fit_line(text, theme.body, 2000) == text
