"""The parameters the reads share, and their checks: dates, year windows, entity types,
relationship types and statuses. Each raises :class:`~graph.errors.InvalidInput` (a 422 in the API,
exit 2 in the CLI) naming the parameter; the routers and commands call these and nothing else.
"""

from __future__ import annotations

import datetime as dt

from ..errors import InvalidInput
from ..model import EntityLabel, RelationshipType, Status


def split_types(text: str | None) -> list[str] | None:
    """``"SUPPLIES,MANUFACTURES"`` -> ``["SUPPLIES", "MANUFACTURES"]``; None or empty gives None."""
    return [t for t in text.split(",") if t.strip()] if text else None


def check_date(value: str | None, name: str = "as_of") -> str | None:
    """``YYYY-MM-DD`` or None; anything else is a 422 naming the parameter."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InvalidInput(f"{name} must be a date YYYY-MM-DD, not {value!r:.40}") from None


def check_type(value: str | None) -> str | None:
    """An entity label from the model (case-insensitive), else 422."""
    if value is None:
        return None
    for label in EntityLabel:
        if label.value.lower() == value.lower():
            return label.value
    raise InvalidInput(f"type must be one of {', '.join(EntityLabel)}, not {value!r:.40}")


def check_years(since: int | None, until: int | None) -> None:
    if since is not None and until is not None and since > until:
        raise InvalidInput(f"since ({since}) is after until ({until})")


def check_status(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return Status(value.lower()).value
    except ValueError:
        raise InvalidInput(f"status must be one of {', '.join(Status)}, not {value!r:.40}") from None


def check_types(values: list[str] | None) -> list[str]:
    """Relationship types from the model (case-insensitive); default every fact type."""
    if not values:
        return [t.value for t in RelationshipType if t.value != "MENTIONS"]
    out = []
    for raw in values:
        for v in raw.split(","):
            try:
                out.append(RelationshipType(v.strip().upper()).value)
            except ValueError:
                raise InvalidInput(f"types must be among {', '.join(RelationshipType)}, not {v!r:.40}") from None
    return sorted(set(out))
