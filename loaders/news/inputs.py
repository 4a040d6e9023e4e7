"""Reading report files: corpus ``.txt``, plain text with ``--date``, HTML and JSON Lines."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from ..claims import check_source_url
from ..entities import EmptyKey, slugify
from ..errors import InputError
from ..textio import read_text
from .segment import split_date_line

HOW_TO_DATE = "give the publication date with --date YYYY-MM-DD or a first line ' date YYYY-MM-DD'"


@dataclass(frozen=True)
class Report:
    """One report's text and provenance."""

    id: str
    text: str
    published: dt.date
    title: str | None = None
    url: str | None = None


def parse_date(value: object, source: str, line: int | None = None) -> dt.date:
    """A ``YYYY-MM-DD`` date, or an :class:`InputError` that says how to give one."""
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise InputError(source, f"bad date {str(value)[:40]!r}: {HOW_TO_DATE}", line=line, field="date") from None


def from_text(text: str, source: str, stem: str, date: str | None) -> Report:
    """A ``.txt`` report: the `` date`` first line wins over ``--date``."""
    found, body = split_date_line(text)
    if found is None and date is None:
        raise InputError(source, f"the report has no date: {HOW_TO_DATE}")
    if not body.strip():
        raise InputError(source, "the report has no text after its date line")
    return Report(stem, body, parse_date(found or date, source))


def from_html(raw: str, source: str, stem: str, date: str | None) -> Report:
    """An HTML page: its <title> and the text of its main content, without script/style/nav."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(raw)
    title_node = tree.css_first("title")
    title = title_node.text(strip=True) if title_node else None
    published = date
    for sel in (
        'meta[property="article:published_time"]',
        'meta[name="date"]',
        'meta[itemprop="datePublished"]',
    ):
        node = tree.css_first(sel)
        if node is not None and node.attributes.get("content") and published is None:
            published = node.attributes["content"]
    tree.strip_tags(["script", "style", "nav", "header", "footer", "aside", "noscript", "form", "svg", "iframe"])
    root = tree.css_first("article") or tree.css_first("main") or tree.body or tree.root
    blocks = [n.text(separator=" ", strip=True) for n in root.css("h1, h2, h3, p, li")] if root else []
    text = "\n".join(b for b in blocks if b) or (root.text(separator="\n", strip=True) if root else "")
    if not text.strip():
        raise InputError(source, "no text found in the HTML page")
    found, body = split_date_line(text)
    if found is None and published is None:
        raise InputError(source, f"the report has no date: {HOW_TO_DATE}")
    return Report(stem, body, parse_date(found or published, source), title or None)


def from_jsonl(raw: str, source: str, stem: str, date: str | None) -> list[Report]:
    """JSON Lines of ``{date, title, url, text}``; a bad line is an error naming the line."""
    out: list[Report] = []
    ids: set[str] = set()
    for n, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(source, f"not valid JSON: {e.msg}", line=n) from None
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not rec["text"].strip():
            raise InputError(source, "each line must be an object with a non-empty 'text'", line=n, field="text")
        when = rec.get("date") or date
        if not when:
            raise InputError(source, f"the report has no date: {HOW_TO_DATE}", line=n, field="date")
        title = rec.get("title") if isinstance(rec.get("title"), str) else None
        try:
            rid = slugify(title)[:80] if title else f"{stem}-{n}"
        except EmptyKey:  # a title of punctuation alone: the file and line name the report
            rid = f"{stem}-{n}"
        while rid in ids:
            rid = f"{rid}-{n}"
        ids.add(rid)
        url = rec.get("url") if isinstance(rec.get("url"), str) else None
        try:
            url = check_source_url(url)
        except ValueError as e:
            raise InputError(source, f"url: {e}", line=n, field="url") from None
        out.append(Report(rid, rec["text"], parse_date(when, source, n), title, url))
    if not out:
        raise InputError(source, "no reports in the file")
    return out


def read_reports(path: Path, date: str | None = None) -> list[Report]:
    """The reports in one file, chosen by its suffix (``.html``/``.htm``, ``.jsonl``, else text)."""
    if date is not None:
        parse_date(date, "--date")
    raw = read_text(path)
    source, stem, suffix = str(path), path.stem, path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return from_jsonl(raw, source, stem, date)
    if suffix in (".html", ".htm") or raw.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        return [from_html(raw, source, stem, date)]
    return [from_text(raw, source, stem, date)]
