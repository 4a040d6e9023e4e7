"""Every Cypher statement lives in ``cypher/<name>.cypher``; this loads them by name."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import cypher

CYPHER_DIR = Path(cypher.__file__).parent


@cache
def query(name: str) -> str:
    """The text of ``cypher/<name>.cypher`` (comments kept: Neo4j ignores them)."""
    path = CYPHER_DIR / f"{name}.cypher"
    if not path.is_file():
        raise KeyError(f"no Cypher file named {name!r} in {CYPHER_DIR}")
    return path.read_text(encoding="utf-8")


def statements_of(name: str) -> list[str]:
    """A file of several statements separated by ``;`` (schema files)."""
    text = "\n".join(line for line in query(name).splitlines() if not line.strip().startswith("//"))
    return [s.strip() for s in text.split(";") if s.strip()]


def all_names() -> list[str]:
    return sorted(p.stem for p in CYPHER_DIR.glob("*.cypher"))
