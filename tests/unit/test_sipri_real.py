"""SIPRI readers on the real exports bundled in samples/sipri."""

from __future__ import annotations

import csv
import random
from collections import Counter
from pathlib import Path

import pytest

from loaders.registers.sipri import read_register

DATA = Path(__file__).parents[2] / "samples" / "sipri"
ALL = DATA / "trade-register-all-1950-2025.csv"
UKRAINE = DATA / "trade-register-ukraine-2000-2024.csv"


def plain_rows(path: Path, encoding: str) -> list[list[str]]:
    """The data rows as a plain csv read sees them: everything after the header line."""
    with path.open(encoding=encoding, newline="") as f:
        rows = list(csv.reader(f))
    start = next(i for i, r in enumerate(rows) if r and r[0] in ("Recipient", "SIPRI AT Database ID"))
    return [r for r in rows[start + 1 :] if r]


@pytest.fixture(scope="module")
def register_all():
    register = read_register(ALL)
    deals = list(register.deals)
    return register, deals


@pytest.fixture(scope="module")
def raw_all() -> list[list[str]]:
    return plain_rows(ALL, "iso-8859-1")


def test_every_row_is_a_deal(register_all, raw_all) -> None:
    # The file has 29,928 lines: 11 preamble lines, the header, and 29,916 data rows (the issue's
    # 29,916 deals). Every row is a deal, the 9 repeated ones included.
    register, deals = register_all
    assert len(raw_all) == 29_916
    assert register.rows == len(deals) == len(raw_all)
    assert register.quarantine == []
    assert len({d.key for d in deals}) == len(deals)
    assert deals[0].line == 13 and deals[-1].line == 29_928


def test_nine_exact_duplicates_stay_separate(register_all, raw_all) -> None:
    _, deals = register_all
    repeated = sum(n - 1 for n in Counter(tuple(r) for r in raw_all).values() if n > 1)
    assert repeated == 9
    assert sum(1 for d in deals if not d.key.endswith("-1")) >= 9


def test_provenance(register_all) -> None:
    register, _ = register_all
    assert (register.source_key, register.format, register.encoding) == (
        "sipri-trade-register-all-1950-2025",
        "sipri-legacy",
        "iso-8859-1",
    )
    assert str(register.generated) == "2026-05-18"


def test_shahed_136_to_russia(register_all) -> None:
    _, deals = register_all
    [deal] = [d for d in deals if d.weapon_key == "shahed-136" and d.recipient.key == "RUS"]
    props = deal.properties()
    assert deal.supplier.key == "IRN"
    assert (props["tiv_order"], props["tiv_delivered"], props["number_delivered"]) == (0.0, 264.0, 6600)
    assert "number_ordered" not in props
    assert props["delivery_years"] == [2022, 2023, 2024, 2025]
    assert deal.weapon_aliases() == ["Geran-2"]


def test_tiv_russia_to_india_matches_a_plain_csv_sum(register_all, raw_all) -> None:
    _, deals = register_all
    expected = sum(float(r[15]) for r in raw_all if r[1] == "Russia" and r[0] == "India" and r[15])
    got = sum(
        d.properties().get("tiv_delivered", 0.0) for d in deals if d.supplier.key == "RUS" and d.recipient.key == "IND"
    )
    assert got == pytest.approx(expected, rel=1e-12)
    assert expected > 10_000


@pytest.mark.parametrize(
    ("name", "key", "type_", "country_key"),
    [
        ("Soviet Union", "SUN", "Country", None),
        ("East Germany (GDR)", "DDR", "Country", None),
        ("Yugoslavia", "YUG", "Country", None),
        ("Czechoslovakia", "CSK", "Country", None),
        ("Houthi rebels (Yemen)*", "houthi-rebels", "Organization", "YEM"),
        ("NATO**", "nato", "Organization", None),
        ("United Nations**", "united-nations", "Organization", None),
        ("unknown supplier(s)", "unknown-supplier", "Organization", None),
        ("unknown recipient(s)", "unknown-recipient", "Organization", None),
        ("Iran", "IRN", "Country", None),
        ("Russia", "RUS", "Country", None),
    ],
)
def test_actor_names_as_the_register_writes_them(register_all, name, key, type_, country_key) -> None:
    _, deals = register_all
    actors = {}
    for d in deals:
        actors[d.supplier.key] = d.supplier
        actors[d.recipient.key] = d.recipient
    actor = actors[key]
    assert (actor.type, actor.country_key) == (type_, country_key)


