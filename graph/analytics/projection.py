"""Projections: a slice of the Neo4j graph as a NetworkX ``DiGraph`` for the analytics.

A :class:`Slice` names relationship types, entity labels, a time window, statuses to leave
out and the edge weight. Parallel edges (several deals between the same supplier and
recipient) are aggregated in Cypher, server-side, into one edge per ordered pair carrying
``count`` (edges), ``units`` (units delivered), ``tiv`` (delivered SIPRI TIV, millions) and
``weight`` (the one of the three the slice asks for). Edges arrive packed column-wise, five flat
lists of ``chunk`` pairs a record (``cypher/project_edges*.cypher``), with endpoints as node ids
that one more query in the same transaction turns into keys: a slice of a million edges is a
few dozen records, and no key string crosses the wire more than once. The cyclic garbage
collector is paused while the records are decoded and the graph is built: those millions of
new lists and dicts hold no cycles, and its passes over them cost as much as building them.

The time window (``since``/``until``, inclusive, either may be open) is applied to:

``delivery`` (default)
    a register deal's delivery years: the deal is in the window when one of its delivery years
    is, and its units and TIV are pro-rated over its delivery years (the SIPRI register gives
    one total per deal), so "TIV delivered 2019-2023" counts a 2017-2020 deal at 2/4 of its
    TIV. A deal with no deliveries is outside every window. Facts from reports and claims
    files, which have no delivery years, are placed by their year.
``order``
    the order year (else the fact's year); the whole deal counts.
``fact``
    the fact's ``year`` (event date, else first seen).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Literal

import neo4j
import networkx as nx

from ..db import Graph
from ..errors import InvalidInput
from ..model import EntityLabel, RelationshipType, Status
from ..queries import query
from ..query.params import check_years, split_types

Weight = Literal["count", "units", "tiv"]
Basis = Literal["delivery", "order", "fact"]
WEIGHTS: tuple[str, ...] = ("count", "units", "tiv")
BASES: tuple[str, ...] = ("delivery", "order", "fact")
CHUNK = 20_000


@dataclass(frozen=True)
class Slice:
    """Which part of the graph to project, and how to weigh its edges."""

    types: tuple[str, ...] = ("SUPPLIES",)
    labels: tuple[str, ...] | None = None
    since: int | None = None
    until: int | None = None
    basis: Basis = "delivery"
    exclude_statuses: tuple[str, ...] = ("denied",)
    weight: Weight = "count"
    chunk: int = field(default=CHUNK, compare=False, hash=False)

    def __post_init__(self) -> None:
        try:
            types = tuple(sorted({RelationshipType(t).value for t in self.types}))
            labels = None if self.labels is None else tuple(sorted({EntityLabel(x).value for x in self.labels}))
            statuses = tuple(sorted({Status(s).value for s in self.exclude_statuses}))
        except ValueError as e:
            raise InvalidInput(str(e)) from e
        if not types:
            raise InvalidInput("a projection needs at least one relationship type")
        if self.weight not in WEIGHTS:
            raise InvalidInput(f"weight must be one of {', '.join(WEIGHTS)}, not {self.weight!r}")
        if self.basis not in BASES:
            raise InvalidInput(f"basis must be one of {', '.join(BASES)}, not {self.basis!r}")
        check_years(self.since, self.until)
        object.__setattr__(self, "types", types)
        object.__setattr__(self, "labels", labels)
        object.__setattr__(self, "exclude_statuses", statuses)

    @classmethod
    def from_params(
        cls,
        types: str | None,
        since: int | None = None,
        until: int | None = None,
        basis: str = "delivery",
        weight: str | None = None,
        include_denied: bool = False,
        window: str = "",
    ) -> Slice:
        """The slice the routes and the commands ask for: ``types`` comma-separated (any case), no
        ``weight`` for unweighted measures (the slice still counts deals), denied facts left out unless
        ``include_denied``. ``window`` names the year window in errors (``before``: ``before_since``)."""
        names = [t.strip().upper() for t in split_types(types) or []]
        if not names or any(t not in RelationshipType.__members__ for t in names):
            raise InvalidInput(f"types must be among {', '.join(RelationshipType)}, not {types!r:.60}")
        prefix = f"{window}_" if window else ""
        check_years(since, until, (f"{prefix}since", f"{prefix}until"))
        return cls(
            types=tuple(names),
            since=since,
            until=until,
            basis=basis,  # type: ignore[arg-type]
            exclude_statuses=() if include_denied else ("denied",),
            weight=weight or "count",  # type: ignore[arg-type]
        )

    def params(self) -> dict[str, object]:
        """The slice as plain JSON-able parameters (what results report)."""
        out = asdict(self)
        out.pop("chunk")
        out["types"] = list(self.types)
        out["labels"] = None if self.labels is None else list(self.labels)
        out["exclude_statuses"] = list(self.exclude_statuses)
        return out


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (not reference counting) for a bulk build."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


Columns = list[list[object]]


def _pull(tx: neo4j.ManagedTransaction, s: Slice) -> tuple[Columns, Columns]:
    windowed = s.since is not None or s.until is not None
    edges: Columns = [[], [], [], [], []]
    result = tx.run(
        query("project_edges" if windowed else "project_edges_all"),
        types=list(s.types),
        labels=None if s.labels is None else list(s.labels),
        exclude_statuses=list(s.exclude_statuses),
        basis=s.basis,
        since=s.since,
        until=s.until,
        chunk=s.chunk,
    )
    for record in result:
        for column, part in zip(edges, record[0], strict=True):
            column.extend(part)
    ids = list(set(edges[0]) | set(edges[1]))
    nodes: Columns = [[], [], [], []]
    if ids:
        for record in tx.run(query("project_nodes"), ids=ids, chunk=s.chunk):
            for column, part in zip(nodes, record[0], strict=True):
                column.extend(part)
    return edges, nodes


def project(graph: Graph, s: Slice | None = None) -> nx.DiGraph:
    """Pull the slice ``s`` out of Neo4j as a ``DiGraph`` (one read transaction).

    Nodes are entity keys with ``name`` and ``label``; only entities with an edge in the slice
    appear. Edges carry ``count``, ``units``, ``tiv`` and ``weight``. ``G.graph`` holds the slice.
    """
    s = s or Slice()
    with gc_paused():
        with graph.session(default_access_mode=neo4j.READ_ACCESS) as session:
            edges, nodes = session.execute_read(_pull, s)
        return to_digraph(edges, nodes, s)


def to_digraph(edges: Columns, nodes: Columns, s: Slice) -> nx.DiGraph:
    """The ``DiGraph`` of packed columns.

    ``edges``: ``[sources, targets, counts, units, tivs]``; ``nodes``: ``[ids, keys, names,
    labels]``, where sources and targets are ids of ``nodes``. Nodes are added in key order
    (node ids follow the order of loading), so seeded measures that sample or visit nodes in
    graph order give the same answer on any load of the same data.
    """
    ids, keys, names, labels = nodes
    key = dict(zip(ids, keys, strict=True))
    G = nx.DiGraph(slice=s.params())
    G.add_nodes_from(
        (k, {"name": name, "label": label}) for k, name, label in sorted(zip(keys, names, labels, strict=True))
    )
    w = WEIGHTS.index(s.weight)
    G.add_edges_from(
        (key[src], key[dst], {"count": n, "units": u, "tiv": t, "weight": (n, u, t)[w]})
        for src, dst, n, u, t in zip(*edges, strict=True)
    )
    return G
