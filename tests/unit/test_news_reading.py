"""What a report tells beyond one sentence, and general rules for names, weapons and places: each on
sentences written for these tests (invented people, real states and registered designations)."""

from __future__ import annotations

import datetime as dt

import pytest

from loaders.news import extract_text
from loaders.news import knowledge as kb
from loaders.news.document import dateline
from loaders.news.mentions import DocState
from loaders.news.tagging import tag

PUB = dt.date(2024, 5, 1)


def facts(text: str, predicate: str | None = None) -> set[tuple[str, str, str]]:
    doc = extract_text(text, PUB, "t")
    return {(f.subject, f.predicate, f.object) for f in doc.facts if predicate is None or f.predicate == predicate}


def weapons_of(text: str, subject: str, obj: str) -> list[str]:
    doc = extract_text(text, PUB, "t")
    return next(f.weapon_systems for f in doc.facts if f.subject == subject and f.object == obj)


def mentions(sentence: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.kind, m.entity.name) for m in tag(sentence, DocState())]


# --- a post whose state the report implies ---------------------------------------------------


def test_the_other_side_of_a_meeting() -> None:
    text = (
        "Norway to buy Dutch patrol boats.\n\n"
        "Defence Minister Arno Veldkamp arrived to meet Norway's defence minister, Ola Brennmo, in Oslo on Monday."
    )
    got = facts(text)
    assert ("Arno Veldkamp", "HOLDS_ROLE", "Netherlands") in got
    assert ("Ola Brennmo", "HOLDS_ROLE", "Norway") in got
    assert ("Arno Veldkamp", "VISITED", "Oslo") in got  # a meeting abroad, his state told at the report's end


def test_no_other_side_without_a_meeting() -> None:
    """Two ministers of one government in a sentence are not the two sides of a meeting."""
    text = (
        "Peru receives Spanish howitzers.\n\n"
        "Peruvian Defence Minister Ana Quilla and Finance Minister Rosa Tupac praised the deal, the ministry said."
    )
    got = facts(text, "HOLDS_ROLE")
    assert ("Rosa Tupac", "HOLDS_ROLE", "Spain") not in got


def test_a_post_in_a_report_of_what_a_state_receives() -> None:
    text = (
        "Spain delivered 12 howitzers to Peru on Monday, the Spanish embassy said.\n\n"
        "Defence Minister Ana Quilla said the guns would join an artillery regiment in the south."
    )
    assert ("Ana Quilla", "HOLDS_ROLE", "Peru") in facts(text)


def test_a_post_usually_british_follows_the_report() -> None:
    """ "Defence Secretary" is the United Kingdom's only when the report names it."""
    text = (
        "India and Russia signed a contract for the supply of 40 Mi-17 helicopters for the Indian Air Force.\n\n"
        "The deal was agreed at talks between Defence Secretary Rajan Pillai and Russian Deputy Defence Minister "
        "Oleg Sorin."
    )
    got = facts(text)
    assert ("Rajan Pillai", "HOLDS_ROLE", "India") in got
    assert ("Rajan Pillai", "HOLDS_ROLE", "United Kingdom") not in got
    assert ("Russia", "SUPPLIES", "India") in got  # "between X and Y ... for the Indian Air Force"


def test_a_denied_transfer_gives_no_home() -> None:
    text = "Chile denied sending rockets to Ukraine.\n\nDefence Minister Tomas Ruiz spoke on Monday."
    assert not facts(text, "HOLDS_ROLE")


# --- names -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Russian President Ivan Petrovsky's state visit to Hanoi began on Monday.", "Ivan Petrovsky"),
        ("Qatar's Defence Minister Khalid bin Saad al-Harbi signed the deal.", "Khalid bin Saad al-Harbi"),
        ("Former Brazilian ground forces commander Paulo Arantes made the request.", "Paulo Arantes"),
        ("Malian interim President Oumar Keita attended.", "Oumar Keita"),
        ("Korean Defense Minister Park Ji-ho signed the deal.", "Park Ji-ho"),
    ],
)
def test_names_and_their_states(text: str, person: str) -> None:
    holders = {s for s, p, _ in facts(text) if p == "HOLDS_ROLE"}
    assert holders == {person}


def test_korean_alone_is_south_korean() -> None:
    text = "Korean Defense Minister Park Ji-ho signed the deal; North Korean officials were absent."
    assert ("Park Ji-ho", "HOLDS_ROLE", "South Korea") in facts(text)


def test_a_gazetteer_person_spelled_otherwise_is_one_person() -> None:
    text = "Russian President Dmitriy Medvedev visited New Delhi. Dmitry Medvedev met Indian officials."
    people = {s for s, p, _ in facts(text) if p in ("HOLDS_ROLE", "VISITED")}
    assert people == {"Dmitry Medvedev"}


def test_a_weapon_word_as_a_first_name() -> None:
    """Delfin is a registered aircraft (the L-29's name) and a first name."""
    text = "Philippine Defense Secretary Delfin Ramos signed the documents for the frigate bought from South Korea."
    assert ("Delfin", "weapon", "Delfin") not in mentions(text)
    assert ("Delfin Ramos", "HOLDS_ROLE", "Philippines") in facts(text)


# --- weapons -----------------------------------------------------------------------------------


def test_a_longer_designation_beats_a_family_alias() -> None:
    text = "Ukraine has received 14 Leopard 1A5 tanks from Germany, the ministry said."
    assert weapons_of(text, "Germany", "Ukraine") == ["Leopard-1A5"]


