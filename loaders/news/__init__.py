"""Rule-based extraction of arms-transfer facts from news reports.

Parse (pure): :mod:`.segment` cuts sentences, :mod:`.mentions` finds entities with the
gazetteers of :mod:`loaders.entities`, :mod:`.recognise` (weapons, places) and :mod:`.organisations`
find the names those lists never held and check them against the general data of :mod:`.knowledge`
(GeoNames, the SIPRI-generated weapon gazetteer, the major arms producers), :mod:`.weapon_types`
finds designations by shape and generic types; :mod:`.people`, :mod:`.patterns` (with
:mod:`.transfers`), :mod:`.making`, :mod:`.located` and :mod:`.uses` turn mentions into facts,
:mod:`.dates` and :mod:`.status` read the wording, :mod:`.document` merges them into a claims document
and, for ``--explain``, keeps each fact's sentence and rule and each dropped candidate's reason.
"""

from __future__ import annotations

from pathlib import Path

from ..claims import ClaimsDocument
from .document import Explanation, explain_text, extract_text
from .inputs import read_reports

__all__ = ["Explanation", "explain_file", "explain_text", "extract_file", "extract_text"]


def extract_file(path: Path, date: str | None = None) -> list[ClaimsDocument]:
    """Extract every report of a ``.txt``, ``.html`` or ``.jsonl`` file.

    Raises
    ------
    loaders.errors.InputError
        For an unreadable, empty, binary, oversized or undated file.
    """
    return [extract_text(r.text, r.published, r.id, r.title, r.url) for r in read_reports(Path(path), date)]


def explain_file(path: Path, date: str | None = None) -> list[Explanation]:
    """:func:`extract_file` with each fact's sentence and rule and the dropped candidates."""
    return [explain_text(r.text, r.published, r.id, r.title, r.url) for r in read_reports(Path(path), date)]
