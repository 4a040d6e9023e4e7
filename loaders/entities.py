"""Entity resolution shared by every loader: names to stable keys and canonical names.

Countries resolve to ISO 3166 alpha-3 keys (``Iran`` -> ``IRN``); every other entity gets
a normalised slug of its canonical name (``Mohammad Mokhber`` -> ``mohammad-mokhber``).
Curated tables live in ``loaders/data/`` as YAML an analyst can extend:

- ``countries.yaml``: everyday names, demonyms, capitals and seats of government,
- ``places.yaml``, ``organizations.yaml``, ``people.yaml``, ``weapons.yaml``,
- ``decisions.yaml``: an analyst's rulings (this alias means that entity; these two are one),
  applied by :func:`resolve` before any table.

Examples
--------
>>> resolve("Kremlin", "Country").name
'Russia'
>>> resolve("Kiev", "Place").name
'Kyiv'
>>> resolve("Geran-2", "WeaponSystem").name
'Shahed-136'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import pycountry
import yaml
from normality import slugify_text
from rapidfuzz import fuzz

DATA_DIR = Path(__file__).with_name("data")


@dataclass(frozen=True)
class Resolved:
    """An entity as the graph knows it."""

    key: str
    name: str
    type: str


@dataclass(frozen=True)
class Weapon:
    """A weapon system of the gazetteer."""

    name: str
    category: str
    origin: str | None = None


@dataclass
class Gazetteer:
    """Every curated table, indexed by normalised name (see :func:`_norm`)."""

    countries: dict[str, tuple[str, str]] = field(default_factory=dict)  # alias -> (key, name)
    country_names: dict[str, str] = field(default_factory=dict)  # key -> name
    demonyms: dict[str, str] = field(default_factory=dict)  # demonym -> key
    capitals: dict[str, str] = field(default_factory=dict)  # country key -> capital name
    seats: dict[str, str] = field(default_factory=dict)  # seat or capital -> country key
    places: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # alias -> (name, key)
    organizations: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    people: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    weapons: dict[str, Weapon] = field(default_factory=dict)
    generic_weapons: dict[str, str] = field(default_factory=dict)  # generic -> category
    decisions: dict[str, str] = field(default_factory=dict)  # alias -> canonical name
    never: set[str] = field(default_factory=set)
    surface: dict[str, list[str]] = field(default_factory=dict)  # kind -> surface forms


class EmptyKey(ValueError):
    """A name that gives no key at all (only punctuation or symbols): refused, never a shared default."""


@lru_cache(maxsize=65536)
def slugify(text: str) -> str:
    """Lower-case ASCII slug, transliterated by ``normality`` (ICU) from any script.

    >>> slugify("Shahed-136"), slugify("Kyiv Oblast")
    ('shahed-136', 'kyiv-oblast')
    >>> slugify("Калашников"), slugify("Ростех")
    ('kalasnikov', 'rosteh')

    A name with nothing to transliterate (``"---"``) raises :class:`EmptyKey`: two such names
    must never share a node.
    """
    slug = slugify_text(text, sep="-")
    if not slug:
        raise EmptyKey(f"{text!r} gives an empty key: a name needs letters or digits")
    return slug


@lru_cache(maxsize=65536)
def _norm(text: str) -> str:
    """A name as the tables index it: transliterated, lower-case words (``The Kremlin`` -> ``kremlin``)."""
    text = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)
    return slugify_text(text, sep=" ") or ""


def _load(name: str) -> dict[str, Any]:
    path = DATA_DIR / name
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _add_surface(gaz: Gazetteer, kind: str, *names: str | None) -> None:
    bucket = gaz.surface.setdefault(kind, [])
    bucket.extend(n for n in names if n)


def _load_countries(gaz: Gazetteer) -> None:
    for c in pycountry.countries:
        canonical = getattr(c, "common_name", None) or c.name
        gaz.country_names.setdefault(c.alpha_3, canonical)
        for n in (c.name, canonical, getattr(c, "official_name", None), c.alpha_3):
            if n:
                gaz.countries.setdefault(_norm(n), (c.alpha_3, canonical))
        _add_surface(gaz, "country", c.name, canonical)
    for key, spec in (_load("countries.yaml").get("countries") or {}).items():
        name = spec["name"]
        gaz.country_names[key] = name
        for alias in [name, *(spec.get("aliases") or [])]:
            gaz.countries[_norm(alias)] = (key, name)
            _add_surface(gaz, "country", alias)
        for dem in spec.get("demonyms") or []:
            gaz.demonyms[_norm(dem)] = key
            _add_surface(gaz, "demonym", dem)
        if spec.get("capital"):
            gaz.capitals[key] = spec["capital"]
            gaz.seats[_norm(spec["capital"])] = key
            gaz.places.setdefault(_norm(spec["capital"]), (spec["capital"], key))
            _add_surface(gaz, "capital", spec["capital"])
        for seat in spec.get("seats") or []:
            gaz.seats[_norm(seat)] = key
            _add_surface(gaz, "seat", seat)


def _load_named(gaz: Gazetteer, file: str, section: str, table: dict, kind: str) -> None:
    for name, spec in (_load(file).get(section) or {}).items():
        spec = spec or {}
        for alias in [name, *(spec.get("aliases") or [])]:
            table[_norm(alias)] = (name, spec.get("country"))
            _add_surface(gaz, kind, alias)
            if kind == "place" and spec.get("country") and spec.get("capital", False):
                gaz.seats[_norm(alias)] = spec["country"]


@cache
def gazetteer() -> Gazetteer:
    """Load every table once (they are small); edits to the YAML need a new process."""
    gaz = Gazetteer()
    _load_countries(gaz)
    _load_named(gaz, "places.yaml", "places", gaz.places, "place")
    # a capital spelt another way ("Kiev") is a metonym too
    for alias, (name, key) in list(gaz.places.items()):
        if key and _norm(name) in gaz.seats:
            gaz.seats[alias] = key
    _load_named(gaz, "organizations.yaml", "organizations", gaz.organizations, "organization")
    _load_named(gaz, "people.yaml", "people", gaz.people, "person")
    weapons = _load("weapons.yaml")
    for name, spec in (weapons.get("systems") or {}).items():
        w = Weapon(name, spec.get("category", "weapons"), spec.get("origin"))
        for alias in [name, *(spec.get("aliases") or [])]:
            gaz.weapons[_norm(alias)] = w
            _add_surface(gaz, "weapon", alias)
    for generic, category in generic_types(weapons).items():
        gaz.generic_weapons[_norm(generic)] = category
    decisions = _load("decisions.yaml")
    for alias, canonical in (decisions.get("aliases") or {}).items():
        gaz.decisions[_norm(alias)] = canonical
    for group in decisions.get("same") or []:
        for alias in group[1:]:
            gaz.decisions[_norm(alias)] = group[0]
    gaz.never = {_norm(n) for n in decisions.get("not") or []}
    return gaz


def _decide(name: str) -> str:
    """Apply the analyst's decisions: the canonical name this alias stands for."""
    return gazetteer().decisions.get(_norm(name), name)


