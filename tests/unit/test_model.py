"""The declared model and every .cypher file agree."""

from __future__ import annotations

import re

import pytest

from graph.model import MODEL
from graph.queries import CYPHER_DIR, all_names, query

LABEL = re.compile(r"\(\s*\w*\s*:\s*([A-Za-z_]\w*)")
REL = re.compile(r"\[\s*\w*\s*:\s*([A-Za-z_]\w*)")
KNOWN_LABELS = set(MODEL.labels) | {"Entity"}


ANALYST = sorted(f"analyst/{p.stem}" for p in (CYPHER_DIR / "analyst").glob("*.cypher"))


@pytest.mark.parametrize("name", all_names() + ANALYST)
def test_cypher_file_uses_only_model_labels_and_types(name: str) -> None:
    text = "\n".join(line.split("//")[0] for line in query(name).splitlines())
    labels = set(LABEL.findall(text))
    types = set(REL.findall(text))
    assert labels <= KNOWN_LABELS, f"{name}.cypher uses labels outside the model: {labels - KNOWN_LABELS}"
    assert types <= set(MODEL.relationships), f"{name}.cypher uses unknown types: {types}"


def test_model_declares_issue_types_with_their_ends() -> None:
    assert MODEL.allows("SUPPLIES", "Country", "Organization")
    assert MODEL.allows("VISITED", "Person", "Place")
    assert MODEL.allows("MENTIONS", "Report", "WeaponSystem")
    assert not MODEL.allows("SUPPLIES", "Person", "Country")
    assert not MODEL.allows("VISITED", "Country", "Place")
    assert set(MODEL.statuses) == {"reported", "agreed", "delivered", "denied", "alleged", "planned"}


def test_the_linter_catches_a_label_outside_the_model() -> None:
    assert set(LABEL.findall("MATCH (n:Weapon) RETURN n")) - KNOWN_LABELS == {"Weapon"}


def test_counts_query_names_every_label_and_type() -> None:
    text = query("counts")
    for name in (*MODEL.labels, *MODEL.relationships):
        assert f":{name})" in text or f":{name}]" in text, f"counts.cypher misses {name}"