def test_keys_stable_across_reads_and_row_order(tmp_path: Path, register_all) -> None:
    _, deals = register_all
    again = list(read_register(ALL).deals)
    assert [d.key for d in again] == [d.key for d in deals]
    lines = ALL.read_bytes().splitlines(keepends=True)
    head, body = lines[:12], lines[12:]
    random.Random(2026).shuffle(body)
    shuffled = tmp_path / "trade-register-all-1950-2025.csv"
    shuffled.write_bytes(b"".join(head + body))
    moved = list(read_register(shuffled).deals)
    assert {d.key for d in moved} == {d.key for d in deals}

    # keys only ever move between rows with the same identifying fields (the same key stem)
    def stems(ds):
        return Counter((d.key.rsplit("-", 1)[0], d.supplier.key, d.recipient.key, d.weapon_key) for d in ds)

    assert stems(moved) == stems(deals)

    # a row keeps its key unless another row shares its identifying fields but differs elsewhere
    def content(d):
        return repr(sorted(d.properties().items()))

    before = {d.key: content(d) for d in deals}
    variants: dict[str, set[str]] = {}
    for d in deals:
        variants.setdefault(d.key.rsplit("-", 1)[0], set()).add(content(d))
    ambiguous = {stem for stem, contents in variants.items() if len(contents) > 1}
    changed = {d.key.rsplit("-", 1)[0] for d in moved if before[d.key] != content(d)}
    assert changed <= ambiguous
    assert len(ambiguous) < 100


def test_ukraine_new_format(raw_all) -> None:
    register = read_register(UKRAINE)
    deals = list(register.deals)
    raw = plain_rows(UKRAINE, "utf-8-sig")
    assert register.format == "sipri-new" and str(register.generated) == "2025-02-17"
    assert register.rows == len(raw) == 382
    assert len(deals) == len({r[0] for r in raw}) == 323
    assert {d.key for d in deals} == {f"sipri:{r[0]}" for r in raw}
    assert sum(d.properties().get("tiv_delivered", 0) for d in deals) == pytest.approx(sum(float(r[15]) for r in raw))
    assert sum(d.properties().get("number_delivered", 0) for d in deals) == sum(int(r[8]) for r in raw)
    [bushmaster] = [d for d in deals if d.key == "sipri:65361"]
    assert bushmaster.properties()["delivery_years"] == [2022, 2023]
    assert {d.recipient.key for d in deals} == {"UKR"}
    assert "unknown-supplier" in {d.supplier.key for d in deals}


def test_every_name_country_does_not_know_is_handled(raw_all) -> None:
    from loaders.entities import country
    from loaders.registers.actors import resolve_actor

    # 258 distinct names; 80 of them were unknown to country() when this reader was written
    # (fewer as countries.yaml grows). Each kind of name must come out as its kind of actor.
    names = {r[0] for r in raw_all} | {r[1] for r in raw_all}
    assert len(names) == 258
    unresolved = sorted(n for n in names if country(n) is None)
    assert 0 < len(unresolved) <= 80
    for name in names:
        actor = resolve_actor(name)
        if name.endswith("**"):
            assert actor.type == "Organization" and actor.country_key is None, name
        elif name.endswith("*"):
            assert actor.type == "Organization", name
            assert actor.country_key or name == "unknown rebel group*", name
        elif name.startswith("unknown"):
            assert actor.key in ("unknown-supplier", "unknown-recipient"), name
        else:
            assert actor.type == "Country" and actor.key.isupper() and len(actor.key) == 3, name
    countries = {resolve_actor(n).key: n for n in names if resolve_actor(n).type == "Country"}
    assert len(countries) == 194  # 195 state names; "Yemen Arab Republic (North Yemen)" is North Yemen
