"""What the relation patterns share: the sentence context and the facts they return."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..entities import Resolved
from .mentions import DocState, Mention
from .segment import ABBREVIATIONS

NAME_WORD = r"[A-Z]\w*(?:['’][A-Z]\w*)?(?:-[A-Za-z]\w*(?:['’][A-Z]\w*)?)?"  # O'Neill, Jean-Yves; not "Name's"
INITIALS = r"(?:[A-Z]\.\s?){1,3}"  # "A. B. Name", "John F. Name"
NAME = (
    rf"(?:{INITIALS}\s*)?{NAME_WORD}"
    rf"(?:\s+(?:(?:bin|ibn|al|el|de|da|van|von|der|le|la|del|dos)\s+|{INITIALS}\s*)?(?:(?:al|el|ad|as|ash|at|az)-)?"
    rf"{NAME_WORD}){{0,5}}(?:,?\s+Jr\.)?"
)
# "Hyundai Rotem Co. will ship": an abbreviation's full stop (the sentence splitter's list) or an initial's ends no
# clause; tested only where a full stop is
_ABBREVIATED = r"(?<!\b[A-Z]\.)" + "".join(rf"(?<!\b(?i:{re.escape(a)})\.)" for a in sorted(ABBREVIATIONS))
CLAUSE_END = re.compile(rf"[;:]|\s[–—]\s|,\s+(?:but|while|whereas|which)\b|\.{_ABBREVIATED}\s")
BE = re.compile(r"\b(?:is|are|was|were|been|being|be)\s+(?:\w+ly\s+)?$")


@dataclass
class Hit:
    """A fact found in one sentence, before the report's facts are merged."""

    subject: Resolved
    predicate: str
    object: Resolved
    evidence: str
    weapons: list[Mention] = field(default_factory=list)
    date: dt.date | None = None
    status: str = "reported"
    role: str | None = None
    surfaces: list[tuple[Resolved, str]] = field(default_factory=list)
    rule: str = ""
    guessed: bool = False  # a transfer whose supplier was only guessed (the last one named, the maker)


@dataclass
class Context:
    """A sentence, its mentions and the report state the patterns read and update."""

    text: str
    mentions: list[Mention]
    doc: DocState
    published: dt.date
    last_supply: list[tuple[Resolved, Resolved]]

    def actors(self, lo: int = 0, hi: int | None = None) -> list[Mention]:
        hi = len(self.text) if hi is None else hi
        return [m for m in self.mentions if m.actor and lo <= m.start < hi]

    def weapons(self, lo: int = 0, hi: int | None = None) -> list[Mention]:
        hi = len(self.text) if hi is None else hi
        return [m for m in self.mentions if m.kind == "weapon" and lo <= m.start < hi]

    def at(self, pos: int) -> Mention | None:
        return next((m for m in self.mentions if m.start <= pos < m.end), None)

    def clause(self, pos: int) -> tuple[int, int]:
        lo = max((m.end() for m in CLAUSE_END.finditer(self.text, 0, pos)), default=0)
        nxt = CLAUSE_END.search(self.text, pos)
        return lo, nxt.start() if nxt else len(self.text)
