"""Row readers for the two SIPRI export formats: data rows in, :class:`Deal` objects out.

Both are generators over a ``csv.reader`` positioned after the header; they count rows into
``register.rows`` and put bad rows into ``register.quarantine`` (or raise, in strict mode).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..entities import EmptyKey, slugify
from ..errors import InputError
from .actors import Actor, UnknownActor, resolve_actor
from .fields import BadField, category_of, parse_flag, parse_float, parse_int, parse_year, parse_years
from .register import Deal, Register, RowError, reject, row_key

LEGACY_COLUMNS = (
    "Recipient",
    "Supplier",
    "Year of order",
    "Year of order ?",
    "Number ordered",
    "Number ordered ?",
    "Weapon designation",
    "Weapon description",
    "Number delivered",
    "Number delivered ?",
    "Year(s) of delivery",
    "status",
    "Comments",
    "SIPRI TIV per unit",
    "SIPRI TIV for total order",
    "SIPRI TIV of delivered weapons",
)
NEW_COLUMNS = (
    "SIPRI AT Database ID",
    "Supplier",
    "Recipient",
    "Designation",
    "Description",
    "Armament category",
    "Order date",
    "Order date is estimate",
    "Numbers delivered",
    "Numbers delivered is estimate",
    "Delivery year",
    "Delivery year is estimate",
    "Status",
    "SIPRI estimate",
    "TIV deal unit",
    "TIV delivery values",
    "Local production",
)


def column_names(header: list[str]) -> list[str]:
    """Header cells, a blank cell named after the column it flags (``'Year of order ?'``)."""
    names: list[str] = []
    for cell in header:
        cell = " ".join(cell.split())
        names.append(cell if cell else (names[-1] + " ?" if names else "?"))
    return names


def index_of(names: list[str], wanted: tuple[str, ...]) -> list[int]:
    """Positions of ``wanted`` columns; raises ``KeyError`` naming the first one missing."""
    folded = [n.casefold() for n in names]
    out: list[int] = []
    for w in wanted:
        try:
            out.append(folded.index(w.casefold()))
        except ValueError:
            raise KeyError(w) from None
    return out


def actor(text: str, field: str) -> Actor:
    try:
        return resolve_actor(text)
    except (UnknownActor, EmptyKey) as e:
        raise RowError(f"{field}: {e}", field) from None


def file_slug(path: Path) -> str:
    """The slug of a file's name, the base of its source key; a name with no letters or digits is refused."""
    try:
        return slugify(path.stem)
    except EmptyKey:
        raise InputError(str(path), "the file name gives no source key: name the file with letters or digits") from None


def weapon_key(weapon: str, field: str) -> str:
    """The ``WeaponSystem`` key of a designation; a designation with no letters or digits is refused."""
    try:
        return weapon_slug(weapon)
    except EmptyKey as e:
        raise RowError(f"{field}: {e}", field) from None


def text_cell(text: str) -> str:
    """A cell with its spaces trimmed and runs of white space folded to one space."""
    text = text.strip()
    return " ".join(text.split()) if "  " in text or "\t" in text or "\n" in text else text


weapon_slug = lru_cache(maxsize=16384)(slugify)


class UnreadableRow(list[str]):
    """A record the CSV reader could not read (a field over the size limit): quarantined."""

    def __init__(self, reason: str):
        super().__init__()
        self.reason = reason


def check_shape(row: list[str], width: int) -> None:
    """Raise :class:`RowError` for a record that could not be read or has the wrong column count."""
    if isinstance(row, UnreadableRow):
        raise RowError(row.reason)
    if len(row) != width:
        raise RowError(f"{len(row)} columns, expected {width}")


def rows_with_lines(reader: Any, header_line: int) -> Iterator[tuple[int, list[str]]]:
    """(1-based line of the row's first line, cells) for every non-blank record.

    A record the reader cannot read comes as an :class:`UnreadableRow` (the callers'
    column-count check quarantines it), so one bad record never stops the file.
    """
    prev = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            line = header_line + prev + 1
            prev = reader.line_num
            yield line, UnreadableRow(f"unreadable CSV record: {e}")
            continue
        line = header_line + prev + 1
        prev = reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        yield line, row


