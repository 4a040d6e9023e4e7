"""The parameters the reads share, and their checks: dates, year windows, entity types,
relationship types and statuses. Each check raises :class:`~graph.errors.InvalidInput` (a 422 in the
API, exit 2 in the CLI) naming the parameter; the routers and commands call these and nothing else.

The questions of ``/chains`` and ``/paths`` are frozen objects here (:class:`ChainQuery`,
:class:`PathQuery`), which are also the cache keys of their answers: a parameter added to one is
in its key.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

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


def check_years(since: int | None, until: int | None, names: tuple[str, str] = ("since", "until")) -> None:
    """A year window: ``since`` not after ``until`` (either may be open); ``names`` name them in the error."""
    if since is not None and until is not None and since > until:
        raise InvalidInput(f"{names[0]} ({since}) is after {names[1]} ({until})")


def check_status(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return Status(value.lower()).value
    except ValueError:
        raise InvalidInput(f"status must be one of {', '.join(Status)}, not {value!r:.40}") from None


def check_statuses(values: Sequence[str] | None) -> list[str] | None:
    """Model statuses (each as :func:`check_status`), without repeats; ``None`` or empty keeps every status."""
    if not values:
        return None
    return list(dict.fromkeys(s for v in values if (s := check_status(v.strip())) is not None))


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


@dataclass(frozen=True)
class _Question:
    def options(self) -> dict[str, Any]:
        """The keyword arguments of the read, every field but the first (the entity asked about)."""
        fields = dataclasses.fields(self)
        return {f.name: getattr(self, f.name) for f in fields[1:]}


@dataclass(frozen=True)
class ChainQuery(_Question):
    """The arguments of :func:`graph.query.chains.chains` after ``root``."""

    root: str
    direction: Literal["upstream", "downstream"] = "upstream"
    max_hops: int = 3
    since: int | None = None
    until: int | None = None
    weapon: str | None = None
    status: str | None = None
    time_consistent: bool = False
    as_of: str | None = None
    sort: Literal["deals", "tiv", "name"] = "deals"
    view: Literal["chains", "tiers"] = "chains"
    limit: int = 100
    offset: int = 0
    edges_per_link: int = 3

    def __post_init__(self) -> None:
        if self.view == "tiers":  # tiers list no edges: one answer whatever edges_per_link says
            object.__setattr__(self, "edges_per_link", 0)


@dataclass(frozen=True)
class PathQuery(_Question):
    """The arguments of :func:`graph.query.paths.paths` after ``source`` and ``target`` (the first two)."""

    source: str
    target: str
    max_hops: int = 4
    types: tuple[str, ...] | None = None
    since: int | None = None
    until: int | None = None
    mode: Literal["shortest", "all"] = "shortest"
    as_of: str | None = None
    limit: int = 10
    offset: int = 0

    def options(self) -> dict[str, Any]:
        out = super().options()
        del out["target"]
        out["types"] = list(self.types) if self.types else None
        return out


@dataclass(frozen=True)
class FlowQuery(_Question):
    """The arguments of :func:`graph.query.flows.flows` (``country`` first, optional)."""

    country: str | None = None
    since: int | None = None
    until: int | None = None
    statuses: tuple[str, ...] | None = None
    as_of: str | None = None
    limit: int = 1000
