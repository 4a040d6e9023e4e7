"""The in-memory supply index: snapshots updated by changes equal fresh ones; path searches on a
small known graph; bounded path statements; kept answers across writes; Neo4j errors of /paths."""

from __future__ import annotations

import random
import re
from typing import Any

import pytest
from neo4j.exceptions import Neo4jError

from graph.cache import AnswerCache
from graph.errors import InvalidInput, QueryRefused, Unavailable
from graph.model import MODEL
from graph.query.paths import MAX_PATH_HOPS, _read_timed, bounded
from graph.query.supply_index import ChainFilter, PathFilter, SupplyIndex

LABEL = re.compile(r"\(\s*\w*\s*:\s*([A-Za-z_]\w*)")  # as tests/unit/test_model.py checks every file
REL = re.compile(r"\[\s*\w*\s*:\s*([A-Za-z_]\w*)")
KNOWN_LABELS = set(MODEL.labels) | {"Entity"}

ALL = PathFilter(frozenset({"SUPPLIES", "VISITED", "LOCATED_IN", "HOLDS_ROLE"}))


def packed(type_: str, other: str, key: str, year: int = 2020, tiv: float = 0.0) -> list[Any]:
    return [type_, other, key, year, year, year, "2020-01-01", [], "delivered", tiv]


def rows_of(edges: list[tuple[str, str, str, str]]) -> list[dict[str, Any]]:
    """supply_index.cypher rows for edges (type, src, dst, key)."""
    ents = sorted({e for _t, s, d, _k in edges for e in (s, d)})
    return [
        {"key": k, "name": k.upper(), "type": "Country", "out": [packed(t, d, key) for t, s, d, key in edges if s == k]}
        for k in ents
    ]


def edge_rows(edges: list[tuple[str, str, str, str]], changed: set[tuple[str, str]]) -> list[dict[str, Any]]:
    """supply_index_edges.cypher rows for the relationships ``changed`` ((type, key)) that exist."""
    return [{"src": s, "edge": packed(t, d, key)} for t, s, d, key in edges if (t, key) in changed]


def name_rows(keys: set[str]) -> list[dict[str, Any]]:
    return [{"key": k, "name": k.upper(), "type": "Country"} for k in sorted(keys)]


def tables(index: SupplyIndex) -> tuple[Any, ...]:
    """What a snapshot holds (names of the entities with relationships: a snapshot made by changes
    may also remember those that lost theirs)."""
    linked = set(index.facts) | set(index.rfacts)
    return {k: v for k, v in index.names.items() if k in linked}, index.facts, index.rfacts, index.into, index.out_of


def test_a_snapshot_with_changes_equals_a_fresh_one() -> None:
    rng = random.Random(5)
    nodes = [f"n{i}" for i in range(12)]
    edges: list[tuple[str, str, str, str]] = []
    index = SupplyIndex(0, rows_of(edges))
    for version in range(1, 60):
        touched: set[str] = set()
        changed: set[tuple[str, str]] = set()
        for _ in range(rng.randint(1, 4)):
            if edges and rng.random() < 0.4:
                gone = edges.pop(rng.randrange(len(edges)))
                touched |= {gone[1], gone[2]}
                changed.add((gone[0], gone[3]))
            elif edges and rng.random() < 0.3:  # an edge written again: same key, another year
                i = rng.randrange(len(edges))
                t, s, d, key = edges[i]
                edges[i] = (t, s, d, key)
                changed.add((t, key))
                touched |= {s, d}
            else:
                s, d = rng.sample(nodes, 2)
                t = rng.choice(["SUPPLIES", "SUPPLIES", "LOCATED_IN"])
                edges.append((t, s, d, f"k{version}-{len(edges)}"))
                touched |= {s, d}
                changed.add((t, f"k{version}-{len(edges) - 1}"))
        before = tables(index)
        steps_before = [index.chain_step(nodes, up, ChainFilter()) for up in (True, False)]  # kept for the next
        index = index.with_changes(version, name_rows(touched), changed, edge_rows(edges, changed))
        fresh = SupplyIndex(version, rows_of(edges))
        assert tables(index) == tables(fresh), version
        assert before is not tables(index)  # a new snapshot; the old one is left as it was
        for up in (True, False):  # the hops kept from the snapshot before are those of a fresh one
            assert index.chain_step(nodes, up, ChainFilter()) == fresh.chain_step(nodes, up, ChainFilter())
        assert steps_before