def legacy_deals(register: Register, reader: Any, header_line: int, names: list[str], strict: bool) -> Iterator[Deal]:
    """Deals of the legacy trade register: one row per deal, '?' flag columns, no deal ID."""
    (i_rec, i_sup, i_oy, i_oy_q, i_no, i_no_q, i_wd, i_desc, i_nd, i_nd_q, i_dy, i_st, i_com, i_tu, i_to, i_td) = (
        index_of(names, LEGACY_COLUMNS)
    )
    width = len(names)
    seen: dict[str, int] = {}
    for line, row in rows_with_lines(reader, header_line):
        register.rows += 1
        try:
            check_shape(row, width)
            recipient = actor(row[i_rec], "Recipient")
            supplier = actor(row[i_sup], "Supplier")
            weapon = text_cell(row[i_wd])
            if not weapon:
                raise RowError("Weapon designation: empty", "Weapon designation")
            weapon_id = weapon_key(weapon, "Weapon designation")
            order_year = parse_year(row[i_oy], "Year of order")
            if order_year is None:
                raise RowError("Year of order: empty", "Year of order")
            description = text_cell(row[i_desc])
            attrs: dict[str, Any] = {"weapon": weapon}
            if description:
                attrs["weapon_description"] = description
                category = category_of(description)
                if category:
                    attrs["category"] = category
            number_ordered = parse_int(row[i_no], "Number ordered")
            if number_ordered is not None:
                attrs["number_ordered"] = number_ordered
            attrs["number_ordered_estimate"] = parse_flag(row[i_no_q], "Number ordered ?")
            number_delivered = parse_int(row[i_nd], "Number delivered")
            if number_delivered is not None:
                attrs["number_delivered"] = number_delivered
            attrs["number_delivered_estimate"] = parse_flag(row[i_nd_q], "Number delivered ?")
            attrs["order_year"] = order_year
            attrs["order_year_estimate"] = parse_flag(row[i_oy_q], "Year of order ?")
            years = parse_years(row[i_dy], "Year(s) of delivery")
            if years:
                attrs["delivery_years"] = years
            status = text_cell(row[i_st]).casefold()
            if status:
                attrs["status"] = status
            comments = text_cell(row[i_com])
            if comments:
                attrs["comments"] = comments
            for i, name, label in (
                (i_tu, "tiv_unit", "SIPRI TIV per unit"),
                (i_to, "tiv_order", "SIPRI TIV for total order"),
                (i_td, "tiv_delivered", "SIPRI TIV of delivered weapons"),
            ):
                value = parse_float(row[i], label)
                if value is not None:
                    attrs[name] = value
            attrs["source_type"] = "sipri"
        except BadField as e:
            reject(register, line, RowError(str(e), e.field), strict)
            continue
        except RowError as e:
            reject(register, line, e, strict)
            continue
        key = row_key(
            "sipri-row",
            (
                text_cell(row[i_rec]),
                text_cell(row[i_sup]),
                str(order_year),
                weapon,
                description,
                "" if number_ordered is None else str(number_ordered),
            ),
            seen,
        )
        yield Deal(key, supplier, recipient, line, weapon_id, attrs)


_NEW_SAME = (
    "Supplier",
    "Recipient",
    "Designation",
    "Description",
    "Armament category",
    "Order date",
    "Status",
    "TIV deal unit",
)


