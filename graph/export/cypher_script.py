"""A Cypher script that recreates a subgraph in an empty Neo4j (cypher-shell, the Browser, a driver).

This is a file the user runs, not a query armsgraph runs: values are written as Cypher literals,
escaped (strings single-quoted with backslash escapes, control characters as ``\\uXXXX``, map keys
back-quoted where needed). Statements are ``UNWIND [..] AS row MERGE ...`` over literal maps, keyed on
the uniqueness constraints the script creates first, so running it twice changes nothing.
Labels and relationship types come from the model enums. Statements are separated by a blank
line and end with ``;`` (:func:`split_statements` gives them back).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from ..errors import InvalidInput
from ..model import Label, RelationshipType
from ..queries import statements_of
from .selection import Subgraph

BATCH = 500
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_ESC = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
#: The characters :func:`string` escapes: backslash, quote, controls, line and paragraph separators.
_SPECIAL = re.compile(r"[\\'\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    return _ESC.get(ch) or f"\\u{ord(ch):04x}"


def string(text: str) -> str:
    """A single-quoted Cypher string literal."""
    return "'" + _SPECIAL.sub(_escape, text) + "'"


@cache
def name(text: str) -> str:
    """A map key or identifier, back-quoted (backticks doubled) unless it is a plain identifier."""
    return text if _IDENT.match(text) else "`" + text.replace("`", "``") + "`"


def literal(value: Any) -> str:
    """A Cypher literal for a property value: null, boolean, integer, float, string, list or map."""
    kind = type(value)
    if kind is str:
        return string(value)
    if kind is int:
        return str(value)
    if kind is list:
        return "[" + ", ".join([literal(v) for v in value]) + "]"
    if kind is dict:
        return "{" + ", ".join([f"{name(str(k))}: {literal(v)}" for k, v in value.items()]) + "}"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "0.0/0.0"
        if math.isinf(value):
            return "1.0/0.0" if value > 0 else "-1.0/0.0"
        return repr(value)
    if isinstance(value, str):
        return string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{name(str(k))}: {literal(v)}" for k, v in value.items()) + "}"
    raise InvalidInput(f"cannot write a {type(value).__name__} as a Cypher literal")


def _labels(labels: list[str]) -> str:
    try:
        return "".join(f":{Label(x).value}" if x != "Entity" else ":Entity" for x in labels)
    except ValueError as e:
        raise InvalidInput(f"a node has a label outside the model: {labels}") from e


def _chunks(rows: list[str]) -> Iterator[list[str]]:
    for i in range(0, len(rows), BATCH):
        yield rows[i : i + BATCH]


def _node_groups(sub: Subgraph) -> dict[tuple[str, ...], list[dict[str, Any]]]:
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for n in sub.nodes.values():
        groups.setdefault(tuple(n["labels"]), []).append(n["props"])
    for key, props in sub.reports.items():
        if key not in sub.nodes:
            groups.setdefault(("Report",), []).append(props)
    return dict(sorted(groups.items()))


def script(sub: Subgraph) -> Iterator[str]:
    """The script, statement by statement (each ends with ``;`` and a blank line)."""
    yield f"// armsgraph export: {sub.title}\n"
    yield (
        f"// {len(sub.nodes)} nodes, {len(sub.edges)} relationships, {len(sub.reports)} reports. "
        "Run in an empty database: cypher-shell -f this-file.cypher\n\n"
    )
    for stmt in statements_of("schema"):
        if stmt.startswith("CREATE CONSTRAINT"):
            yield stmt + ";\n\n"
    ends: dict[str, str] = {}
    for labels, group in _node_groups(sub).items():
        label = ":Entity" if "Entity" in labels else ":" + Label(labels[0]).value
        for chunk in _chunks([f"  {literal(p)}" for p in group]):
            yield (
                "UNWIND [\n" + ",\n".join(chunk) + f"\n] AS row\nMERGE (n{label} {{key: row.key}})\n"
                f"SET n{_labels(list(labels))}, n = row;\n\n"
            )
        for p in group:
            ends[p["key"]] = label
    groups: dict[tuple[str, str, str], list[str]] = {}
    for e in sub.edges:
        rel = RelationshipType(e["type"]).value
        row = {"src": e["source"], "dst": e["target"], "key": e["key"], "props": e["props"]}
        groups.setdefault((rel, ends[e["source"]], ends[e["target"]]), []).append(f"  {literal(row)}")
    for (rel, a, b), rows in sorted(groups.items()):
        merge = f"MERGE (a)-[r:{rel} {{key: row.key}}]->(b)" if rel != "MENTIONS" else f"MERGE (a)-[r:{rel}]->(b)"
        for chunk in _chunks(rows):
            yield (
                "UNWIND [\n" + ",\n".join(chunk) + f"\n] AS row\nMATCH (a{a} {{key: row.src}})\n"
                f"MATCH (b{b} {{key: row.dst}})\n{merge}\nSET r = row.props;\n\n"
            )


def chunks(sub: Subgraph) -> Iterator[bytes]:
    for part in script(sub):
        yield part.encode("utf-8")


def split_statements(text: str) -> list[str]:
    """The statements of a script written by :func:`script` (without comments and the final ``;``)."""
    out = []
    for block in text.split("\n\n"):
        lines = [x for x in block.splitlines() if x.strip() and not x.lstrip().startswith("//")]
        if lines:
            out.append("\n".join(lines).rstrip().rstrip(";"))
    return out
