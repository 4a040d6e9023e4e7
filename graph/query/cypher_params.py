"""The sizes the guard checks besides the text: the bytes a parameter map holds, numbers and parameter names
read from tokens.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any


def param_bytes(value: Any, budget: int) -> int:
    """About how many bytes a parameter value takes; stops counting once over ``budget``."""
    if isinstance(value, (str, bytes)):
        return len(value)
    if isinstance(value, Mapping):
        value = [*value.keys(), *value.values()]
    if isinstance(value, (list, tuple)):
        total = 0
        for v in value:
            total += 8 + param_bytes(v, budget - total)
            if total > budget:
                break
        return total
    return 8


def number_value(text: str) -> float:
    raw = text.replace("_", "")
    try:
        if raw[:2].lower() == "0x":
            return float(int(raw[2:], 16))
        if raw[:2].lower() == "0o":
            return float(int(raw[2:], 8))
        return float(raw)
    except (ValueError, OverflowError):
        return math.inf


def param_name(text: str) -> str:
    name = text[1:]
    return name[1:-1].replace("``", "`") if name.startswith("`") else name
