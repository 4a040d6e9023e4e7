"""Reading input files safely: size limits, encodings, binary detection."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import InputError

MAX_BYTES = 20 * 1024 * 1024


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """Read a text file, refusing missing, empty, oversized and binary files with a clear message.

    UTF-8 (with or without a BOM) is tried first; other encodings are detected.
    """
    try:
        size = path.stat().st_size
    except OSError as e:
        raise InputError(str(path), f"cannot read: {e.strerror}") from None
    if size > max_bytes:
        raise InputError(str(path), f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit")
    data = path.read_bytes()
    return decode(data, str(path))


def decode(data: bytes, source: str) -> str:
    if not data.strip():
        raise InputError(source, "file is empty")
    if b"\x00" in data[:8192]:
        raise InputError(source, "file looks binary (it holds NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        best = from_bytes(data).best()
        if best is None or best.encoding in ("utf_8",):
            line = data[: e.start].count(b"\n") + 1
            raise InputError(source, f"not valid UTF-8 (byte {e.start})", line=line) from None
        return str(best)


#: Byte-level encodings a table may be read in: each byte sequence of a line decodes on its own.
_NOT_LINEWISE = ("utf_16", "utf_32", "utf_7")


def _first_bad_line(path: Path, encoding: str) -> tuple[int, int] | None:
    """The 1-based line and the value of the first byte that does not decode, or None."""
    with path.open("rb") as f:
        for number, raw in enumerate(f, start=1):
            try:
                raw.decode(encoding)
            except UnicodeDecodeError as e:
                return number, raw[e.start]
    return None


def _has_c1_bytes(path: Path) -> bool:
    """Whether the file holds bytes 0x80-0x9f (control characters in ISO-8859-1, letters and
    punctuation in cp1252), read a block at a time."""
    with path.open("rb") as f:
        return any(re.search(rb"[\x80-\x9f]", block) for block in iter(lambda: f.read(1 << 20), b""))


def table_encoding(path: Path, declared: str | None = None, stated: str | None = None) -> str:
    """The encoding to read a table in: ``declared`` (``--encoding``), checked over the whole
    file; else UTF-8 (with or without a BOM) when every line is valid UTF-8; else ``stated``, the
    encoding the file's format documents (SIPRI's legacy export is ISO-8859-1), unless the file
    holds bytes that are control characters in it (it is then something else, such as cp1252).

    Anything else is refused with the line of the first byte that is not UTF-8, never guessed:
    a wrong guess changes names silently (``è`` read as ``č``: charset-normalizer takes the SIPRI
    register for cp1250, and KOI8-R Russian for Shift JIS), and distinct names collapse. Its
    best guess is named in the message, as a hint for ``--encoding``.
    """
    if declared is not None:
        try:
            name = codecs.lookup(declared).name
        except LookupError:
            raise InputError(str(path), f"unknown encoding {declared!r} (try utf-8, cp1252, iso-8859-1)") from None
        if name.startswith(_NOT_LINEWISE):
            raise InputError(str(path), f"{declared} is not supported for tables: convert the file to UTF-8")
        bad = _first_bad_line(path, name)
        if bad is not None:
            line, byte = bad
            raise InputError(str(path), f"byte 0x{byte:02x} is not valid {declared}", line=line)
        return name
    bad = _first_bad_line(path, "utf-8")
    if bad is None:
        with path.open("rb") as f:
            return "utf-8-sig" if f.read(3) == codecs.BOM_UTF8 else "utf-8"
    if stated is not None and not _has_c1_bytes(path):
        return stated
    line, byte = bad
    with path.open("rb") as f:
        guess = from_bytes(f.read(1 << 20)).best()
    hint = f" (charset-normalizer's guess, unchecked: {guess.encoding})" if guess is not None else ""
    raise InputError(
        str(path),
        f"not UTF-8 (byte 0x{byte:02x}), and armsgraph does not guess encodings: give the file's encoding with "
        f"--encoding, for example cp1252 or iso-8859-1{hint}, or save it as UTF-8",
        line=line,
    )
