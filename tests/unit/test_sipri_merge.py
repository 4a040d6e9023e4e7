"""Matching deals across SIPRI exports: pure functions, records written for the test."""

from __future__ import annotations

import json
from typing import Any

import pytest

from loaders.registers.merge import Group, Record, designation_agreement, merged_props, plan, records_of_edge

OLD, NEW = "sipri-ukraine", "sipri-all"  # the export with IDs is the older one here, as in samples/


def new_fmt(sipri_id: int, weapon: str, year: int, delivered: int, years: list[int], **extra: Any) -> Record:
    props = {
        "key": f"sipri:{sipri_id}",
        "sipri_id": sipri_id,
        "weapon": weapon,
        "order_year": year,
        "number_delivered": delivered,
        "delivery_years": years,
        "sources": [OLD],
        "first_seen": "2025-02-17",
        "line": sipri_id % 1000,
        "weapons": [weapon],
        "weapon_keys": [weapon.lower()],
        **extra,
    }
    return Record(OLD, extra.pop("src", "USA"), "UKR", props)


def legacy(
    key: str, weapon: str, year: int, ordered: int | None, delivered: int, years: list[int], **extra: Any
) -> Record:
    props = {
        "key": f"sipri-row:{key}",
        "weapon": weapon,
        "order_year": year,
        "number_delivered": delivered,
        "delivery_years": years,
        "source_type": "sipri",
        "sources": [NEW],
        "first_seen": "2026-05-18",
        "line": 7,
        "weapons": [weapon],
        "weapon_keys": [weapon.lower()],
        **extra,
    }
    if ordered is not None:
        props["number_ordered"] = ordered
    return Record(NEW, "USA", "UKR", props)


@pytest.mark.parametrize(
    ("a", "b", "level"),
    [
        ("M/41D 120mm", "M-41D 120mm", 3),
        ("Mistral SAM", "Mistral", 2),
        ("Javelin ATM", "FGM-148 Javelin", 1),
        ("ScanEagle", "K-6 120mm", 0),
    ],
)
def test_designation_agreement(a: str, b: str, level: int) -> None:
    assert designation_agreement(a, b) == level


def test_a_deal_in_both_exports_is_one_group_keyed_by_sipri_id() -> None:
    n = new_fmt(65201, "Javelin ATM", 2021, 300, [2022], number_delivered_by_year=[300], category="Missiles")
    legacy_rec = legacy("aa-1", "FGM-148 Javelin", 2021, 300, 300, [2022], comments="aid")
    other = legacy("bb-1", "FGM-148 Javelin", 2021, 180, 180, [2021])
    p = plan([n, legacy_rec, other], fresh=OLD)
    assert [g.key for g in p.groups] == ["sipri:65201", "sipri-row:bb-1"]  # the other legacy deal stays its own
    assert p.delete == ["sipri-row:aa-1"] and not p.quarantined
    props = merged_props(p.groups[0])
    assert props["sources"] == [NEW, OLD] and props["source_keys"] == ["sipri-row:aa-1", "sipri:65201"]
    assert props["weapon"] == "FGM-148 Javelin"  # the more recent register's figures
    assert props["category"] == "Missiles" and props["comments"] == "aid"  # what only one gives is kept
    assert props["number_delivered_by_year"] == [300] and props["number_delivered_years"] == [2022]
    assert props["weapons"] == ["FGM-148 Javelin", "Javelin ATM"] and props["first_seen"] == "2025-02-17"
    assert props["figures_differ"] == ["weapon"]
    assert [r.props for r in records_of_edge("USA", "UKR", props)] == [legacy_rec.props, n.props]


def test_figures_of_the_most_recent_register_win_whatever_the_order() -> None:
    n = new_fmt(1, "GMLRS", 2022, 19500, [2022, 2023], tiv_delivered=100.0)
    old = legacy("cc-1", "GMLRS", 2022, 29500, 29500, [2022, 2023, 2024, 2025], tiv_delivered=300.0)
    one = merged_props(plan([n, old], fresh=OLD).groups[0])
    two = merged_props(plan([old, n], fresh=NEW).groups[0])
    assert one == two
    assert one["tiv_delivered"] == 300.0 and one["number_delivered"] == 29500
    assert set(one["figures_differ"]) == {"number_delivered", "delivery_years", "tiv_delivered"}
    assert json.loads(one["source_records"][1])["tiv_delivered"] == 100.0  # each register's own word kept


