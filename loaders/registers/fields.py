"""Pure parsers for the cells of SIPRI registers and analyst tables.

Each parser takes the cell text and returns a Python value, ``None`` for an empty cell, or
raises :class:`BadField` with a reason a reader can act on.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache, lru_cache

import yaml

from ..entities import DATA_DIR

MIN_YEAR = 1900
MAX_YEAR = dt.date.today().year + 10


class BadField(ValueError):
    """A cell that cannot be read; ``field`` names its column."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field


def parse_int(text: str, field: str) -> int | None:
    if text.isdigit():  # the common case, fast
        return int(text)
    text = text.strip()
    if not text:
        return None
    try:
        value = int(text)
    except ValueError:
        raise BadField(field, f"not a whole number: {text!r}") from None
    if value < 0:
        raise BadField(field, f"negative: {value}")
    return value


def parse_float(text: str, field: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        if not text.strip():
            return None
        raise BadField(field, f"not a number: {text!r}") from None
    if value != value or value < 0 or value == float("inf"):  # NaN, negative, infinite
        raise BadField(field, f"not a TIV figure: {text!r}")
    return value


def check_year(value: int, field: str) -> int:
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise BadField(field, f"year {value} outside {MIN_YEAR}..{MAX_YEAR}")
    return value


def parse_year(text: str, field: str) -> int | None:
    value = parse_int(text, field)
    return None if value is None else check_year(value, field)


_RANGE = re.compile(r"^(\d{4})\s*[-–]\s*(\d{4})$")


def parse_years(text: str, field: str) -> list[int]:
    """``'2022; 2023; 2024'``, ``'1979-1983'``, ``'1960, 1962'`` -> sorted distinct years."""
    return list(_years(text, field)) if text else []


@lru_cache(maxsize=8192)
def _years(text: str, field: str) -> tuple[int, ...]:
    years: set[int] = set()
    for part in text.replace(",", ";").split(";"):
        part = part.strip()
        if not part:
            continue
        m = _RANGE.match(part)
        if m:
            lo, hi = check_year(int(m.group(1)), field), check_year(int(m.group(2)), field)
            if hi < lo:
                raise BadField(field, f"range runs backwards: {part!r}")
            years.update(range(lo, hi + 1))
        elif part.isdigit():
            years.add(check_year(int(part), field))
        else:
            raise BadField(field, f"not a year or a range of years: {part!r}")
    return tuple(sorted(years))


_FLAGS = {"": False, "?": True, "no": False, "yes": True}


def parse_flag(text: str, field: str) -> bool:
    """SIPRI's uncertainty marks: legacy ``'?'``/empty, new format ``Yes``/``No``."""
    value = _FLAGS.get(text)
    if value is not None:
        return value
    try:
        return _FLAGS[text.strip().casefold()]
    except KeyError:
        raise BadField(field, f"expected '?', 'Yes', 'No' or nothing, not {text!r}") from None


_MONTH_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%Y-%m-%d")


def parse_generated(line: str) -> dt.date | None:
    """``'Data generated: 18 May 2026 2:29:20 PM'`` -> ``date(2026, 5, 18)``."""
    m = re.match(r"\s*(?:data\s+)?generated\s*:?\s*(.+)$", line, re.IGNORECASE)
    if not m:
        return None
    text = m.group(1).replace(",", " ")
    words = text.split()
    for n in (3, 1):
        candidate = " ".join(words[:n])
        for fmt in _MONTH_FORMATS:
            try:
                return dt.datetime.strptime(candidate, fmt).date()
            except ValueError:
                continue
    return None


# --- weapon aliases mined from comments ------------------------------------------------------

_DESIGNATION = re.compile(r"\b(?:[A-Z][A-Za-z]*\s+)?[A-Z][A-Za-z]*\s+designation\s+(?P<alias>.+)$")
_VERSION_OF = re.compile(r"\bversion of (?:the )?(?P<alias>[A-Z0-9][\w./-]*(?:[ ][A-Z0-9][\w./-]*)*)")
_SPLIT = re.compile(r"\s+(?:and|or)\s+|,\s*|/(?=[A-Z])")
_NOT_ALIAS = {"uncertain", "unknown", "not known", "not yet known"}


@lru_cache(maxsize=8192)
def mine_aliases(comments: str) -> tuple[str, ...]:
    """Designations a comment gives the weapon by, in order of appearance.

    >>> mine_aliases("Bought for use against Ukraine; Russian designation Geran-2; incl assembly")
    ('Geran-2',)
    """
    found: list[str] = []
    for part in comments.split(";"):
        part = part.strip()
        for rx in (_DESIGNATION, _VERSION_OF):
            m = rx.search(part)
            if not m:
                continue
            text = m.group("alias").split(" (")[0].strip().rstrip(").,")
            if text.casefold() in _NOT_ALIAS or text.casefold().startswith("uncertain"):
                continue
            for alias in _SPLIT.split(text):
                alias = alias.strip()
                if alias and len(alias) <= 80 and alias not in found:
                    found.append(alias)
    return tuple(found)


# --- armament category of a legacy description -----------------------------------------------


@cache
def _category_rules() -> list[tuple[re.Pattern[str], str | None]]:
    data = yaml.safe_load((DATA_DIR / "sipri_categories.yaml").read_text(encoding="utf-8")) or {}
    return [(re.compile(rx), cat) for rx, cat in data.get("rules") or []]


@lru_cache(maxsize=4096)
def category_of(description: str) -> str | None:
    """SIPRI armament category for a legacy 'Weapon description', or ``None`` when unclear.

    >>> category_of("one-way attack drone") is None, category_of("fighter aircraft")
    (True, 'Aircraft')
    """
    text = " ".join(description.casefold().split())
    for rx, category in _category_rules():
        if rx.search(text):
            return category
    return None
