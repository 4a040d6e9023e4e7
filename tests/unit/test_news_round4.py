"""Posts, makers, visits and bodies told in forms the extractor did not read before: each on sentences
written for these tests (invented people and firms, real states and registered designations)."""

from __future__ import annotations

import datetime as dt

import pytest

from loaders.news import explain_text, extract_text

PUB = dt.date(2024, 5, 1)


def facts(text: str, predicate: str | None = None) -> set[tuple[str, str, str]]:
    doc = extract_text(text, PUB, "t")
    return {(f.subject, f.predicate, f.object) for f in doc.facts if predicate is None or f.predicate == predicate}


# --- posts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # a first name that is also a firm's name (Rafael) opens a longer name after a post
        ("Chilean Defence Minister Rafael Ortuzar said the boats would arrive in May.", ("Rafael Ortuzar", "Chile")),
        # a member of parliament
        ("Iraqi MP Samir al-Hadi said the jets had arrived.", ("Samir al-Hadi", "Iraq")),
        # two posts joined by "and": the state of the first is the state of the second
        (
            "Polish Defence Minister and deputy Prime Minister Jan Wolski met the delegation in Warsaw.",
            ("Jan Wolski", "Poland"),
        ),
        # a title inside a garbled post: the name is what follows the title
        ("Chief of the Russian Defence General Pavel Orlov was quoted as saying so.", ("Pavel Orlov", "Russia")),
        # the post of a body of a state: "of the X Committee of Belarus A. Name"
        (
            "The claim was made by the chairman of the State Security Committee of Belarus Ivan Drozd on Tuesday.",
            ("Ivan Drozd", "Belarus"),
        ),
        # a state's body between the state and the post
        ("US House of Representatives Speaker Ellen Marsh visited the island.", ("Ellen Marsh", "United States")),
    ],
)
def test_post_forms(text: str, fact: tuple[str, str]) -> None:
    who, state = fact
    assert (who, "HOLDS_ROLE", state) in facts(text, "HOLDS_ROLE")


def test_a_garbled_post_gives_no_person_named_after_it() -> None:
    got = facts("Chief of the Russian Defence General Pavel Orlov was quoted as saying so.", "HOLDS_ROLE")
    assert not any(s.startswith("Defence") for s, _, _ in got)


@pytest.mark.parametrize(
    "text",
    [
        # two people: the first post's state is not the second's
        "Talks between the Polish Prime Minister and President Marc Dubois ended in Paris.",
        # a date between a state and a post is no body of that state
        "In a call with Ukraine on Monday President Dan Miller promised more tanks.",
        # a post word inside a registered designation's name is no post
        "Niger received two King Air surveillance aircraft. Niger will fly them from Niamey, Niger's army said. "
        "The aircraft reached Niger on Monday.",
    ],
)
def test_no_post_from_a_neighbouring_state_or_a_designation(text: str) -> None:
    assert not facts(text, "HOLDS_ROLE")


def test_a_chancellor_is_german_only_when_the_report_names_germany() -> None:
    assert ("Anna Keller", "HOLDS_ROLE", "Germany") in facts(
        "German arms exports need clearance, and Chancellor Anna Keller has not decided on the tanks for Qatar."
    )
    got = facts("Austria will buy Swiss howitzers, Chancellor Anna Keller said.", "HOLDS_ROLE")
    assert ("Anna Keller", "HOLDS_ROLE", "Germany") not in got  # the post's state is the report's, not a guess


# --- bodies that clear or ban sales ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The UN Security Council banned deliveries of tanks to Iran.",
        "German arms exports require a clearance from the Federal Security Council for any sale of tanks to Qatar.",
        "The ban imposed under the UN Security Council resolution also applies to deliveries of tanks to Iran.",
    ],
)
def test_a_body_that_bans_or_clears_sales_supplies_nothing(text: str) -> None:
    got = facts(text, "SUPPLIES")
    assert not any("Council" in s for s, _, _ in got)


def test_the_ban_rule_is_what_keeps_the_council_out() -> None:
    text = "The ban imposed under the UN Security Council resolution also applies to deliveries of tanks to Iran."
    explained = explain_text(text, PUB, "t")
    assert any("no supplier" in why for _, _, why in explained.dropped)


# --- makers -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # a firm's name right before its system
        (
            "Photographs show an Israel Aerospace Industries Harop loitering munition over the village.",
            ("Israel Aerospace Industries", "Harop"),
        ),
        ("Poland bought Lockheed Martin's F-35 jets.", ("Lockheed Martin", "F-35")),
        # an unknown name after "made by" is a firm
        ("Somalia received Akinci drones produced by Kestrova.", ("Kestrova", "Bayraktar Akinci")),
        (
            "Armenia bought Swathi radars developed by the Defense Research and Development Organization of India.",
            ("Defense Research and Development Organization", "Swathi"),
        ),
    ],
)
def test_maker_forms(text: str, fact: tuple[str, str]) -> None:
    maker, system = fact
    assert (maker, "MANUFACTURES", system) in facts(text, "MANUFACTURES")


