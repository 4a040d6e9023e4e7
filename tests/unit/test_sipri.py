"""SIPRI register reader on small inline files: formats, fields, keys, quarantine, strict mode."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from loaders.errors import InputError
from loaders.registers.sipri import Quarantined, detect, read_register

PREAMBLE = (
    "Transfers of major conventional arms from All countries  to All countries . Deals with deliveries made for the year range 'Not specified' to 'Not specified' \n"
    + """A '?' in a column indicates uncertain data.
An empty field for 'Number ordered' indicates that data is not yet available.
SIPRI trend-indicator values (TIVs) are in millions.
An empty field for 'SIPRI TIV for total order' indicates that data is not available.
A '0' for 'SIPRI TIV of delivered weapons' indicates that the volume of deliveries is between 0 and 0.5 million SIPRI TIV.
Figures may not add up to stated totals due to the conventions of rounding.
For the method used see <https://www.sipri.org/databases/armstransfers/sources-and-methods>.

Source: SIPRI Arms Transfers Database (c) SIPRI.
Data generated: 18 May 2026 2:29:20 PM
"""
)
LEGACY_HEADER = (
    "Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,"
    "Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,SIPRI TIV for total order,"
    "SIPRI TIV of delivered weapons\n"
)
# data rows start on line 13 (11 preamble lines, the header on line 12)
LEGACY_ROWS = [
    "Russia,Iran,2022,,,,Shahed-136,one-way attack drone,6600,?,2022; 2023; 2024; 2025,New,"
    "Bought for use against Ukraine; Russian designation Geran-2; incl assembly,0.04,0,264\n",
    "Afghanistan,Soviet Union,1978,?,500,?,T-55,tank,500,?,1979-1981,Second hand,Second-hand; aid,0.5,250,250\n",
    "Yemen,Houthi rebels (Yemen)*,2015,,2,,Zelzal-3,surface-to-surface missile,,,,New,,1,2,\n",
    "NATO**,United States,2019,,1,,RQ-4 Global Hawk,reconnaissance drone,1,,2020,New,,60,60,60\n",
    "Ukraine,unknown supplier(s),2023,,50,,M-113,armoured personnel carrier,50,,2023,Second hand,,0.1,5,5\n",
    "El Salvador,United States,1977,?,1,,DC-6/C-118,transport aircraft,1,,1977,Second hand,,1,1,1\n",
    "El Salvador,United States,1977,?,1,,DC-6/C-118,transport aircraft,1,,1977,Second hand,,1,1,1\n",
]
NEW_TEXT = PREAMBLE.replace("18 May 2026", "17 Feb 2025") + (
    "SIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament category,Order date,"
    "Order date is estimate,Numbers delivered,Numbers delivered is estimate,Delivery year,"
    "Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,TIV delivery values,Local production\n"
    "65361,Australia,Ukraine,Bushmaster,APC,Armoured vehicles,2022,No,70,Yes,2022,No,Second hand,0.35,0.14,9.8,No\n"
    "65442,Australia,Ukraine,UFH 155mm,towed gun,Artillery,2022,No,6,No,2022,No,Second hand,1,0.4,2.4,No\n"
    "65361,Australia,Ukraine,Bushmaster,APC,Armoured vehicles,2022,No,50,Yes,2023,Yes,Second hand,0.35,0.14,7,No\n"
)


def write(tmp_path: Path, text: str | bytes, name: str = "register.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        text = text.encode("iso-8859-1")
    path.write_bytes(text)
    return path


@pytest.fixture
def legacy(tmp_path: Path) -> Path:
    return write(tmp_path, PREAMBLE + LEGACY_HEADER + "".join(LEGACY_ROWS), "trade-register-test.csv")


def read_all(path: Path, **kw):
    register = read_register(path, **kw)
    return register, list(register.deals)


def test_detect(tmp_path: Path, legacy: Path) -> None:
    new = write(tmp_path, b"\xef\xbb\xbf" + NEW_TEXT.encode("utf-8"), "new.csv")
    transfers = write(tmp_path, "supplier,recipient,weapon,year,quantity,status,source\n", "t.csv")
    other = write(tmp_path, "a,b,c\n1,2,3\n", "other.csv")
    assert [detect(legacy), detect(new), detect(transfers), detect(other), detect(tmp_path / "none.csv")] == [
        "sipri-legacy",
        "sipri-new",
        "transfers",
        None,
        None,
    ]


def test_preamble_gives_title_date_and_key(legacy: Path) -> None:
    register, deals = read_all(legacy)
    assert register.generated == dt.date(2026, 5, 18)
    assert register.title.startswith("Transfers of major conventional arms from All countries to All")
    assert register.source_key == "sipri-trade-register-test"
    assert register.format == "sipri-legacy"
    assert register.rows == len(deals) == 7
    assert register.quarantine == []


def test_legacy_fields(legacy: Path) -> None:
    _, deals = read_all(legacy)
    shahed, t55 = deals[0], deals[1]
    assert shahed.line == 13 and t55.line == 14
    assert (shahed.supplier.key, shahed.recipient.key) == ("IRN", "RUS")
    assert shahed.weapon_key == "shahed-136"
    assert shahed.weapon_aliases() == ["Geran-2"]
    assert shahed.properties() == {
        "weapon": "Shahed-136",
        "weapon_description": "one-way attack drone",
        "number_ordered_estimate": False,
        "number_delivered": 6600,
        "number_delivered_estimate": True,
        "order_year": 2022,
        "order_year_estimate": False,
        "delivery_years": [2022, 2023, 2024, 2025],
        "status": "new",
        "comments": "Bought for use against Ukraine; Russian designation Geran-2; incl assembly",
        "tiv_unit": 0.04,
        "tiv_order": 0.0,
        "tiv_delivered": 264.0,
        "source_type": "sipri",
    }
    props = t55.properties()
    assert t55.supplier.key == "SUN" and t55.supplier.type == "Country"
    assert props["delivery_years"] == [1979, 1980, 1981]
    assert props["category"] == "Armoured vehicles"
    assert (props["order_year_estimate"], props["number_ordered_estimate"], props["number_delivered_estimate"]) == (
        True,
        True,
        True,
    )
    assert props["status"] == "second hand"


def test_no_none_and_only_neo4j_types(legacy: Path) -> None:
    _, deals = read_all(legacy)
    for deal in deals:
        for name, value in deal.properties().items():
            assert value is not None, name
            if isinstance(value, list):
                assert all(isinstance(v, int | str) for v in value), name
            else:
                assert isinstance(value, str | int | float | bool), name
    zelzal = deals[2].properties()
    assert "number_delivered" not in zelzal and "delivery_years" not in zelzal and "tiv_delivered" not in zelzal


@pytest.mark.parametrize(
    ("index", "end", "key", "type_", "country_key"),
    [
        (2, "supplier", "houthi-rebels", "Organization", "YEM"),
        (3, "recipient", "nato", "Organization", None),
        (4, "supplier", "unknown-supplier", "Organization", None),
        (1, "supplier", "SUN", "Country", None),
    ],
)
def test_actors(legacy: Path, index: int, end: str, key: str, type_: str, country_key: str | None) -> None:
    _, deals = read_all(legacy)
    actor = getattr(deals[index], end)
    assert (actor.key, actor.type, actor.country_key) == (key, type_, country_key)


def test_duplicates_stay_separate(legacy: Path) -> None:
    _, deals = read_all(legacy)
    a, b = deals[5], deals[6]
    assert a.properties() == b.properties()
    assert a.key != b.key
    assert a.key.endswith("-1") and b.key.endswith("-2") and a.key[:-2] == b.key[:-2]
    assert len({d.key for d in deals}) == len(deals)


def test_keys_stable_across_reads_and_shuffles(tmp_path: Path, legacy: Path) -> None:
    _, first = read_all(legacy)
    _, second = read_all(legacy)
    assert [d.key for d in first] == [d.key for d in second]
    rows = LEGACY_ROWS[:]
    random.Random(7).shuffle(rows)
    shuffled = write(tmp_path, PREAMBLE + LEGACY_HEADER + "".join(rows), "shuffled.csv")
    _, third = read_all(shuffled)
    by_row = {(d.properties()["weapon"], d.recipient.key, d.key) for d in first}
    assert {(d.properties()["weapon"], d.recipient.key, d.key) for d in third} == by_row


def test_latin1_and_utf8_bom(tmp_path: Path) -> None:
    row = "Côte d'Ivoire,France,2020,,2,,Gazelle,light helicopter,2,,2021,New,Désignation,1,2,2\n"
    latin = write(tmp_path, (PREAMBLE + LEGACY_HEADER + row).encode("iso-8859-1"), "latin.csv")
    utf8 = write(tmp_path, b"\xef\xbb\xbf" + (PREAMBLE + LEGACY_HEADER + row).encode("utf-8"), "utf8.csv")
    for path, encoding in ((latin, "iso-8859-1"), (utf8, "utf-8-sig")):
        register, deals = read_all(path)
        assert register.encoding == encoding
        assert deals[0].recipient.key == "CIV"
        assert deals[0].properties()["comments"] == "Désignation"
        assert deals[0].line == 13


def test_new_format_aggregates_rows_by_deal_id(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbf" + NEW_TEXT.encode("utf-8"), "new.csv")
    register, deals = read_all(path)
    assert register.format == "sipri-new" and register.generated == dt.date(2025, 2, 17)
    assert register.rows == 3
    assert [d.key for d in deals] == ["sipri:65361", "sipri:65442"]
    bushmaster = deals[0].properties()
    assert bushmaster["delivery_years"] == [2022, 2023]
    assert bushmaster["number_delivered_by_year"] == [70, 50]
    assert bushmaster["number_delivered"] == 120
    assert bushmaster["tiv_delivered"] == pytest.approx(16.8)
    assert bushmaster["delivery_years_estimate"] is True and bushmaster["number_delivered_estimate"] is True
    assert bushmaster["order_year_estimate"] is False
    assert (bushmaster["category"], bushmaster["tiv_unit"], bushmaster["tiv_unit_new"]) == (
        "Armoured vehicles",
        0.14,
        0.35,
    )
    assert bushmaster["sipri_id"] == 65361 and deals[0].line == 13


BAD_ROWS = [
    ("Russia,Iran,2022,,,,Shahed-136,drone,6600\n", "9 columns, expected 16"),
    ("Russia,Iran,1850,,1,,Shahed-136,drone,1,,2022,New,,1,1,1\n", "Year of order: year 1850 outside"),
    ("Russia,Iran,2022,,1,,Shahed-136,drone,1,,2022; 2299,New,,1,1,1\n", "Year(s) of delivery: year 2299"),
    ("Russia,,2022,,1,,Shahed-136,drone,1,,2022,New,,1,1,1\n", "Supplier: empty name"),
    ("Russia,Atlantis,2022,,1,,Shahed-136,drone,1,,2022,New,,1,1,1\n", "Supplier: 'Atlantis' is not a known"),
    ("Russia,Iran,2022,,many,,Shahed-136,drone,1,,2022,New,,1,1,1\n", "Number ordered: not a whole number"),
    ("Russia,Iran,2022,,1,,Shahed-136,drone,1,,2022,New,,1,n/a,1\n", "SIPRI TIV for total order: not a number"),
    ("Russia,Iran,2022,x,1,,Shahed-136,drone,1,,2022,New,,1,1,1\n", "Year of order ?: expected '?'"),
]


@pytest.mark.parametrize(("bad", "reason"), BAD_ROWS)
def test_quarantine_keeps_valid_rows(tmp_path: Path, bad: str, reason: str) -> None:
    path = write(tmp_path, PREAMBLE + LEGACY_HEADER + LEGACY_ROWS[0] + bad + LEGACY_ROWS[1], "bad.csv")
    register, deals = read_all(path)
    assert [d.line for d in deals] == [13, 15]
    assert len(register.quarantine) == 1
    q = register.quarantine[0]
    assert isinstance(q, Quarantined)
    assert (q.file, q.line) == (str(path), 14)
    assert q.reason.startswith(reason), q.reason


def test_quarantine_line_after_multiline_cell(tmp_path: Path) -> None:
    multiline = 'Russia,Iran,2022,,1,,Shahed-136,drone,1,,2022,New,"first line\nsecond line",1,1,1\n'
    path = write(tmp_path, PREAMBLE + LEGACY_HEADER + multiline + "\n" + BAD_ROWS[0][0], "multi.csv")
    register, deals = read_all(path)
    assert [d.line for d in deals] == [13]
    assert deals[0].properties()["comments"] == "first line second line"
    assert [q.line for q in register.quarantine] == [16]


def test_strict_raises_on_first_bad_row(tmp_path: Path) -> None:
    path = write(tmp_path, PREAMBLE + LEGACY_HEADER + LEGACY_ROWS[0] + BAD_ROWS[1][0], "bad.csv")
    register = read_register(path, strict=True)
    deals = register.deals
    assert next(deals).line == 13
    with pytest.raises(InputError) as e:
        next(deals)
    assert (e.value.line, e.value.field) == (14, "Year of order")
    assert "1850" in str(e.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no header here\n1,2,3\n", "not a SIPRI export"),
        (PREAMBLE + "Recipient,Supplier,Year of order, ,Number ordered\n", "no column"),
        ("", "empty"),
    ],
)
def test_not_a_register(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_register(write(tmp_path, text))
