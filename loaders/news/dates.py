"""Dates in report text, resolved against the publication date (pure).

Only expressions that name a day give a date: ``on October 6`` -> 2022-10-06, ``on Tuesday``
-> the last Tuesday on or before publication, ``today`` -> the publication date. A month
alone, ``last week`` or ``earlier this month`` name no day and give ``None``. A date that
qualifies a verb of saying (``said on Monday``, ``reported on Aug. 27``) dates the saying,
not the event, and is skipped.

A hand-written matcher is used rather than ``dateparser``: it is about a hundred times faster
on this kind of text and never guesses a day from a month.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}

_M = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_MDY = re.compile(r"\b" + _M + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{4}))?", re.I)
_DMY = re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _M + r"(?:,?\s+(?P<year>\d{4}))?\b", re.I)
_WEEKDAY = re.compile(r"\b(?P<wd>" + "|".join(WEEKDAYS) + r")\b", re.I)
_RELATIVE = re.compile(r"\b(?P<rel>today|yesterday|tonight|this morning|this afternoon)\b", re.I)
_SAYING = re.compile(
    r"\b(?:said|says|told|reported|announced|stated|wrote|added|published|updated)\s+(?:on\s+|late\s+|early\s+)?$",
    re.I,
)


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _calendar(m: re.Match[str], published: dt.date) -> dt.date | None:
    month = MONTHS[m.group("mon").lower()]
    day = int(m.group("day"))
    if m.group("year"):
        return _safe(int(m.group("year")), month, day)
    found = _safe(published.year, month, day)
    if found and found > published + dt.timedelta(days=7):
        found = _safe(published.year - 1, month, day)
    return found


def find_dates(text: str, published: dt.date) -> list[tuple[int, dt.date]]:
    """Every day-precise date in ``text`` as ``(offset, date)``, in order of appearance."""
    found: list[tuple[int, dt.date]] = []
    taken: list[tuple[int, int]] = []
    for rx in (_MDY, _DMY):
        for m in rx.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            if m.group("mon").lower() == "may" and not m.group(0)[0].isupper():
                continue  # the verb "may"
            if _SAYING.search(text[: m.start()]):
                continue
            day = _calendar(m, published)
            if day:
                found.append((m.start(), day))
                taken.append((m.start(), m.end()))
    for m in _WEEKDAY.finditer(text):
        if any(s <= m.start() < e for s, e in taken) or _SAYING.search(text[: m.start()]):
            continue
        back = (published.weekday() - WEEKDAYS[m.group("wd").lower()]) % 7
        found.append((m.start(), published - dt.timedelta(days=back)))
    for m in _RELATIVE.finditer(text):
        if _SAYING.search(text[: m.start()]):
            continue
        shift = 1 if m.group("rel").lower() == "yesterday" else 0
        found.append((m.start(), published - dt.timedelta(days=shift)))
    return sorted(found)


def date_near(text: str, published: dt.date, offset: int = 0) -> dt.date | None:
    """The day-precise date of ``text`` closest to ``offset`` (the trigger word), or ``None``."""
    found = find_dates(text, published)
    if not found:
        return None
    return min(found, key=lambda f: (abs(f[0] - offset), f[0]))[1]
