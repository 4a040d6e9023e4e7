"""The extractor's word lists (``loaders/data/news_lexicon.yaml``) and regexes built from them."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import yaml

from ..entities import DATA_DIR


@cache
def lexicon() -> dict[str, Any]:
    """The word lists, loaded once."""
    return yaml.safe_load((DATA_DIR / "news_lexicon.yaml").read_text(encoding="utf-8")) or {}


def words_rx(words: list[str], stems: bool = False, flags: int = re.I) -> re.Pattern[str]:
    """Match any of ``words`` on word boundaries; with ``stems`` a word may take any ending."""
    parts = sorted({re.escape(w).replace(r"\ ", r"\s+") for w in words}, key=len, reverse=True)
    tail = r"[\w'’]*" if stems else r"(?![\w])"
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + ")" + tail, flags)


@cache
def rx(name: str, stems: bool = False) -> re.Pattern[str]:
    """The regex of one word list of the lexicon."""
    return words_rx(lexicon()[name], stems=stems)
