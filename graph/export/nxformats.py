"""GraphML, GEXF, node-link JSON and Cytoscape.js JSON, through NetworkX's own writers.

Attributes keep their types: numbers stay numbers and booleans booleans. GraphML and GEXF have
no list type, so list-valued attributes (``aliases``, ``sources``, ``evidence``, ``delivery_years``,
``weapons``...) are written as JSON strings and named in the graph attribute ``json_attributes``
(``json.loads`` gives the list back); JSON formats keep lists as lists.

GEXF elements carry ``start``/``end`` (ISO dates) so Gephi's timeline works: a fact from its date
(or its year) to the end of that year; a SIPRI deal from its order year to the end of its last
delivery year; a node over the span of its dated edges.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from typing import Any

import networkx as nx
import orjson

from .selection import Subgraph, primary_label

LIST_NOTE = ("list-valued attributes are JSON-encoded strings (json.loads gives the list); "
             "their names are in json_attributes")


def to_networkx(sub: Subgraph) -> nx.MultiDiGraph:
    """A MultiDiGraph: nodes by key (``type``, ``labels``, ``label`` = display name, properties),
    edges keyed by edge key (``type`` and properties)."""
    G = nx.MultiDiGraph(title=sub.title)
    for key, node in sub.nodes.items():
        props = node["props"]
        G.add_node(key, **{"type": primary_label(node["labels"]), "labels": node["labels"],
                           "label": props.get("name") or props.get("title") or key, **props})
    G.add_edges_from((e["source"], e["target"], e["key"], {"type": e["type"], **e["props"]}) for e in sub.edges)
    return G


def _column_types(items: list[dict[str, Any]]) -> dict[str, type]:
    """One type per attribute name: int and float mix to float; anything else mixed to str."""
    seen: dict[str, set[type]] = {}
    for d in items:
        for k, v in d.items():
            if v is not None:
                seen.setdefault(k, set()).add(list if isinstance(v, (list, tuple)) else type(v))
    out = {}
    for k, ts in seen.items():
        if len(ts) == 1:
            out[k] = next(iter(ts))
        elif ts == {int, float}:
            out[k] = float
        else:
            out[k] = str
    return out


def _flat(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with list attributes as JSON strings and one type per attribute name."""
    H = nx.MultiDiGraph()
    node_types = _column_types([d for _, d in G.nodes(data=True)])
    edge_types = _column_types([d for _, _, d in G.edges(data=True)])
    encoded = sorted({k for k, t in (node_types | edge_types).items() if t is list})

    def conv(d: dict[str, Any], types: dict[str, type]) -> dict[str, Any]:
        out = {}
        for k, v in d.items():
            if v is None:
                continue
            t = types[k]
            if t is list or isinstance(v, (list, tuple)):
                out[k] = json.dumps(list(v), ensure_ascii=False)
            elif t is float and not isinstance(v, bool):
                out[k] = float(v)
            elif t is str and not isinstance(v, str):
                out[k] = json.dumps(v)
            else:
                out[k] = v
        return out

    H.graph.update({"title": G.graph.get("title", ""), "json_attributes": ",".join(encoded),
                    "note": LIST_NOTE})
    for n, d in G.nodes(data=True):
        H.add_node(n, **conv(d, node_types))
    H.add_edges_from((u, v, k, conv(d, edge_types)) for u, v, k, d in G.edges(keys=True, data=True))
    return H


def graphml(sub: Subgraph) -> Iterator[bytes]:
    buf = io.BytesIO()
    nx.write_graphml(_flat(to_networkx(sub)), buf, encoding="utf-8", prettyprint=True,
                     edge_id_from_attribute="key")
    yield buf.getvalue()


def interval(props: dict[str, Any]) -> tuple[str, str] | None:
    """The time span of an edge as ISO dates, or None when it has no date or year."""
    if props.get("source_type") == "sipri" or props.get("order_year") is not None:
        first = props.get("order_year") or props.get("year")
        if first is None:
            return None
        last = max([int(first), *(props.get("delivery_years") or [])])
        return f"{int(first):04d}-01-01", f"{last:04d}-12-31"
    date, year = props.get("date"), props.get("year")
    if date:
        return str(date)[:10], f"{str(date)[:4]}-12-31"
    if year is not None:
        return f"{int(year):04d}-01-01", f"{int(year):04d}-12-31"
    return None


def edge_label(props: dict[str, Any], max_weapons: int = 2) -> str:
    """A short label: weapon systems and year (``Shahed-136, Mohajer-6 2022``)."""
    weapons = list(props.get("weapons") or ([props["weapon"]] if props.get("weapon") else []))
    text = ", ".join(weapons[:max_weapons]) + (" …" if len(weapons) > max_weapons else "")
    span = interval(props)
    years = "" if span is None else span[0][:4] if span[0][:4] == span[1][:4] else f"{span[0][:4]}–{span[1][:4]}"
    return f"{text} {years}".strip()


def gexf(sub: Subgraph) -> Iterator[bytes]:
    H = _flat(to_networkx(sub))
    spans: dict[str, list[str]] = {}
    for e in sub.edges:
        d = H.edges[e["source"], e["target"], e["key"]]
        d["label"] = f"{e['type']} {edge_label(e['props'])}".strip()
        d["id"] = e["key"]
        span = interval(e["props"])
        if span:
            d["start"], d["end"] = span
            for n in (e["source"], e["target"]):
                s = spans.setdefault(n, [span[0], span[1]])
                s[0], s[1] = min(s[0], span[0]), max(s[1], span[1])
    for n, (start, end) in spans.items():
        H.nodes[n]["start"], H.nodes[n]["end"] = start, end
    buf = io.BytesIO()
    nx.write_gexf(H, buf, encoding="utf-8", prettyprint=True, version="1.2draft")
    yield re.sub(rb' lastmodifieddate="[^"]*"', b"", buf.getvalue(), count=1)  # the same bytes each day


def node_link(sub: Subgraph) -> dict[str, Any]:
    """D3-style node-link data: ``nodes`` (``id``), ``links`` (``source``, ``target``, ``id`` = edge key)."""
    G = to_networkx(sub)
    G.graph.update({"params": sub.params, "reports": sub.reports})
    for _u, _v, d in G.edges(data=True):
        del d["key"]  # written once, as the link's ``id``
    return nx.node_link_data(G, edges="links", key="id")  # type: ignore[no-any-return]


def read_node_link(data: dict[str, Any]) -> nx.MultiDiGraph:
    """NetworkX's reader, with each edge's ``key`` attribute restored from the link ``id``."""
    G = nx.node_link_graph(data, directed=True, multigraph=True, edges="links", key="id")
    for _u, _v, k, d in G.edges(keys=True, data=True):
        d["key"] = k
    return G


def json_chunks(sub: Subgraph) -> Iterator[bytes]:
    yield orjson.dumps(node_link(sub), option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS)


def cytoscape(sub: Subgraph) -> Iterator[bytes]:
    G = to_networkx(sub)
    data = nx.cytoscape_data(G)
    data["data"] = {"title": sub.title, "params": sub.params}
    yield orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)
