"""Analyst transfers tables: the documented CSV format, its deals and its quarantine."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from loaders.errors import InputError
from loaders.registers.analyst_tables import STATUSES, is_header, read_transfers
from loaders.registers.sipri import detect, read_register

TABLE = """# title: Drone transfers to Russia, analyst table
# generated: 2026-05-18
supplier,recipient,weapon,year,quantity,status,source,evidence,date,delivered_year
Iran,Russia,Shahed-136,2022,2400,delivered,https://ex.org/a,"Hundreds of ""Geran-2"" drones",2022-10-17,2022
North Korea,Russia,KN-23,2023,,alleged,https://example.org/b,,,
Houthi rebels (Yemen)*,Hezbollah (Lebanon)*,,2024,10,reported,report-7,,,
Iran,Russia,Shahed-136,2022,2400,delivered,https://ex.org/a,"Hundreds of ""Geran-2"" drones",2022-10-17,2022
"""


def write(tmp_path: Path, text: str, name: str = "drones.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_the_documented_format(tmp_path: Path) -> None:
    path = write(tmp_path, TABLE)
    assert detect(path) == "transfers"
    register = read_transfers(path)
    deals = list(register.deals)
    assert (register.format, register.source_key, register.title, register.generated) == (
        "transfers",
        "transfers-drones",
        "Drone transfers to Russia, analyst table",
        dt.date(2026, 5, 18),
    )
    assert register.quarantine == [] and register.rows == 4
    first = deals[0]
    assert (first.supplier.key, first.recipient.key, first.weapon_key, first.line) == ("IRN", "RUS", "shahed-136", 4)
    assert first.properties() == {
        "weapon": "Shahed-136",
        "year": 2022,
        "quantity": 2400,
        "status": "delivered",
        "sources": ["https://ex.org/a"],
        "delivery_years": [2022],
        "evidence": 'Hundreds of "Geran-2" drones',
        "date": "2022-10-17",
        "source_type": "analyst",
    }
    assert deals[1].properties() == {
        "weapon": "KN-23",
        "year": 2023,
        "status": "alleged",
        "sources": ["https://example.org/b"],
        "source_type": "analyst",
    }
    houthis = deals[2]
    assert (houthis.supplier.key, houthis.supplier.country_key, houthis.recipient.key) == (
        "houthi-rebels",
        "YEM",
        "hezbollah",
    )
    assert houthis.weapon_key == "" and "weapon" not in houthis.properties()


def test_identical_rows_are_separate_and_keys_stable(tmp_path: Path) -> None:
    deals = list(read_transfers(write(tmp_path, TABLE)).deals)
    assert deals[0].key != deals[3].key and deals[0].key[:-2] == deals[3].key[:-2]
    again = list(read_register(write(tmp_path, TABLE, "copy.csv")).deals)
    assert [d.key for d in again] == [d.key for d in deals]
    assert all(d.key.startswith("transfer:") for d in deals)


def test_columns_in_any_order_and_types(tmp_path: Path) -> None:
    text = (
        "source,status,quantity,year,weapon,recipient,supplier,supplier_type,recipient_type\n"
        "r1,agreed,12,2021,Bayraktar TB2,Ukraine,Baykar,Organization,Country\n"
        "r2,planned,,2025,Su-35,Iran,Russia,,\n"
    )
    deals = list(read_transfers(write(tmp_path, text)).deals)
    assert [(d.supplier.key, d.supplier.type, d.recipient.key) for d in deals] == [
        ("baykar", "Organization", "UKR"),
        ("RUS", "Country", "IRN"),
    ]


BAD = [
    ("Iran,Russia,Shahed-136,2022,10,delivered\n", "6 columns, expected 7", None),
    (",Russia,Shahed-136,2022,10,delivered,src\n", "supplier: empty", "supplier"),
    ("Iran,,Shahed-136,2022,10,delivered,src\n", "recipient: empty", "recipient"),
    ("Iran,Russia,Shahed-136,1850,10,delivered,src\n", "year: year 1850 outside", "year"),
    ("Iran,Russia,Shahed-136,2099,10,delivered,src\n", "year: year 2099 outside", "year"),
    ("Iran,Russia,Shahed-136,,10,delivered,src\n", "year: empty", "year"),
    ("Iran,Russia,Shahed-136,2022,ten,delivered,src\n", "quantity: not a whole number", "quantity"),
    ("Iran,Russia,Shahed-136,2022,10,rumoured,src\n", "status: 'rumoured' is not one of", "status"),
    ("Iran,Russia,Shahed-136,2022,10,delivered,\n", "source: empty", "source"),
]


@pytest.mark.parametrize(("bad", "reason", "field"), BAD)
def test_quarantine(tmp_path: Path, bad: str, reason: str, field: str | None) -> None:
    good = "Iran,Russia,Shahed-136,2022,10,delivered,src\n"
    path = write(tmp_path, "supplier,recipient,weapon,year,quantity,status,source\n" + good + bad + good)
    register = read_transfers(path)
    deals = list(register.deals)
    assert [d.line for d in deals] == [2, 4]
    [q] = register.quarantine
    assert (q.file, q.line) == (str(path), 3)
    assert q.reason.startswith(reason), q.reason
    with pytest.raises(InputError) as e:
        list(read_transfers(path, strict=True).deals)
    assert (e.value.line, e.value.field) == (3, field)


@pytest.mark.parametrize(
    ("extra", "value", "reason"),
    [
        ("date", "17/10/2022", "date: '17/10/2022' is not YYYY-MM-DD"),
        ("delivered_year", "20222", "delivered_year: year 20222 outside"),
        ("supplier_type", "Person", "supplier_type: 'Person' is not Country or Organization"),
    ],
)
def test_quarantine_optional_columns(tmp_path: Path, extra: str, value: str, reason: str) -> None:
    path = write(
        tmp_path,
        f"supplier,recipient,weapon,year,quantity,status,source,{extra}\n"
        f"Iran,Russia,Shahed-136,2022,10,delivered,src,{value}\n",
    )
    register = read_transfers(path)
    assert list(register.deals) == []
    assert [(q.line, q.reason[: len(reason)]) for q in register.quarantine] == [(2, reason)]


def test_country_type_must_be_a_country(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "supplier,recipient,weapon,year,quantity,status,source,supplier_type\n"
        "Wagner Group,Mali,Mi-24,2022,2,reported,src,Country\n",
    )
    register = read_transfers(path)
    assert list(register.deals) == []
    assert register.quarantine[0].reason == "supplier: 'Wagner Group' is not a known country"


def test_statuses_are_the_claim_statuses() -> None:
    from graph.model import MODEL

    assert set(STATUSES) == set(MODEL.statuses)


@pytest.mark.parametrize(
    ("line", "ok"),
    [
        ("supplier,recipient,weapon,year,quantity,status,source", True),
        ("\ufeffSource,Status,Quantity,Year,Weapon,Recipient,Supplier,evidence", True),
        ("supplier,recipient,weapon,year", False),
        ("Recipient,Supplier,Year of order", False),
    ],
)
def test_is_header(line: str, ok: bool) -> None:
    assert is_header(line) is ok


def test_not_a_table(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a transfers table"):
        read_transfers(write(tmp_path, "# notes only\nsupplier,recipient\nIran,Russia\n"))
