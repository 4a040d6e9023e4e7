"""Loads keep their promises: re-runs change nothing, racing loaders duplicate nothing, and a
transient fault or a commit of unknown outcome is retried or reported, then resolved by a re-run.

Fixtures: a slice of the SIPRI register (preamble, header and the first rows), the Ukraine
register, the seed claims file and three short reports written for the tests (tests/fixtures/reports).
"""

from __future__ import annotations

import csv
import json
import random
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from neo4j.exceptions import Neo4jError, ServiceUnavailable

import graph.writer as writer
from graph.db import Graph
from graph.errors import Unavailable
from graph.queries import query
from graph.schema import apply_schema, delete_all
from loaders.load import load_paths
from loaders.registers.write import load_table
from loaders.result import LoadResult

from ..conftest import FIXTURES, ROOT
from .helpers import graph_hash, totals

REGISTER = ROOT / "samples" / "sipri" / "trade-register-all-1950-2025.csv"
UKRAINE = ROOT / "samples" / "sipri" / "trade-register-ukraine-2000-2024.csv"
REPORTS = sorted((FIXTURES / "reports").glob("*.txt"))
SLICE_ROWS = 2000
BATCH = 500


# --- fixture files ----------------------------------------------------------------------------


def register_lines(path: Path = REGISTER) -> tuple[list[bytes], list[bytes]]:
    """(preamble and header lines, data lines) of a register, as raw bytes (ISO-8859-1)."""
    lines = path.read_bytes().splitlines()
    header = next(
        i
        for i, ln in enumerate(lines)
        if ln.lstrip(b"\xef\xbb\xbf").startswith((b"Recipient,Supplier,", b"SIPRI AT Database ID,"))
    )
    return lines[: header + 1], [ln for ln in lines[header + 1 :] if ln.strip()]


def write_slice(
    folder: Path,
    rows: int = SLICE_ROWS,
    shuffle_seed: int | None = None,
    source: Path = REGISTER,
    name: str = "register-slice.csv",
) -> Path:
    """The first ``rows`` data rows of a register, optionally shuffled (same file name, so the
    same source key). Rows with the same identifying fields keep their relative order: the
    register's documented key rule numbers such rows in file order."""
    head, data = register_lines(source)
    data = data[:rows]
    if shuffle_seed is not None:
        data = _shuffle_keeping_twins(data, shuffle_seed, legacy=head[-1].startswith(b"Recipient,"))
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / name
    out.write_bytes(b"\r\n".join(head + data) + b"\r\n")
    return out


def _ident(line: bytes, legacy: bool) -> tuple[str, ...]:
    row = next(csv.reader([line.decode("iso-8859-1")]))
    if not legacy:  # the newer format keys deals by SIPRI ID: any order is fine
        return (str(id(line)),)
    return tuple(row[i].strip().casefold() for i in (0, 1, 2, 6, 7, 4) if i < len(row))


def _shuffle_keeping_twins(data: list[bytes], seed: int, legacy: bool) -> list[bytes]:
    order = list(range(len(data)))
    random.Random(seed).shuffle(order)
    shuffled = [data[i] for i in order]
    groups: dict[tuple[str, ...], list[int]] = {}
    for pos, line in enumerate(shuffled):
        groups.setdefault(_ident(line, legacy), []).append(pos)
    originals: dict[tuple[str, ...], list[bytes]] = {}
    for line in data:
        originals.setdefault(_ident(line, legacy), []).append(line)
    for key, positions in groups.items():
        for pos, line in zip(positions, originals[key], strict=True):
            shuffled[pos] = line
    assert shuffled != data
    return shuffled


def write_claims(folder: Path, shuffle_seed: int | None = None) -> Path:
    src = next((ROOT / "samples" / "claims").glob("2022-10-19_seed_*.json"))
    doc = json.loads(src.read_text())
    if shuffle_seed is not None:
        rng = random.Random(shuffle_seed)
        rng.shuffle(doc["facts"])
        rng.shuffle(doc["entities"])
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / src.name
    out.write_text(json.dumps(doc, indent=1))
    return out


def fixture_set(folder: Path, shuffle_seed: int | None = None) -> list[Path]:
    """Every fixture file, in load order (the registers, the claims, then the reports)."""
    files = [
        write_slice(folder, shuffle_seed=shuffle_seed),
        write_slice(folder, rows=10_000, shuffle_seed=shuffle_seed, source=UKRAINE, name=UKRAINE.name),
        write_claims(folder, shuffle_seed),
    ]
    return files + REPORTS


def dump(graph: Graph) -> dict[str, Any]:
    return graph.read_text(query("graph_dump"))[0]


