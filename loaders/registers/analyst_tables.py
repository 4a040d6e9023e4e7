"""Analysts' own tables of arms transfers, as CSV.

The format
----------
A UTF-8 CSV file (a BOM and Windows-1252 are accepted too). Lines starting with ``#`` may come
before the header: ``# title: ...`` and ``# generated: 2026-05-18`` give the table's title and
date; other ``#`` lines are notes. The header names the columns, in any order:

=================== ======== =================================================================
column              required meaning
=================== ======== =================================================================
``supplier``        yes      who supplies: a state (``Iran``), a SIPRI-style name
                             (``Houthi rebels (Yemen)*``, ``NATO**``) or an organisation
``recipient``       yes      who receives, named the same way
``weapon``          yes      weapon designation (``Shahed-136``); the cell may be empty
``year``            yes      the year the transfer is reported for, 1900..this year + 10
``quantity``        yes      number of items, a whole number; the cell may be empty
``status``          yes      claim status: ``reported``, ``agreed``, ``delivered``, ``denied``,
                             ``alleged`` or ``planned``
``source``          yes      where it comes from: a URL or a citation; not empty
``supplier_type``   no       ``Country`` or ``Organization``; empty means "work it out"
``recipient_type``  no       the same for the recipient
``delivered_year``  no       year of delivery
``evidence``        no       a quote or note supporting the row
``date``            no       date of the claim, ``YYYY-MM-DD``
=================== ======== =================================================================

Each row becomes a :class:`~loaders.registers.register.Deal` (the same stream as a SIPRI register, so
the same writer loads it) keyed ``transfer:<hash>-<n>`` over supplier, recipient, weapon, year,
status and source, ``n`` numbering identical rows. Its properties: ``weapon``, ``year``,
``quantity``, ``status``, ``sources`` (``[source]``), ``delivery_years`` (``[delivered_year]``),
``evidence``, ``date`` (ISO text) and ``source_type`` = ``"analyst"``, each absent when empty.
Bad rows go to the register's quarantine with their line and reason, or raise in strict mode.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graph.model import MODEL

from ..entities import EmptyKey, resolve, slugify
from ..errors import InputError
from .actors import Actor, UnknownActor, resolve_actor
from .fields import BadField, parse_generated, parse_int, parse_year
from .register import Deal, Register, RowError, open_lines, reject, row_key
from .sipri_layouts import check_shape, file_slug, rows_with_lines, text_cell

REQUIRED = ("supplier", "recipient", "weapon", "year", "quantity", "status", "source")
OPTIONAL = ("supplier_type", "recipient_type", "delivered_year", "evidence", "date")
STATUSES = MODEL.statuses
# The ends a SUPPLIES edge allows, by their lower-cased name (and the British spelling).
TYPES = {label.casefold(): label for label in MODEL.relationships["SUPPLIES"].sources} | {
    "organisation": "Organization"
}
FORMAT = "transfers"


def _cells(line: str) -> list[str]:
    try:
        return [c.strip().casefold() for c in next(csv.reader([line]))]
    except (csv.Error, StopIteration):
        return []


def is_header(line: str) -> bool:
    """True when ``line`` is a transfers-table header (it names every required column)."""
    return set(REQUIRED) <= set(_cells(line.lstrip("\ufeff")))


def read_transfers(path: Path | str, *, strict: bool = False, encoding: str | None = None) -> Register:
    """Open an analyst transfers table; ``register.deals`` streams its rows as deals."""
    path = Path(path)
    opened = open_lines(path, encoding)
    handle, lines = opened.handle, opened.lines
    title, generated = path.stem, None
    header_line, names = 0, []
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if text.startswith("#"):
            note = text.lstrip("#").strip()
            if note.casefold().startswith("title:"):
                title = note.split(":", 1)[1].strip() or title
            generated = parse_generated(note) or generated
            continue
        if not text:
            continue
        if is_header(line):
            header_line, names = number, _cells(line)
        break
    if not names:
        handle.close()
        raise InputError(
            str(path),
            f"not a transfers table: the first line after the '#' notes must be a header naming {', '.join(REQUIRED)}",
            line=header_line or None,
        )
    slug = file_slug(path)
    register = Register(
        source_key=slug if slug.startswith("transfers-") else f"transfers-{slug}",
        title=title,
        generated=generated,
        format=FORMAT,
        path=path,
        encoding=opened.encoding,
        deals=iter(()),
        _handle=handle,
    )

    def deals() -> Iterator[Deal]:
        try:
            yield from _rows(register, csv.reader(lines), header_line, names, strict)
        finally:
            handle.close()

    register.deals = deals()
    return register


def _actor(name: str, kind: str, field: str) -> Actor:
    name = " ".join(name.split())
    if not name:
        raise RowError(f"{field}: empty", field)
    wanted = TYPES.get(kind.strip().casefold()) if kind.strip() else None
    if kind.strip() and wanted is None:
        raise RowError(f"{field}_type: {kind!r} is not Country or Organization", f"{field}_type")
    try:
        found = resolve_actor(name)
    except UnknownActor:
        found = None
    except EmptyKey as e:
        raise RowError(f"{field}: {e}", field) from None
    if wanted == "Country":
        if found is None or found.type != "Country":
            raise RowError(f"{field}: {name!r} is not a known country", field)
        return found
    if found is not None and (wanted is None or name.endswith("*") or found.type == wanted):
        return found
    try:
        hit = resolve(name, "Organization")
    except EmptyKey as e:
        raise RowError(f"{field}: {e}", field) from None
    return Actor(hit.key, hit.name, hit.type)


def _rows(register: Register, reader: Any, header_line: int, names: list[str], strict: bool) -> Iterator[Deal]:
    col = {n: i for i, n in enumerate(names)}
    width = len(names)
    seen: dict[str, int] = {}

    def cell(row: list[str], name: str) -> str:
        i = col.get(name)
        return row[i].strip() if i is not None else ""

    for line, row in rows_with_lines(reader, header_line):
        register.rows += 1
        try:
            check_shape(row, width)
            supplier = _actor(cell(row, "supplier"), cell(row, "supplier_type"), "supplier")
            recipient = _actor(cell(row, "recipient"), cell(row, "recipient_type"), "recipient")
            status = cell(row, "status").casefold()
            if status not in STATUSES:
                raise RowError(f"status: {cell(row, 'status')!r} is not one of {', '.join(STATUSES)}", "status")
            year = parse_year(cell(row, "year"), "year")
            if year is None:
                raise RowError("year: empty", "year")
            source = text_cell(cell(row, "source"))
            if not source:
                raise RowError("source: empty", "source")
            weapon = text_cell(cell(row, "weapon"))
            try:
                weapon_id = slugify(weapon) if weapon else ""
            except EmptyKey as e:
                raise RowError(f"weapon: {e}", "weapon") from None
            attrs: dict[str, Any] = {}
            if weapon:
                attrs["weapon"] = weapon
            attrs["year"] = year
            quantity = parse_int(cell(row, "quantity"), "quantity")
            if quantity is not None:
                attrs["quantity"] = quantity
            attrs["status"] = status
            attrs["sources"] = [source]
            delivered = parse_year(cell(row, "delivered_year"), "delivered_year")
            if delivered is not None:
                attrs["delivery_years"] = [delivered]
            evidence = text_cell(cell(row, "evidence"))
            if evidence:
                attrs["evidence"] = evidence
            date = cell(row, "date")
            if date:
                try:
                    attrs["date"] = dt.date.fromisoformat(date).isoformat()
                except ValueError:
                    raise RowError(f"date: {date!r} is not YYYY-MM-DD", "date") from None
            attrs["source_type"] = "analyst"
        except BadField as e:
            reject(register, line, RowError(str(e), e.field), strict)
            continue
        except RowError as e:
            reject(register, line, e, strict)
            continue
        key = row_key("transfer", (supplier.key, recipient.key, weapon, str(year), status, source), seen)
        yield Deal(key, supplier, recipient, line, weapon_id, attrs)
