"""Tables: ``nodes.csv`` and ``edges.csv`` for ``neo4j-admin database import`` (and spreadsheets),
a readable ``deals.csv``, and ``sources.md`` (every edge with its sources and quotes).

Headers follow neo4j-admin: ``key:ID``, ``:LABEL`` (labels joined by ``;``), ``:START_ID``,
``:END_ID``, ``:TYPE`` and typed property columns (``year:int``, ``tiv_delivered:float``,
``disputed:boolean``, ``aliases:string[]``, ``delivery_years:int[]``). Array elements are joined by
the first delimiter no element contains (``;`` unless a value holds one); :func:`import_command`
prints the matching ``--array-delimiter``. Report nodes are written beside entities so the
``sources`` keys of edges resolve after an import.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .networkx_formats import edge_label, interval
from .selection import Subgraph

DELIMITERS = (";", "|", "¦", "\x1f")
INT32 = 2**31 - 1


def _kind(v: Any) -> str:
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "int" if abs(v) <= INT32 else "long"
    if isinstance(v, float):
        return "float"
    return "string"


def column_type(values: Iterable[Any]) -> str:
    """The neo4j-admin type of a column: ``int``, ``long``, ``float``, ``boolean``, ``string``,
    or one of those with ``[]`` for lists."""
    kinds: set[str] = set()
    lists: set[str] = set()
    for v in values:
        if v is None:
            continue
        if isinstance(v, list):
            lists.update(_kind(x) for x in v)
            kinds.add("list")
        else:
            kinds.add(_kind(v))
    return _column(kinds, lists)


def column_types(items: Iterable[dict[str, Any]]) -> dict[str, str]:
    """:func:`column_type` of every property name of ``items`` in one pass (by name, sorted)."""
    # name -> [types of values, types of list elements, a value over INT32, an element over INT32]
    seen: dict[str, list[Any]] = {}
    for d in items:
        for k, v in d.items():
            c = seen.get(k)
            if c is None:
                c = seen[k] = [set(), set(), False, False]
            t = type(v)
            if t is list:
                c[0].add(list)
                c[1].update(map(type, v))
                if not c[3] and int in c[1]:
                    c[3] = any(type(x) is int and abs(x) > INT32 for x in v)
            elif v is not None:
                c[0].add(t)
                if t is int and not c[2] and abs(v) > INT32:
                    c[2] = True
    return {
        k: _column({_type_kind(t, c[2]) for t in c[0]}, {_type_kind(t, c[3]) for t in c[1]})
        for k, c in sorted(seen.items())
    }


def _type_kind(t: type, big: bool) -> str:
    """:func:`_kind` by type (``big``: some int of the column is beyond 32 bits)."""
    if t is list:
        return "list"
    if issubclass(t, bool):
        return "boolean"
    if issubclass(t, int):
        return "long" if big else "int"
    if issubclass(t, float):
        return "float"
    return "string"


def _column(kinds: set[str], lists: set[str]) -> str:
    if kinds == {"list"}:
        inner = _merge(lists) if lists else "string"
        return f"{inner}[]"
    return "string" if "list" in kinds else _merge(kinds)


def _merge(kinds: set[str]) -> str:
    if len(kinds) == 1:
        return next(iter(kinds))
    if kinds <= {"int", "long"}:
        return "long"
    if kinds <= {"int", "long", "float"}:
        return "float"
    return "string"


def array_delimiter(sub: Subgraph) -> str:
    """The first delimiter that no list element in the subgraph contains."""
    items = [*(n["props"] for n in sub.nodes.values()), *(e["props"] for e in sub.edges), *sub.reports.values()]
    parts = []
    for d in items:
        for v in d.values():
            if isinstance(v, list) and v:
                try:
                    parts.append("\n".join(v))
                except TypeError:  # not all strings
                    parts.append("\n".join(map(str, v)))
    text = "\n".join(parts)  # no delimiter is a line break
    for d in DELIMITERS:
        if d not in text:
            return d
    return DELIMITERS[-1]


def _cell(v: Any, delim: str) -> str:
    kind = type(v)
    if kind is str:
        return v  # type: ignore[no-any-return]
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return delim.join([_cell(x, delim) for x in v])
    return str(v)


def _write(header: list[str], rows: Iterable[list[Any]]) -> Iterator[bytes]:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for i, row in enumerate(rows, 1):
        w.writerow(row)
        if i % 5000 == 0:
            yield buf.getvalue().encode()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue().encode()


def _node_rows(sub: Subgraph) -> list[tuple[list[str], dict[str, Any]]]:
    rows = [(n["labels"], n["props"]) for n in sub.nodes.values()]
    rows += [(["Report"], p) for k, p in sub.reports.items() if k not in sub.nodes]
    return rows


def _cells(names: list[str], first: int, delim: str) -> Callable[[list[Any], dict[str, Any]], list[Any]]:
    """Fills a row's property cells (from column ``first``), visiting only the properties present."""
    at = {k: first + i for i, k in enumerate(names)}
    width = first + len(names)

    def fill(lead: list[Any], props: dict[str, Any]) -> list[Any]:
        row = lead + [""] * (width - first)
        for k, v in props.items():
            i = at.get(k)
            if i is not None and v is not None:
                row[i] = _cell(v, delim)
        return row

    return fill


