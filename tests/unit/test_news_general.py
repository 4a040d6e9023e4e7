"""General rules of the news extractor: sentences written for these tests, names made up."""

from __future__ import annotations

import datetime as dt

import pytest

from loaders.news import extract_text

PUB = dt.date(2024, 5, 1)


def facts(text: str, predicate: str | None = None) -> list[tuple]:
    doc = extract_text(text, PUB, "t")
    return [(f.subject, f.predicate, f.object) for f in doc.facts if predicate is None or f.predicate == predicate]


def weapons_of(text: str) -> list[str]:
    return [w for f in extract_text(text, PUB, "t").facts if f.predicate == "SUPPLIES" for w in f.weapon_systems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Costa Pereira Holdings delivered 12 armoured vehicles to Peru.",
            ("Costa Pereira Holdings", "SUPPLIES", "Peru"),
        ),
        (
            "Chile received 40 drones from Andes Poly Group Corporation.",
            ("Andes Poly Group Corporation", "SUPPLIES", "Chile"),
        ),
        ("Kestrel Marine Company has sold two patrol boats to Ghana.", ("Kestrel Marine Company", "SUPPLIES", "Ghana")),
        ("Nordvik Group will supply ammunition to Estonia.", ("Nordvik Group", "SUPPLIES", "Estonia")),
    ],
)
def test_organisation_suffixes(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in facts(text, "SUPPLIES")


def test_a_common_word_before_a_suffix_is_no_organisation() -> None:
    assert facts("The Group said Ghana received drones from Turkey.", "SUPPLIES") == [("Turkey", "SUPPLIES", "Ghana")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"It is a big order," said Tom Vale, a senior fellow at the Centre for Maritime Studies.',
            ("Tom Vale", "HOLDS_ROLE", "Centre for Maritime Studies"),
        ),
        (
            "Ana Ruiz, a researcher at the Institute for Security Policy, said drones were sent.",
            ("Ana Ruiz", "HOLDS_ROLE", "Institute for Security Policy"),
        ),
        (
            "According to Lena Koh, a professor at the University of Arms Control Studies, the sale went ahead.",
            ("Lena Koh", "HOLDS_ROLE", "University of Arms Control Studies"),
        ),
    ],
)
def test_researchers_hold_roles(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in facts(text, "HOLDS_ROLE")


@pytest.mark.parametrize(
    ("text", "weapon"),
    [
        ("Nordvik Group said it would supply artillery to Estonia.", "artillery"),
        ("Spain will sell self-propelled howitzers to Peru.", "self-propelled howitzers"),
        ("Chile bought infantry fighting vehicles from Spain.", "infantry fighting vehicles"),
        ("Italy delivered surface-to-air missiles to Ghana.", "surface-to-air missiles"),
        ("Peru received guided bombs from Brazil.", "guided bombs"),
    ],
)
def test_generic_weapon_types(text: str, weapon: str) -> None:
    doc = extract_text(text, PUB, "t")
    assert [w for f in doc.facts if f.predicate == "SUPPLIES" for w in f.weapon_systems] == [weapon]


def test_a_speaker_is_not_the_giver() -> None:
    text = "NATO Secretary General Ana Bright said allies had sent more air defence systems to Ukraine."
    assert facts(text, "SUPPLIES") == []
    assert facts("Germany said on Monday it would send tanks to Ukraine.", "SUPPLIES") == [
        ("Germany", "SUPPLIES", "Ukraine")
    ]
    assert facts("Defence Minister Ana Bright of Spain said Spain had sent tanks to Ukraine.", "SUPPLIES") == [
        ("Spain", "SUPPLIES", "Ukraine")
    ]


@pytest.mark.parametrize("verb", ["will get", "got", "is getting"])
def test_get_from(verb: str) -> None:
    assert facts(f"Peru {verb} 12 F-16 jets from Norway.", "SUPPLIES") == [("Norway", "SUPPLIES", "Peru")]


@pytest.mark.parametrize(
    "text",
    [
        "Nordvik Group won an order for 20 howitzers. Lena Koh, the company's chief executive, said so.",
        "Nordvik Group won an order for 20 howitzers, its chief executive Lena Koh said.",
    ],
)
def test_the_company_s_officer(text: str) -> None:
    assert facts(text, "HOLDS_ROLE") == [("Lena Koh", "HOLDS_ROLE", "Nordvik Group")]


def test_its_officer_is_the_country_s_when_one_is_named() -> None:
    text = "Peru received tanks from Spain, its defence minister Lena Koh said."
    assert [f[2] for f in facts(text, "HOLDS_ROLE")] in (["Peru"], ["Spain"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Air Marshal Tom Vale, the head of the Royal Chilean Air Force, said the jets had arrived.",
            ("Tom Vale", "HOLDS_ROLE", "Chile"),
        ),
        (
            "Ivan Orlov, deputy head of the Federal Service for Arms Cooperation, said the jets were sent.",
            ("Ivan Orlov", "HOLDS_ROLE", "Federal Service for Arms Cooperation"),
        ),
        (
            "Ana Ruiz, director of the National Directorate of Defence Procurement, confirmed the order.",
            ("Ana Ruiz", "HOLDS_ROLE", "National Directorate of Defence Procurement"),
        ),
    ],
)
def test_role_in_a_named_body(text: str, expected: tuple[str, str, str]) -> None:
    assert facts(text, "HOLDS_ROLE") == [expected]


