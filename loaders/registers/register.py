"""The shared shapes of register readers (deals, quarantine, registers) and their line reading.

A register file is read once, line by line, as bytes: each line is decoded as UTF-8 when it
is valid UTF-8 and as Windows-1252 / ISO-8859-1 otherwise (SIPRI's legacy export is
ISO-8859-1, its newer one UTF-8 with a BOM), so a file is never held in memory whole.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import InputError
from .actors import Actor
from .fields import mine_aliases

SNIFF_BYTES = 256 * 1024
BOM = b"\xef\xbb\xbf"


@dataclass(slots=True)
class Deal:
    """One arms-transfer deal: a ``SUPPLIES`` edge from ``supplier`` to ``recipient``.

    ``key`` is ``sipri:<SIPRI deal ID>`` where the file gives an ID, otherwise a hash of the
    row's identifying fields plus its occurrence number (see :func:`row_key`). ``line`` is the
    1-based line of the deal's first row in the file. ``attrs`` holds the edge properties.
    """

    key: str
    supplier: Actor
    recipient: Actor
    line: int
    weapon_key: str
    attrs: dict[str, Any] = field(default_factory=dict)

    def properties(self) -> dict[str, Any]:
        """Neo4j-ready edge properties (str, int, float, bool, list[int], list[str]; never None).

        See ``loaders/registers/sipri.py`` for the meaning of each name.
        """
        return dict(self.attrs)

    def weapon_aliases(self) -> list[str]:
        """Other designations of the weapon mined from the comments ("Russian designation Geran-2")."""
        comments = self.attrs.get("comments")
        return list(mine_aliases(comments)) if comments else []


@dataclass(frozen=True, slots=True)
class Quarantined:
    """A row that was not loaded: the file, its 1-based line and why."""

    file: str
    line: int
    reason: str


@dataclass(eq=False)
class Register:
    """An opened register: its provenance, and its deals streamed as ``deals`` is iterated.

    ``quarantine`` fills while ``deals`` runs (it is complete once ``deals`` is exhausted);
    ``rows`` counts the data rows read so far (for progress bars). Close it, or use it as a
    context manager, to release the file if the iteration is abandoned.
    """

    source_key: str
    title: str
    generated: dt.date | None
    format: str
    path: Path
    encoding: str
    deals: Iterator[Deal] = field(repr=False)
    quarantine: list[Quarantined] = field(default_factory=list, repr=False)
    rows: int = 0
    _handle: BinaryIO | None = field(default=None, repr=False)

    def close(self) -> None:
        close = getattr(self.deals, "close", None)
        if close is not None:
            close()
        if self._handle is not None:
            self._handle.close()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def decode_line(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            return raw.decode("iso-8859-1")


@dataclass
class Opened:
    """A table opened for streaming: the handle, its first bytes, its lines as text, and the
    encoding they are read in."""

    handle: BinaryIO
    head: bytes
    lines: Iterator[str]
    encoding: str


def open_lines(path: Path, encoding: str | None = None, stated: str | None = None) -> Opened:
    """Open a file for streaming, its encoding chosen by :func:`loaders.textio.table_encoding`
    (``encoding`` as given with ``--encoding``; ``stated`` as the file's format documents it)."""
    from ..textio import table_encoding

    try:
        handle = path.open("rb")
    except OSError as e:
        raise InputError(str(path), f"cannot read: {e.strerror}") from None
    head = handle.read(SNIFF_BYTES)
    handle.seek(0)
    if not head.strip():
        handle.close()
        raise InputError(str(path), "file is empty")
    if b"\x00" in head[:8192]:
        handle.close()
        raise InputError(str(path), "file looks binary (it holds NUL bytes)")
    try:
        chosen = table_encoding(path, encoding, stated)
    except InputError:
        handle.close()
        raise
    codec = "utf-8" if chosen == "utf-8-sig" else chosen

    def lines() -> Iterator[str]:
        first = True
        for raw in handle:
            if first:
                first = False
                if raw.startswith(BOM):
                    raw = raw[3:]
            yield raw.decode(codec)

    return Opened(handle, head, lines(), chosen)


def read_preamble(lines: Iterator[str], is_header: Any, limit: int = 60) -> tuple[list[str], str, int]:
    """Consume lines up to the header: (preamble lines, header line, header's 1-based number)."""
    preamble: list[str] = []
    for number, line in enumerate(lines, start=1):
        if is_header(line):
            return preamble, line, number
        preamble.append(line.rstrip("\r\n"))
        if number >= limit:
            break
    raise ValueError("no header line")


def row_key(prefix: str, fields: Iterable[str], seen: dict[str, int]) -> str:
    """Key from the identifying fields (case folded; pass them trimmed) plus an occurrence number.

    ``seen`` counts the rows of the file with the same identifying fields so far, so rows that
    are exact copies (SIPRI lists some deals twice) get keys ``...-1``, ``...-2``.
    """
    text = "\x00".join(fields).casefold()
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()
    n = seen.get(digest, 0) + 1
    seen[digest] = n
    return f"{prefix}:{digest}-{n}"


class RowError(ValueError):
    """A data row to quarantine (or to raise in strict mode)."""

    def __init__(self, reason: str, field: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.field = field


def reject(register: Register, line: int, error: RowError, strict: bool) -> None:
    """Quarantine a bad row, or raise :class:`InputError` for it in strict mode."""
    if strict:
        raise InputError(str(register.path), error.reason, line=line, field=error.field)
    register.quarantine.append(Quarantined(str(register.path), line, error.reason))
