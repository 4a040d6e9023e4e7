"""Arms-transfer measures: supplier dependence (shares, Herfindahl-Hirschman) and change over time."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any

import networkx as nx


def dependence(
    G: nx.DiGraph, recipients: Iterable[Hashable] | None = None, weight: str = "weight"
) -> dict[Hashable, dict[str, Any]]:
    """Each recipient's supplier shares and their concentration.

    The Herfindahl-Hirschman index is the sum of the squared shares: 1 for a single supplier,
    ``1/n`` for ``n`` equal ones (multiply by 10,000 for the antitrust scale).

    Parameters
    ----------
    G : DiGraph
        Supplier -> recipient edges.
    recipients : iterable or None
        Nodes to report; ``None``: every node with a supplier.
    weight : str
        Edge attribute measuring what was supplied.

    Returns
    -------
    dict
        Recipient to ``{"total": float, "hhi": float, "suppliers": {supplier: share}}``, the
        suppliers by descending share. A recipient whose incoming weight is 0 gets ``hhi`` 0.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_weighted_edges_from([("RUS", "IND", 3.0), ("FRA", "IND", 1.0)])
    >>> d = dependence(G)["IND"]
    >>> d["suppliers"], d["hhi"]
    ({'RUS': 0.75, 'FRA': 0.25}, 0.625)
    """
    nodes = [n for n in G if G.in_degree(n) > 0] if recipients is None else list(recipients)
    out: dict[Hashable, dict[str, Any]] = {}
    for r in nodes:
        given = {s: float(d.get(weight, 1.0)) for s, _, d in G.in_edges(r, data=True)} if r in G else {}
        total = sum(given.values())
        shares = {
            s: (w / total if total > 0 else 0.0) for s, w in sorted(given.items(), key=lambda kv: (-kv[1], str(kv[0])))
        }
        out[r] = {"total": total, "hhi": sum(x * x for x in shares.values()), "suppliers": shares}
    return out


def change(before: dict[Hashable, float], after: dict[Hashable, float]) -> dict[Hashable, dict[str, Any]]:
    """Who rose and who fell between two windows: scores, ranks and their differences.

    A node absent from a window scores 0 there and has no rank (``None``).

    Examples
    --------
    >>> c = change({"USA": 0.5, "RUS": 0.3}, {"USA": 0.6, "FRA": 0.4})
    >>> c["RUS"]["delta"], c["FRA"]["rank_before"], c["FRA"]["rank_after"]
    (-0.3, None, 2)
    """

    def ranks(scores: dict[Hashable, float]) -> dict[Hashable, int]:
        order = sorted(scores, key=lambda n: (-scores[n], str(n)))
        return {n: i + 1 for i, n in enumerate(order)}

    rb, ra = ranks(before), ranks(after)
    out: dict[Hashable, dict[str, Any]] = {}
    for n in sorted(set(before) | set(after), key=str):
        b, a = before.get(n, 0.0), after.get(n, 0.0)
        out[n] = {"before": b, "after": a, "delta": a - b, "rank_before": rb.get(n), "rank_after": ra.get(n)}
    return out
