"""``export``: a subgraph written in a file format (:mod:`graph.export`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graph.errors import ArmsgraphError

from .common import app, ask, echo, fail, fail_with, settings


@app.command("export")
def export_cmd(
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", help="File to write (a folder for --format bundle is not needed: the bundle is one ZIP)."
        ),
    ],
    around: Annotated[str | None, typer.Option(help="Entity at the centre: key, name or alias.")] = None,
    hops: Annotated[int, typer.Option(help="Hops from --around (1-4).")] = 1,
    keys: Annotated[
        str | None, typer.Option(help="Instead of --around: comma-separated entity keys (a community).")
    ] = None,
    cypher_query: Annotated[
        str | None,
        typer.Option(
            "--cypher", help="Instead of --around: a read-only Cypher query returning nodes, relationships or paths."
        ),
    ] = None,
    path_ends: Annotated[
        str | None, typer.Option("--path", help="Instead of --around: SOURCE,TARGET; the shortest paths between them.")
    ] = None,
    chains_root: Annotated[
        str | None, typer.Option("--chains", help="Instead of --around: the upstream supplier chains of this entity.")
    ] = None,
    everything: Annotated[bool, typer.Option("--all", help="The whole graph.")] = False,
    types: Annotated[str | None, typer.Option(help="Comma-separated relationship types.")] = None,
    since: Annotated[int | None, typer.Option(help="First year.")] = None,
    until: Annotated[int | None, typer.Option(help="Last year.")] = None,
    status: Annotated[str | None, typer.Option(help="Only facts of this status.")] = None,
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="graphml, gexf, json, cytoscape, csv (ZIP), "
            "nodes.csv, edges.csv, deals.csv, sources, "
            "cypher, svg, png or bundle (ZIP of all).",
        ),
    ] = "graphml",
) -> None:
    """Export a subgraph for a report or another tool:
    `armsgraph export --around Iran --hops 2 --format bundle --out iran.zip`.

    Exit codes: 0 written; 2 bad input (unknown entity, format or type); 3 Neo4j unreachable.
    """
    from graph import export as ex

    if format not in ex.FORMATS:
        fail(f"--format must be one of {', '.join(ex.FORMATS)}")
    chosen = [around, keys, cypher_query, path_ends, chains_root, everything or None]
    if sum(x is not None for x in chosen) != 1:
        fail("give exactly one of --around, --keys, --cypher, --path, --chains or --all")
    s = settings()
    try:
        selection = ex.Selection(
            around=around,
            hops=hops,
            keys=tuple(keys.split(",")) if keys else None,
            cypher=cypher_query,
            path=tuple(x.strip() for x in path_ends.split(",")) if path_ends else None,  # type: ignore[arg-type]
            chains=chains_root,
            everything=everything,
            types=(types,) if types else None,
            since=since,
            until=until,
            status=status,
            timeout_s=s.cypher_timeout_s,
            max_rows=s.cypher_max_rows,
        )
    except ArmsgraphError as e:
        fail_with(e)
    sub = ask(ex.select, selection)
    size = ex.write(sub, format, out)
    echo(f"{out}: {format}, {len(sub.nodes)} nodes, {len(sub.edges)} relationships, {size} bytes")
