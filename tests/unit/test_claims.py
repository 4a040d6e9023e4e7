"""Validation of claims documents: clear messages naming the fact and the field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders.claim_batches import document_batch, fact_key
from loaders.claims import read_document, validate_document
from loaders.errors import InputError

FACT = {
    "subject": "Iran",
    "subject_type": "Country",
    "predicate": "SUPPLIES",
    "object": "Russia",
    "object_type": "Country",
    "weapon_systems": ["Shahed-136"],
    "date": "2022-10-06",
    "status": "agreed",
    "evidence": "concluded on October 6",
}


def doc(**fact_changes: object) -> dict:
    return {"id": "r1", "published": "2022-10-19", "facts": [{**FACT, **fact_changes}], "entities": []}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"predicate": "SELLS"}, "facts.0.predicate"),
        ({"status": "rumoured"}, "facts.0.status"),
        ({"date": "2022-13-40"}, "facts.0.date"),
        ({"subject": ""}, "facts.0.subject"),
        ({"subject_type": "Person"}, "SUPPLIES goes from Country|Organization"),
        ({"predicate": "HOLDS_ROLE", "subject_type": "Person"}, "needs a role"),
    ],
)
def test_invalid_fact_names_fact_and_field(change: dict, expected: str) -> None:
    with pytest.raises(InputError) as err:
        validate_document(doc(**change), "claims.json")
    assert "claims.json" in str(err.value)
    assert expected in str(err.value)
    assert "(Iran" in str(err.value) or "facts.0" in str(err.value)


def test_valid_document_round_trips() -> None:
    parsed = validate_document(doc(), "x")
    assert parsed.facts[0].date is not None and parsed.facts[0].date.isoformat() == "2022-10-06"
    assert parsed.facts[0].weapon_systems == ["Shahed-136"]


def test_bad_json_reports_line(tmp_path: Path) -> None:
    f = tmp_path / "bad.json"
    f.write_text('{\n "facts": [\n  {"subject": }\n]}')
    with pytest.raises(InputError) as err:
        read_document(f)
    assert err.value.line == 3
    assert "bad.json:3" in str(err.value)


def test_yaml_document_and_id_from_file_name(tmp_path: Path) -> None:
    f = tmp_path / "my-claims.yaml"
    f.write_text(
        "published: 2022-10-19\nfacts:\n  - {subject: Iran, subject_type: Country, predicate: SUPPLIES,"
        " object: Russia, object_type: Country}\n"
    )
    d = read_document(f)
    assert d.id == "my-claims"
    assert d.facts[0].status == "reported"


@pytest.mark.parametrize("payload", ["", "[1, 2]", "\x00\x01binary", "{" * 5000 + "}" * 5000])
def test_unusable_files_are_refused(tmp_path: Path, payload: str) -> None:
    f = tmp_path / "x.json"
    f.write_text(payload)
    with pytest.raises(InputError):
        read_document(f)


def test_gold_file_builds_rows_with_iso_keys(seed_claims: Path) -> None:
    d = read_document(seed_claims)
    batch = document_batch(d)
    keys = {n.key for n in batch.nodes}
    assert {"IRN", "RUS", "UKR", "mohammad-mokhber"} <= keys
    supplies = [c for c in batch.claims if c.type == "SUPPLIES" and c.src == "IRN" and c.dst == "RUS"]
    assert supplies and supplies[0].date == "2022-10-06" and supplies[0].status == "agreed"
    assert batch.reports[0].key == d.id
    assert set(batch.reports[0].mentions) == keys


def test_fact_key_is_stable_and_discriminating() -> None:
    assert fact_key("SUPPLIES", "IRN", "RUS") == fact_key("SUPPLIES", "IRN", "RUS")
    assert fact_key("SUPPLIES", "IRN", "RUS") != fact_key("SUPPLIES", "RUS", "IRN")
    assert fact_key("VISITED", "p", "MOW", date="2022-10-06") != fact_key("VISITED", "p", "MOW", date="2024-06-19")
    assert fact_key("HOLDS_ROLE", "p", "IRN", role="First Vice President") != fact_key(
        "HOLDS_ROLE", "p", "IRN", role="President"
    )
    json.dumps(fact_key("SUPPLIES", "a", "b"))
