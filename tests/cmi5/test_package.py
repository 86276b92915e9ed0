"""`main.py export --cmi5` (issue 29): a zip whose cmi5.xml validates
against the cmi5 CourseStructure XSD (vendored from ADL's CATAPULT), with
the course → blocks → one AU per scenario and per campaign, the mastery
score from each scenario, moveOn and launch URLs to the server; it writes
only a regular file or a new path."""
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from game.core import loader

ROOT = Path(__file__).resolve().parents[2]
XSD = etree.XMLSchema(etree.parse(str(Path(__file__).with_name("CourseStructure.xsd"))))
NS = {"c": "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"}
URL = "https://training.example.org"


def export(*args):
    return subprocess.run([sys.executable, "main.py", "export", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    out = tmp_path_factory.mktemp("cmi5") / "course.zip"
    done = export("--cmi5", str(out), "--course", "default", "--url", URL + "/")
    assert done.returncode == 0, done.stderr
    assert "Wrote a cmi5 package of 5 blocks and 16 AUs" in done.stderr
    return out


def test_the_package_validates_against_the_cmi5_xsd(package):
    with zipfile.ZipFile(package) as z:
        assert z.namelist() == ["cmi5.xml"]
        tree = etree.fromstring(z.read("cmi5.xml"))
    XSD.assertValid(tree)


def test_blocks_and_aus_follow_the_course_with_mastery_and_launch_urls(package):
    with zipfile.ZipFile(package) as z:
        tree = etree.fromstring(z.read("cmi5.xml"))
    blocks = tree.findall("c:block", NS)
    assert [b.findtext("c:title/c:langstring", namespaces=NS) for b in blocks][:2] == ["First steps", "The basics"]
    first = blocks[0].findall("c:au", NS)
    assert len(first) == 1
    tutorial = loader.load_file(ROOT / "scenarios" / "tutorial.yaml")
    au = first[0]
    assert au.get("masteryScore") == f"{tutorial.mastery / 100:.2f}" and au.get("moveOn") == "CompletedAndPassed"
    assert au.get("launchMethod") == "OwnWindow"  # the pages refuse to be framed
    assert au.findtext("c:url", namespaces=NS) == f"{URL}/cmi5/launch/tutorial"
    assert au.findtext("c:title/c:langstring", namespaces=NS) == tutorial.title
    assert au.findtext("c:description/c:langstring", namespaces=NS) == tutorial.summary
    campaign = [a for a in tree.iter("{%s}au" % NS["c"]) if "/cmi5/launch/campaign/" in a.findtext("c:url", namespaces=NS)]
    assert len(campaign) == 1 and campaign[0].findtext("c:url", namespaces=NS) == f"{URL}/cmi5/launch/campaign/shop-systems"
    assert campaign[0].get("masteryScore") == "0.50"
    ids = [a.get("id") for a in tree.iter("{%s}au" % NS["c"])]
    assert len(ids) == len(set(ids)) == 16  # 15 scenarios and one campaign


def test_a_broken_structure_is_refused_by_the_xsd():
    bad = etree.fromstring(b'<courseStructure xmlns="%s"><course id="x"><title/></course></courseStructure>'
                           % NS["c"].encode())
    assert not XSD.validate(bad)  # the test's XSD really checks


def test_export_refuses_what_it_must(tmp_path):
    assert export("--cmi5", str(tmp_path / "a.zip"), "--course", "default").returncode == 2
    wrong = export("--cmi5", str(tmp_path / "a.zip"), "--course", "defualt", "--url", URL)
    assert wrong.returncode == 2 and "did you mean 'default'" in wrong.stderr
    assert export("--cmi5", str(tmp_path / "a.zip"), "--course", "default", "--url", "ftp://x").returncode == 2
    folder = tmp_path / "folder.zip"
    folder.mkdir()
    refused = export("--cmi5", str(folder), "--course", "default", "--url", URL)
    assert refused.returncode == 1 and "not a regular file" in refused.stderr
    link = tmp_path / "link.zip"
    os.symlink(tmp_path / "elsewhere", link)
    assert export("--cmi5", str(link), "--course", "default", "--url", URL).returncode == 1
    assert not (tmp_path / "elsewhere").exists() and "Traceback" not in refused.stderr