def country(name: str) -> Resolved | None:
    """Resolve a country name, alias or ISO code; ``None`` when it is not a known country."""
    hit = gazetteer().countries.get(_norm(name))
    if hit is None:
        hit = gazetteer().countries.get(_norm(_decide(name)))
    if hit is None:
        return None
    return Resolved(hit[0], hit[1], "Country")


def country_by_key(key: str) -> Resolved | None:
    """The country of an ISO alpha-3 (or own) key."""
    name = gazetteer().country_names.get(key)
    return Resolved(key, name, "Country") if name else None


def demonym(word: str) -> Resolved | None:
    """The country of a demonym: ``Iranian`` -> Iran. ``pro-Russian`` is no demonym of Russia."""
    if re.match(r"(?i)(pro|anti|non)-", word.strip()):
        return None
    key = gazetteer().demonyms.get(_norm(word))
    return country_by_key(key) if key else None


def metonym(name: str) -> Resolved | None:
    """The country a capital or seat of government stands for: ``the Kremlin`` -> Russia."""
    key = gazetteer().seats.get(_norm(_decide(name))) or gazetteer().seats.get(_norm(name))
    return country_by_key(key) if key else None


def capital_of(country_key: str) -> str | None:
    """The capital of a country, by key: ``RUS`` -> ``Moscow``."""
    return gazetteer().capitals.get(country_key)


def place(name: str) -> tuple[Resolved, Resolved | None] | None:
    """A known place and the country it lies in: ``Kiev`` -> (Kyiv, Ukraine)."""
    gaz = gazetteer()
    hit = gaz.places.get(_norm(_decide(name))) or gaz.places.get(_norm(name))
    if hit is None:
        return None
    where = country_by_key(hit[1]) if hit[1] else None
    return Resolved(slugify(hit[0]), hit[0], "Place"), where