def new_deals(register: Register, reader: Any, header_line: int, names: list[str], strict: bool) -> Iterator[Deal]:
    """Deals of the newer export: one row per deal and delivery year, grouped by SIPRI deal ID.

    The rows of a deal are summed into one :class:`Deal` (delivery years collected; numbers
    and TIV delivered added; a flag is true when any row's is). SIPRI does not promise that
    a deal's rows are adjacent, so deals are held (one small object each, not the rows) and
    yielded in order of first appearance when the file ends.
    """
    (
        i_id,
        i_sup,
        i_rec,
        i_wd,
        i_desc,
        i_cat,
        i_oy,
        i_oy_q,
        i_nd,
        i_nd_q,
        i_dy,
        i_dy_q,
        i_st,
        i_est,
        i_tu,
        i_td,
        i_lp,
    ) = index_of(names, NEW_COLUMNS)
    same = index_of(names, _NEW_SAME)
    width = len(names)
    deals: dict[int, tuple[Deal, tuple[str, ...], dict[int, int]]] = {}
    for line, row in rows_with_lines(reader, header_line):
        register.rows += 1
        try:
            check_shape(row, width)
            sipri_id = parse_int(row[i_id], "SIPRI AT Database ID")
            if sipri_id is None:
                raise RowError("SIPRI AT Database ID: empty", "SIPRI AT Database ID")
            ident = tuple(text_cell(row[i]).casefold() for i in same)
            number = parse_int(row[i_nd], "Numbers delivered")
            tiv = parse_float(row[i_td], "TIV delivery values")
            year = parse_year(row[i_dy], "Delivery year")
            number_q = parse_flag(row[i_nd_q], "Numbers delivered is estimate")
            year_q = parse_flag(row[i_dy_q], "Delivery year is estimate")
            held = deals.get(sipri_id)
            if held is None:
                deal = _new_deal(
                    row, line, sipri_id, (i_sup, i_rec, i_wd, i_desc, i_cat, i_oy, i_oy_q, i_st, i_est, i_tu, i_lp)
                )
                held = deals[sipri_id] = (deal, ident, {})
            elif ident != held[1]:
                diff = next(n for n, a, b in zip(_NEW_SAME, ident, held[1], strict=True) if a != b)
                raise RowError(f"{diff} differs from line {held[0].line}, the first row of SIPRI deal {sipri_id}", diff)
        except BadField as e:
            reject(register, line, RowError(str(e), e.field), strict)
            continue
        except RowError as e:
            reject(register, line, e, strict)
            continue
        deal, _, by_year = held
        attrs = deal.attrs
        if number is not None:
            attrs["number_delivered"] = attrs.get("number_delivered", 0) + number
            if year is not None:
                by_year[year] = by_year.get(year, 0) + number
        elif year is not None:
            by_year.setdefault(year, 0)
        if tiv is not None:
            attrs["tiv_delivered"] = round(attrs.get("tiv_delivered", 0.0) + tiv, 6)
        attrs["number_delivered_estimate"] = attrs.get("number_delivered_estimate", False) or number_q
        attrs["delivery_years_estimate"] = attrs.get("delivery_years_estimate", False) or year_q
    for deal, _, by_year in deals.values():
        if by_year:
            years = sorted(by_year)
            deal.attrs["delivery_years"] = years
            deal.attrs["number_delivered_by_year"] = [by_year[y] for y in years]
        yield deal


def _new_deal(row: list[str], line: int, sipri_id: int, idx: tuple[int, ...]) -> Deal:
    i_sup, i_rec, i_wd, i_desc, i_cat, i_oy, i_oy_q, i_st, i_est, i_tu, i_lp = idx
    supplier = actor(row[i_sup], "Supplier")
    recipient = actor(row[i_rec], "Recipient")
    weapon = text_cell(row[i_wd])
    if not weapon:
        raise RowError("Designation: empty", "Designation")
    attrs: dict[str, Any] = {"sipri_id": sipri_id, "weapon": weapon}
    for i, name in ((i_desc, "weapon_description"), (i_cat, "category")):
        value = text_cell(row[i])
        if value:
            attrs[name] = value
    order_year = parse_year(row[i_oy], "Order date")
    if order_year is not None:
        attrs["order_year"] = order_year
    attrs["order_year_estimate"] = parse_flag(row[i_oy_q], "Order date is estimate")
    status = text_cell(row[i_st]).casefold()
    if status:
        attrs["status"] = status
    for i, name, label in ((i_tu, "tiv_unit", "TIV deal unit"), (i_est, "tiv_unit_new", "SIPRI estimate")):
        tiv = parse_float(row[i], label)
        if tiv is not None:
            attrs[name] = tiv
    attrs["local_production"] = parse_flag(row[i_lp], "Local production")
    attrs["source_type"] = "sipri"
    return Deal(f"sipri:{sipri_id}", supplier, recipient, line, weapon_key(weapon, "Designation"), attrs)
