"""SIPRI supplier and recipient names to graph actors.

SIPRI marks its actors in the name itself:

- a state: ``Russia``, ``Soviet Union`` -> ``Country`` keyed by ISO 3166 alpha-3 (``RUS``, ``SUN``);
- ``Houthi rebels (Yemen)*``: a non-state actor -> ``Organization`` ``houthi-rebels`` in ``YEM``;
- ``NATO**``: an international organisation -> ``Organization`` ``nato``;
- ``unknown supplier(s)`` / ``unknown recipient(s)`` -> ``Organization`` ``unknown-supplier`` /
  ``unknown-recipient``, never merged into a country.

States resolve through :func:`loaders.entities.country` first, so SIPRI's Iran and Russia get the
keys the news loader gives them; names it does not know come from ``data/sipri_actors.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import yaml

from ..entities import DATA_DIR, country, slugify


@dataclass(frozen=True, slots=True)
class Actor:
    """A supplier or recipient as the graph knows it.

    ``country_key`` is the country an organisation sits in (``Houthi rebels`` -> ``YEM``), when known.
    """

    key: str
    name: str
    type: str  # "Country" | "Organization"
    country_key: str | None = None


class UnknownActor(ValueError):
    """A name that is neither a known state nor marked as an organisation."""


_PAREN = re.compile(r"^(?P<name>.*?)\s*\((?P<where>[^()]*)\)\s*$")


@cache
def _table() -> dict:
    data = yaml.safe_load((DATA_DIR / "sipri_actors.yaml").read_text(encoding="utf-8")) or {}
    return {
        "countries": {k.casefold(): v for k, v in (data.get("countries") or {}).items()},
        "located_in": {k.casefold(): v for k, v in (data.get("located_in") or {}).items()},
        "unknown": {k.casefold(): v for k, v in (data.get("unknown") or {}).items()},
        "organizations": {k.casefold(): v for k, v in (data.get("organizations") or {}).items()},
    }


def _state(name: str) -> Actor | None:
    hit = country(name)
    if hit is not None:
        return Actor(hit.key, hit.name, "Country")
    spec = _table()["countries"].get(name.casefold())
    if spec is not None:
        return Actor(spec["key"], spec["name"], "Country")
    return None


def _located_in(where: str) -> str | None:
    table = _table()["located_in"]
    if where.casefold() in table:
        target = table[where.casefold()]
        if target is None:
            return None
        where = target
    state = _state(where)
    return state.key if state is not None else None


@lru_cache(maxsize=4096)
def resolve_actor(raw: str) -> Actor:
    """Resolve one SIPRI actor name (cached: the register repeats ~260 names 60,000 times).

    >>> resolve_actor("Houthi rebels (Yemen)*")
    Actor(key='houthi-rebels', name='Houthi rebels', type='Organization', country_key='YEM')

    Raises :class:`UnknownActor` for an empty name or an unmarked name that is no known state.
    """
    name = " ".join(raw.split())
    if not name:
        raise UnknownActor("empty name")
    unknown = _table()["unknown"].get(name.casefold())
    if unknown is not None:
        return Actor(unknown["key"], unknown["name"], "Organization")
    if name.endswith("**"):
        base = name[:-2].strip()
        return Actor(slugify(base), base, "Organization")
    if name.endswith("*"):
        base = name[:-1].strip()
        m = _PAREN.match(base)
        where = _located_in(m.group("where")) if m else _located_in(base)
        spec = _table()["organizations"].get(name.casefold())
        if spec is not None:
            return Actor(spec["key"], spec["name"], "Organization", where)
        if m:
            base = m.group("name")
        return Actor(slugify(base), base, "Organization", where)
    state = _state(name)
    if state is None:
        raise UnknownActor(f"{name!r} is not a known state; mark an organisation with '*' or '**'")
    return state
