"""Each customer has their own face, from the scenario's data, with an
expression per mood, anti-aliased; the window icon is ours."""
import pygame

from game.core import loader
from game.core.model import Customer
from game.shells.window.portraits import draw_portrait, look_for
from game.shells.window.theme import Theme

from .conftest import ROOT


def bundled_customers():
    results, _ = loader.check_library([ROOT / "scenarios"])
    found = {}
    for r in results:
        s = r.scenario
        for persona in [None, *s.personas]:
            customer = s.customer_for(persona) if persona else s.customer
            found[(customer.name, customer.portrait)] = customer
    return list(found.values())


def render(customer, mood, size=120):
    surface = pygame.Surface((size, size))
    surface.fill((0, 0, 0))
    draw_portrait(surface, Theme(), surface.get_rect(), customer, mood)
    return surface


def test_every_bundled_customer_looks_different(make_app):
    customers = bundled_customers()
    assert len(customers) >= 10
    looks = {look_for(c) for c in customers}
    assert len(looks) == len(customers)
    assert look_for(customers[0]) == look_for(customers[0])  # the same customer always looks the same


def test_the_role_dresses_the_customer():
    assert look_for(Customer("Ruth", "Finance director, Calloway & Sons Builders")).clothes == "suit"
    assert look_for(Customer("Den", "Warehouse manager, Northgate")).clothes == "vest"
    assert look_for(Customer("Owen", "Executive assistant to the chief executive")).clothes == "headset"
    assert look_for(Customer("Nell", "Owner, Bloom & Stem florist")).clothes == "apron"
    assert look_for(Customer("Gwen", "Guest, The Linden Hotel")).clothes == "sweater"


def test_each_mood_has_its_own_expression_and_the_edges_are_smooth(make_app):
    customer = Customer("Marcus Feld", "IT Director", portrait="marcus")
    shots = {mood: pygame.image.tobytes(render(customer, mood), "RGB")
             for mood in ("calm", "uneasy", "upset", "angry", "walked_out")}
    assert len(set(shots.values())) == 5
    image = render(customer, "calm")
    colours = {image.get_at((x, y))[:3] for x in range(120) for y in range(120)}
    assert len(colours) > 100  # anti-aliased: blended edge pixels, not the dozen flat fills drawn


def test_the_window_icon_is_ours(make_app):
    from game.shells.window.drawing import window_icon
    icon = window_icon()
    assert icon.get_size() == (64, 64)
    assert icon.get_at((32, 32))[3] == 255 and icon.get_at((0, 0))[3] < 128  # solid, with rounded corners
    assert icon.get_at((6, 32))[:3] == (24, 110, 128)
