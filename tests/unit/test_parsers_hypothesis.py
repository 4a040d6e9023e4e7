"""Property-based tests of the parsers: whatever they are given, they return or raise
:class:`InputError` (with the source named), never another exception."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.claims import ClaimsDocument, validate_document
from loaders.errors import InputError
from loaders.news import extract_text
from loaders.registers.sipri import read_register
from loaders.textio import decode

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=30,
)
TYPES = ["Country", "Organization", "Person", "Place", "WeaponSystem", "Planet", ""]
PREDICATES = ["SUPPLIES", "VISITED", "HOLDS_ROLE", "MANUFACTURES", "USED_AGAINST", "LOCATED_IN", "DESTROYS"]
facts = st.fixed_dictionaries(
    {
        "subject": st.text(max_size=30),
        "subject_type": st.sampled_from(TYPES),
        "predicate": st.sampled_from(PREDICATES),
        "object": st.text(max_size=30),
        "object_type": st.sampled_from(TYPES),
    },
    optional={
        "weapon_systems": st.lists(st.text(max_size=20), max_size=4) | json_values,
        "date": st.dates().map(str) | st.text(max_size=12) | json_values,
        "status": st.sampled_from(["reported", "denied", "agreed", "maybe"]) | json_values,
        "evidence": st.text(max_size=50),
        "role": st.none() | st.text(max_size=20),
    },
)
documents = (
    st.fixed_dictionaries(
        {},
        optional={
            "id": st.text(max_size=20) | json_values,
            "published": st.dates().map(str) | json_values,
            "facts": st.lists(facts | json_values, max_size=4) | json_values,
            "entities": st.lists(
                st.fixed_dictionaries({"name": st.text(max_size=20), "type": st.sampled_from(TYPES)}), max_size=3
            )
            | json_values,
        },
    )
    | json_values
)


@SETTINGS
@given(documents)
def test_validate_document_returns_a_document_or_raises_input_error(data: Any) -> None:
    try:
        doc = validate_document(data, "gen.json")
    except InputError as e:
        assert e.source == "gen.json" and e.reason
    else:
        assert isinstance(doc, ClaimsDocument)


HEADER = (
    "Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,"
    "Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,"
    "SIPRI TIV for total order,SIPRI TIV of delivered weapons"
)
NEW_HEADER = (
    "SIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament category,Order date,"
    "Order date is estimate,Numbers delivered,Numbers delivered is estimate,Delivery year,"
    "Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,TIV delivery values,Local production"
)
cells = st.sampled_from(
    [
        "",
        "?",
        "India",
        "Russia",
        "Atlantis",
        "2010",
        "1492",
        "1979-1983",
        "2022; 2023",
        "6",
        "-1",
        "1e309",
        "Yes",
        "No",
        "New",
        "second hand",
        '"',
        '""',
        ",",
        "\x00",
        "\ufeff",
        "x" * 300,
    ]
) | st.text(max_size=15)
rows = st.lists(st.lists(cells, min_size=0, max_size=18).map(lambda cs: ",".join(cs)), max_size=8)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "iso-8859-1", "utf-16"])


@SETTINGS
@given(
    st.sampled_from([HEADER, NEW_HEADER, "supplier,recipient,weapon", "", "junk"]),
    st.lists(st.text(max_size=30), max_size=3),
    rows,
    encodings,
    st.booleans(),
)
def test_read_register_returns_deals_and_quarantine_or_raises_input_error(
    header: str, preamble: list[str], body: list[str], encoding: str, strict: bool
) -> None:
    text = "\r\n".join([*preamble, header, *body]) + "\r\n"
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8", "surrogatepass")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gen.csv"
        path.write_bytes(data)
        try:
            with read_register(path, strict=strict) as register:
                deals = list(register.deals)
        except InputError as e:
            assert e.source == str(path)
            return
        assert all(q.file == str(path) and q.line >= 1 for q in register.quarantine)
        assert all(d.supplier.key and d.recipient.key and d.key for d in deals)


@SETTINGS
@given(st.text(max_size=600), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)))
def test_extract_text_never_fails_on_arbitrary_text(text: str, published: dt.date) -> None:
    doc = extract_text(text, published, "gen")
    assert isinstance(doc, ClaimsDocument) and doc.curated is False
    ClaimsDocument.model_validate(doc.model_dump())


words = st.sampled_from(
    [
        "Iran",
        "Russia",
        "Ukraine",
        "North Korea",
        "supplied",
        "delivered",
        "denied",
        "drones",
        "Shahed-136",
        "Iskander",
        "on October 6",
        "in 2022",
        "to",
        "from",
        ".",
        ",",
        "\n",
        "Sergei Shoigu",
        "visited",
        "Pyongyang",
        "the",
        "minister",
        '"',
        "‘",
        "—",
    ]
)


@SETTINGS
@given(st.lists(words, max_size=80).map(" ".join))
def test_extract_text_never_fails_on_text_made_of_its_own_words(text: str) -> None:
    doc = extract_text(text, dt.date(2023, 5, 1), "gen")
    for fact in doc.facts:
        assert fact.subject and fact.object


@SETTINGS
@given(st.binary(max_size=400))
def test_decode_returns_text_or_raises_input_error(data: bytes) -> None:
    try:
        assert isinstance(decode(data, "gen.bin"), str)
    except InputError as e:
        assert e.source == "gen.bin"
