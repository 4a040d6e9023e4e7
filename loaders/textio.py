"""Reading input files safely: size limits, encodings, binary detection."""

from __future__ import annotations

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
