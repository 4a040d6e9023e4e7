"""SIPRI Arms Transfers Database exports: detect the format, stream the deals.

Two formats, both as SIPRI's web interface writes them: a preamble (title, notes,
``Data generated: 18 May 2026 2:29:20 PM``), then a CSV header and rows.

``sipri-legacy``
    The trade register: ``Recipient,Supplier,Year of order, ,Number ordered, ,...``, one row
    per deal, blank header cells holding the '?' uncertainty flag of the column before them,
    no deal ID, ISO-8859-1.
``sipri-new``
    ``SIPRI AT Database ID,Supplier,Recipient,Designation,...``, one row per deal and delivery
    year, ``... is estimate`` Yes/No flags, UTF-8 (possibly with a BOM).

Use::

    with read_register(path) as register:
        for deal in register.deals:          # streamed: the file is read once
            ...
        register.quarantine                  # rows that were not loaded, with line and reason

Deal properties (``Deal.properties()``, the ``SUPPLIES`` edge's properties; absent when the
file leaves them empty, never ``None``):

======================== ============ ==========================================================
``weapon``               str          weapon designation (``Shahed-136``)
``weapon_description``   str          SIPRI's description (``one-way attack drone``)
``category``             str          armament category (``Aircraft``, ``Missiles``...): given by
                                      the new format; derived from the description for legacy
                                      rows where ``data/sipri_categories.yaml`` maps it clearly
``number_ordered``       int          number ordered (legacy only)
``number_delivered``     int          number delivered (new format: summed over delivery years)
``order_year``           int          year of order
``delivery_years``       list[int]    years of delivery, sorted (``'2022; 2023'``, ``1979-1983``)
``number_delivered_by_year`` list[int] new format only: number delivered in each of
                                      ``delivery_years``, in the same order
``*_estimate``           bool         SIPRI's uncertainty flags ('?' or ``... is estimate``):
                                      ``number_ordered_estimate``, ``number_delivered_estimate``,
                                      ``order_year_estimate`` (both formats),
                                      ``delivery_years_estimate`` (new format only)
``status``               str          ``new``, ``second hand``, ``second hand but modernized``
``comments``             str          SIPRI's comments (legacy only)
``tiv_unit``             float        SIPRI TIV per unit (new format: ``TIV deal unit``)
``tiv_unit_new``         float        new format only: ``SIPRI estimate``, the TIV per unit of a
                                      new weapon before the discount for second-hand status
``tiv_order``            float        SIPRI TIV for the total order (legacy only)
``tiv_delivered``        float        SIPRI TIV of delivered weapons (new format: summed)
``local_production``     bool         new format only: ``Local production``
``sipri_id``             int          SIPRI AT Database ID (new format only)
``source_type``          str          ``sipri``
======================== ============ ==========================================================

TIV figures are in millions. A ``tiv_order`` of 0 beside a ``tiv_delivered`` of 264 is SIPRI's
own figure (0 means under 0.5 million TIV), kept as is.

Keys: ``sipri:<SIPRI AT Database ID>`` in the new format. The legacy register has no ID, so
its key is ``sipri-row:<hash>-<n>``: a hash of recipient, supplier, order year, designation,
description and number ordered (the fields a re-export keeps while deliveries, TIVs and
comments are revised), and ``n``, the row's occurrence among rows with the same fields. The
9 rows that SIPRI lists twice get ``-1`` and ``-2`` and stay separate edges. Rows whose
identifying fields are the same but whose other cells differ are numbered in file order, so
reordering such rows in a file may swap their keys (the edges join the same actors).
"""

from __future__ import annotations

import csv
from pathlib import Path

from ..errors import InputError
from .actors import Actor, UnknownActor, resolve_actor
from .fields import parse_generated
from .register import Deal, Quarantined, Register, decode_line, open_lines, read_preamble
from .sipri_layouts import LEGACY_COLUMNS, NEW_COLUMNS, column_names, file_slug, index_of, legacy_deals, new_deals

__all__ = ["Actor", "Deal", "Quarantined", "Register", "UnknownActor", "detect", "read_register", "resolve_actor"]

