"""Open recognition of people, organisations and places: general rules, on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from loaders.news import extract_text, people
from loaders.news.context import Context
from loaders.news.mentions import DocState
from loaders.news.tagging import tag

PUB = dt.date(2024, 5, 1)


def facts(text: str, predicate: str | None = None) -> set[tuple[str, str, str]]:
    doc = extract_text(text, PUB, "t")
    return {(f.subject, f.predicate, f.object) for f in doc.facts if predicate is None or f.predicate == predicate}


def roles(text: str) -> set[tuple[str, str, str]]:
    doc = extract_text(text, PUB, "t")
    return {(f.subject, f.object, f.role or "") for f in doc.facts if f.predicate == "HOLDS_ROLE"}


def entity_names(text: str) -> set[tuple[str, str]]:
    return {(e.name, e.type) for e in extract_text(text, PUB, "t").entities}


# --- a place name inside a longer name is no place -----------------------------------------


@pytest.mark.parametrize(
    ("text", "not_there"),
    [
        ("Sofia Lindgren said it would supply drones to Finland.", "Bulgaria"),
        ("Ana Cardoso Lima said it would supply rockets to Chile.", "Peru"),
        ("The Tehran Times said it sent drones to Sudan.", "Iran"),
    ],
)
def test_place_inside_a_name(text: str, not_there: str) -> None:
    assert not_there not in {n for n, _ in entity_names(text)}
    assert not facts(text, "SUPPLIES")


@pytest.mark.parametrize(
    "text",
    [
        "Spain sent rockets to Kyiv Monday.",  # a weekday after a capital
        "The rockets were sent to Lima by Spain.",
    ],
)
def test_capital_still_found(text: str) -> None:
    assert any(p == "SUPPLIES" for _, p, _ in facts(text))


# --- organisations ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "org", "fact"),
    [
        (
            "Turkish defence company Kestrelmak will deliver 20 armoured vehicles to Romania.",
            "Kestrelmak",
            ("Kestrelmak", "SUPPLIES", "Romania"),
        ),
        (
            "Norway's arms maker Fjellsverd sold rockets to Latvia.",
            "Fjellsverd",
            ("Fjellsverd", "SUPPLIES", "Latvia"),
        ),
    ],
)
def test_firm_of_a_country(text: str, org: str, fact: tuple[str, str, str]) -> None:
    assert (org, "Organization") in entity_names(text)
    assert fact in facts(text)


def test_firm_of_a_country_holds_the_role() -> None:
    text = "Sofia Lindgren, CEO of Swedish drone maker Nordvinge, said the drones were ready."
    assert ("Sofia Lindgren", "Nordvinge", "CEO") in roles(text)


# --- people -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # initials in a name
        ("Nigerian Defence Minister A. B. Okonkwo said the jets would arrive soon.", ("A. B. Okonkwo", "Nigeria")),
        # an abbreviated rank, the organisation after "of"
        (
            "Rear Adm. Kenji Watanabe of the Japan Maritime Self-Defense Force visited Manila.",
            ("Kenji Watanabe", "Japan"),
        ),
        # an ambassador "to" a country serves the country named before the title
        ("Kenyan ambassador to Japan Wanjiru Odhiambo attended the signing.", ("Wanjiru Odhiambo", "Kenya")),
        # an office of any name: "Secretary of ...", "Minister for ..."
        (
            "Mexico's Secretary of National Defense, General Luis Cresencio Sandoval, visited Washington.",
            ("Luis Cresencio Sandoval", "Mexico"),
        ),
        ("Fiji's Minister for Home Affairs Pio Tikoduadua said the boats had arrived.", ("Pio Tikoduadua", "Fiji")),
    ],
)
def test_person_with_a_post(text: str, expected: tuple[str, str]) -> None:
    assert expected in {(who, where) for who, where, _ in roles(text)}


def test_abbreviated_rank_is_spelt_out_and_yields_to_a_post() -> None:
    assert ("Kenji Watanabe", "Japan", "Rear admiral") in roles(
        "Rear Adm. Kenji Watanabe of the Japan Maritime Self-Defense Force visited Manila."
    )
    got = roles("Lt. Gen. Arvid Holmqvist, commander of the Swedish Air Force, said the jets were ready.")
    assert got == {("Arvid Holmqvist", "Sweden", "Commander")}


def test_organisation_words_are_no_person() -> None:
    text = "Colonel Mbeki Tshabalala, a spokesman for the South African National Defence Force, said so."
    assert roles(text) == {("Mbeki Tshabalala", "South Africa", "Spokesman")}
    assert not any("Force" in n for n, t in entity_names(text) if t == "Person")


# --- weapons ------------------------------------------------------------------------------


def test_definite_generic_stands_for_the_named_system() -> None:
    # the register files IRIS-T under missiles: an "air defence system" may stand for it
    text = (
        "Germany will send IRIS-T air defence systems to Ukraine. "
        "The air defence system manufactured by Keilwerk Armaments is in service in Egypt."
    )
    assert ("Keilwerk Armaments", "MANUFACTURES", "IRIS-T") in facts(text, "MANUFACTURES")
    text = "Peru ordered 12 Rafale jets. The jet is produced by Dassault Aviation."
    assert ("Dassault Aviation", "MANUFACTURES", "Rafale") in facts(text, "MANUFACTURES")


def test_named_system_beats_a_generic_type() -> None:
    text = "Peru bought jets from Sweden. Sweden builds a light fighter jet, the Gripen, for export."
    got = facts(text, "MANUFACTURES")
    assert ("Sweden", "MANUFACTURES", "Gripen") in got
    assert not any("jet" in o for _, _, o in got)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The accord was signed by Thai Defence Minister Sutin Maneerat and his Swedish counterpart Olle Dahl.",
            ("Olle Dahl", "Sweden", "Defence Minister"),
        ),
        (
            "The US ambassador to Poland, Marta Kowalski, said the tanks would arrive in March.",
            ("Marta Kowalski", "United States", "Ambassador"),
        ),
        (
            "Dr. Samir Qadri, a senior fellow at Harbourside Institute, said the deal was unusual.",
            ("Samir Qadri", "Harbourside Institute", "Senior fellow"),
        ),
        (
            "Dr. Lena Fors, a researcher at Brightwater Analytics, said the drones were new.",
            ("Lena Fors", "Brightwater Analytics", "Researcher"),
        ),
        (
            "Major General Ivan Petkov, deputy commander of the Bulgarian Land Forces, said the tanks were old.",
            ("Ivan Petkov", "Bulgaria", "Deputy commander"),
        ),
    ],
)
def test_whose_post(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in roles(text)


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("The Royal Thai Navy received a frigate from South Korea.", ("South Korea", "SUPPLIES", "Thailand")),
        (  # an armed group named after a country is no state
            "The Syrian Democratic Forces received rifles from the United States.",
            ("United States", "SUPPLIES", "Syrian Democratic Forces"),
        ),
    ],
)
def test_state_forces_and_armed_groups(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in facts(text, "SUPPLIES")


def test_a_place_after_a_post_is_no_organisation() -> None:
    got = roles("Anna Berg, a senior fellow at Uppsala, said the jets were old.")
    assert not any(org == "Uppsala" for _, org, _ in got)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gen. Arvid Holm of the Swedish Armed Forces visited Oslo.", ("Arvid Holm", "Sweden", "General")),
        (  # "Brig." does not end the sentence
            "Brig. Gen. Tomas Reyes of the Chilean Army visited Lima.",
            ("Tomas Reyes", "Chile", "Brigadier general"),
        ),
        ("Wg. Cdr. Ravi Nair of the Indian Air Force flew the jet.", ("Ravi Nair", "India", "Wing commander")),
    ],
)
def test_rank_alone(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in roles(text)


# --- transfers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (  # the agreement names both parties, the next sentence one side and the weapon
            "Germany has signed an agreement with Lithuania. Under the deal, Berlin will supply 44 Leopard 2 tanks.",
            ("Germany", "SUPPLIES", "Lithuania"),
        ),
        (
            "Norway concluded a deal with Estonia on Monday. Under the deal, Estonia will receive rockets.",
            ("Norway", "SUPPLIES", "Estonia"),
        ),
    ],
)
def test_agreement_then_the_weapon(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in facts(text, "SUPPLIES")


@pytest.mark.parametrize(
    "text",
    [
        "Kestrel Dynamics signed a contract with Peru for 30 howitzers.",
        "Peru signed a contract with Kestrel Dynamics for 30 howitzers.",
        "Chile's state-owned shipbuilder Astillera Sur signed a contract with Peru for two patrol boats.",
    ],
)
def test_a_firm_signing_with_a_country_sells(text: str) -> None:
    got = facts(text, "SUPPLIES")
    assert len(got) == 1
    (subject, _, obj) = next(iter(got))
    assert obj == "Peru" and subject != "Peru"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Drones were used in attacks on Chernivtsi on Monday.", ("Chernivtsi", "LOCATED_IN", "Ukraine")),
        ("The missiles were fired in a strike against Mosul.", ("Mosul", "LOCATED_IN", "Iraq")),
    ],
)
def test_target_of_an_attack_is_a_place(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in facts(text, "LOCATED_IN")


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Houthi rebels fired ballistic missiles at Israel.", ("Houthis", "USED_AGAINST", "Israel")),
        ("Israel struck Gaza with US-made bombs on Tuesday.", ("Israel", "USED_AGAINST", "Gaza")),
        ("Russia hit Kharkiv with glide bombs.", ("Russia", "USED_AGAINST", "Kharkiv")),
    ],
)
def test_use_against(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in facts(text, "USED_AGAINST")


def test_a_firm_launching_a_weapon_uses_it_against_no_one() -> None:
    assert not facts("Kestrel Dynamics launched its new missile in Chile.", "USED_AGAINST")


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Chile's howitzers were supplied by Spain.", ("Spain", "SUPPLIES", "Chile")),
        ("Peru has received the helicopters that Brazil had promised.", ("Brazil", "SUPPLIES", "Peru")),
        ("Kenya took delivery of the patrol boats, which Turkey pledged last year.", ("Turkey", "SUPPLIES", "Kenya")),
    ],
)
def test_possessive_and_relative_transfers(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in facts(text, "SUPPLIES")


def test_post_without_a_name_then_the_speaker() -> None:
    text = (
        "Chile is not selling arms to anyone, the country's president said on Sunday. "
        '"We are clean," Marisol Vera told journalists in Lima.'
    )
    assert ("Marisol Vera", "Chile", "President") in roles(text)


@pytest.mark.parametrize(
    "text",
    [  # the next person has a post of their own, or the post could be another state's
        "Peru denied the report, its defence minister said. Foreign Minister Ana Soto added that the deal was off.",
        "Chile sells no arms to Peru, the country's president said. Marisol Vera told journalists so.",
    ],
)
def test_post_without_a_name_not_given_away(text: str) -> None:
    assert not roles(text)


def test_speaker_is_a_person() -> None:
    state = DocState()
    text = '"The jets are here," Karim Haddad told reporters.'
    ctx = Context(text, tag(text, state), state, PUB, [])
    people.roles(ctx)
    assert [m.text for m in ctx.mentions if m.kind == "person"] == ["Karim Haddad"]


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Polish Defence Minister Jan Kowal held talks in Seoul on Monday.",
            ("Jan Kowal", "VISITED", "Seoul"),
        ),
        (
            "On a trip to Riyadh, South Korean President Min Ho Park signed arms deals worth $5 billion.",
            ("Min Ho Park", "VISITED", "Riyadh"),
        ),
    ],
)
def test_visit_phrasings(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in facts(text, "VISITED")


def test_talks_at_home_are_no_visit() -> None:
    assert not facts("Polish Defence Minister Jan Kowal held talks in Warsaw on Monday.", "VISITED")


def test_attending_an_event_held_before() -> None:
    text = (
        "The signing ceremony was held at the navy yard in Gdynia on Monday. "
        "Estonian Defence Minister Kalle Tamm attended the ceremony."
    )
    assert ("Kalle Tamm", "VISITED", "Gdynia") in facts(text, "VISITED")
    home = "The signing ceremony was held in Gdynia. Polish Defence Minister Jan Kowal attended the ceremony."
    assert not facts(home, "VISITED")  # at home: no visit
