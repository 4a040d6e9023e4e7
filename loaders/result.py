"""What a load did: the files read, the records written and what was skipped or quarantined.

Its own module so that the claims loader (:mod:`loaders.load`) and the register writer both
return it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.writer import WriteStats


@dataclass
class LoadResult:
    """What one load did: per file, how many records, and what was quarantined."""

    files: list[str] = field(default_factory=list)
    documents: int = 0
    facts: int = 0
    deals: int = 0
    skipped: list[str] = field(default_factory=list)
    quarantined: list[str] = field(default_factory=list)
    stats: WriteStats = field(default_factory=WriteStats)

    def as_dict(self) -> dict[str, object]:
        return {
            "files": self.files,
            "documents": self.documents,
            "facts": self.facts,
            "deals": self.deals,
            "skipped": self.skipped,
            "quarantined": self.quarantined,
            **self.stats.as_dict(),
        }
