"""Cleaning report text and cutting it into paragraphs and sentences (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words after which a full stop does not end a sentence.
ABBREVIATIONS = {  # a full stop after these ends no sentence (nor a clause: context.CLAUSE_END)
    "u.s",
    "u.k",
    "u.n",
    "e.u",
    "gen",
    "lt",
    "col",
    "maj",
    "capt",
    "sgt",
    "adm",
    "brig",
    "cmdr",
    "cdr",
    "cdre",
    "wg",
    "sqn",
    "ldr",
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "no",
    "vs",
    "inc",
    "corp",
    "co",
    "ltd",
    "jr",
    "sr",
    "prof",
    "gov",
    "sen",
    "rep",
    "fig",
}
_SPLIT = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9•])|(?<=[.!?][\"”’])\s+(?=[\"“‘]?[A-Z])")
_GLUED = re.compile(r"(?<=[a-z]{2}\.)(?=[A-Z][a-z])|(?<=\d\s[ap]\.m\.)(?=[A-Z])")
_SPACE = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")


@dataclass(frozen=True)
class Sentence:
    """A sentence and the paragraph it belongs to (0-based)."""

    text: str
    paragraph: int


def split_date_line(text: str) -> tuple[str | None, str]:
    """Take the `` date YYYY-MM-DD`` prefix off a corpus report: ``(date or None, rest)``."""
    m = _DATE_LINE.match(text)
    if not m:
        return None, text
    return m.group(1), text[m.end() :]


def clean(text: str) -> str:
    """Normalise spaces and quotes, and put back the space lost between glued sentences."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACE.sub(" ", text)
    return _GLUED.sub(" ", text)


def paragraphs(text: str) -> list[str]:
    """Non-empty lines: headlines, bullets and paragraphs are each their own block."""
    return [line.strip(" •*-\t") for line in text.split("\n") if line.strip(" •*-\t")]


def sentences(text: str) -> list[Sentence]:
    """Split cleaned text into sentences, keeping abbreviations (``U.S.``, ``Gen.``) whole."""
    out: list[Sentence] = []
    for p, block in enumerate(paragraphs(clean(text))):
        start = 0
        for m in _SPLIT.finditer(block):
            head = block[start : m.start()].rstrip('"”’)')
            last = re.search(r"([\w.]+)\.$", head)
            if last and (last.group(1).lower() in ABBREVIATIONS or re.fullmatch(r"[A-Z]", last.group(1))):
                continue
            piece = block[start : m.start()].strip()
            if piece:
                out.append(Sentence(piece, p))
            start = m.end()
        piece = block[start:].strip()
        if piece:
            out.append(Sentence(piece, p))
    return out


def first_sentence(text: str, limit: int = 200) -> str | None:
    """The first sentence, as a title for a report that has none."""
    found = sentences(text)
    if not found:
        return None
    title = found[0].text
    return title if len(title) <= limit else title[: limit - 1].rsplit(" ", 1)[0] + "…"