DIAMOND = [
    ("HOLDS_ROLE", "mok", "irn", "r1"),
    ("VISITED", "mok", "mos", "v1"),
    ("SUPPLIES", "irn", "rus", "s1"),
    ("SUPPLIES", "irn", "rus", "s2"),  # a second deal: the same step
    ("LOCATED_IN", "mos", "rus", "l1"),
    ("SUPPLIES", "irn", "mos", "s3"),
    ("SUPPLIES", "rus", "irn", "s4"),
]


def node_seqs(found: list[Any]) -> list[list[str]]:
    return [[p[0].src] + [d.dst for d in p] for p in found]


def test_every_shortest_path_and_every_path_shortest_first() -> None:
    index = SupplyIndex(1, rows_of(DIAMOND))
    seen: set[str] = set()
    found, total = index.all_shortest("mok", "rus", ALL, 6, 10, seen)
    assert total == 2 and node_seqs(found) == [["mok", "irn", "rus"], ["mok", "mos", "rus"]]
    assert found[0][1].key == "s1"  # the first deal by key stands for the step
    assert {"mok", "irn", "mos", "rus"} <= seen
    page, number, capped = index.all_paths("mok", "rus", ALL, 3, 0, 10, 100, set())
    assert node_seqs(page) == [["mok", "irn", "rus"], ["mok", "mos", "rus"], ["mok", "irn", "mos", "rus"]]
    assert (number, capped) == (3, False)
    assert node_seqs(index.all_paths("mok", "rus", ALL, 3, 1, 1, 100, set())[0]) == [["mok", "mos", "rus"]]
    assert index.all_paths("mok", "rus", ALL, 3, 0, 10, 2, set())[1:] == (2, True)
    assert index.all_paths("mok", "rus", ALL, 1, 0, 10, 100, set())[0] == []
    only_supplies = PathFilter(frozenset({"SUPPLIES"}))
    assert index.all_shortest("irn", "mos", only_supplies, 6, 10, set())[1] == 1
    assert index.all_shortest("rus", "mos", only_supplies, 1, 10, set())[1] == 0


def test_chain_step_counts_deals_per_pair() -> None:
    index = SupplyIndex(1, rows_of(DIAMOND))
    rows = index.chain_step(["rus"], True, ChainFilter())
    assert [(r["src"], r["n"]) for r in rows] == [("irn", 2)]


@pytest.mark.parametrize("name", ["paths_all", "paths_shortest"])
def test_bounded_statements_carry_the_bound_in_the_pattern(name: str) -> None:
    for hops in range(1, max(MAX_PATH_HOPS.values()) + 1):
        text = bounded(name, hops)
        assert f"]->{{1,{hops}}}(b)" in text and "{1,MAX_HOPS}" not in text
        body = "\n".join(line.split("//")[0] for line in text.splitlines())
        assert set(LABEL.findall(body)) <= KNOWN_LABELS and set(REL.findall(body)) == set()
    for bad in (0, 7, True, "3"):
        with pytest.raises(InvalidInput):
            bounded(name, bad)  # type: ignore[arg-type]