@pytest.mark.parametrize(
    "text",
    [
        "The rifle the rebels carried was designed by Mikhail Kalashnikov.",
        "The drone, developed by Arman Petrosyan at a small workshop, was sold to Armenia.",
    ],
)
def test_a_person_after_made_by_is_no_firm(text: str) -> None:
    assert not facts(text, "MANUFACTURES")


def test_two_firms_after_made_by_stay_two_and_a_known_firm_stays_itself() -> None:
    got = facts("Poland received F-35 jets made by Lockheed Martin and Boeing.", "MANUFACTURES")
    assert ("Lockheed Martin", "MANUFACTURES", "F-35") in got
    assert not any(" and " in s for s, _, _ in got)
    got = facts("Poland received F-16 jets built by Lockheed Martin, the American firm.", "MANUFACTURES")
    assert ("Lockheed Martin", "MANUFACTURES", "F-16") in got


# --- visits ---------------------------------------------------------------------------------------------


def test_head_to_is_a_visit_and_a_korean_family_name_names_the_person_later() -> None:
    text = (
        "South Korea's Defence Minister Kim Dong-hyun visited Romania on Tuesday. "
        "Kim is set to head to Poland for a three-day trip later on Wednesday."
    )
    got = facts(text, "VISITED")
    assert ("Kim Dong-hyun", "VISITED", "Romania") in got
    assert ("Kim Dong-hyun", "VISITED", "Poland") in got


def test_a_shipment_that_heads_somewhere_is_no_visit() -> None:
    assert not facts("Defence Minister Kim Dong-hyun said the drones headed to Russia.", "VISITED")


def test_travelled_to_after_a_date_is_still_a_visit() -> None:
    text = "Indian Defence Minister Raj Kumar on Monday travelled to Paris to sign the deal."
    assert ("Raj Kumar", "VISITED", "Paris") in facts(text, "VISITED")


@pytest.mark.parametrize(
    "text",
    [
        "Egyptian President Omar Selim skipped the handover ceremony in Paris on Monday.",
        "The contract signed in Paris in 2016 covered 36 Rafale jets, Indian Defence Minister Raj Kumar told "
        "reporters in Delhi.",
    ],
)
def test_no_visit_from_a_ceremony_missed_or_a_signing_by_others(text: str) -> None:
    assert not facts(text, "VISITED")


def test_a_cutter_is_a_ship_that_can_be_handed_over() -> None:
    text = "The United States handed over a high endurance cutter to the Sri Lankan Navy on Tuesday."
    assert ("United States", "SUPPLIES", "Sri Lanka") in facts(text, "SUPPLIES")


def test_a_state_possessive_before_a_system_it_makes() -> None:
    assert ("China", "MANUFACTURES", "HQ-22") in facts("Serbia bought China's HQ-22 anti-aircraft systems.")
    # the owner of a system it does not make makes nothing
    assert not facts("Pakistan's J-10C jets flew over the border.", "MANUFACTURES")


# --- transfers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # an abbreviation's full stop ends no clause
        ("Hyundai Rotem Co. will ship K2 tanks to Poland next year.", ("Hyundai Rotem", "Poland")),
        # a passive transfer with its source after "from"
        ("Consignments of rifles were supplied to Belarus from Ukraine, the agency said.", ("Ukraine", "Belarus")),
        # the owner of a system a relative clause says was bought
        ("The missiles will arm India's Rafale jets, which were acquired from France.", ("France", "India")),
    ],
)
def test_transfer_forms(text: str, fact: tuple[str, str]) -> None:
    supplier, recipient = fact
    assert (supplier, "SUPPLIES", recipient) in facts(text, "SUPPLIES")


def test_a_head_of_state_in_a_report_about_one_state() -> None:
    text = (
        "Egypt receives a second frigate. The frigate arrived in Egypt on Monday, and Egypt's navy "
        "will operate it from Alexandria. President Omar Selim attended the ceremony, Egypt's army said."
    )
    assert ("Omar Selim", "HOLDS_ROLE", "Egypt") in facts(text, "HOLDS_ROLE")


