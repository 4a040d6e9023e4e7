"""Entity resolution shared by every loader: names to stable keys and canonical names.

Countries resolve to ISO 3166 alpha-3 keys (``Iran`` -> ``IRN``); every other entity gets
a normalised slug of its canonical name (``Mohammad Mokhber`` -> ``mohammad-mokhber``).
Curated tables live in ``loaders/data/`` as YAML an analyst can extend.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry
import yaml

DATA_DIR = Path(__file__).with_name("data")


@dataclass(frozen=True)
class Resolved:
    """An entity as the graph knows it."""

    key: str
    name: str
    type: str


def slugify(text: str) -> str:
    """Lower-case ASCII slug: ``Shahed-136`` -> ``shahed-136``, ``Kyiv Oblast`` -> ``kyiv-oblast``."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text or "unnamed"


def _norm(text: str) -> str:
    return " ".join(slugify(text).split("-"))


@cache
def _country_aliases() -> dict[str, tuple[str, str]]:
    """Normalised alias -> (alpha-3 or own key, canonical name), from pycountry and countries.yaml."""
    table: dict[str, tuple[str, str]] = {}
    for c in pycountry.countries:
        canonical = getattr(c, "common_name", None) or c.name
        for n in (c.name, canonical, getattr(c, "official_name", None), c.alpha_3):
            if n:
                table.setdefault(_norm(n), (c.alpha_3, canonical))
    path = DATA_DIR / "countries.yaml"
    if path.exists():
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, spec in (data.get("countries") or {}).items():
            name = spec["name"]
            for alias in [name, *(spec.get("aliases") or [])]:
                table[_norm(alias)] = (key, name)
    return table


def country(name: str) -> Resolved | None:
    """Resolve a country name, alias or ISO code; ``None`` when it is not a known country."""
    hit = _country_aliases().get(_norm(name))
    if hit is None:
        return None
    return Resolved(hit[0], hit[1], "Country")


def resolve(name: str, type_hint: str) -> Resolved:
    """Resolve any entity name to its key, canonical name and type.

    A name that is a known country resolves to the country whatever the hint, unless the
    hint is ``Person`` or ``WeaponSystem``.
    """
    name = " ".join(name.split())
    if type_hint not in ("Person", "WeaponSystem"):
        hit = country(name)
        if hit is not None and type_hint in ("Country", "Organization"):
            return hit
    return Resolved(slugify(name), name, type_hint)
