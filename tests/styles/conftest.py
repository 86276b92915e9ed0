import pytest

from game.core import loader
from tests.fair.scenarios import PERSONAS


@pytest.fixture
def two_faces():
    return loader.load_text(PERSONAS, "two-faces.yaml")


@pytest.fixture
def two_faces_shuffled():
    return loader.load_text(PERSONAS.replace("start: opening", "shuffle: true\nstart: opening"), "two-faces.yaml")
