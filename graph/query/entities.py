"""Named read queries behind the API and the CLI: entities, their relationships, timelines.

Every function takes a :class:`Graph` and plain values, returns plain data (dicts and lists),
and raises :class:`NotFound` or :class:`InvalidInput`; no FastAPI here.
"""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz import fuzz, process

from ..db import Graph
from ..errors import InvalidInput, NotFound
from .params import check_date, check_type, check_years

_WORD = re.compile(r"\w+", re.UNICODE)
#: Edge properties returned as they are (the parallel per-source lists become ``statements``).
EDGE_FIELDS = (
    "key",
    "status",
    "statuses",
    "disputed",
    "date",
    "year",
    "first_seen",
    "weapons",
    "weapon_keys",
    "source_type",
    "role",
    "order_year",
    "delivery_years",
    "number_delivered",
    "number_ordered",
    "tiv_delivered",
    "weapon",
    "weapon_description",
    "sources",
)
LABEL_ORDER = {"Country": 0, "Organization": 1, "Person": 2, "Place": 3, "WeaponSystem": 4}


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def suggestions(graph: Graph, text: str, limit: int = 5) -> list[str]:
    """Near matches of ``text`` among entity names and aliases (rapidfuzz), best first."""
    choices: dict[str, str] = {}
    for row in graph.read("entity_names_all"):
        for name in [row["name"], *row["aliases"]]:
            if name:
                choices.setdefault(name, row["name"])
    found = process.extract(text, list(choices), scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=60)
    out: list[str] = []
    for name, _score, _i in found:
        if choices[name] not in out:
            out.append(choices[name])
    return out[:limit]


def resolve(graph: Graph, ref: str, param: str = "entity") -> dict[str, Any]:
    """An entity by key, name or alias ("IRN", "Iran", "Islamic Republic of Iran"), else 404.

    A key wins over a name, a name over an alias; among equals, countries first.
    """
    ref = ref.strip()
    if not ref or len(ref) > 300:
        raise InvalidInput(f"{param} must name an entity (1 to 300 characters)")
    rows = graph.read("entity_by_key", keys=[ref, ref.upper()])
    if rows:
        return rows[0]
    words = _words(ref)
    if words:
        rows = graph.read("entity_by_name", phrase='"' + " ".join(words) + '"', lname=ref.lower())
        if rows:
            rows.sort(key=lambda r: (not r["by_name"], LABEL_ORDER.get(r["type"], 9), r["key"]))
            row = rows[0]
            return {k: row[k] for k in ("key", "name", "type", "aliases")}
    raise NotFound(f"no entity named {ref!r:.80} ({param})", suggestions(graph, ref))


def search(graph: Graph, q: str, type_: str | None, limit: int, offset: int) -> dict[str, Any]:
    """Entities whose name or alias matches ``q``, tolerant of spelling ("Kouleba" finds Kuleba)."""
    words = _words(q)
    if not words:
        raise InvalidInput("q must contain at least one letter or digit")
    label = check_type(type_)
    terms = [f"{w}~" if len(w) >= 4 else f"{w}*" if len(w) >= 2 else w for w in words[:12]]
    lucene = " OR ".join([*terms, f'"{" ".join(words)}"^4'])
    rows = graph.read("entity_search", lucene=lucene, type=label, fetch=min(offset + limit + 200, 5000))
    scored = []
    for row in rows:
        names = [row["name"], *row["aliases"]]
        best = max(fuzz.WRatio(q, n) for n in names if n) if any(names) else 0
        exact = any(n.lower() == q.lower() for n in names if n)
        scored.append((exact, best, row["score"], row))
    scored.sort(key=lambda t: (not t[0], -t[1], -t[2], t[3]["key"]))
    items = [
        {
            "key": r["key"],
            "name": r["name"],
            "type": r["type"],
            "aliases": r["aliases"],
            "score": round(best / 100, 3),
        }
        for _e, best, _s, r in scored[offset : offset + limit]
    ]
    return {"total": len(scored), "limit": limit, "offset": offset, "items": items}


def statements(props: dict[str, Any], as_of: str | None, titles: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Each source's statement of a fact (parallel lists on the edge), those published by ``as_of``."""
    sources = props.get("sources") or []
    evidence = props.get("evidence") or []
    statuses = props.get("source_statuses") or []
    published = props.get("source_published") or []
    dates = props.get("source_dates") or []
    out = []
    for i, key in enumerate(sources):
        pub = published[i] if i < len(published) else props.get("first_seen")
        if as_of is not None and pub is not None and str(pub) > as_of:
            continue
        report = titles.get(key, {})
        out.append(
            {
                "source": key,
                "title": report.get("title"),
                "published": pub or report.get("published"),
                "source_url": report.get("source_url"),
                "evidence": evidence[i] if i < len(evidence) else None,
                "status": statuses[i] if i < len(statuses) else props.get("status"),
                "date": (dates[i] or None) if i < len(dates) else None,
            }
        )
    return out


def edge(type_: str, src: str, dst: str, props: dict[str, Any]) -> dict[str, Any]:
    """An edge as the API shows it: ends, type and the provenance fields."""
    out = {"type": type_, "source": src, "target": dst}
    out.update({k: props[k] for k in EDGE_FIELDS if props.get(k) is not None})
    return out


def report_titles(graph: Graph, keys: set[str]) -> dict[str, dict[str, Any]]:
    if not keys:
        return {}
    return {r["key"]: r for r in graph.read("reports_by_keys", keys=sorted(keys))}


def _relationship_rows(
    graph: Graph, rows: list[dict[str, Any]], entity_key: str, as_of: str | None
) -> list[dict[str, Any]]:
    titles = report_titles(graph, {s for r in rows for s in (r["props"].get("sources") or [])})
    out = []
    for r in rows:
        src, dst = (entity_key, r["other_key"]) if r["outgoing"] else (r["other_key"], entity_key)
        item = edge(r["type"], src, dst, r["props"])
        item["direction"] = "out" if r["outgoing"] else "in"
        item["other"] = {"key": r["other_key"], "name": r["other_name"], "type": r["other_type"]}
        item["statements"] = statements(r["props"], as_of, titles)
        out.append(item)
    return out


def entity_detail(
    graph: Graph, ref: str, *, as_of: str | None = None, limit: int = 100, offset: int = 0
) -> dict[str, Any]:
    """The entity, its aliases and one page of its relationships with their sources."""
    as_of = check_date(as_of)
    entity = resolve(graph, ref)
    rows = graph.read("entity_relationships", key=entity["key"], as_of=as_of, limit=limit, offset=offset)
    return {
        **entity,
        "total_relationships": rows[0]["total"] if rows else 0,
        "limit": limit,
        "offset": offset,
        "relationships": _relationship_rows(graph, rows, entity["key"], as_of),
    }


def timeline(
    graph: Graph,
    ref: str,
    *,
    since: int | None = None,
    until: int | None = None,
    as_of: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> dict[str, Any]:
    """Dated facts about an entity, oldest first."""
    as_of = check_date(as_of)
    check_years(since, until)
    entity = resolve(graph, ref)
    rows = graph.read("timeline", key=entity["key"], since=since, until=until, as_of=as_of, limit=limit, offset=offset)
    return {
        "entity": {k: entity[k] for k in ("key", "name", "type")},
        "total": rows[0]["total"] if rows else 0,
        "limit": limit,
        "offset": offset,
        "events": _relationship_rows(graph, rows, entity["key"], as_of),
    }
