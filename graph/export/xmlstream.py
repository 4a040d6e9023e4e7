"""GraphML and GEXF written as a stream of well-escaped text, byte for byte what NetworkX writes.

NetworkX's writers build an ElementTree of the whole document (a million elements for the SIPRI
register) before writing a byte; these writers make one pass to learn the attribute keys and
their types, then write nodes and edges in pieces. The output is the same as
``nx.write_graphml(H, f, prettyprint=True, edge_id_from_attribute="key")`` and
``nx.write_gexf(H, f, prettyprint=True, version="1.2draft")`` on the flattened graph ``H`` of
:func:`graph.export.networkx_formats.flat_graph` (the GEXF ``<creator>`` names armsgraph and has no date):
the same key ids, element order, escaping and indentation, so NetworkX reads them back unchanged.

Attributes the fast path does not cover (values other than str, int, float, bool and lists;
GEXF's ``parents``, ``spells`` and ``viz``) make :func:`graphml` and :func:`gexf` return None,
and the caller falls back on NetworkX's writers.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

#: Text is handed out in pieces of about this many characters.
PIECE = 1 << 20

GRAPHML_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
GEXF_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n'
    "  <meta>\n    <creator>armsgraph</creator>\n  </meta>\n"
)
#: XML attribute types of the flattened values (GraphML and GEXF name them alike).
XML_TYPES: dict[type, str] = {str: "string", int: "long", float: "double", bool: "boolean"}
#: GEXF attribute names NetworkX writes as elements of their own; left to NetworkX.
GEXF_SPECIAL = frozenset({"parents", "spells", "viz"})

_LIST_JSON = json.JSONEncoder(ensure_ascii=False).encode
_JSON = json.JSONEncoder().encode


def text(value: str) -> str:
    """Character data escaped as ElementTree escapes it."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    return value