def duplicate_keys(graph: Graph) -> dict[str, int]:
    """Keys held by more than one node or relationship, and MENTIONS edges repeated."""
    row = graph.read_text(
        "CALL () { MATCH (n) WHERE n:Entity OR n:Report WITH n.key AS k, count(*) AS c WHERE c > 1 "
        "          RETURN count(k) AS nodes } "
        "CALL () { MATCH ()-[r]->() WHERE r.key IS NOT NULL WITH r.key AS k, count(*) AS c WHERE c > 1 "
        "          RETURN count(k) AS relationships } "
        "CALL () { MATCH (a)-[r:MENTIONS]->(b) WITH a, b, count(r) AS c WHERE c > 1 RETURN count(*) AS mentions } "
        "RETURN nodes, relationships, mentions"
    )[0]
    return dict(row)


# --- 1. idempotence -----------------------------------------------------------------------------


def _without_line(d: dict[str, Any]) -> list[Any]:
    """The dump with each deal's ``line`` (its row number in the file it came from) left out."""
    rels = [[a, t, b, {k: v for k, v in p.items() if k != "line"}] for a, t, b, p in d["relationships"]]
    return [d["nodes"], sorted(rels, key=lambda r: json.dumps(r, sort_keys=True))]


def _spellings_folded(d: list[Any]) -> list[Any]:
    nodes = []
    for labels, props in d[0]:
        rest = {k: v for k, v in props.items() if k not in ("name", "aliases", "search_names")}
        nodes.append([labels, rest, sorted({props.get("name"), *props.get("aliases", [])})])
    return [nodes, d[1]]


def test_loading_twice_and_shuffled_changes_nothing(graph: Graph, tmp_path: Path) -> None:
    plain = fixture_set(tmp_path / "plain")
    first = load_paths(graph, plain, batch_size=BATCH)
    assert first.stats.nodes_created > 1000 and first.stats.relationships_created > 2000
    assert not first.quarantined
    h1, d1 = graph_hash(graph), dump(graph)

    again = load_paths(graph, plain, batch_size=BATCH)
    assert (again.stats.nodes_created, again.stats.relationships_created) == (0, 0)
    assert graph_hash(graph) == h1

    shuffled = fixture_set(tmp_path / "shuffled", shuffle_seed=8)
    third = load_paths(graph, shuffled, batch_size=BATCH)
    assert (third.stats.nodes_created, third.stats.relationships_created) == (0, 0)
    d3 = dump(graph)
    # Every node, relationship and property is the same; only each deal's row number follows
    # its row to its new place in the shuffled file.
    assert _without_line(d3) == _without_line(d1)
    rows = [ln.decode("iso-8859-1") for ln in shuffled[0].read_bytes().splitlines()]
    lines_before = {p.get("key"): p.get("line") for _a, _t, _b, p in d1["relationships"]}
    moved = 0
    for _a, _t, _b, props in d3["relationships"]:
        if props.get("sources") == ["sipri-register-slice"] and "line" in props:
            row = next(csv.reader([rows[props["line"] - 1]]))
            assert row[6].strip() == props.get("weapon", row[6].strip())
            moved += props["line"] != lines_before[props["key"]]
    assert moved > SLICE_ROWS // 2

    # And the shuffled files on an empty database give the same graph as the plain ones did,
    # except that a node's display name is the first spelling met ("COBRA" or "Cobra"; by
    # design, so a later source never renames what an analyst named): every spelling is kept.
    delete_all(graph)
    load_paths(graph, shuffled, batch_size=BATCH)
    assert _spellings_folded(_without_line(dump(graph))) == _spellings_folded(_without_line(d1))
    assert duplicate_keys(graph) == {"nodes": 0, "relationships": 0, "mentions": 0}


# --- 2. concurrency -----------------------------------------------------------------------------


