"""The sample material the repository ships, loaded by ``armsgraph up``."""

from __future__ import annotations

from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def sample_files() -> list[Path]:
    """Bundled SIPRI registers, reports (.txt) and curated claim files, in a stable order."""
    files = (
        sorted((SAMPLES / "sipri").glob("*.csv"))
        + sorted((SAMPLES / "reports").glob("*.txt"))
        + sorted((SAMPLES / "claims").glob("*.json"))
    )
    return files
