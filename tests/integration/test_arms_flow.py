"""ARMS_FLOW stays exact: after any sequence of loads, re-loads and retractions, every pair's
ARMS_FLOW equals a recompute from its SUPPLIES facts (computed here in Python, apart from the
Cypher that maintains it)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import arms_flow
from graph.db import Graph
from graph.queries import query
from graph.schema import apply_schema, delete_all
from loaders.load import load_paths, retract_sources

ROOT = Path(__file__).resolve().parents[2]
LEGACY = ROOT / "samples" / "sipri" / "trade-register-all-1950-2025.csv"
UKRAINE = ROOT / "samples" / "sipri" / "trade-register-ukraine-2000-2024.csv"

COUNTRIES = ["Iran", "Russia", "Belarus", "China", "Ukraine"]
WEAPONS = ["Shahed-136", "Fath-360", "KN-23", "T-72"]
STATUSES = ["reported", "agreed", "delivered", "denied", "alleged", "planned"]


def expected_flows(graph: Graph) -> dict[tuple[str, str], dict[str, Any]]:
    """ARMS_FLOW as it should be, from the SUPPLIES facts in the graph's dump."""
    dump = graph.read_text(query("graph_dump"))[0]["relationships"]
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for src, type_, dst, p in dump:
        if type_ != "SUPPLIES" or src == dst or p.get("status") == "denied":
            continue
        f = out.setdefault(
            (src, dst),
            {"deals": 0, "tiv_delivered": 0.0, "disputed_deals": 0, "years": [], "weapons": set(), "sources": set()},
        )
        f["deals"] += 1
        f["tiv_delivered"] += p.get("tiv_delivered") or 0.0
        f["disputed_deals"] += 1 if p.get("disputed") else 0
        year = p.get("year")
        f["years"].append((year, [y for y in [year, *(p.get("delivery_years") or [])] if y is not None]))
        f["weapons"].update([p["weapon"]] if p.get("weapon") is not None else p.get("weapons") or [])
        f["sources"].update(p.get("sources") or [])
    for f in out.values():
        years = f.pop("years")
        firsts = [y for y, _ in years if y is not None]
        lasts = [y for _, ys in years for y in ys]
        f["first_year"] = min(firsts) if firsts else None
        f["last_year"] = max(lasts) if lasts else None
        f["weapons"] = sorted(f["weapons"])
        f["sources"] = sorted(f["sources"])
    return out


def stored_flows(graph: Graph) -> dict[tuple[str, str], dict[str, Any]]:
    dump = graph.read_text(query("graph_dump"))[0]["relationships"]
    found = [(src, dst) for src, t, dst, _ in dump if t == "ARMS_FLOW"]
    assert len(found) == len(set(found)), f"more than one ARMS_FLOW for a pair: {sorted(found)}"
    return {(src, dst): dict(p) for src, t, dst, p in dump if t == "ARMS_FLOW"}


def assert_exact(graph: Graph, where: str = "") -> dict[tuple[str, str], dict[str, Any]]:
    want, have = expected_flows(graph), stored_flows(graph)
    assert set(have) == set(want), (
        f"{where}: pairs differ: extra {set(have) - set(want)}, missing {set(want) - set(have)}"
    )
    for pair, w in want.items():
        h = dict(have[pair])
        assert math.isclose(h.pop("tiv_delivered"), w["tiv_delivered"], abs_tol=0.002), (where, pair)
        assert h == {k: v for k, v in w.items() if k != "tiv_delivered"}, (where, pair)
    return have


def fact(subject: str, obj: str, weapon: str, status: str, year: int) -> dict[str, Any]:
    return {
        "subject": subject,
        "subject_type": "Country",
        "predicate": "SUPPLIES",
        "object": obj,
        "object_type": "Country",
        "weapon_systems": [weapon],
        "status": status,
        "date": f"{year}-05-01",
        "evidence": f"{subject} {status} {weapon} for {obj}.",
    }


