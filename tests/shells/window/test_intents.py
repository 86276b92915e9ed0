import pygame

from game.shells.window.intents import translate
from tests.shells.window.conftest import click, key, text


def test_keys_become_intents():
    assert translate(key(pygame.K_3)).kind == "number" and translate(key(pygame.K_3)).value == 3
    assert translate(key(pygame.K_KP7)).value == 7
    assert translate(key(pygame.K_ESCAPE)).kind == "back"
    assert translate(key(pygame.K_RETURN)).kind == "confirm"
    assert translate(key(pygame.K_DOWN)).kind == "down"
    assert translate(key(pygame.K_F5)).kind == "reload"
    assert translate(key(pygame.K_TAB, pygame.KMOD_SHIFT)).value == -1
    assert translate(pygame.event.Event(pygame.QUIT)).kind == "quit"


def test_typing_turns_digits_into_text_not_choices():
    assert translate(key(pygame.K_3), typing=True) is None
    assert translate(text("3"), typing=True).value == "3"
    assert translate(text("3"), typing=False) is None


def test_mouse():
    assert translate(click((10, 20))).pos == (10, 20)
    wheel = pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False)
    assert translate(wheel).kind == "scroll" and translate(wheel).value == -1