def attr(value: str) -> str:
    """An attribute value escaped as ElementTree escapes it (quotes, and tabs and line breaks as
    character references, so they survive a reader's whitespace normalisation)."""
    value = text(value)
    if '"' in value:
        value = value.replace('"', "&quot;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    if "\n" in value:
        value = value.replace("\n", "&#10;")
    if "\t" in value:
        value = value.replace("\t", "&#09;")
    return value


def column_types(items: Iterable[dict[str, Any]]) -> dict[str, type]:
    """One type per attribute name, in the order names first carry a value: int and float mix to
    float; anything else mixed to str; lists (and tuples) as ``list``."""
    seen: dict[str, set[type]] = {}
    for d in items:
        for k, v in d.items():
            if v is not None:
                t = list if type(v) is tuple else type(v)
                kinds = seen.get(k)
                if kinds is None:
                    seen[k] = {t}
                elif t not in kinds:
                    kinds.add(t)
    out = {}
    for k, ts in seen.items():
        if len(ts) == 1:
            out[k] = next(iter(ts))
        elif ts == {int, float}:
            out[k] = float
        else:
            out[k] = str
    return out


def flat_value(v: Any, t: type) -> Any:
    """A value as its column of type ``t`` holds it: lists as JSON, ints in float columns as
    floats, other values in str columns as JSON."""
    if t is list or isinstance(v, (list, tuple)):
        return _LIST_JSON(list(v))
    if t is float and not isinstance(v, bool):
        return float(v)
    if t is str and not isinstance(v, str):
        return _JSON(v)
    return v


def _as_str(v: Any) -> str:
    if type(v) is str:
        return v
    return _LIST_JSON(list(v)) if isinstance(v, (list, tuple)) else _JSON(v)


def converter(t: type) -> Callable[[Any], Any] | None:
    """:func:`flat_value` for one column type, or None where values stay as they are."""
    if t is list:
        return lambda v: _LIST_JSON(list(v))
    if t is float:
        return float
    if t is str:
        return _as_str
    return None


def flat_type(t: type) -> type:
    return str if t is list else t


def flat(d: dict[str, Any], types: dict[str, type]) -> dict[str, Any]:
    return {k: flat_value(v, types[k]) for k, v in d.items() if v is not None}


def flattener(types: dict[str, type]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """:func:`flat` with the conversions of ``types`` looked up once."""
    convs = {k: converter(t) for k, t in types.items()}

    def run(d: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for k, v in d.items():
            if v is not None:
                c = convs[k]
                out[k] = v if c is None else c(v)
        return out

    return run


class Pieces:
    """Collects strings and hands them out as UTF-8 pieces of about :data:`PIECE` characters."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    def add(self, s: str) -> bytes | None:
        """Adds ``s``; a piece to hand out when enough text has gathered, else None."""
        self.parts.append(s)
        self.size += len(s)
        return self.take() if self.size >= PIECE else None

    def take(self) -> bytes:
        out = "".join(self.parts).encode("utf-8", "xmlcharrefreplace")
        self.parts, self.size = [], 0
        return out


def _gml_text(t: type) -> Callable[[Any], str]:
    """A raw value of a column of type ``t`` as GraphML character data."""
    if t is list:
        return lambda v: text(_LIST_JSON(list(v)))
    if t is float:
        return lambda v: str(float(v))
    if t is str:
        return lambda v: text(_as_str(v))
    return str


def graphml(
    graph_data: dict[str, str],
    nodes: list[tuple[str, dict[str, Any] | None]],
    edges: list[tuple[str, str, str, dict[str, Any]]],
    node_types: dict[str, type],
    edge_types: dict[str, type],
) -> Iterator[bytes] | None:
    """GraphML of a multigraph given in NetworkX's iteration order, flattened as it is written.

    ``graph_data``: graph attributes (strings); ``nodes``: (key, attributes or None for a node that
    only an edge names); ``edges``: (source, target, multigraph key, attributes); attributes are
    raw (lists as lists), ``node_types``/``edge_types`` their :func:`column_types`.
    """
    if any(flat_type(t) not in XML_TYPES for t in (*node_types.values(), *edge_types.values())):
        return None
    return _graphml(graph_data, nodes, edges, node_types, edge_types)


def _graphml(
    graph_data: dict[str, str],
    nodes: list[tuple[str, dict[str, Any] | None]],
    edges: list[tuple[str, str, str, dict[str, Any]]],
    node_types: dict[str, type],
    edge_types: dict[str, type],
) -> Iterator[bytes]:
    keys: list[tuple[str, str, str]] = [("graph", k, "string") for k in graph_data]
    keys += [("node", k, XML_TYPES[flat_type(t)]) for k, t in node_types.items()]
    keys += [("edge", k, XML_TYPES[flat_type(t)]) for k, t in edge_types.items()]
    ids = {(scope, name): f"d{i}" for i, (scope, name, _) in enumerate(keys)}
    node_ids = {name: (f'      <data key="{ids["node", name]}">', _gml_text(t)) for name, t in node_types.items()}
    edge_ids = {name: (f'      <data key="{ids["edge", name]}">', _gml_text(t)) for name, t in edge_types.items()}
    out = Pieces()
    head = [GRAPHML_HEAD]
    for i in reversed(range(len(keys))):
        scope, name, xml_type = keys[i]
        head.append(f'  <key id="d{i}" for="{scope}" attr.name="{attr(name)}" attr.type="{xml_type}" />\n')
    head.append('  <graph edgedefault="directed">\n')
    piece = out.add("".join(head))
    if piece:
        yield piece

    def data(d: dict[str, Any], columns: dict[str, tuple[str, Callable[[Any], str]]]) -> str:
        rows = []
        for k, v in d.items():
            if v is None:
                continue
            opening, as_text = columns[k]
            value = as_text(v)
            rows.append(f"{opening}{value}</data>\n" if value else f"{opening[:-1]} />\n")
        return "".join(rows)

    for key, d in nodes:
        body = data(d, node_ids) if d else ""
        element = (
            f'    <node id="{attr(str(key))}">\n{body}    </node>\n'
            if body
            else f'    <node id="{attr(str(key))}" />\n'
        )
        piece = out.add(element)
        if piece:
            yield piece
    for u, v, k, d in edges:
        body = data(d, edge_ids)
        id_ = k if d.get("key") is None else flat_value(d["key"], edge_types["key"])
        opening = f'    <edge source="{attr(str(u))}" target="{attr(str(v))}" id="{attr(str(id_))}"'
        piece = out.add(f"{opening}>\n{body}    </edge>\n" if body else f"{opening} />\n")
        if piece:
            yield piece
    tail = [
        f'    <data key="{ids["graph", k]}">{text(v)}</data>\n' if v else f'    <data key="{ids["graph", k]}" />\n'
        for k, v in graph_data.items()
    ]
    out.parts.append("".join(tail) + "  </graph>\n</graphml>\n")
    yield out.take()


_NODE_XML = ("id", "label", "pid", "start", "end")
_EDGE_XML = ("id", "label", "weight", "type", "start", "end")


def _float_attr(v: float) -> str:
    s = str(v)
    return {"inf": "INF", "nan": "NaN", "-inf": "-INF"}.get(s, s)


#: GEXF attribute values by type (as NetworkX writes them).
_GEXF_VALUE: dict[type, Callable[[Any], str]] = {
    str: attr,
    bool: lambda v: "true" if v else "false",
    int: str,
    float: _float_attr,
}


def gexf(
    nodes: list[tuple[str, dict[str, Any]]], edges: list[tuple[str, str, str, dict[str, Any]]]
) -> Iterator[bytes] | None:
    """GEXF 1.2 of a flattened multigraph given in NetworkX's iteration order.

    ``nodes``: (key, flattened attributes, ``label``/``start``/``end`` among them);
    ``edges``: (source, target, multigraph key, flattened attributes with ``id``, ``label``,
    ``start``, ``end``). Returns None when an attribute needs NetworkX's own writer.
    """
    for *_, key, d in edges:
        d["key"] = key  # NetworkX writes the multigraph key as networkx_key (last if not there yet)
    ids: dict[tuple[str, str], tuple[str, type]] = {}
    declared: dict[str, list[str]] = {}  # class -> declarations, in the order NetworkX makes them
    for cls, skip, items in (("node", _NODE_XML, (d for _, d in nodes)), ("edge", _EDGE_XML, (d for *_, d in edges))):
        for d in items:
            for k, v in d.items():
                if k in skip or (cls, k) in ids:
                    continue
                if k in GEXF_SPECIAL or type(v) not in XML_TYPES:
                    return None
                title = "networkx_key" if k == "key" else k
                ids[cls, k] = (str(len(ids)), type(v))
                declared.setdefault(cls, []).append(
                    f'      <attribute id="{len(ids) - 1}" title="{attr(title)}" type="{XML_TYPES[type(v)]}" />\n'
                )
    return _gexf(nodes, edges, ids, declared)


def _gexf(
    nodes: list[tuple[str, dict[str, Any]]],
    edges: list[tuple[str, str, str, dict[str, Any]]],
    ids: dict[tuple[str, str], tuple[str, type]],
    declared: dict[str, list[str]],
) -> Iterator[bytes]:
    timeformat = None
    for _, d in nodes:
        for k in ("start", "end"):
            if d.get(k) is not None:
                timeformat = _timeformat(d[k])
    for *_, d in edges:
        for k in ("start", "end"):
            if d.get(k) is not None:
                timeformat = _timeformat(d[k])
    out = Pieces()
    mode = "static" if timeformat is None else "dynamic"
    head = [
        GEXF_HEAD,
        f'  <graph defaultedgetype="directed" mode="{mode}" name=""'
        + (f' timeformat="{timeformat}">\n' if timeformat else ">\n"),
    ]
    for cls in reversed(declared):
        head.append(f'    <attributes mode="static" class="{cls}">\n{"".join(declared[cls])}    </attributes>\n')
    piece = out.add("".join(head))
    if piece:
        yield piece
    node_ids = {n: str(d.get("id", n)) for n, d in nodes}

    # Each attribute keeps the type it was declared with (NetworkX declares the first one met).
    columns = {
        cls: {
            k: (f'          <attvalue for="{i}" value="', _GEXF_VALUE[t]) for (c, k), (i, t) in ids.items() if c == cls
        }
        for cls in ("node", "edge")
    }

    def values(cls: str, d: dict[str, Any], skip: tuple[str, ...]) -> str:
        cols = columns[cls]
        rows = []
        for k, v in d.items():
            if k not in skip:
                opening, as_text = cols[k]
                rows.append(f'{opening}{as_text(v)}" />\n')
        return f"        <attvalues>\n{''.join(rows)}        </attvalues>\n" if rows else ""

    piece = out.add("    <nodes>\n" if nodes else "    <nodes />\n")
    if piece:
        yield piece
    for n, d in nodes:
        xml = [f' id="{attr(node_ids[n])}" label="{attr(str(d.get("label", n)))}"']
        xml += [f' {k}="{attr(str(d[k]))}"' for k in _NODE_XML[2:] if k in d]
        body = values("node", d, _NODE_XML)
        piece = out.add(
            f"      <node{''.join(xml)}>\n{body}      </node>\n" if body else f"      <node{''.join(xml)} />\n"
        )
        if piece:
            yield piece
    piece = out.add("    </nodes>\n" if nodes else "")
    if piece:
        yield piece
    piece = out.add("    <edges>\n" if edges else "    <edges />\n")
    if piece:
        yield piece
    for u, v, key, d in edges:
        xml = [f' source="{attr(node_ids[u])}" target="{attr(node_ids[v])}" id="{attr(str(d.get("id", key)))}"']
        xml += [f' {k}="{attr(str(d[k]))}"' for k in _EDGE_XML[1:] if k in d]
        body = values("edge", d, _EDGE_XML)
        piece = out.add(
            f"      <edge{''.join(xml)}>\n{body}      </edge>\n" if body else f"      <edge{''.join(xml)} />\n"
        )
        if piece:
            yield piece
    out.parts.append(("    </edges>\n" if edges else "") + "  </graph>\n</gexf>\n")
    yield out.take()


def _timeformat(value: Any) -> str:
    if isinstance(value, str):
        return "date"
    if isinstance(value, float):
        return "double"
    if isinstance(value, int):
        return "long"
    raise TypeError("timeformat should be of the type int, float or str")
