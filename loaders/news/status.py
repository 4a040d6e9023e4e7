"""A fact's status from the wording around its trigger (pure).

``denied`` when the supplier or recipient says no (``denied supplying``, ``did not sell``),
``alleged`` when hedged or a third party's claim (``reportedly``, ``according to``),
``planned`` for the future (``will send``, ``plans to``), ``agreed`` for a pledge or a deal,
``delivered`` for a completed transfer, else ``reported``.
"""

from __future__ import annotations

import re

from .lexicon import rx

# A negation right before the trigger ("did not sell", "is not supplying", "no weapons were").
_NEGATED = re.compile(
    r"\b(?:not|never|no|n't|neither|nor)\b(?:\s+\w+){0,3}\s*$"
    r"|\bno\s+[\w-]+\s+(?:were|was|have been|had been)\s+$",
    re.I,
)
_DENY_VERB = re.compile(
    r"\b(?:denied|denies|deny|denying|rejected|rejects|refuted|dismissed|refus(?:ed|es|ing)\s+to"
    r"|declin(?:ed|es|ing)\s+to|rul(?:ed|es|ing)\s+out)\b",
    re.I,
)


def _rx(name: str) -> re.Pattern[str]:
    return rx(name, stems=name == "agreed")


def is_denied(sentence: str, trigger: int) -> bool:
    """True when the trigger at ``trigger`` is negated or governed by a verb of denial."""
    before = sentence[:trigger]
    if _NEGATED.search(before):
        return True
    deny = list(_DENY_VERB.finditer(before))
    if deny and trigger - deny[-1].end() < 60:
        return True
    return bool(re.search(r"\b(?:were|was|is|are) false\b|\bblatant lie\b", sentence, re.I))


def status(sentence: str, trigger: int = 0, default: str = "reported") -> str:
    """The status of the fact whose trigger word starts at ``trigger`` in ``sentence``."""
    if is_denied(sentence, trigger):
        return "denied"
    if _rx("hedges").search(sentence):
        return "alleged"
    window = sentence[max(0, trigger - 40) : trigger + 30]
    if _rx("planned").search(window):
        return "planned"
    if _rx("agreed").search(window):
        return "agreed"
    if _rx("delivered").search(window):
        return "delivered"
    return default