@pytest.mark.parametrize(
    ("text", "supplier", "recipient"),
    [
        ("Poland signed a deal to purchase 180 K2 tanks, the ministry said.", "South Korea", "Poland"),
        ("Mali received four Mi-171 helicopters last week.", "Russia", "Mali"),
    ],
)
def test_a_designation_by_its_shape_takes_its_family_maker(text: str, supplier: str, recipient: str) -> None:
    assert (supplier, "SUPPLIES", recipient) in facts(text)


def test_code_origin_needs_a_clear_majority() -> None:
    assert kb.code_origin("K2") == "KOR"
    assert kb.code_origin("Mi-171") == "RUS"
    assert kb.code_origin("Kh-999") is None  # the Kh- family is not one country's


def test_a_generic_type_in_the_singular() -> None:
    found = mentions("The UAE signed a deal for a mid-range missile system.")
    assert ("missile system", "weapon", "missile system") in found


def test_a_maker_of_a_type_makes_each_system_named() -> None:
    text = (
        "Russia launched Iranian-made drones at Kyiv almost every day. Two types were seen: the Shahed-131 "
        "and the Shahed-136."
    )
    made = {o for s, p, o in facts(text, "MANUFACTURES") if s == "Iran"}
    assert made == {"Shahed-131", "Shahed-136"}


def test_made_by_a_state_s_firm() -> None:
    text = "It bought the Wing Loong, a drone manufactured by China's Chengdu Aircraft Industry Group."
    got = facts(text, "MANUFACTURES")
    assert {s for s, _, _ in got} == {"China", "Chengdu Aircraft Corporation"}  # the producers' file names the firm
    assert len({o for _, _, o in got}) == 1 and next(iter(got))[2].startswith("Wing Loong")  # the system, not "drone"


# --- transfers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "The UAE signed a preliminary deal to purchase South Korea's Cheongung missile system.",
            ("South Korea", "SUPPLIES", "United Arab Emirates"),
        ),
        ("A special plane has delivered four Mi-8 helicopters from Russia to Mali.", ("Russia", "SUPPLIES", "Mali")),
        ("Slovakia delivered Russia's S-300 air defence system to Ukraine.", ("Slovakia", "SUPPLIES", "Ukraine")),
    ],
)
def test_transfer_phrasings(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in facts(text, "SUPPLIES")


def test_a_second_hand_sale_is_the_seller_s() -> None:
    text = (
        "Argentina signed a deal on Tuesday to buy 24 of Denmark's F-16 fighter jets.\n\n"
        "No date for the F-16s to be handed over to Argentina was announced."
    )
    got = facts(text, "SUPPLIES")
    assert got == {("Denmark", "SUPPLIES", "Argentina")}  # not the United States, which built them


def test_exported_to_a_list_of_countries() -> None:
    text = "The Wing Loong is exported to countries including Algeria, Egypt and Serbia."
    assert facts(text, "SUPPLIES") == {("China", "SUPPLIES", c) for c in ("Algeria", "Egypt", "Serbia")}


def test_the_city_of_a_target() -> None:
    text = "Russia used KN-23 missiles to strike the Ukrainian city of Kharkiv."
    assert ("Russia", "USED_AGAINST", "Kharkiv") in facts(text)


# --- places ------------------------------------------------------------------------------------


def test_alternate_names_only_of_large_cities() -> None:
    assert kb.geo_place("Borno") is None  # no German town by another spelling
    odessa = kb.geo_place("Odessa")
    assert odessa is not None and odessa[1] is not None and odessa[1].name == "Ukraine"


def test_no_continent_is_a_town() -> None:
    assert not facts("The exhibition is held in Asia every year, and drones were sent to Chile.", "LOCATED_IN")


def test_no_small_town_in_a_title_case_headline() -> None:
    got = facts("Lithuania to Buy 8 HIMARS Rocket Launchers From US\n\nThe deal was signed.")
    assert not {f for f in got if f[1] == "LOCATED_IN"}


def test_an_agency_in_brackets_is_no_dateline() -> None:
    assert dateline("DEFENSE/First launchers arrive\n\nTaipei, June 28 (CNA) The first launchers arrived.") is None


def test_a_site_takes_the_country_of_the_town_after_it() -> None:
    text = "The remaining boats are being built at the Song Cam shipyard in Haiphong."
    assert ("Song Cam shipyard", "LOCATED_IN", "Viet Nam") in facts(text)


def test_a_site_with_a_modifier() -> None:
    text = "The Serbian army showed the FK-3 at the Batajnica military airport near Belgrade."
    assert any(s.startswith("Batajnica") for s, p, _ in facts(text) if p == "LOCATED_IN")


def test_nobody_visits_their_own_state() -> None:
    text = "The recent visit of Armenian Defense Minister Aram Sargsyan to India was a success."
    got = facts(text, "VISITED")
    assert ("Aram Sargsyan", "VISITED", "Armenia") not in got


# --- makers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Malaysia chose the FA-50 over the Russian-made MiG-35.", ("Russia", "MANUFACTURES", "MiG-35")),
        (
            "Turkish company Baykar made the Bayraktar TB2 drones sold abroad.",
            ("Baykar", "MANUFACTURES", "Bayraktar TB2"),
        ),
        (
            "The P15B stealth guided missile destroyers were built by Mazagon Dock Shipbuilders.",
            ("Mazagon Dock Shipbuilders", "MANUFACTURES", "P15B"),
        ),
    ],
)
def test_maker_phrasings(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in facts(text, "MANUFACTURES")


def test_a_plural_of_a_designation_named_before() -> None:
    text = "Poland ordered 180 K2 tanks from South Korea. Hyundai Rotem will build 116 of the K2s."
    assert ("Hyundai Rotem", "MANUFACTURES", "K2") in facts(text, "MANUFACTURES")
