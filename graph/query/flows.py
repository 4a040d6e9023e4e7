"""Arms flows for the map: supplier -> recipient pairs in a time window, each end with its country.

Computed from the per-deal ``SUPPLIES`` facts (``cypher/flows.cypher``) with the window and status
rules of the supplier chains, so the map and the network view of one window agree. A country stands
for itself; an organisation (a company, an armed group) attaches to the country it is ``LOCATED_IN``
(none for an alliance or an unknown supplier: such flows are listed, not placed on the map).

Countries carry their ISO 3166 numeric code, which the map matches against Natural Earth's
shapes; a former state (the Soviet Union, East Germany, Yugoslavia, Czechoslovakia) is placed on
its successor's shape and says so.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Sequence
from typing import Any

import pycountry

from ..db import Graph
from ..errors import InvalidInput
from .entities import resolve
from .params import check_date, check_statuses, check_years

#: Most flows in one answer.
MAX_FLOWS = 5000

#: Former states drawn on a successor's shape (ISO 3166-3 key -> alpha-3 of the successor).
SUCCESSORS = {"SUN": "RUS", "DDR": "DEU", "YUG": "SRB", "CSK": "CZE", "SCG": "SRB", "ANT": "CUW"}
#: Keys of our own with no ISO numeric code: the name Natural Earth gives the shape.
SHAPE_NAMES = {"XKX": "Kosovo"}


def country_shape(key: str) -> dict[str, Any]:
    """How the map finds a country's shape: its ISO numeric code, or a successor's, or a name.

    >>> country_shape("RUS")
    {'numeric': '643'}
    >>> country_shape("SUN")
    {'numeric': '643', 'placed_as': 'RUS'}
    """
    placed_as = SUCCESSORS.get(key)
    found = pycountry.countries.get(alpha_3=placed_as or key)
    if found is not None:
        shape: dict[str, Any] = {"numeric": found.numeric}
        if placed_as:
            shape["placed_as"] = placed_as
        return shape
    return {"shape_name": SHAPE_NAMES[key]} if key in SHAPE_NAMES else {}


def _end(row: dict[str, Any], side: str) -> dict[str, Any]:
    end = {"key": row[side], "name": row[f"{side}_name"], "type": row[f"{side}_type"]}
    if row[f"{side}_country"] is not None:
        end["country"] = row[f"{side}_country"]
    return end


def _flow(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "source": _end(row, "src"),
        "target": _end(row, "dst"),
        "deals": row["deals"],
        "told": row["told"],
        "tiv_delivered": round(row["tiv_delivered"], 3),
        "first_year": row["first_year"],
        "last_year": row["last_year"],
        "statuses": dict(sorted(Counter(s for s in row["states"] if s).items())),
    }


def flows(
    graph: Graph,
    *,
    country: str | None = None,
    since: int | None = None,
    until: int | None = None,
    statuses: Sequence[str] | None = None,
    as_of: str | None = None,
    limit: int = 1000,
) -> dict[str, Any]:
    """The flows in the window, largest delivered TIV first (then most deals).

    ``country``: only the flows into or out of it (a country: also of the organisations located in
    it; an organisation: its own). ``statuses``: the claim statuses kept (a register deal counts as
    ``delivered`` once it has deliveries, else ``agreed``); ``None`` keeps all. ``total`` counts
    every flow, ``flows`` holds the first ``limit``; ``countries`` names every country an end of
    those flows attaches to, with the key to its shape on the map.
    """
    check_years(since, until)
    if not 1 <= limit <= MAX_FLOWS:
        raise InvalidInput(f"limit must be between 1 and {MAX_FLOWS}")
    kept = check_statuses(statuses)
    focus = resolve(graph, country, "country") if country else None
    filters = {"since": since, "until": until, "as_of": check_date(as_of), "statuses": kept}
    if focus is None:
        rows = graph.read("flows", **filters)
    else:
        key = focus["key"]
        keys = [key]
        if focus["type"] == "Country":
            keys += [r["key"] for r in graph.read("flows_located", key=key)]
        rows = graph.read("flows_around", keys=keys, **filters)
        ends = ("src_country", "dst_country") if focus["type"] == "Country" else ("src", "dst")
        rows = [r for r in rows if key in (r[ends[0]], r[ends[1]])]
    rows.sort(key=lambda r: (-r["tiv_delivered"], -r["deals"], r["src"], r["dst"]))
    page = [_flow(r) for r in rows[:limit]]
    keys = sorted({e["country"] for f in page for e in (f["source"], f["target"]) if "country" in e})
    names = {r["key"]: r["name"] for r in graph.read("flow_country_names", keys=keys)}
    return {
        "country": {k: focus[k] for k in ("key", "name", "type")} if focus else None,
        "since": since,
        "until": until,
        "statuses": kept,
        "total": len(rows),
        "limit": limit,
        "deals": sum(r["deals"] for r in rows),
        "tiv_delivered": round(sum(r["tiv_delivered"] for r in rows), 3),
        "flows": page,
        "countries": [{"key": k, "name": names.get(k, k), **country_shape(k)} for k in keys],
    }


FLOW_COLUMNS = [
    "source",
    "source_name",
    "source_country",
    "target",
    "target_name",
    "target_country",
    "deals",
    "tiv_delivered",
    "first_year",
    "last_year",
    "statuses",
]


def flow_rows(nodes: dict[str, dict[str, Any]], edges: list[dict[str, Any]]) -> list[list[Any]]:
    """The flows of an exported subgraph (``flows.csv`` of the report bundle): its ``SUPPLIES`` edges
    summed per supplier -> recipient pair as ``GET /flows`` sums them, each end with the country it
    stands in (an organisation: its ``LOCATED_IN`` country in the subgraph, else empty). Largest
    delivered TIV first. ``nodes[key] = {"labels", "props"}``; ``edges``: ``{"type", "source",
    "target", "props"}``.

    >>> nodes = {"IRN": {"labels": ["Country"], "props": {"name": "Iran"}},
    ...          "houthis": {"labels": ["Organization"], "props": {"name": "Houthis"}},
    ...          "YEM": {"labels": ["Country"], "props": {"name": "Yemen"}}}
    >>> deal = {"year": 2015, "status": "alleged"}
    >>> edges = [{"type": "SUPPLIES", "source": "IRN", "target": "houthis", "props": deal},
    ...          {"type": "LOCATED_IN", "source": "houthis", "target": "YEM", "props": {}}]
    >>> flow_rows(nodes, edges)
    [['IRN', 'Iran', 'IRN', 'houthis', 'Houthis', 'YEM', 1, 0.0, 2015, 2015, 'alleged 1']]
    """
    located: dict[str, str] = {}
    for e in edges:
        if e["type"] == "LOCATED_IN" and "Country" in nodes.get(e["target"], {}).get("labels", []):
            located[e["source"]] = min(located.get(e["source"], e["target"]), e["target"])

    def country(key: str) -> str:
        return key if "Country" in nodes.get(key, {}).get("labels", []) else located.get(key, "")

    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for e in edges:
        if e["type"] != "SUPPLIES" or e["source"] == e["target"]:
            continue
        p = e["props"]
        pair = pairs.setdefault(
            (e["source"], e["target"]), {"deals": 0, "tiv": 0.0, "years": [], "statuses": Counter()}
        )
        pair["deals"] += 1
        pair["tiv"] += p.get("tiv_delivered") or 0.0
        years = [y for y in (p.get("year"), *(p.get("delivery_years") or [])) if y is not None]
        pair["years"] += years
        if p.get("source_type") == "sipri":
            pair["statuses"]["delivered" if p.get("delivery_years") else "agreed"] += 1
        elif p.get("status"):
            pair["statuses"][p["status"]] += 1
    rows = []
    for (src, dst), pair in pairs.items():
        years = pair["years"]
        rows.append(
            [
                src,
                nodes.get(src, {}).get("props", {}).get("name") or src,
                country(src),
                dst,
                nodes.get(dst, {}).get("props", {}).get("name") or dst,
                country(dst),
                pair["deals"],
                round(pair["tiv"], 3),
                min(years) if years else "",
                max(years) if years else "",
                " ".join(f"{k} {n}" for k, n in sorted(pair["statuses"].items())),
            ]
        )
    rows.sort(key=lambda r: (-r[7], -r[6], r[0], r[3]))
    return rows


def flows_csv(nodes: dict[str, dict[str, Any]], edges: list[dict[str, Any]]) -> bytes:
    """:func:`flow_rows` as CSV with a header."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(FLOW_COLUMNS)
    writer.writerows(flow_rows(nodes, edges))
    return buf.getvalue().encode()
