"""A cmi5 course package's structure (`cmi5.xml`) from a course: the course
→ its blocks → one AU per scenario and one per campaign, with titles,
descriptions, the mastery score (the scenario's `mastery` / 100), moveOn and
launch URLs to the server (`{url}/cmi5/launch/…`).

Valid against the cmi5 CourseStructure XSD (tests/cmi5/, from ADL's
CATAPULT). Pure: builds bytes; game.storage.package writes the zip.
"""
from __future__ import annotations

from urllib.parse import quote, urlsplit
from xml.etree import ElementTree as ET

NAMESPACE = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
LANG = "en"
SCENARIO_MOVE_ON = "CompletedAndPassed"  # the LMS moves on when the conversation ended with the mastery score
CAMPAIGN_MOVE_ON = "Completed"
LAUNCH_METHOD = "OwnWindow"  # the server's pages refuse to be framed (frame-ancestors 'none'): a window of its own


def check_base_url(url: str) -> str | None:
    """Why `url` cannot be the server's address in launch URLs, or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"'{url}' is not an http(s) address such as https://training.example.org"
    if parts.query or parts.fragment:
        return f"'{url}' has a query or a fragment; give the server's base address only"
    return None


def base(url: str) -> str:
    return url.rstrip("/")


def course_iri(url: str, course_id: str) -> str:
    return f"{base(url)}/cmi5/course/{quote(course_id)}"


def au_iri(url: str, course_id: str, block_id: str, unit: str) -> str:
    """The AU's id (its activity id in every statement the AU sends)."""
    return f"{course_iri(url, course_id)}/{quote(block_id)}/{quote(unit)}"


def launch_url(url: str, scenario_id: str) -> str:
    return f"{base(url)}/cmi5/launch/{quote(scenario_id)}"


def campaign_launch_url(url: str, portfolio_id: str) -> str:
    return f"{base(url)}/cmi5/launch/campaign/{quote(portfolio_id)}"


def _text(parent, tag: str, text: str) -> None:
    holder = ET.SubElement(parent, f"{{{NAMESPACE}}}{tag}")
    lang = ET.SubElement(holder, f"{{{NAMESPACE}}}langstring", lang=LANG)
    lang.text = text or "-"


def _au(parent, au_id: str, title: str, description: str, url: str, move_on: str, mastery: float | None) -> None:
    attrs = {"id": au_id, "moveOn": move_on, "launchMethod": LAUNCH_METHOD}
    if mastery is not None:
        attrs["masteryScore"] = f"{mastery:.2f}"
    au = ET.SubElement(parent, f"{{{NAMESPACE}}}au", attrs)
    _text(au, "title", title)
    _text(au, "description", description)
    ET.SubElement(au, f"{{{NAMESPACE}}}url").text = url


def course_structure(course, scenarios: dict, campaigns: dict, url: str) -> bytes:
    """`scenarios`: id -> Scenario; `campaigns`: portfolio id -> (title, summary)."""
    ET.register_namespace("", NAMESPACE)
    root = ET.Element(f"{{{NAMESPACE}}}courseStructure")
    head = ET.SubElement(root, f"{{{NAMESPACE}}}course", id=course_iri(url, course.id))
    _text(head, "title", course.title)
    _text(head, "description", course.summary or course.title)
    for block in course.blocks:
        node = ET.SubElement(root, f"{{{NAMESPACE}}}block", id=f"{course_iri(url, course.id)}/{quote(block.id)}")
        _text(node, "title", block.title)
        _text(node, "description", block.description or block.title)
        for sid in block.scenarios:
            scenario = scenarios[sid]
            _au(node, au_iri(url, course.id, block.id, sid), scenario.title, scenario.summary, launch_url(url, sid),
                SCENARIO_MOVE_ON, scenario.mastery / 100)
        if block.campaign:
            title, summary = campaigns.get(block.campaign, (block.campaign, ""))
            score = block.certificate.campaign_score
            _au(node, au_iri(url, course.id, block.id, f"campaign-{block.campaign}"), title, summary or title,
                campaign_launch_url(url, block.campaign), SCENARIO_MOVE_ON if score else CAMPAIGN_MOVE_ON,
                score / 100 if score else None)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