def write_claims(folder: Path, idx: int, facts: list[dict[str, Any]]) -> Path:
    path = folder / f"doc-{idx}.json"
    doc = {"id": f"doc-{idx}", "title": f"Claims {idx}", "published": f"2024-0{idx + 1}-01", "facts": facts}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def write_table(folder: Path, idx: int, rows: list[tuple[str, str, str, int, int, str]]) -> Path:
    path = folder / f"table-{idx}.csv"
    lines = [f"# title: Table {idx}", f"# generated: 2025-0{idx + 1}-01"]
    lines.append("supplier,recipient,weapon,year,quantity,status,source")
    lines += [f"{s},{r},{w},{y},{q},{st_},https://example.org/{idx}" for s, r, w, y, q, st_ in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def sipri_slice(folder: Path, source: Path, name: str, rows: list[int]) -> Path:
    """A SIPRI export of the chosen data rows of a bundled one (its preamble and header kept)."""
    lines = source.read_bytes().split(b"\n")
    start = next(i for i, line in enumerate(lines) if b"Supplier" in line and b"Recipient" in line) + 1
    data = [line for line in lines[start:] if line.strip()]
    path = folder / name
    path.write_bytes(b"\n".join(lines[:start] + [data[i % len(data)] for i in sorted(set(rows))]) + b"\n")
    return path


def legacy_ukraine(folder: Path, picks: list[int]) -> Path:
    """A legacy-register slice of deals into Ukraine (they meet the newer Ukraine export's deals)."""
    lines = LEGACY.read_bytes().split(b"\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(b"Recipient,Supplier")) + 1
    ukraine = [line for line in lines[start:] if line.startswith(b"Ukraine,")]
    path = folder / "trade-register-all-slice.csv"
    chosen = sorted({p % len(ukraine) for p in picks})
    path.write_bytes(b"\n".join(lines[:start] + [ukraine[i] for i in chosen]) + b"\n")
    return path


country = st.sampled_from(COUNTRIES)
claim = st.builds(fact, country, country, st.sampled_from(WEAPONS), st.sampled_from(STATUSES), st.integers(2020, 2024))
row = st.tuples(
    country, country, st.sampled_from(WEAPONS), st.integers(2020, 2024), st.integers(1, 50), st.sampled_from(STATUSES)
)
op = st.one_of(
    st.tuples(st.just("claims"), st.integers(0, 3), st.lists(claim, max_size=4)),
    st.tuples(st.just("retract"), st.integers(0, 3), st.none()),
    st.tuples(st.just("table"), st.integers(0, 1), st.lists(row, min_size=1, max_size=4)),
    st.tuples(st.just("legacy"), st.just(0), st.lists(st.integers(0, 400), min_size=1, max_size=12)),
    st.tuples(st.just("ukraine"), st.just(0), st.lists(st.integers(0, 400), min_size=1, max_size=12)),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(ops=st.lists(op, min_size=1, max_size=6))
def test_arms_flow_equals_a_recompute_after_any_loads_and_retractions(
    graph: Graph, tmp_path: Path, ops: list[tuple[str, int, Any]]
) -> None:
    delete_all(graph)
    loaded: set[int] = set()
    folder = tmp_path / f"run-{id(ops)}"
    folder.mkdir()
    for n, (kind, idx, arg) in enumerate(ops):
        if kind == "claims":
            load_paths(graph, [write_claims(folder, idx, [f for f in arg if f["subject"] != f["object"]])])
            loaded.add(idx)
        elif kind == "retract":
            if idx not in loaded:
                continue
            retract_sources(graph, [f"doc-{idx}"])
            loaded.discard(idx)
        elif kind == "table":
            load_paths(graph, [write_table(folder, idx, [r for r in arg if r[0] != r[1]] or [arg[0]])])
        elif kind == "legacy":
            load_paths(graph, [legacy_ukraine(folder, arg)])
        else:
            load_paths(graph, [sipri_slice(folder, UKRAINE, "trade-register-ukraine-slice.csv", arg)])
        assert_exact(graph, f"after step {n} ({kind} {idx})")


def test_arms_flow_of_a_known_graph(graph: Graph, tmp_path: Path) -> None:
    """Exact figures on a small graph: a fact whose latest word is a denial does not count, a
    dispute does and is counted, a retraction brings a pair back or takes it away."""
    # Claims documents give one fact per (predicate, subject, object); doc-N is published in month N+1.
    a = write_claims(
        tmp_path,
        0,
        [fact("Iran", "Russia", "Shahed-136", "delivered", 2022), fact("China", "Russia", "T-72", "denied", 2023)],
    )
    b = write_claims(tmp_path, 1, [fact("Iran", "Russia", "Shahed-136", "denied", 2022)])
    c = write_claims(tmp_path, 2, [fact("China", "Russia", "T-72", "alleged", 2023)])
    table = write_table(
        tmp_path,
        0,
        [("Belarus", "Russia", "T-72", 2023, 40, "delivered"), ("Belarus", "Russia", "KN-23", 2021, 5, "denied")],
    )
    load_paths(graph, [a, c, table])
    flows = assert_exact(graph, "loaded")
    assert flows[("IRN", "RUS")] == {
        "deals": 1,
        "tiv_delivered": 0.0,
        "disputed_deals": 0,
        "first_year": 2022,
        "last_year": 2022,
        "weapons": ["Shahed-136"],
        "sources": ["doc-0"],
    }
    # China: denied by doc-0, alleged later by doc-2: disputed, and the latest word counts.
    assert flows[("CHN", "RUS")]["disputed_deals"] == 1 and flows[("CHN", "RUS")]["sources"] == ["doc-0", "doc-2"]
    # Belarus: the table's denied row does not count.
    assert flows[("BLR", "RUS")]["deals"] == 1 and flows[("BLR", "RUS")]["weapons"] == ["T-72"]
    assert set(flows) == {("IRN", "RUS"), ("CHN", "RUS"), ("BLR", "RUS")}
    # A later source denies the Shahed-136 delivery: the fact's status is now denied (the latest word).
    load_paths(graph, [b])
    assert ("IRN", "RUS") not in assert_exact(graph, "denied")
    retract_sources(graph, ["doc-1"])
    assert assert_exact(graph, "retracted")[("IRN", "RUS")]["deals"] == 1
    retract_sources(graph, ["doc-0"])
    assert assert_exact(graph, "doc-0 retracted")[("CHN", "RUS")]["disputed_deals"] == 0
    retract_sources(graph, ["doc-2"])
    assert set(assert_exact(graph, "all retracted")) == {("BLR", "RUS")}


def test_arms_flow_of_the_bundled_registers_and_rebuild(graph: Graph, seed_claims: Path, seed_report: Path) -> None:
    """Both bundled SIPRI exports and the seed report: ARMS_FLOW is exact, a re-load changes
    nothing, and a full rebuild (a graph loaded before ARMS_FLOW) gives the same relationships."""
    load_paths(graph, [UKRAINE, LEGACY, seed_report, seed_claims])
    flows = assert_exact(graph, "bundled")
    assert flows[("RUS", "IND")]["tiv_delivered"] == pytest.approx(46424.6, abs=0.05)
    load_paths(graph, [seed_claims, UKRAINE])
    assert stored_flows(graph) == flows
    graph.write("arms_flow_forget")  # the graph as an armsgraph before ARMS_FLOW left it
    assert stored_flows(graph) == {}
    assert arms_flow.ensure(graph) is True
    assert arms_flow.ensure(graph) is False
    apply_schema(graph)
    assert stored_flows(graph) == flows
