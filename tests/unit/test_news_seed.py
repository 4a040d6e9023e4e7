"""The report the project was born from yields the facts of issue #3."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from loaders.news import explain_file, extract_file

SEEDS = sorted((Path(__file__).parents[2] / "samples" / "reports").glob("2022-10-19_seed_*.txt"))


@pytest.fixture(scope="module")
def seed():
    (doc,) = extract_file(SEEDS[0])
    return doc


def find(doc, subject, predicate, obj, status=None):
    return [
        f
        for f in doc.facts
        if (f.subject, f.predicate, f.object) == (subject, predicate, obj) and (status is None or f.status == status)
    ]


def test_iran_supplies_russia(seed) -> None:
    (fact,) = find(seed, "Iran", "SUPPLIES", "Russia", "agreed")
    assert fact.date == dt.date(2022, 10, 6)
    for weapon in ("Shahed-136", "Fateh", "Zolfaghar"):
        assert any(weapon in w for w in fact.weapon_systems), weapon


def test_denial_explained_beside_the_claim() -> None:
    (why,) = explain_file(SEEDS[0])
    assert any(c.startswith("Iran -SUPPLIES-> Russia (denied)") for _, c, _ in why.dropped)


def test_mokhber_visit_and_role(seed) -> None:
    (visit,) = find(seed, "Mohammad Mokhber", "VISITED", "Moscow")
    assert visit.date == dt.date(2022, 10, 6)
    (role,) = find(seed, "Mohammad Mokhber", "HOLDS_ROLE", "Iran")
    assert role.role == "First Vice President"


def test_use_and_maker_of_shahed(seed) -> None:
    used = find(seed, "Russia", "USED_AGAINST", "Ukraine")
    assert any("Shahed-136" in f.weapon_systems for f in used)
    assert find(seed, "Iran", "MANUFACTURES", "Shahed-136")


def test_document_provenance(seed) -> None:
    assert seed.published == dt.date(2022, 10, 19)
    assert seed.curated is False
    assert seed.id == SEEDS[0].stem
    names = {e.name for e in seed.entities}
    assert {f.subject for f in seed.facts} <= names