def test_a_single_ship_word_is_no_weapon() -> None:
    """Singular type words describe more often than they are traded ("a submarine-launched missile")."""
    assert weapons_of("Spain will sell submarine-launched cruise missiles to Peru.") == ["cruise missiles"]


@pytest.mark.parametrize(
    "text",
    [
        "Nordvik Group received an order from Estonia for 12 howitzers.",
        "Nordvik Group has won an order from Estonia for 12 howitzers.",
        "Nordvik Group secured a contract from the Estonian government to supply howitzers.",
    ],
)
def test_an_order_from_the_buyer(text: str) -> None:
    assert facts(text, "SUPPLIES") == [("Nordvik Group", "SUPPLIES", "Estonia")]


def test_more_roles_bodies_and_types() -> None:
    assert ("Ana Bright", "HOLDS_ROLE", "United States") in facts("US Army Secretary Ana Bright visited Chile.")
    text = "The head of the Main Defence Directorate, Ivan Orlov, said Iran had sent drones to Peru."
    assert ("Ivan Orlov", "HOLDS_ROLE", "Main Defence Directorate") in facts(text, "HOLDS_ROLE")
    assert weapons_of("Nordvik Group delivered radar systems to Estonia.") == ["radar systems"]


@pytest.mark.parametrize(
    "text",
    [
        "Chile's Defence Intelligence (DIC) chief Ana Bright said Iran had sent drones to Peru.",
        "Minister of Defence of Chile Ana Bright said the jets had arrived.",
    ],
)
def test_role_with_an_acronym_or_a_country_between(text: str) -> None:
    assert facts(text, "HOLDS_ROLE") == [("Ana Bright", "HOLDS_ROLE", "Chile")]


@pytest.mark.parametrize("verb", ["refused to send", "declined to supply", "has ruled out sending"])
def test_refusal_is_a_denial(verb: str) -> None:
    doc = extract_text(f"Spain {verb} tanks to Peru.", PUB, "t")
    assert [(f.subject, f.object, f.status) for f in doc.facts] == [("Spain", "Peru", "denied")]


def test_an_organisation_suffix() -> None:
    text = "Ravi Nair, who heads the Defence Research Organisation, said the missiles were tested."
    assert facts(text, "HOLDS_ROLE") == [("Ravi Nair", "HOLDS_ROLE", "Defence Research Organisation")]