def test_no_state_for_a_post_in_a_report_about_two_states_or_for_a_firms_post() -> None:
    two = "Egypt and France signed a deal. Egypt and France will build ships. President Omar Selim spoke."
    assert not facts(two, "HOLDS_ROLE")
    firm = (
        "Egypt receives a second frigate. The frigate arrived in Egypt on Monday, and Egypt's navy "
        "will operate it. Director Omar Selim of the shipyard attended the ceremony, Egypt's army said."
    )
    assert ("Omar Selim", "HOLDS_ROLE", "Egypt") not in facts(firm, "HOLDS_ROLE")


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Admiral Nur Karim, chief of naval staff of the Bangladesh Navy, attended the handover ceremony in Shanghai.",
            ("Nur Karim", "Shanghai"),
        ),
        (
            "The frigate was received by Egypt's Vice Admiral Omar Fathy during a ceremony at Saint-Nazaire harbour.",
            ("Omar Fathy", "Saint-Nazaire"),
        ),
        (
            "The deal was signed in Doha by Qatar's Defence Minister Khalid Hamad and British Defence Secretary "
            "Gavin Willis.",
            ("Gavin Willis", "Doha"),
        ),
    ],
)
def test_a_foreign_official_at_a_ceremony_or_signing_visits_its_place(text: str, fact: tuple[str, str]) -> None:
    who, where = fact
    got = facts(text, "VISITED")
    assert (who, "VISITED", where) in got
    assert not any(s == "Khalid Hamad" for s, _, _ in got)  # nobody visits a place of their own state


def test_a_surname_after_a_head_of_states_title() -> None:
    got = facts("Brazilian President Moreira signed the contract for the armoured vehicles.", "HOLDS_ROLE")
    assert ("Moreira", "HOLDS_ROLE", "Brazil") in got
    # a firm's name after a military title is not a surname
    assert not facts("General Dynamics built the tanks for Brazil.", "HOLDS_ROLE")


def test_a_surname_named_first_is_the_same_person_as_the_full_name_later() -> None:
    text = "Brazilian President Moreira signed the contract for the armoured vehicles. Ana Moreira later visited Rome."
    people = {s for s, p, _ in facts(text) if p in ("HOLDS_ROLE", "VISITED")}
    assert len(people) == 1 and people <= {"Moreira", "Ana Moreira"}  # one node, whichever name it keeps


def test_a_surname_hit_takes_the_full_name_told_elsewhere_in_the_report() -> None:
    text = "Ana Moreira visited Rome on Monday. Brazilian President Moreira signed the contract for the vehicles."
    people = {s for s, p, _ in facts(text) if p in ("HOLDS_ROLE", "VISITED")}
    assert people == {"Ana Moreira"}


def test_full_names_joins_a_surname_to_the_one_fuller_name() -> None:
    from loaders.entities import Resolved
    from loaders.news.context import Hit
    from loaders.news.implied import full_names

    def person(name: str) -> Resolved:
        return Resolved(name.lower().replace(" ", "-"), name, "Person")

    brazil = Resolved("BRA", "Brazil", "Country")
    hits = [
        Hit(person("Moreira"), "HOLDS_ROLE", brazil, "s1", role="President"),
        Hit(person("Ana Moreira"), "VISITED", Resolved("rome", "Rome", "Place"), "s2"),
    ]
    assert {h.subject.name for h in full_names(hits)} == {"Ana Moreira"}
    two = [
        Hit(person("Moreira"), "HOLDS_ROLE", brazil, "s1", role="President"),
        Hit(person("Ana Moreira"), "VISITED", Resolved("rome", "Rome", "Place"), "s2"),
        Hit(person("Luis Moreira"), "VISITED", Resolved("rome", "Rome", "Place"), "s3"),
    ]
    assert "Moreira" in {h.subject.name for h in full_names(two)}  # two fuller names: no guess


def test_a_deal_between_two_states_for_a_system_named_before_the_noun() -> None:
    got = facts("India and Russia signed the S-400 deal in 2018.", "SUPPLIES")
    assert got == {("Russia", "SUPPLIES", "India")}  # Russia makes the S-400: it supplies


def test_an_airlift_to_the_capital_of_a_state() -> None:
    text = "Ten Russian BRDM-2 armoured vehicles were airlifted to the capital of the Central African Republic."
    assert ("Russia", "SUPPLIES", "Central African Republic") in facts(text, "SUPPLIES")


def test_a_presidential_aide() -> None:
    text = "Russian presidential aide Oleg Volkov said the deliveries had begun."
    assert ("Oleg Volkov", "HOLDS_ROLE", "Russia") in facts(text, "HOLDS_ROLE")


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Russian Ambassador to Beijing Pavel Orlov said China had not supplied arms.", ("Pavel Orlov", "Russia")),
        ("Ambassador of Japan in Peru Kenji Sato attended the ceremony.", ("Kenji Sato", "Japan")),
    ],
)
def test_an_ambassador_posted_to_a_capital_or_in_a_state(text: str, fact: tuple[str, str]) -> None:
    who, state = fact
    got = facts(text, "HOLDS_ROLE")
    assert got == {(who, "HOLDS_ROLE", state)}  # the sending state, not the host