def test_kept_answers_outlive_writes_that_do_not_touch_them() -> None:
    cache = AnswerCache(max_bytes=10_000)
    log = {2: frozenset({"a"}), 3: frozenset({"z"}), 4: None}

    def changed(since: int, until: int) -> frozenset[str] | None:
        out: set[str] = set()
        for v in range(since + 1, until + 1):
            if log.get(v) is None:
                return None
            out |= log[v]  # type: ignore[operator]
        return frozenset(out)

    made = []

    def make(deps: frozenset[str] | None, at: int = 1) -> Any:
        def run() -> tuple[bytes, int, frozenset[str] | None]:
            made.append(deps)
            return b"answer", at, deps

        return run

    assert cache.get_or_make("q1", 1, changed, make(frozenset({"b"}))) == b"answer"
    assert cache.get_or_make("q2", 1, changed, make(frozenset({"a"}))) == b"answer"
    assert cache.get_or_make("q3", 1, changed, make(None)) == b"answer"
    assert len(made) == 3
    assert cache.lookup("q1", 3, changed) == b"answer"  # versions 2, 3 touched a and z, not b
    assert cache.lookup("q2", 3, changed) is None  # version 2 touched a
    assert cache.lookup("q3", 2, changed) is None  # depends on everything
    assert cache.lookup("q1", 4, changed) is None  # version 4: anything may have changed
    assert cache.lookup("q1", 3, changed) == b"answer" and cache.kept_across_writes == 1  # now kept at 3


class _Failing:
    def __init__(self, error: Exception):
        self.error = error

    def session(self, **_kw: Any) -> Any:
        raise self.error


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (Neo4jError._hydrate_neo4j(code="Neo.ClientError.Transaction.TransactionTimedOut", message="t"), QueryRefused),
        (Neo4jError._hydrate_neo4j(code="Neo.ClientError.Statement.SyntaxError", message="s"), QueryRefused),
        (
            Neo4jError._hydrate_neo4j(code="Neo.TransientError.General.MemoryPoolOutOfMemoryError", message="m"),
            Unavailable,
        ),
        (Neo4jError._hydrate_neo4j(code="Neo.DatabaseError.General.UnknownError", message="u"), Unavailable),
    ],
)
def test_neo4j_errors_of_a_path_search_are_4xx_or_503(error: Exception, kind: type[Exception]) -> None:
    with pytest.raises(kind) as raised:
        _read_timed(_Failing(error), "RETURN 1", 1.0)  # type: ignore[arg-type]
    assert raised.value.status_code in (422, 503)  # type: ignore[attr-defined]


def test_chain_step_takes_a_pair_whole_only_when_the_window_holds_all_its_deals() -> None:
    """A window holding every deal of a pair takes the pair's figures whole; any other window, a deal
    without a year and the other filters go deal by deal: both equal a count made by hand."""
    rng = random.Random(11)
    out: dict[str, list[list[Any]]] = {}
    deals: list[tuple[str, str, int | None, int | None, float, str]] = []
    for i in range(300):
        src, dst = rng.choice("abcdef"), rng.choice("abcdef")
        year = None if rng.random() < 0.05 else rng.randint(1990, 2024)
        latest = None if year is None else year + rng.randint(0, 4)
        tiv, status = float(rng.randint(0, 50)), rng.choice(["delivered", "ordered"])
        out.setdefault(src, []).append(["SUPPLIES", dst, f"d{i}", year, latest, latest, "2020-01-01", [], status, tiv])
        deals.append((src, dst, year, latest, tiv, status))
    index = SupplyIndex(1, [{"key": k, "name": k, "type": "Country", "out": v} for k, v in sorted(out.items())])
    windows = [(None, None), (1985, None), (2005, 2015), (None, 2030)]
    filters = [ChainFilter(since=s, until=u) for s, u in windows] + [ChainFilter(since=2000, status="delivered")]
    for f in filters:
        for k in "abcdef":
            got = {r["src"]: (r["n"], r["tiv_delivered"], r["first_year"]) for r in index.chain_step([k], True, f)}
            want: dict[str, list[Any]] = {}
            for src, dst, year, latest, tiv, status in deals:
                if dst != k or src == dst:
                    continue
                if f.since is not None and (latest is None or latest < f.since):
                    continue
                if f.until is not None and (year is None or year > f.until):
                    continue
                if f.status is not None and status != f.status:
                    continue
                n, total, first = want.get(src, [0, 0.0, None])
                first = year if first is None or (year is not None and year < first) else first
                want[src] = [n + 1, total + tiv, first]
            assert got == {s: tuple(v) for s, v in want.items()}, (f, k)