def nodes_csv(sub: Subgraph, delim: str | None = None) -> Iterator[bytes]:
    delim = delim or array_delimiter(sub)
    rows = _node_rows(sub)
    types = column_types(p for _, p in rows)
    types.pop("key", None)
    names = list(types)
    header = ["key:ID", ":LABEL", *[k if types[k] == "string" else f"{k}:{types[k]}" for k in names]]
    fill = _cells(names, 2, delim)
    return _write(header, (fill([p["key"], ";".join(labels)], p) for labels, p in rows))


def edges_csv(sub: Subgraph, delim: str | None = None) -> Iterator[bytes]:
    delim = delim or array_delimiter(sub)
    types = column_types(e["props"] for e in sub.edges)
    names = list(types)
    header = [":START_ID", ":END_ID", ":TYPE", *[k if types[k] == "string" else f"{k}:{types[k]}" for k in names]]
    fill = _cells(names, 3, delim)
    return _write(header, (fill([e["source"], e["target"], e["type"]], e["props"]) for e in sub.edges))


def import_command(sub: Subgraph, database: str = "neo4j", delim: str | None = None) -> str:
    """The ``neo4j-admin`` command that imports nodes.csv and edges.csv into an empty database."""
    delim = delim or array_delimiter(sub)
    shown = "'\\u001F'" if delim == "\x1f" else repr(delim)
    return (
        f"neo4j-admin database import full {database} --nodes=nodes.csv --relationships=edges.csv "
        f"--array-delimiter={shown} --multiline-fields=true --overwrite-destination\n"
    )


DEAL_COLUMNS = [
    "type",
    "source",
    "source_name",
    "target",
    "target_name",
    "status",
    "date",
    "year",
    "order_year",
    "delivery_years",
    "weapons",
    "number_ordered",
    "number_delivered",
    "tiv_delivered",
    "sources",
    "key",
]


def deals_csv(sub: Subgraph) -> Iterator[bytes]:
    """One readable row per edge, with names, years, weapons and source keys (for a spreadsheet)."""

    def name(k: str) -> str:
        n = sub.nodes.get(k)
        return str(n["props"].get("name") or k) if n else k

    def row(e: dict[str, Any]) -> list[Any]:
        p = e["props"]
        weapons = p.get("weapons") or ([p["weapon"]] if p.get("weapon") else [])
        status = p.get("status") or (
            "delivered" if p.get("delivery_years") else "agreed" if p.get("source_type") == "sipri" else ""
        )
        return [
            e["type"],
            e["source"],
            name(e["source"]),
            e["target"],
            name(e["target"]),
            status,
            p.get("date") or "",
            _cell(p.get("year"), ""),
            _cell(p.get("order_year"), ""),
            _cell(p.get("delivery_years") or [], " "),
            "; ".join(weapons),
            _cell(p.get("number_ordered"), ""),
            _cell(p.get("number_delivered"), ""),
            _cell(p.get("tiv_delivered"), ""),
            " ".join(p.get("sources") or []),
            e["key"],
        ]

    return _write(DEAL_COLUMNS, (row(e) for e in sub.edges))


def _md(text: Any) -> str:
    return str(text).replace("\n", " ").replace("|", "\\|").strip()


def sources_lines(sub: Subgraph) -> Iterator[str]:
    """``sources.md``: each edge with its sources (report title, date, URL, evidence quote)."""
    yield f"# Sources: {_md(sub.title)}\n\n"
    yield f"{len(sub.edges)} relationships, {len(sub.nodes)} entities, {len(sub.reports)} reports.\n\n"
    for i, e in enumerate(sub.edges, 1):
        p = e["props"]
        src = sub.nodes.get(e["source"], {}).get("props", {}).get("name", e["source"])
        dst = sub.nodes.get(e["target"], {}).get("props", {}).get("name", e["target"])
        label = edge_label(p, max_weapons=6)
        status = p.get("status") or ""
        extra = f" ({', '.join(x for x in (status, label) if x)})" if status or label else ""
        disputed = " **disputed**" if p.get("disputed") else ""
        yield f"{i}. **{_md(src)} → {_md(dst)}** `{e['type']}`{_md(extra)}{disputed} — key `{e['key']}`\n"
        sources = p.get("sources") or []
        evidence = p.get("evidence") or []
        statuses = p.get("source_statuses") or []
        for j, s in enumerate(sources):
            r = sub.reports.get(s, {})
            title = _md(r.get("title") or s)
            when = r.get("published") or ""
            url = f" <{r['source_url']}>" if r.get("source_url") else ""
            quote = f" — “{_md(evidence[j])}”" if j < len(evidence) and evidence[j] else ""
            said = f" ({statuses[j]})" if j < len(statuses) and statuses[j] else ""
            yield f"   - *{title}*, {when}{url}{said}{quote}\n"
        if p.get("source_type") == "sipri" and interval(p):
            deal = ", ".join(
                f"{k.replace('_', ' ')} {_cell(p[k], ' ')}"
                for k in ("order_year", "delivery_years", "number_ordered", "number_delivered", "tiv_delivered")
                if p.get(k) not in (None, [])
            )
            yield f"   - register entry: {_md(deal)}\n"
        if not sources:
            yield "   - (no source recorded)\n"


def sources_md(sub: Subgraph) -> Iterator[bytes]:
    buf: list[str] = []
    for i, line in enumerate(sources_lines(sub)):
        buf.append(line)
        if i % 2000 == 1999:
            yield "".join(buf).encode()
            buf = []
    yield "".join(buf).encode()
