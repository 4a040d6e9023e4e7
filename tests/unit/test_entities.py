"""Entity resolution shared by every loader."""

from __future__ import annotations

import pytest

from loaders import entities as ent


@pytest.mark.parametrize(
    ("name", "key", "canonical"),
    [
        ("Iran", "IRN", "Iran"),
        ("Russian Federation", "RUS", "Russia"),
        ("DPRK", "PRK", "North Korea"),
        ("U.S.", "USA", "United States"),
        ("Soviet Union", "SUN", "Soviet Union"),
        ("East Germany (GDR)", "DDR", "East Germany"),
        ("FRA", "FRA", "France"),
    ],
)
def test_country(name: str, key: str, canonical: str) -> None:
    hit = ent.country(name)
    assert hit is not None and (hit.key, hit.name, hit.type) == (key, canonical, "Country")


def test_unknown_country_is_none() -> None:
    assert ent.country("Houthi rebels (Yemen)*") is None


@pytest.mark.parametrize(
    ("word", "canonical"),
    [
        ("Iranian", "Iran"),
        ("North Korean", "North Korea"),
        ("Russians", "Russia"),
        ("British", "United Kingdom"),
    ],
)
def test_demonyms(word: str, canonical: str) -> None:
    assert ent.demonym(word).name == canonical


def test_pro_prefixed_demonym_is_not_the_country() -> None:
    assert ent.demonym("pro-Russian") is None


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Tehran", "Iran"),
        ("the Kremlin", "Russia"),
        ("Pyongyang", "North Korea"),
        ("White House", "United States"),
        ("Kiev", "Ukraine"),
    ],
)
def test_metonyms_resolve_to_countries_as_actors(name: str, canonical: str) -> None:
    assert ent.resolve(name, "Country").name == canonical
    assert ent.metonym(name).name == canonical


@pytest.mark.parametrize(
    ("name", "hint", "canonical"),
    [
        ("Kiev", "Place", "Kyiv"),
        ("Kouleba", "Person", "Dmytro Kuleba"),
        ("Zelenskyy", "Person", "Volodymyr Zelensky"),
        ("Geran-2", "WeaponSystem", "Shahed-136"),
        ("M270s", "WeaponSystem", "M270 MLRS"),
        ("IISS", "Organization", "International Institute for Strategic Studies"),
    ],
)
def test_variants_and_decisions(name: str, hint: str, canonical: str) -> None:
    got = ent.resolve(name, hint)
    assert (got.name, got.type) == (canonical, hint)


def test_place_has_its_country() -> None:
    where, country = ent.place("Kharkiv")
    assert where.name == "Kharkiv" and country.key == "UKR"


def test_weapon_gazetteer_has_category_and_origin() -> None:
    w = ent.weapon("Shahed 136")
    assert (w.name, w.category, w.origin) == ("Shahed-136", "drone", "IRN")
    assert ent.generic_category("short-range ballistic missiles") == "missile"


def test_unknown_names_get_slugs() -> None:
    assert ent.resolve("Mohammad  Mokhber", "Person") == ent.Resolved("mohammad-mokhber", "Mohammad Mokhber", "Person")
    assert ent.resolve("Some New Group", "Organization").key == "some-new-group"
    assert ent.slugify("Kyiv Oblast") == "kyiv-oblast"
