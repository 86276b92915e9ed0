"""A linked conversation fits its portfolio's business (issue 31): its briefing casts the trainee as the
portfolio's kind of business and no other. The words below name *your* side of each library conversation (not
the customer's: a café or a building firm may be anyone's customer); the table of businesses each bundled
portfolio may link is docs/trainer-guide.md's 'Link at least two scenarios'."""
import pytest

from game.core import loader
from game.core.portfolio.load import library_files
from tests.portfolio.helpers import BUNDLED, ROOT, bundled

FILES = library_files(ROOT / "scenarios")

YOUR_BUSINESS = {  # a phrase in a briefing -> the business it makes you
    "card-payments company": "payments",
    "your till and stock system": "shop systems",
    "business banking": "banking",
    "cleaning contract": "cleaning",
    "your company has cleaned": "cleaning",
    "commercial laundry": "laundry",
    "your freight service": "freight",
    "catering-supplies wholesaler": "wholesale",
    "phone and broadband store": "telecoms",
    "energy's web chat": "energy",
    "your scheduling software": "software",
    "duty manager at": "hospitality",
    "online store's customer care": "online retail",
}
PORTFOLIO_BUSINESS = {
    "shop-systems": {"payments", "shop systems"},  # tills, stock software and card terminals
    "business-banking": {"banking"},
    "cleaning-contracts": {"cleaning"},
}


def businesses(briefing: str) -> set[str]:
    text = " ".join(briefing.lower().split())
    return {business for phrase, business in YOUR_BUSINESS.items() if " ".join(phrase.split()) in text}


def test_every_library_briefing_says_whose_side_you_are_on():
    """The word list covers the library, so a conversation linked tomorrow is checked too."""
    assert FILES
    for sid, path in FILES.items():
        scenario = loader.load_file(path)
        if sid != "tutorial":
            assert businesses(scenario.briefing), (sid, scenario.briefing)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_every_linked_conversation_fits_its_portfolios_business(path):
    p = bundled(path)
    allowed = PORTFOLIO_BUSINESS[p.id]
    for a in p.accounts:
        if a.scenario:
            briefing = loader.load_file(FILES[a.scenario]).briefing
            assert businesses(briefing) and businesses(briefing) <= allowed, (p.id, a.name, a.scenario, briefing)


def test_the_card_payments_call_does_not_fit_a_bank():
    briefing = loader.load_file(FILES["card-machine"]).briefing
    assert businesses(briefing) == {"payments"} and not businesses(briefing) <= PORTFOLIO_BUSINESS["business-banking"]


def test_the_cafe_has_a_conversation_that_casts_you_as_her_bank():
    """lunch-rush is The Copper Kettle's call from her bank, so the banking portfolio can link it."""
    briefing = loader.load_file(FILES["lunch-rush"]).briefing
    assert businesses(briefing) == {"banking"} and businesses(briefing) <= PORTFOLIO_BUSINESS["business-banking"]
    assert "Copper Kettle" in briefing and "Good Grind" not in briefing
