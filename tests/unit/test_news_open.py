"""Open recognition and the transfer phrasings: sentences written for these tests."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app
from loaders.news import explain_text, extract_text
from loaders.news import knowledge as kb

PUB = dt.date(2024, 5, 1)


def facts(text: str, predicate: str | None = None) -> list[tuple]:
    doc = extract_text(text, PUB, "t")
    return [(f.subject, f.predicate, f.object) for f in doc.facts if predicate is None or f.predicate == predicate]


def weapons_of(text: str) -> list[str]:
    return [w for f in extract_text(text, PUB, "t").facts for w in f.weapon_systems]


# --- general data -------------------------------------------------------------------------


def test_weapon_gazetteer_from_the_register() -> None:
    index = kb.weapons()
    assert len(index) > 4000
    assert index[kb.norm("Su-30")].category == "aircraft"
    assert index[kb.norm("F-16")].origin == "USA"  # base form of F-16A, F-16C...
    assert index[kb.norm("Hermes 900")].name == "Hermes-900"  # hyphen or space alike
    for word in ("Jaguar", "Typhoon", "India", "155mm", "Bay"):  # common words, countries, calibres, short words
        assert kb.norm(word) not in index, word


def test_producers_and_places_data() -> None:
    assert kb.producers()["Lockheed Martin"] == ("Lockheed Martin", "USA")
    assert len({name for name, _ in kb.producers().values()}) >= 100
    place, country = kb.geo_place("Vladivostok") or (None, None)
    assert place is not None and country is not None and country.name == "Russia"
    assert kb.geo_place("Nowhereville") is None


# --- open recognition ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "weapon"),
    [
        ("Peru received 12 Mi-17 helicopters from Russia.", "Mi-17"),
        ("Vietnam bought Su-30MK2 jets from Russia.", "Su-30"),  # variant suffix off
        ("Chile bought 10 F-16s from the Netherlands.", "F-16"),  # plural off
        ("Greece bought Rafale jets from France.", "Rafale"),  # a name, not a code
    ],
)
def test_register_designations(text: str, weapon: str) -> None:
    assert any(weapon in w for w in weapons_of(text))


def test_designation_that_is_a_word_must_be_a_name() -> None:
    assert weapons_of("Greece bought rafale jets from France.") == ["jets"]


@pytest.mark.parametrize(
    ("text", "person", "holder", "role"),
    [
        ("Brazil's defence minister Jose Mendes spoke.", "Jose Mendes", "Brazil", "Defence minister"),
        ("Pentagon spokesman Paul Ward said so.", "Paul Ward", "United States", "Pentagon spokesman"),
        ("Ana Lima, the foreign minister of Chile, spoke.", "Ana Lima", "Chile", "Foreign minister"),
        (
            "Lieutenant General Omar Said, commander of the Egyptian Air Force, spoke.",
            "Omar Said",
            "Egypt",
            "Commander",
        ),
        ("Peru's Trade Minister, Luis Soto, spoke.", "Luis Soto", "Peru", "Trade Minister"),
    ],
)
def test_role_words_and_capitalised_names(text: str, person: str, holder: str, role: str) -> None:
    doc = extract_text(text, PUB, "t")
    got = [(f.subject, f.object, f.role) for f in doc.facts if f.predicate == "HOLDS_ROLE"]
    assert got == [(person, holder, role)]


def test_places_checked_against_geonames() -> None:
    assert ("Vladivostok", "LOCATED_IN", "Russia") in facts(
        "Ana Lima, the foreign minister of Chile, arrived in Vladivostok."
    )
    # a capitalised word after a locative that GeoNames does not know is no place
    why = explain_text("The minister visited Zzyzxland on Monday.", PUB, "t")
    assert ("Zzyzxland", "not a GeoNames place") in [(c, r) for _, c, r in why.dropped]
    # months are towns somewhere, never places here
    assert facts("Drones were delivered in March.", "LOCATED_IN") == []


def test_place_lists_and_sites() -> None:
    got = facts("Drones struck targets in Kharkiv, Poltava and Sumy.", "LOCATED_IN")
    assert {s for s, _, _ in got} == {"Kharkiv", "Poltava", "Sumy"}
    assert ("Kecskemet air base", "LOCATED_IN", "Hungary") in facts(
        "Gripen jets landed at Kecskemet air base in Hungary."
    )


def test_organisations_by_suffix_state_owned_and_producers() -> None:
    assert "Rapid Support Forces" in {s for s, *_ in facts("Chad sent weapons to the Rapid Support Forces.")} or (
        "Chad",
        "SUPPLIES",
        "Rapid Support Forces",
    ) in facts("Chad sent weapons to the Rapid Support Forces.")
    assert facts(
        "Israel's state-owned Israel Aerospace Industries sold Barak-8 systems to Azerbaijan.", "SUPPLIES"
    ) == [("Israel Aerospace Industries", "SUPPLIES", "Azerbaijan")]
    assert facts("Norway signed a contract with Kongsberg for NASAMS launchers.", "SUPPLIES") == [
        ("Kongsberg Gruppen", "SUPPLIES", "Norway")
    ]


# --- transfer phrasings ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The first Leopard 2 tanks from Germany arrived at a base in Lithuania.", ("Germany", "Lithuania")),
        ("Chile took delivery of six Embraer-built aircraft from Brazil.", ("Brazil", "Chile")),
        ("Peru received 12 Mi-17 helicopters from Russia last year.", ("Russia", "Peru")),
        ("The State Department approved a possible sale of 40 F-16 jets to Turkey.", ("United States", "Turkey")),
        ("Norway signed a contract with Kongsberg for NASAMS launchers.", ("Kongsberg Gruppen", "Norway")),
        ("Spain handed over 10 Leopard 2A4 tanks to Ukraine.", ("Spain", "Ukraine")),
        ("Denmark donated 19 F-16 fighter jets to Ukraine.", ("Denmark", "Ukraine")),
        ("Vietnam bought Su-30MK2 jets from Russia in 2013.", ("Russia", "Viet Nam")),
        ("Mexico purchased howitzers from France and rifles from Belgium.", ("France", "Mexico")),
        ("Kenya's Turkish-made drones patrol the border.", ("Turkey", "Kenya")),
        ("Colombia agreed to buy Israeli Kfir jets.", ("Israel", "Colombia")),
        ("Portugal ordered German-built submarines.", ("Germany", "Portugal")),
        ("Indonesia orders 42 Rafale jets.", ("France", "Indonesia")),
        ("Poland signed a deal for 250 Abrams tanks.", ("United States", "Poland")),
        ("Russia used Iranian-supplied drones.", ("Iran", "Russia")),
    ],
)
def test_transfer_phrasings(text: str, expected: tuple[str, str]) -> None:
    assert (expected[0], "SUPPLIES", expected[1]) in facts(text, "SUPPLIES")


def test_passive_by_and_without_agent() -> None:
    text = "Ghana bought eight howitzers. The howitzers were supplied by South Korea."
    assert facts(text, "SUPPLIES") == [("South Korea", "SUPPLIES", "Ghana")]
    # no agent: the weapon's maker
    assert facts("Rafale jets were given to Croatia.", "SUPPLIES") == [("France", "SUPPLIES", "Croatia")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "South Korea will supply 200 howitzers. The deal was signed with Poland on Monday.",
            ("South Korea", "Poland"),
        ),
        ("Norway will donate NASAMS units. They will be sent to Ukraine in May.", ("Norway", "Ukraine")),
    ],
)
def test_two_sentence_transfers(text: str, expected: tuple[str, str]) -> None:
    assert facts(text, "SUPPLIES") == [(expected[0], "SUPPLIES", expected[1])]


def test_direction_of_a_deal_follows_the_maker() -> None:
    got = facts("France signed a deal with Greece for French-made Rafale fighters.", "SUPPLIES")
    assert got == [("France", "SUPPLIES", "Greece")]


def test_no_transfer_from_a_cancelled_deal_or_a_comma() -> None:
    assert facts("Australia cancelled a submarine deal with France.", "SUPPLIES") == []
    got = facts("Iran could have sent drones to Russia, Kyiv says.", "SUPPLIES")
    assert got == [("Iran", "SUPPLIES", "Russia")]


def test_a_passing_place_gives_no_location() -> None:
    assert facts("She works for a London-based think tank.", "LOCATED_IN") == []


# --- --explain and bad input ---------------------------------------------------------------


def _report(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "r.txt"
    path.write_text(" date 2024-05-01 " + text, encoding="utf-8")
    return path


def test_explain_gives_sentence_and_rule_and_dropped(tmp_path: Path) -> None:
    text = "Spain handed over 10 Leopard 2A4 tanks to Ukraine. The minister visited Zzyzxland."
    result = CliRunner().invoke(app, ["extract", str(_report(tmp_path, text)), "--explain"])
    assert result.exit_code == 0, result.output
    assert "FACT Spain -SUPPLIES-> Ukraine (delivered) [Leopard 2]" in result.output
    assert "  rule: X gives W to Y" in result.output
    assert "  sentence: Spain handed over 10 Leopard 2A4 tanks to Ukraine." in result.output
    assert "DROPPED Zzyzxland: not a GeoNames place" in result.output


def test_explain_as_json(tmp_path: Path) -> None:
    text = "Spain handed over 10 Leopard 2A4 tanks to Ukraine."
    result = CliRunner().invoke(app, ["extract", str(_report(tmp_path, text)), "--explain", "--format", "json"])
    assert result.exit_code == 0, result.output
    (report,) = json.loads(result.output)
    (fact,) = report["facts"]
    assert fact["fact"] == "Spain -SUPPLIES-> Ukraine" and fact["rule"] == "X gives W to Y"
    assert fact["sentence"] == text


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"\x00\x01\x02binary", "binary"), (b"Spain sent tanks to Ukraine.", "no date")],
)
def test_explain_bad_input_is_a_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = CliRunner().invoke(app, ["extract", str(path), "--explain"])
    assert result.exit_code == 2
    assert message in result.output.lower() and "Traceback" not in result.output


def test_text_without_entities_gives_nothing() -> None:
    why = explain_text("nothing here at all, only words.", PUB, "t")
    assert why.document.facts == [] and why.reasons == []


# --- people, visits and uses ------------------------------------------------------------------


def test_leader_of_an_armed_group() -> None:
    doc = extract_text(
        "Ahmed Salim, the warlord who leads the paramilitary Northern Liberation Front, spoke.", PUB, "t"
    )
    assert [(f.subject, f.object, f.role) for f in doc.facts] == [
        ("Ahmed Salim", "Northern Liberation Front", "leader")
    ]


def test_title_name_of_country_and_visit_to_the_country() -> None:
    text = "Morocco bought drones from Israel. Defense Minister Benny Adar of Israel visited the country in May."
    got = facts(text)
    assert ("Benny Adar", "HOLDS_ROLE", "Israel") in got
    assert ("Benny Adar", "VISITED", "Morocco") in got


def test_shot_down_is_use_against_the_object() -> None:
    got = facts("Chile's F-16 jets shot down two Peruvian aircraft, the air force said.", "USED_AGAINST")
    assert got == [("Chile", "USED_AGAINST", "Peru")]


def test_made_by_gives_maker_and_supplier_of_a_passive_transfer() -> None:
    got = facts("Hermes 900 drones made by Andes Advanced Systems were sent to Chile.")
    assert ("Andes Advanced Systems", "MANUFACTURES", "Hermes-900") in got
    assert ("Andes Advanced Systems", "SUPPLIES", "Chile") in got


def test_sale_to_the_government_of_a_country() -> None:
    text = "The State Department approved a possible sale to the Government of Chile of 12 F-16 jets."
    assert facts(text, "SUPPLIES") == [("United States", "SUPPLIES", "Chile")]


def test_acronym_after_a_locative_is_no_place() -> None:
    why = explain_text("Drones were sent, according to AFP.", PUB, "t")
    assert why.document.facts == []


def test_arrival_for_a_country_customer_of_and_built_for() -> None:
    got = facts("The first four F-16 fighter jets for Chile arrived at the Rio Cuarto air base on Friday.", "SUPPLIES")
    assert got == [("United States", "SUPPLIES", "Chile")]
    got = facts("Egypt has become the largest customer of Germany's IRIS-T SLM air defence system.", "SUPPLIES")
    assert got == [("Germany", "SUPPLIES", "Egypt")]
    doc = extract_text("Lockheed Martin will build 48 F-35 jets for Poland under a contract.", PUB, "t")
    assert [(f.subject, f.object, f.status) for f in doc.facts if f.predicate == "SUPPLIES"] == [
        ("Lockheed Martin", "Poland", "planned")
    ]


def test_approved_for_place_made_and_downs() -> None:
    assert facts("The US approves 31 MQ-9B drones for Chile.", "SUPPLIES") == [("United States", "SUPPLIES", "Chile")]
    got = facts("Valparaiso-made drones were sent to Peru.")
    assert ("Chile", "SUPPLIES", "Peru") in got and ("Valparaíso", "LOCATED_IN", "Chile") in got  # GeoNames spelling
    assert facts("Chile's F-16 downs two Peruvian jets.", "USED_AGAINST") == [("Chile", "USED_AGAINST", "Peru")]


def test_countries_including_and_the_status_that_says_more() -> None:
    got = facts("Turkey has sold drones to more than 30 countries, including Chile, Peru and Ghana.", "SUPPLIES")
    assert got == [("Turkey", "SUPPLIES", x) for x in ("Chile", "Peru", "Ghana")]
    doc = extract_text("Ghana receives Turkish drones. Ghana has taken delivery of the drones from Turkey.", PUB, "t")
    assert [(f.subject, f.object, f.status) for f in doc.facts] == [("Turkey", "Ghana", "delivered")]


def test_site_in_a_region_of_a_country() -> None:
    got = facts("The drones landed at Laikipia Air Base in central Kenya.", "LOCATED_IN")
    assert got == [("Laikipia Air Base", "LOCATED_IN", "Kenya")]


def test_will_use_against_but_not_permission_or_for_use() -> None:
    text = "Peru received the missiles and will likely use them against Chile within weeks."
    assert facts(text, "USED_AGAINST") == [("Peru", "USED_AGAINST", "Chile")]
    assert facts("Peru asked for permission to use the missiles against targets in Chile.", "USED_AGAINST") == []
    assert facts("Peru makes drones for use in the war against Chile.", "USED_AGAINST") == []


def test_unknown_sellers_of_a_purchase_are_companies() -> None:
    got = facts("Chile bought radars from Tecnobit and drones from Andes Aero.", "SUPPLIES")
    assert got == [("Tecnobit", "SUPPLIES", "Chile"), ("Andes Aero", "SUPPLIES", "Chile")]
    # a person after "from" in apposition stays a person
    assert facts("Chile bought drones from Ana Lima, the broker.", "SUPPLIES") == []


def test_dateline_gives_the_country_of_a_local_official() -> None:
    text = "NAIROBI, March 14 (Wire) - Defence Cabinet Secretary Omar Hassan said drones arrived."
    assert ("Omar Hassan", "HOLDS_ROLE", "Kenya") in facts(text)
    # without a dateline the role is dropped, with its reason
    why = explain_text("Defence Cabinet Secretary Omar Hassan said drones arrived.", PUB, "t")
    assert why.document.facts == []
    assert any(r == "role with no country or organisation told" for _, _, r in why.dropped)


def test_trip_to_the_country_named_in_the_same_sentence_and_sidelines() -> None:
    text = (
        "Peru will order 12 jets, Italian Defence Minister Guido Rossi, who is on a trip to the Andean country, said."
    )
    assert ("Guido Rossi", "VISITED", "Peru") in facts(text)
    text = "Chile's Trade Minister, Ana Lima, spoke on the sidelines of a forum in Vladivostok, Russia."
    assert ("Ana Lima", "VISITED", "Vladivostok") in facts(text)


@pytest.mark.parametrize(
    ("text", "person", "holder"),
    [
        ("The head of Chile's navy, Admiral Juan Andres De La Maza, said.", "Juan Andres De La Maza", "Chile"),
        ("Luis Soto, Peru's defence minister, signed the deal.", "Luis Soto", "Peru"),
        ("India's Ministry of External Affairs spokesperson Ravi Nair said.", "Ravi Nair", "India"),
        ("Pentagon Press Secretary Maj. Gen. Paul Ward said.", "Paul Ward", "United States"),
        ("Niger's junta leader General Omar Sani met envoys.", "Omar Sani", "Niger"),
        ("Mr. Okafor, Ghana's external affairs minister, said.", "Okafor", "Ghana"),
        ("DSCA Director Paul Ward said.", "Paul Ward", "DSCA"),
        ("IAI CEO Dan Meir said.", "Dan Meir", "Israel Aerospace Industries"),
    ],
)
def test_more_role_shapes(text: str, person: str, holder: str) -> None:
    assert (person, "HOLDS_ROLE", holder) in facts(text, "HOLDS_ROLE")


@pytest.mark.parametrize(
    "text",
    [
        "Tecnomar, Chile's state-owned shipbuilder, sold frigates to Peru.",
        "Chile's state arms exporter Tecnomar sold frigates to Peru.",
        "Tecnomar, a Chilean defence firm, sold frigates to Peru.",
    ],
)
def test_organisations_by_description(text: str) -> None:
    assert ("Tecnomar", "SUPPLIES", "Peru") in facts(text, "SUPPLIES")


def test_weapon_name_inside_a_company_name() -> None:
    got = facts("The jets were made by Rafale Aerospace Works.", "MANUFACTURES")
    assert got and got[0][0] == "Rafale Aerospace Works"


def test_visitor_named_without_a_role_and_bodies_of() -> None:
    assert ("Ana Ortiz", "VISITED", "Lima") in facts("Ana Ortiz visited Lima on Monday.")
    assert ("Ana Ortiz", "VISITED", "Quito") in facts("Ana Ortiz's visit to Quito ended on Friday.")
    assert facts("Turkish Air Defence Units Arrived In Lima.", "VISITED") == []  # a title-case headline
    got = facts("John Okoth, a defence analyst at the Institute for Security Studies, said.", "HOLDS_ROLE")
    assert got == [("John Okoth", "HOLDS_ROLE", "Institute for Security Studies")]
    assert ("Ana Ortiz", "HOLDS_ROLE", "United States") in facts("Under Secretary of Defense Ana Ortiz said.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Germany announced a new military aid package for Chile including IRIS-T systems.", ("Germany", "Chile")),
        (
            "The United States unveiled a security assistance package to Peru with HIMARS rockets.",
            ("United States", "Peru"),
        ),
        ("India's first export of BrahMos missiles to Ghana was completed.", ("India", "Ghana")),
    ],
)
def test_aid_packages_and_exports(text: str, expected: tuple[str, str]) -> None:
    assert (expected[0], "SUPPLIES", expected[1]) in facts(text, "SUPPLIES")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Peru was supplied with howitzers by South Korea.", ("South Korea", "Peru")),
        ("The F-16s were delivered to Chile by the Netherlands last year.", ("Netherlands", "Chile")),
        ("Lima was handed 20 Leopard tanks by Spain.", ("Spain", "Peru")),
    ],
)
def test_passive_with_a_later_agent(text: str, expected: tuple[str, str]) -> None:
    assert facts(text, "SUPPLIES") == [(expected[0], "SUPPLIES", expected[1])]


def test_an_announcer_is_no_agent() -> None:
    got = facts("Three Rafale jets were given to Chile, as announced by the Chilean air force.", "SUPPLIES")
    assert got == [("France", "SUPPLIES", "Chile")]