def test_ambiguous_and_unmatched_deals_are_quarantined_with_a_reason() -> None:
    tie = new_fmt(10, "Senator", 2022, 800, [2022])
    a = legacy("dd-1", "Senator", 2022, None, 1800, [2022, 2023])
    b = legacy("ee-1", "Senator", 2022, 208, 208, [2022, 2023])
    lost = new_fmt(11, "Penguin UAV", 2023, 5, [2023])
    p = plan([tie, lost, a, b], fresh=OLD)
    reasons = {r.key: why for r, why in p.quarantined}
    assert set(reasons) == {"sipri:10", "sipri:11"}
    assert reasons["sipri:10"].startswith("ambiguous: 2 legacy deals") and "no legacy deal" in reasons["sipri:11"]
    assert p.delete == ["sipri:10", "sipri:11"]
    assert sorted(g.key for g in p.groups) == ["sipri-row:dd-1", "sipri-row:ee-1"]  # the legacy rows, as they are


def test_a_recipient_the_legacy_register_does_not_cover_keeps_its_own_edges() -> None:
    n = new_fmt(12, "Penguin UAV", 2023, 5, [2023])
    other = Record(NEW, "USA", "POL", legacy("ff-1", "Leopard-2", 2023, 1, 1, [2023]).props)
    p = plan([n, other], fresh=NEW)
    assert not p.quarantined and [g.key for g in p.groups] == ["sipri:12"]


def test_repeated_legacy_lines_pair_in_order_with_as_many_equal_deals() -> None:
    x, y = new_fmt(20, "NASAMS-2", 2023, 2, [2023]), new_fmt(21, "NASAMS-2", 2023, 2, [2023])
    twins = [legacy("gg-1", "NASAMS-2", 2023, 2, 2, [2023]), legacy("gg-2", "NASAMS-2", 2023, 2, 2, [2023])]
    p = plan([y, x, *twins], fresh=OLD)
    assert not p.quarantined
    pairs = {g.key: sorted(r.key for r in g.records) for g in p.groups}
    assert pairs == {"sipri:20": ["sipri-row:gg-1", "sipri:20"], "sipri:21": ["sipri-row:gg-2", "sipri:21"]}


def test_a_group_of_one_fresh_record_is_left_to_the_caller() -> None:
    only = legacy("hh-1", "T-72", 2022, 10, 10, [2022])
    assert plan([only], fresh=NEW).groups == [] and Group([only]).key == "sipri-row:hh-1"


def table_row(key: str, weapon: str, year: int, quantity: int | None, **extra: Any) -> Record:
    props = {
        "key": f"transfer:{key}",
        "weapon": weapon,
        "year": year,
        "status": "delivered",
        "sources": ["transfers-drones"],
        "cited_sources": ["https://example.org/a"],
        "source_type": "analyst",
        "line": 3,
        "weapons": [weapon],
        "weapon_keys": [weapon.lower()],
        **extra,
    }
    if quantity is not None:
        props["quantity"] = quantity
    return Record("transfers-drones", "USA", "UKR", props)


def test_an_analyst_row_that_restates_a_register_deal_joins_its_edge() -> None:
    deal = legacy("ii-1", "M-777 155mm", 2022, 142, 142, [2022], status="second hand", tiv_delivered=100.0)
    other = legacy("jj-1", "M-777 155mm", 2023, 41, 41, [2023, 2024])
    row = table_row("t1", "M777 155mm", 2022, 142)
    p = plan([row, deal, other], fresh="transfers-drones")
    merged = [g for g in p.groups if len(g.records) == 2]
    assert [g.key for g in merged] == ["sipri-row:ii-1"] and p.delete == ["transfer:t1"]
    props = merged_props(merged[0])
    assert props["sources"] == [NEW, "transfers-drones"] and props["status"] == "second hand"  # the register's
    assert props["quantity"] == 142 and props["cited_sources"] == ["https://example.org/a"]
    assert props["first_seen"] == "2026-05-18" and props["source_type"] == "sipri"
    # the same whichever is loaded first
    again = next(g for g in plan([deal, other, row], fresh=NEW).groups if len(g.records) == 2)
    assert merged_props(again) == props


def test_an_analyst_row_that_fits_two_deals_is_quarantined_and_a_new_one_stays() -> None:
    a = legacy("kk-1", "Stinger", 2022, None, 500, [2022])
    b = legacy("kk-2", "Stinger", 2022, None, 500, [2022])
    vague = table_row("t2", "Stinger", 2022, 500)
    new = table_row("t3", "Shahed-136", 2022, 10)
    p = plan([vague, new, a, b], fresh="transfers-drones")
    assert [(r.key, why.split(":")[0]) for r, why in p.quarantined] == [("transfer:t2", "ambiguous")]
    assert "transfer:t3" not in {g.key for g in p.groups}  # alone: written by the caller as it is
