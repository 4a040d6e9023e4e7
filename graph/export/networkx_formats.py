"""GraphML, GEXF, node-link JSON and Cytoscape.js JSON, as NetworkX writes them.

GraphML and GEXF are streamed by :mod:`.xmlstream` (byte for byte NetworkX's output, without
building the document in memory first); the JSON formats go through NetworkX's converters.

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
import re
from collections.abc import Iterator
from typing import Any

import networkx as nx
import orjson

from . import xmlstream
from .selection import Subgraph, primary_label

LIST_NOTE = (
    "list-valued attributes are JSON-encoded strings (json.loads gives the list); their names are in json_attributes"
)


def node_attrs(key: str, node: dict[str, Any]) -> dict[str, Any]:
    """A node's attributes in NetworkX: ``type``, ``labels``, ``label`` (display name), properties."""
    props = node["props"]
    return {
        "type": primary_label(node["labels"]),
        "labels": node["labels"],
        "label": props.get("name") or props.get("title") or key,
        **props,
    }


def edge_attrs(edge: dict[str, Any]) -> dict[str, Any]:
    return {"type": edge["type"], **edge["props"]}


def to_networkx(sub: Subgraph) -> nx.MultiDiGraph:
    """A MultiDiGraph: nodes by key (``type``, ``labels``, ``label`` = display name, properties),
    edges keyed by edge key (``type`` and properties)."""
    G = nx.MultiDiGraph(title=sub.title)
    for key, node in sub.nodes.items():
        G.add_node(key, **node_attrs(key, node))
    G.add_edges_from((e["source"], e["target"], e["key"], edge_attrs(e)) for e in sub.edges)
    return G


Grouped = list[tuple[str, str, str, list[dict[str, Any]]]]


def multigraph_order(sub: Subgraph) -> tuple[list[str], Grouped]:
    """Node keys and edges in the order :func:`to_networkx`'s graph gives them, without building it:
    nodes as added (then ends no node names), edges by source node, then target as first met,
    then key; each edge with the subgraph edges that share its (source, target, key), in order."""
    nodes = dict.fromkeys(sub.nodes)
    adj: dict[str, dict[str, dict[str, list[dict[str, Any]]]]] = {}
    for e in sub.edges:
        u, v = e["source"], e["target"]
        if u not in nodes:
            nodes[u] = None
        if v not in nodes:
            nodes[v] = None
        adj.setdefault(u, {}).setdefault(v, {}).setdefault(e["key"], []).append(e)
    edges = [(u, v, k, es) for u in nodes if u in adj for v, keyed in adj[u].items() for k, es in keyed.items()]
    return list(nodes), edges


def _merged(es: list[dict[str, Any]]) -> dict[str, Any]:
    d = edge_attrs(es[0])
    for e in es[1:]:
        d.update(edge_attrs(e))
    return d


def _json_attributes(node_types: dict[str, type], edge_types: dict[str, type]) -> str:
    return ",".join(sorted({k for k, t in (node_types | edge_types).items() if t is list}))


def _flat(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with list attributes as JSON strings and one type per attribute name (the graph the
    streaming writers of :mod:`.xmlstream` write, and NetworkX's writers when those decline)."""
    H = nx.MultiDiGraph()
    node_types = xmlstream.column_types(d for _, d in G.nodes(data=True))
    edge_types = xmlstream.column_types(d for _, _, d in G.edges(data=True))
    H.graph.update(
        {
            "title": G.graph.get("title", ""),
            "json_attributes": _json_attributes(node_types, edge_types),
            "note": LIST_NOTE,
        }
    )
    for n, d in G.nodes(data=True):
        H.add_node(n, **xmlstream.flat(d, node_types))
    H.add_edges_from((u, v, k, xmlstream.flat(d, edge_types)) for u, v, k, d in G.edges(keys=True, data=True))
    return H


def graphml(sub: Subgraph) -> Iterator[bytes]:
    """GraphML, streamed (:mod:`.xmlstream`); what ``nx.write_graphml`` writes of :func:`_flat`."""
    keys, grouped = multigraph_order(sub)
    nodes = [(k, node_attrs(k, sub.nodes[k]) if k in sub.nodes else None) for k in keys]
    edges = [(u, v, k, _merged(es)) for u, v, k, es in grouped]
    node_types = xmlstream.column_types(d for _, d in nodes if d)
    edge_types = xmlstream.column_types(d for *_, d in edges)
    graph_data = {"title": sub.title, "json_attributes": _json_attributes(node_types, edge_types), "note": LIST_NOTE}
    stream = xmlstream.graphml(graph_data, nodes, edges, node_types, edge_types)
    if stream is None:
        buf = io.BytesIO()
        nx.write_graphml(_flat(to_networkx(sub)), buf, encoding="utf-8", prettyprint=True, edge_id_from_attribute="key")
        stream = iter([buf.getvalue()])
    yield from stream


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
    """GEXF 1.2, streamed (:mod:`.xmlstream`), with ``start``/``end`` on edges and on nodes (the
    span of their dated edges) for Gephi's timeline."""
    keys, grouped = multigraph_order(sub)
    node_data = {k: node_attrs(k, sub.nodes[k]) if k in sub.nodes else {} for k in keys}
    edge_data = [(u, v, k, es, _merged(es)) for u, v, k, es in grouped]
    node_types = xmlstream.column_types(node_data.values())
    edge_types = xmlstream.column_types(d for *_, d in edge_data)
    flat_node, flat_edge = xmlstream.flattener(node_types), xmlstream.flattener(edge_types)
    nodes = {k: flat_node(d) for k, d in node_data.items()}
    edges = []
    spans: dict[str, list[str]] = {}
    for u, v, k, es, raw in edge_data:
        d = flat_edge(raw)
        for e in es:
            d["label"] = f"{e['type']} {edge_label(e['props'])}".strip()
            d["id"] = e["key"]
            span = interval(e["props"])
            if span:
                d["start"], d["end"] = span
        edges.append((u, v, k, d))
    for e in sub.edges:  # in the subgraph's order, as the spans were always gathered
        span = interval(e["props"])
        if span:
            for n in (e["source"], e["target"]):
                s = spans.setdefault(n, [span[0], span[1]])
                s[0], s[1] = min(s[0], span[0]), max(s[1], span[1])
    for n, (start, end) in spans.items():
        nodes[n]["start"], nodes[n]["end"] = start, end
    stream = xmlstream.gexf(list(nodes.items()), edges)
    if stream is None:
        stream = iter([_nx_gexf(sub)])
    yield from stream


def _nx_gexf(sub: Subgraph) -> bytes:
    """NetworkX's own GEXF writer, for attributes :func:`xmlstream.gexf` leaves to it."""
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
    return re.sub(rb' lastmodifieddate="[^"]*"', b"", buf.getvalue(), count=1)  # the same bytes each day


def node_link(sub: Subgraph) -> dict[str, Any]:
    """D3-style node-link data: ``nodes`` (``id``), ``links`` (``source``, ``target``, ``id`` = edge key)."""
    G = to_networkx(sub)
    G.graph.update({"params": sub.params, "reports": sub.reports})
    for _u, _v, d in G.edges(data=True):
        d.pop("key", None)  # written once, as the link's ``id`` (MENTIONS edges have no key property)
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
