"""Questions over the graph: ``chains``, ``path``, ``entity``, ``timeline``, ``cypher`` (thin calls into
:mod:`graph.query`)."""

from __future__ import annotations

from typing import Annotated

import orjson
import typer

from .common import JsonOpt, app, ask, settings, show

AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="Only sources published by YYYY-MM-DD.")]


@app.command()
def chains(
    root: Annotated[str, typer.Argument(help="Key, name or alias, e.g. Russia.")],
    upstream: Annotated[bool, typer.Option("--upstream/--downstream", help="Suppliers or recipients.")] = (True),
    tiers: Annotated[
        bool, typer.Option("--tiers/--list", help="Entities hop by hop (default), or every chain, shortest first.")
    ] = True,
    max_hops: Annotated[int, typer.Option(help="Hops from the root (1-4).")] = 3,
    since: Annotated[int | None, typer.Option(help="First year.")] = None,
    until: Annotated[int | None, typer.Option(help="Last year.")] = None,
    weapon: Annotated[str | None, typer.Option(help="Weapon name or key.")] = None,
    status: Annotated[str | None, typer.Option(help="Claim status, e.g. delivered.")] = None,
    time_consistent: Annotated[bool, typer.Option(help="Each hop no later than the one it feeds.")] = False,
    sort: Annotated[str, typer.Option(help="Rank by deals (then TIV), tiv (then deals) or name.")] = "deals",
    limit: Annotated[int | None, typer.Option(help="Entities per tier (10), or chains (--list, 50).")] = None,
    offset: Annotated[int, typer.Option(help="Entities per tier, or chains, to skip.")] = 0,
    edges_per_link: Annotated[int, typer.Option(help="Edges listed per link in --list --json (0-10).")] = 3,
    as_of: AsOfOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Supplier chains: `armsgraph chains Russia --upstream --since 2022` lists the direct suppliers
    (hop 1) with their deals, delivered TIV and years, then their suppliers (hop 2), and so on;
    `--list` lists every chain instead, shortest first."""
    from graph.query.chains import chains as find
    from graph.query.params import ChainQuery

    q = ChainQuery(
        root,
        direction="upstream" if upstream else "downstream",
        max_hops=max_hops,
        since=since,
        until=until,
        weapon=weapon,
        status=status,
        time_consistent=time_consistent,
        as_of=as_of,
        sort=sort,  # type: ignore[arg-type]
        view="tiers" if tiers else "chains",
        limit=limit or (10 if tiers else 50),
        offset=offset,
        edges_per_link=edges_per_link,
    )
    data = ask(find, q.root, **q.options())
    name = data["root"]["name"] or data["root"]["key"]
    if tiers:
        verb = "feeds" if upstream else "fed_by"
        rows = []
        for tier in data["tiers"]:
            for e in tier["entities"]:
                rows.append(
                    [
                        tier["hop"],
                        f"{e['name'] or e['key']} ({e['key']})",
                        e["deals"],
                        f"{e['tiv_delivered']:g}",
                        _years(e["first_year"], e["last_year"]),
                        ", ".join(f"{f['key']} ({f['deals']})" for f in e[verb]),
                    ]
                )
            hidden = tier["total"] - len(tier["entities"])
            if hidden > 0:
                rows.append([tier["hop"], f"... {hidden} more (--limit, --offset)", "", "", "", ""])
        who = "suppliers" if upstream else "recipients"
        show(
            data,
            json_out,
            ["hop", who[:-1], "deals", "TIV delivered", "years", "supplies (deals)" if upstream else "from (deals)"],
            rows,
            f"{who} of {name}, hop by hop: " + ", ".join(f"hop {t['hop']}: {t['total']}" for t in data["tiers"]),
        )
        return
    rows = [
        [
            " -> ".join(c["entities"]),
            c["hops"],
            "; ".join(
                f"{lk['source']}>{lk['target']} {lk['first_year']}-{lk['last_year']} ({lk['deals']})"
                for lk in c["links"]
            ),
        ]
        for c in data["chains"]
    ]
    more = "+" if data["capped"] else ""
    show(
        data,
        json_out,
        ["chain", "hops", "links (years, edges)"],
        rows,
        f"{data['direction']} of {name}: {data['total']}{more} chain(s), shortest first",
    )


def _years(first: int | None, last: int | None) -> str:
    if first is None and last is None:
        return ""
    return str(first) if first == last or last is None else f"{first}-{last}"


@app.command()
def path(
    source: Annotated[str, typer.Argument(help="Key, name or alias.")],
    target: Annotated[str, typer.Argument(help="Key, name or alias.")],
    max_hops: Annotated[int, typer.Option(help="Longest path (1-6).")] = 4,
    types: Annotated[str | None, typer.Option(help="Comma-separated relationship types.")] = None,
    all_paths: Annotated[bool, typer.Option("--all", help="All paths up to max-hops, not just the shortest.")] = False,
    limit: Annotated[int, typer.Option(help="Paths to show.")] = 10,
    offset: Annotated[int, typer.Option(help="Paths to skip (--all).")] = 0,
    as_of: AsOfOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Paths between two entities: `armsgraph path Iran Ukraine` (every shortest path);
    `--all --max-hops 3`: every path up to 3 hops, shortest first."""
    from graph.query.chains import paths as find

    data = ask(
        find,
        source,
        target,
        max_hops=max_hops,
        types=[types] if types else None,
        mode="all" if all_paths else "shortest",
        as_of=as_of,
        limit=limit,
        offset=offset,
    )
    rows = [
        [
            p["hops"],
            " -> ".join(n["name"] or n["key"] for n in p["nodes"]),
            ", ".join(f"{e['type']} {e.get('year') or ''}".strip() for e in p["edges"]),
        ]
        for p in data["paths"]
    ]
    kind = f"path(s) up to {max_hops} hops" if all_paths else "shortest path(s)"
    more = "+" if data["capped"] else ""
    title = f"{data['source']['name']} to {data['target']['name']}: {data['total']}{more} {kind}"
    show(data, json_out, ["hops", "path", "edges"], rows, title)
    if not data["paths"]:
        raise typer.Exit(1)


@app.command()
def entity(
    ref: Annotated[str, typer.Argument(help="Key, name or alias, e.g. Mokhber.")],
    limit: Annotated[int, typer.Option(help="Relationships to show.")] = 50,
    as_of: AsOfOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """An entity, its aliases and relationships with their sources: `armsgraph entity Mokhber`."""
    from graph.query.entities import entity_detail

    data = ask(entity_detail, ref, as_of=as_of, limit=limit)
    rows = [
        [
            r["type"],
            r["direction"],
            r["other"]["name"],
            r.get("status"),
            r.get("date") or r.get("year"),
            ", ".join(r.get("weapons") or []),
            ", ".join(s["source"] for s in r["statements"]) or ", ".join(r.get("sources") or []),
        ]
        for r in data["relationships"]
    ]
    show(
        data,
        json_out,
        ["type", "dir", "other", "status", "date", "weapons", "sources"],
        rows,
        f"{data['name']} ({data['type']}, {data['key']}); aliases: {', '.join(data['aliases']) or '-'}",
    )


@app.command()
def timeline(
    ref: Annotated[str, typer.Argument(help="Key, name or alias.")],
    since: Annotated[int | None, typer.Option(help="First year.")] = None,
    until: Annotated[int | None, typer.Option(help="Last year.")] = None,
    limit: Annotated[int, typer.Option(help="Events to show.")] = 100,
    as_of: AsOfOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Dated facts about an entity, oldest first: `armsgraph timeline Iran`."""
    from graph.query.entities import timeline as find

    data = ask(find, ref, since=since, until=until, as_of=as_of, limit=limit)
    rows = [
        [
            e.get("date") or e.get("year"),
            e["type"],
            e["source"],
            e["target"],
            e.get("status"),
            ", ".join(e.get("weapons") or []),
        ]
        for e in data["events"]
    ]
    show(
        data,
        json_out,
        ["date", "type", "from", "to", "status", "weapons"],
        rows,
        f"{data['entity']['name']}: {data['total']} dated fact(s)",
    )


@app.command()
def cypher(
    text: Annotated[str, typer.Argument(help="One read-only Cypher query.")],
    json_out: JsonOpt = False,
) -> None:
    """Run read-only Cypher (writes, files, admin commands and unlisted procedures are refused)."""
    from graph.query.readonly import run_readonly

    s = settings()
    result = ask(run_readonly, text, {}, timeout_s=s.cypher_timeout_s, max_rows=s.cypher_max_rows)
    data = {"columns": result.columns, "rows": result.rows, "truncated": result.truncated}
    show(
        data,
        json_out,
        result.columns,
        [
            [orjson.dumps(r[c]).decode() if isinstance(r[c], (dict, list)) else r[c] for c in result.columns]
            for r in result.rows
        ],
        f"{len(result.rows)} row(s){' (truncated)' if result.truncated else ''}",
    )
