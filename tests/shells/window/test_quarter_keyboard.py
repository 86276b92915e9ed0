"""Issue 31 (B10, B11): the window's quarter by keyboard, as the browser's. Home and End go to a list's
ends and the arrows stop there (no wrap); after an answer the focus is back on "Play week N"; after a
contact is set it moves on to the next account with nothing planned; a change of plan is confirmed in
words. In a wide window the plan's text column stays put while the focus goes down the list."""
import pygame
import pytest

from game.app.quarter_week import revised_words
from game.core.portfolio.ranking import true_order
from game.shells.window.intents import translate
from game.shells.window.scenes import portfolio as portfolio_scene
from game.shells.window.scenes.portfolio import PortfolioScene

from .conftest import ROOT, key, post

SHOP = ROOT / "portfolios" / "shop-systems.yaml"
CLEANING = ROOT / "portfolios" / "cleaning-contracts.yaml"  # ten accounts: the plan's list is longer than the window


@pytest.fixture
def app(saves):
    from game.shells.window.app import App
    made = []

    def make(size=(1280, 720)):
        app = App(ROOT / "scenarios", size=size)
        app.input_settle = 0
        app.settings.typewriter = "instant"
        app.apply_settings()
        made.append(app)
        return app
    yield make
    for app in made:
        if pygame.display.get_init():
            app.shutdown()


def _plan(app, path=SHOP, seed=3):
    scene = PortfolioScene(app, "Keys", path=path, seed=seed)
    app.push(scene)
    scene.activate("to_rank")
    for account_id in true_order(scene.portfolio):
        scene.activate(("place", account_id))
    post(app, key(pygame.K_RETURN))  # Plan your contact
    assert scene.page == "plan"
    return scene


def test_home_and_end_are_keys_of_their_own():
    assert translate(key(pygame.K_HOME)).kind == "home"
    assert translate(key(pygame.K_END)).kind == "end"


def test_home_end_and_the_arrows_stop_at_the_ends_of_the_plan(app):
    a = app()
    scene = _plan(a)
    last = len(scene.buttons.buttons) - 1
    post(a, key(pygame.K_END))
    assert scene.buttons.focus == last and scene.buttons.buttons[last].label == "Back to the ranking"
    post(a, key(pygame.K_DOWN))  # Down at the bottom stays at the bottom
    assert scene.buttons.focus == last
    post(a, key(pygame.K_HOME))
    assert scene.buttons.focus == 0 and scene.buttons.buttons[0].label == "Start the quarter"
    post(a, key(pygame.K_UP))  # Up at the top stays at the top: it wrapped round to "Back to the ranking"
    assert scene.buttons.focus == 0
    post(a, key(pygame.K_TAB, pygame.KMOD_SHIFT))  # Tab still goes round, as a window's focus order does
    assert scene.buttons.focus == last


def test_after_a_contact_is_set_the_focus_moves_to_the_next_account_with_nothing_planned(app):
    a = app()
    scene = _plan(a)
    order = true_order(scene.portfolio)
    assert scene.buttons.focus == 1
    post(a, key(pygame.K_RETURN))  # the first account's options
    assert scene.page == "options" and scene.buttons.buttons[scene.buttons.focus].label == "No contact"
    post(a, key(pygame.K_DOWN), key(pygame.K_RETURN))  # its first contact
    assert scene.page == "plan" and scene.plan.contact(order[0]) is not None
    assert scene.buttons.focus == 2 and scene.buttons.buttons[2].action == ("choose", order[1])
    # an account further down planned out of turn: the focus goes back to the first with nothing planned
    post(a, key(pygame.K_DOWN), key(pygame.K_RETURN), key(pygame.K_DOWN), key(pygame.K_RETURN))
    assert scene.plan.contact(order[2]) is not None
    assert scene.buttons.buttons[scene.buttons.focus].action == ("choose", order[1])


def test_after_an_answer_the_focus_is_back_on_play_week(app):
    a = app()
    scene = _plan(a, seed=10)  # seed 10: Fenwick Bakeries complain in week 1
    scene.activate("start_quarter")
    post(a)
    assert scene.page == "quarter" and scene.buttons.buttons[0].label == "Play week 1"
    news = next(i for i, b in enumerate(scene.buttons.buttons) if b.label.startswith("Fenwick Bakeries"))
    for _ in range(news):
        post(a, key(pygame.K_DOWN))
    post(a, key(pygame.K_RETURN))
    assert scene.page == "answer"
    phone = next(i for i, b in enumerate(scene.buttons.buttons) if b.label == "Phone them")
    post(a, *[key(pygame.K_DOWN)] * phone, key(pygame.K_RETURN))
    assert scene.page == "quarter" and "your answer: phone them" in scene.buttons.buttons[news].detail
    assert scene.buttons.focus == 0  # it stayed on the answered news, one Enter from answering it again
    post(a, key(pygame.K_RETURN))
    assert scene.campaign.week == 1