def _race(graph: Graph, path: Path, loaders: int, batch_size: int) -> list[BaseException]:
    """``loaders`` threads load the same table at the same instant; their errors."""
    start = threading.Barrier(loaders)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            start.wait()
            load_table(graph, path, LoadResult(), batch_size=batch_size)
        except BaseException as e:  # collected and asserted on by the test
            errors.append(e)

    threads = [threading.Thread(target=run) for _ in range(loaders)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    return errors


@pytest.fixture
def race_table(tmp_path: Path) -> Path:
    return write_slice(tmp_path, rows=400)


def test_racing_loaders_create_no_duplicates(graph: Graph, race_table: Path, tmp_path: Path) -> None:
    apply_schema(graph)
    errors = _race(graph, race_table, loaders=4, batch_size=25)
    assert errors == []
    assert duplicate_keys(graph) == {"nodes": 0, "relationships": 0, "mentions": 0}
    raced = graph_hash(graph), totals(graph)
    delete_all(graph)
    load_paths(graph, [race_table], batch_size=25)
    assert (graph_hash(graph), totals(graph)) == raced


@pytest.fixture
def no_constraints(graph: Graph) -> Iterator[Graph]:
    """The graph with its uniqueness constraints dropped; restored (on an empty graph) after."""
    names = [r["name"] for r in graph.read_text("SHOW CONSTRAINTS YIELD name RETURN name")]
    assert names
    try:
        with graph.session() as session:
            for name in names:
                session.run("DROP CONSTRAINT $name", name=name).consume()
        yield graph
    finally:
        delete_all(graph)
        apply_schema(graph)
        assert len(graph.read_text("SHOW CONSTRAINTS YIELD name RETURN name")) == len(names)


def test_without_the_constraints_the_same_race_shows_duplicates(no_constraints: Graph, race_table: Path) -> None:
    """The control: the duplicate check above can see duplicates when MERGE is not protected."""
    errors = _race(no_constraints, race_table, loaders=4, batch_size=25)
    assert errors == []
    dupes = duplicate_keys(no_constraints)
    assert dupes["nodes"] + dupes["relationships"] + dupes["mentions"] > 0, dupes


# --- 4. transient errors and commits of unknown outcome --------------------------------------------


def test_a_transient_error_is_retried_without_duplicates(
    graph: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = write_slice(tmp_path / "clean", rows=300)
    load_paths(graph, [table], batch_size=100)
    clean = graph_hash(graph)
    delete_all(graph)

    real = writer._write_tx
    calls = {"n": 0, "failed": 0}

    def deadlocks_every_other_time(tx: Any, batch: writer.Batch) -> Any:
        calls["n"] += 1
        out = real(tx, batch)  # the whole batch is written in the transaction...
        if calls["n"] % 2:  # ...then the server reports a deadlock: rolled back, retried
            calls["failed"] += 1
            raise Neo4jError._hydrate_neo4j(
                code="Neo.TransientError.Transaction.DeadlockDetected", message="injected deadlock"
            )
        return out

    monkeypatch.setattr(writer, "_write_tx", deadlocks_every_other_time)
    result = load_paths(graph, [table], batch_size=100)
    assert calls["failed"] == result.stats.batches == 3 and calls["n"] == 6
    assert duplicate_keys(graph) == {"nodes": 0, "relationships": 0, "mentions": 0}
    assert graph_hash(graph) == clean


class _DroppingSession:
    """A session whose connection drops around the commit of one chosen write."""

    def __init__(self, session: Any, plan: dict[str, Any]):
        self._session, self._plan = session, plan

    def __enter__(self) -> _DroppingSession:
        self._session.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._session.__exit__(*exc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)

    def execute_write(self, fn: Any, *args: Any) -> Any:
        self._plan["writes"] += 1
        if self._plan["writes"] != self._plan["drop_at"]:
            return self._session.execute_write(fn, *args)
        if self._plan["committed"]:
            self._session.execute_write(fn, *args)  # committed; the answer never arrives
        raise ServiceUnavailable("connection dropped at commit (injected)")


class _DroppingGraph(Graph):
    def __init__(self, graph: Graph, plan: dict[str, Any]):
        super().__init__(graph.driver, graph.database)
        self._plan = plan

    def session(self, **kwargs: Any) -> Any:
        return _DroppingSession(super().session(**kwargs), self._plan)


@pytest.mark.parametrize("committed", [True, False], ids=["committed", "rolled-back"])
def test_a_commit_of_unknown_outcome_is_reported_and_a_rerun_resolves_it(
    graph: Graph, tmp_path: Path, committed: bool
) -> None:
    table = write_slice(tmp_path, rows=300)
    load_paths(graph, [table], batch_size=100)
    clean = graph_hash(graph)
    delete_all(graph)

    plan = {"writes": 0, "drop_at": 2, "committed": committed}
    with pytest.raises(Unavailable, match=r"batch 2 may or may not be committed.*Run the same load again"):
        load_paths(_DroppingGraph(graph, plan), [table], batch_size=100)
    deals = graph.read_text("MATCH ()-[r:SUPPLIES]->() RETURN count(r) AS n")[0]["n"]
    assert deals == (200 if committed else 100)  # whole batches only
    load_paths(graph, [table], batch_size=100)
    assert graph_hash(graph) == clean
    assert duplicate_keys(graph) == {"nodes": 0, "relationships": 0, "mentions": 0}