LEGACY, NEW, TRANSFERS = "sipri-legacy", "sipri-new", "transfers"


def header_format(line: str) -> str | None:
    """The format a header line opens, or ``None`` when the line is no known header."""
    text = line.lstrip("\ufeff").lstrip().casefold()
    if text.startswith("recipient,supplier,year of order"):
        return LEGACY
    if text.startswith("sipri at database id,"):
        return NEW
    if not text or text.startswith("#"):
        return None
    from .analyst_tables import is_header

    return TRANSFERS if is_header(line) else None


def detect(path: Path | str) -> str | None:
    """Sniff the header: ``"sipri-legacy"``, ``"sipri-new"``, ``"transfers"`` or ``None``.

    Reads at most the first 64 KB; a missing or unreadable file is ``None``.
    """
    try:
        with Path(path).open("rb") as f:
            head = f.read(65536)
    except OSError:
        return None
    for raw in head.splitlines()[:60]:
        fmt = header_format(decode_line(raw.removeprefix(b"\xef\xbb\xbf")))
        if fmt is not None:
            return fmt
    return None


def source_key(path: Path, prefix: str) -> str:
    """``trade-register-all-1950-2025.csv`` -> ``sipri-trade-register-all-1950-2025``."""
    slug = file_slug(path)
    return slug if slug.startswith(prefix + "-") else f"{prefix}-{slug}"


def read_register(path: Path | str, *, strict: bool = False, encoding: str | None = None) -> Register:
    """Open a SIPRI export and return its :class:`Register`; ``deals`` streams its deals.

    An analyst transfers table (see :mod:`loaders.registers.analyst_tables`) is read too, so one call
    opens any of the three formats ``detect`` names; ``register.format`` says which.

    Bad rows (wrong column count, a year outside 1900..this year + 10, an empty or unknown
    supplier or recipient, a number or TIV that is not one) go to ``register.quarantine``
    with their line; with ``strict=True`` the first one raises :class:`InputError` instead.
    A file that is not a SIPRI export raises :class:`InputError` at once, and so does one whose
    encoding is neither ``encoding``, UTF-8 nor the format's own (ISO-8859-1 for the legacy export)
    (:func:`loaders.textio.table_encoding`).
    """
    path = Path(path)
    opened = open_lines(path, encoding, stated="iso-8859-1" if detect(path) == LEGACY else None)
    handle, lines = opened.handle, opened.lines
    try:
        preamble, header, header_line = read_preamble(lines, lambda ln: header_format(ln) is not None)
    except ValueError:
        handle.close()
        raise InputError(
            str(path),
            "not a SIPRI export nor a transfers table: no 'Recipient,Supplier,...', "
            "'SIPRI AT Database ID,...' or 'supplier,recipient,weapon,...' header "
            "in the first lines",
        ) from None
    fmt = header_format(header)
    if fmt == TRANSFERS:
        handle.close()
        from .analyst_tables import read_transfers

        return read_transfers(path, strict=strict, encoding=encoding)
    names = column_names(next(csv.reader([header])))
    try:
        index_of(names, LEGACY_COLUMNS if fmt == LEGACY else NEW_COLUMNS)
    except KeyError as e:
        handle.close()
        raise InputError(str(path), f"the header has no column {e.args[0]!r}", line=header_line) from None
    generated = None
    for text in preamble:
        generated = parse_generated(text) or generated
    title = next((" ".join(t.split()) for t in preamble if t.strip()), path.stem)
    register = Register(
        source_key=source_key(path, "sipri"),
        title=title,
        generated=generated,
        format=fmt or LEGACY,
        path=path,
        encoding=opened.encoding,
        deals=iter(()),
        _handle=handle,
    )
    make = legacy_deals if fmt == LEGACY else new_deals
    register.deals = _closing(make(register, csv.reader(lines), header_line, names, strict), handle)
    return register


def _closing(deals, handle):  # type: ignore[no-untyped-def]
    """Yield from ``deals`` and close the file when they run out (or the generator is closed)."""
    try:
        yield from deals
    finally:
        handle.close()