def test_a_change_of_plan_is_confirmed_in_words(app):
    a = app()
    scene = _plan(a)
    scene.activate("start_quarter")
    post(a)
    change = next(i for i, b in enumerate(scene.buttons.buttons) if b.label == "Change your plan")
    post(a, *[key(pygame.K_DOWN)] * change, key(pygame.K_RETURN))
    assert scene.page == "revise"
    post(a, key(pygame.K_1))  # the most valuable account
    aid = scene.run.choosing
    fortnightly = next(i for i, b in enumerate(scene.buttons.buttons) if b.label == "Phone call every two weeks")
    scene.buttons.focus = fortnightly
    post(a, key(pygame.K_RETURN))
    assert scene.page == "quarter" and scene.plan.contact(aid).frequency == "fortnightly"
    said = revised_words(scene.campaign, aid)
    assert said.startswith(f"{scene.portfolio.account(aid).name}: phone call every two weeks from week 1")
    assert [n[0] for n in a.notices][-1:] == [said]
    assert scene.buttons.focus == 0


def _drawn(monkeypatch):
    """The y at which each text was last drawn by the portfolio scene."""
    drawn = {}
    real = portfolio_scene.draw_text

    def watch(surface, theme, text, pos, *args, **kwargs):
        drawn[text] = pos[1]
        return real(surface, theme, text, pos, *args, **kwargs)
    monkeypatch.setattr(portfolio_scene, "draw_text", watch)
    return drawn


def test_in_a_wide_window_the_plans_text_stays_put_while_the_focus_goes_down_the_list(app, monkeypatch):
    """B11: at 1280×720 the text column scrolled with the list, its first line cut off at the panel's top."""
    drawn = _drawn(monkeypatch)
    a = app((1280, 720))
    scene = _plan(a, path=CLEANING)
    first = next(t for t in drawn if t.startswith("For each account choose"))
    opened = drawn[first]
    assert opened >= scene._view.top + 8
    for _ in range(len(scene.buttons.buttons) - 1 - scene.buttons.focus):
        post(a, key(pygame.K_DOWN))
    focused = scene.buttons.buttons[scene.buttons.focus]
    assert focused.label == "Back to the ranking" and scene.scroll.offset > 0  # the list scrolled
    assert scene._view.top <= focused.rect.top and focused.rect.bottom <= scene._view.bottom
    assert drawn[first] == opened  # the text did not
    post(a, key(pygame.K_HOME))
    start = scene.buttons.buttons[0]
    assert scene._view.top <= start.rect.top and drawn[first] == opened


def test_in_a_wide_window_the_quarters_text_column_scrolls_on_its_own(app, monkeypatch):
    drawn = _drawn(monkeypatch)
    a = app((1280, 720))
    scene = _plan(a, path=CLEANING)
    scene.activate("start_quarter")
    post(a, key(pygame.K_RETURN))  # Play week 1
    assert scene.page == "quarter" and scene.campaign.week == 1
    heading = next(t for t in drawn if t.startswith("Week 1 of 13"))
    top, play = drawn[heading], scene.buttons.buttons[0].rect.copy()
    post(a, key(pygame.K_PAGEDOWN))  # the week's news and the charts run past the window's foot
    assert drawn[heading] < top and scene.buttons.buttons[0].rect == play  # the text moved, the actions did not
    post(a, key(pygame.K_PAGEUP))
    assert drawn[heading] == top


@pytest.mark.parametrize("size", [(1280, 720), (800, 600)])
def test_the_plan_draws_at_both_sizes_with_its_first_line_in_view(app, size, monkeypatch):
    drawn = _drawn(monkeypatch)
    a = app(size)
    scene = _plan(a, path=CLEANING)
    first = next(t for t in drawn if t.startswith("For each account choose"))
    assert scene._view.top < drawn[first] < scene._view.bottom
    focused = scene.buttons.buttons[scene.buttons.focus]
    assert scene._view.top <= focused.rect.top and focused.rect.bottom <= scene._view.bottom