def organization(name: str) -> tuple[Resolved, Resolved | None] | None:
    """A known organisation and its home country."""
    gaz = gazetteer()
    hit = gaz.organizations.get(_norm(_decide(name))) or gaz.organizations.get(_norm(name))
    if hit is None:
        return None
    home = country_by_key(hit[1]) if hit[1] else None
    return Resolved(slugify(hit[0]), hit[0], "Organization"), home


def person(name: str) -> tuple[Resolved, Resolved | None] | None:
    """A well-known person of ``people.yaml`` and the country they serve."""
    gaz = gazetteer()
    hit = gaz.people.get(_norm(_decide(name))) or gaz.people.get(_norm(name))
    if hit is None and " " in name.strip():
        hit = _spelled_otherwise(_norm(name), gaz.people)
    if hit is None:
        return None
    where = country_by_key(hit[1]) if hit[1] else None
    return Resolved(slugify(hit[0]), hit[0], "Person"), where


_NO_SINGULAR = {"weapons", "arms", "components", "goods", "shells", "tanks", "fighters", "satellites", "equipment"}


def generic_types(weapons: dict[str, Any]) -> dict[str, str]:
    """The generic weapon types of ``weapons.yaml``, each plural with its singular (``missile systems``
    -> ``missile system``), except words whose singular is mostly something else (``think tank``)."""
    out: dict[str, str] = {}
    for generic, category in (weapons.get("generic") or {}).items():
        out.setdefault(generic, category)
        *lead, last = generic.split(" ")
        if last.lower() in _NO_SINGULAR or not last.endswith("s") or last.endswith("ss"):
            continue
        one = last[:-2] if last.endswith("oes") else last[:-1]
        out.setdefault(" ".join([*lead, one]), category)
    return out


def _spelled_otherwise(key: str, people: dict[str, tuple[str, str | None]]) -> tuple[str, str | None] | None:
    """``Dmitriy Medvedev`` is the gazetteer's ``Dmitry Medvedev``: the same surname, a first name
    transliterated otherwise (similarity >= 90, rapidfuzz); never a different first name."""
    last = key.rsplit(" ", 1)[-1]
    close = [hit for n, hit in people.items() if " " in n and n.rsplit(" ", 1)[-1] == last and fuzz.ratio(n, key) >= 90]
    return close[0] if len({h[0] for h in close}) == 1 else None


def weapon(name: str) -> Weapon | None:
    """A weapon system of the gazetteer by any alias (a trailing plural ``s`` is allowed)."""
    gaz = gazetteer()
    for candidate in (_decide(name), name):
        n = _norm(candidate)
        hit = gaz.weapons.get(n) or (gaz.weapons.get(n[:-1]) if n.endswith("s") else None)
        if hit is not None:
            return hit
    return None


def generic_category(name: str) -> str | None:
    """The category a generic weapon word stands for: ``ballistic missiles`` -> ``missile``."""
    gaz = gazetteer()
    words = _norm(name).split()
    for i in range(len(words)):
        hit = gaz.generic_weapons.get(" ".join(words[i:]))
        if hit:
            return hit
    return None


def resolve(name: str, type_hint: str) -> Resolved:
    """Resolve any entity name to its key, canonical name and type.

    A name that is a known country resolves to the country whatever the hint, unless the
    hint is ``Person``, ``Place`` or ``WeaponSystem``. With a ``Country`` or
    ``Organization`` hint, a capital or seat of government resolves to its country
    (``Tehran`` acts for Iran). Analyst decisions are applied first.
    """
    name = " ".join(name.split())
    decided = _decide(name)
    if type_hint in ("Country", "Organization"):
        hit = country(decided)
        if hit is not None:
            return hit
        org = organization(decided)
        if org is not None:
            return org[0]
        meto = metonym(decided)
        if meto is not None:
            return meto
    elif type_hint == "Place":
        found = place(decided)
        if found is not None:
            return found[0]
    elif type_hint == "Person":
        found = person(decided)
        if found is not None:
            return found[0]
    elif type_hint == "WeaponSystem":
        w = weapon(decided)
        if w is not None:
            return Resolved(slugify(w.name), w.name, "WeaponSystem")
    return Resolved(slugify(decided), decided, type_hint)
