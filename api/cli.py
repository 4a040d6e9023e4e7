"""The ``armsgraph`` command line: a thin shell over the same functions the API calls."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import orjson
import typer
import yaml

from graph import schema, server
from graph.browser_settings import for_api_at
from graph.config import Settings
from graph.db import Graph, open_driver
from graph.errors import ArmsgraphError, InvalidInput, ServerError, Unavailable

app = typer.Typer(
    name="armsgraph",
    help="A graph database of arms-transfer relationships.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def fail(message: str, code: int = 2) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Report files: .txt, .html or .jsonl.")],
    format: Annotated[str | None, typer.Option("--format", "-f", help="json (the default) or yaml.")] = None,
    date: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD for undated text.")] = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Print, for every fact, the sentence and the rule that produced it, and for every "
            "candidate dropped, why (text; with --format json, a JSON document).",
        ),
    ] = False,
) -> None:
    """Extract facts from news reports and print a claims document (edit it, then `armsgraph load` it)."""
    from loaders.news import explain_file

    if format not in (None, "json", "yaml"):
        fail("--format must be json or yaml")
    found = []
    try:
        for path in files:
            found.extend(explain_file(path, date=date))
    except ArmsgraphError as e:
        fail(e.detail)
    if explain:
        _explain(found, as_json=format == "json")
        return
    payload = [x.document.model_dump(mode="json", exclude_none=False) for x in found]
    out = payload[0] if len(payload) == 1 else {"documents": payload}
    if format in (None, "json"):
        sys.stdout.write(orjson.dumps(out, option=orjson.OPT_INDENT_2).decode() + "\n")
    else:
        sys.stdout.write(yaml.safe_dump(out, sort_keys=False, allow_unicode=True))


def _explain(found: list, as_json: bool) -> None:
    """The --explain report: facts with sentence and rule, then dropped candidates with the reason."""
    reports = []
    for x in found:
        facts = [
            {
                "fact": f"{f.subject} -{f.predicate}-> {f.object}",
                "status": f.status,
                "weapons": f.weapon_systems,
                "rule": rule,
                "sentence": sentence,
            }
            for f, (sentence, rule) in zip(x.document.facts, x.reasons, strict=True)
        ]
        dropped = [{"candidate": c, "reason": why, "sentence": s} for s, c, why in x.dropped]
        reports.append({"id": x.document.id, "facts": facts, "dropped": dropped})
    if as_json:
        sys.stdout.write(orjson.dumps(reports, option=orjson.OPT_INDENT_2).decode() + "\n")
        return
    lines: list[str] = []
    for r in reports:
        lines.append(f"# {r['id']}: {len(r['facts'])} fact(s), {len(r['dropped'])} dropped candidate(s)")
        for f in r["facts"]:
            weapons = f" [{', '.join(f['weapons'])}]" if f["weapons"] else ""
            lines += [
                f"FACT {f['fact']} ({f['status']}){weapons}",
                f"  rule: {f['rule']}",
                f"  sentence: {f['sentence']}",
            ]
        for d in r["dropped"]:
            lines += [f"DROPPED {d['candidate']}: {d['reason']}", f"  sentence: {d['sentence']}"]
    sys.stdout.write("\n".join(lines) + "\n")


neo4j_app = typer.Typer(help="The managed local Neo4j (for machines without Docker).", no_args_is_help=True)
app.add_typer(neo4j_app, name="neo4j")


def settings() -> Settings:
    try:
        return Settings()
    except ValueError as e:
        fail(f"bad settings: {e}")
        raise  # unreachable


def echo(message: str) -> None:
    typer.echo(message, err=True)


@neo4j_app.command("install")
def neo4j_install() -> None:
    """Fetch Neo4j 5.26 LTS and the Neo4j Browser from Maven Central into the cache (once)."""
    try:
        server.install(settings(), echo)
    except ArmsgraphError as e:
        fail(e.detail, 3)


@neo4j_app.command("start")
def neo4j_start() -> None:
    """Start Neo4j on loopback with auth on; return when Bolt answers."""
    try:
        server.start(settings(), echo)
    except ArmsgraphError as e:
        fail(e.detail, 3)


@neo4j_app.command("stop")
def neo4j_stop() -> None:
    """Stop the managed Neo4j gracefully."""
    server.stop(settings(), echo)


@neo4j_app.command("status")
def neo4j_status(json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Pid, version, ports, data folder, and node and relationship counts. Exit 1 when not running."""
    s = settings()
    pid = server.running_pid(s)
    info: dict[str, object] = {
        "running": pid is not None,
        "pid": pid,
        "installed_version": server.installed_version(s),
        "bolt": f"bolt://127.0.0.1:{s.bolt_port}",
        "http": f"http://127.0.0.1:{s.http_port}",
        "data": str(server.paths(s).data),
    }
    if pid is not None:
        try:
            with open_driver(s) as driver:
                g = Graph(driver, s.neo4j_database)
                info["version"] = schema.server_info(g).get("version")
                c = schema.counts(g)
                info["nodes"], info["relationships"] = c["node_count"], c["relationship_count"]
        except ArmsgraphError as e:
            info["error"] = e.detail
    if json_out:
        typer.echo(orjson.dumps(info, option=orjson.OPT_INDENT_2).decode())
    else:
        for k, v in info.items():
            typer.echo(f"{k:18} {v}")
    raise typer.Exit(0 if pid is not None else 1)


@neo4j_app.command("logs")
def neo4j_logs(lines: Annotated[int, typer.Option("--lines", "-n")] = 50) -> None:
    """Print the end of the server's logs."""
    typer.echo(server.log_tail(settings(), lines))


@contextmanager
def connect() -> Iterator[Graph]:
    s = settings()
    try:
        with open_driver(s) as driver:
            yield Graph(driver, s.neo4j_database)
    except ArmsgraphError as e:
        fail(e.detail, 3 if isinstance(e, (ServerError, Unavailable)) else 2)


@contextmanager
def _table_progress(files: list[Path]) -> Iterator[Callable[[int], None] | None]:
    """A progress bar over table rows, on a terminal only."""
    tables = [f for f in files if f.suffix.lower() == ".csv" and f.is_file()]
    if not tables or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    total = 0
    for f in tables:
        with f.open("rb") as handle:
            total += sum(chunk.count(b"\n") for chunk in iter(functools.partial(handle.read, 1 << 20), b""))
    with Progress(
        TextColumn("loading rows"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True
    ) as bar:
        task = bar.add_task("rows", total=total)
        base = 0
        last = 0

        def advance(rows: int) -> None:
            nonlocal base, last
            if rows < last:  # the next file started
                base += last
            last = rows
            bar.update(task, completed=base + rows)

        yield advance


@app.command()
def load(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Reports (.txt .html .jsonl), claims (.json .yaml), tables (.csv: SIPRI registers, analyst transfers)."
        ),
    ],
    date: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD for undated text.")] = None,
    strict: Annotated[bool, typer.Option(help="Refuse a whole table if any row is malformed.")] = False,
    encoding: Annotated[
        str | None,
        typer.Option(
            help="Text encoding of the tables (.csv), e.g. cp1252. Default: UTF-8; a table in another "
            "encoding is read only if it can be told without doubt, else refused (exit 2) with the line "
            "of its first byte that is not UTF-8."
        ),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Validate and write files into the graph. Re-running a load changes nothing.

    Exit codes: 0 loaded; 1 loaded, but some rows were quarantined; 2 bad input, nothing written
    from that file; 3 Neo4j unreachable.
    """
    from loaders.load import load_paths

    with connect() as graph, _table_progress(files) as progress:
        try:
            result = load_paths(
                graph,
                files,
                date=date,
                strict=strict,
                progress=progress,
                batch_size=settings().batch_size,
                encoding=encoding,
            )
        except ArmsgraphError as e:
            fail(e.detail, 3 if isinstance(e, (ServerError, Unavailable)) else 2)
            return
    if json_out:
        typer.echo(orjson.dumps(result.as_dict(), option=orjson.OPT_INDENT_2).decode())
    else:
        st = result.stats
        typer.echo(
            f"loaded {len(result.files)} file(s): {result.documents} document(s), {result.facts} fact(s), "
            f"{result.deals} deal(s); created {st.nodes_created} nodes and "
            f"{st.relationships_created} relationships in {st.batches} transaction(s)"
        )
        for line in result.skipped:
            typer.echo(f"note: {line}", err=True)
    if result.quarantined:
        for line in result.quarantined[:50]:
            typer.echo(f"quarantined: {line}", err=True)
        echo(f"{len(result.quarantined)} row(s) quarantined; the rest loaded")
        raise typer.Exit(1)


@app.command()
def reset(yes: Annotated[bool, typer.Option("--yes", help="Do not ask.")] = False) -> None:
    """Delete every node and relationship in the database (the schema stays)."""
    if not yes:
        typer.confirm("Delete everything in the graph?", abort=True)
    with connect() as graph:
        schema.delete_all(graph)
    echo("graph emptied")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the HTTP API against whatever Neo4j the settings name."""
    import uvicorn

    from .app import create_app

    s = settings()
    try:
        open_driver(s).close()  # no connection yet: refuses a missing password with a clear message
    except ArmsgraphError as e:
        fail(e.detail, 3)
    uvicorn.run(create_app(s), host=host, port=port, log_level="warning")


@app.command()
def up(
    host: Annotated[str, typer.Option(help="Interface the API listens on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port of the API.")] = 8000,
    samples: Annotated[bool, typer.Option(help="Load the bundled sample reports and data.")] = True,
) -> None:
    """The main job: start Neo4j, load the bundled corpus, serve the API.

    Ctrl-C, SIGTERM or SIGHUP stop what it started: the API first, then Neo4j.
    """
    import uvicorn

    from loaders.load import load_paths

    from .app import create_app
    from .samples import sample_files
    from .signals import hold_stop_signals, stop_signals

    s = for_api_at(settings(), host, port)  # the Browser opens the guide of this API on connect
    started = False
    failed: ArmsgraphError | None = None
    with stop_signals() as serve_with:
        try:
            if server.running_pid(s) is None and s.neo4j_uri.startswith("bolt://127.0.0.1"):
                started = True
                server.start(s, echo)
            if samples:
                with open_driver(s) as driver:
                    result = load_paths(Graph(driver, s.neo4j_database), sample_files())
                echo(
                    f"loaded the bundled samples: {result.deals} SIPRI deal(s), {result.documents} report(s) "
                    f"and claim file(s), {result.facts} fact(s)"
                )
                if result.quarantined:  # e.g. deals of one export that match no deal of another safely
                    echo(f"{len(result.quarantined)} row(s) quarantined, each with its reason:")
                    for line in result.quarantined[:10]:
                        echo(f"  {line}")
                    if len(result.quarantined) > 10:
                        echo(f"  ... and {len(result.quarantined) - 10} more (`armsgraph load` lists them all)")
            api = uvicorn.Server(uvicorn.Config(create_app(s), host=host, port=port, log_level="warning"))
            typer.secho(f"API      http://{host}:{port}/  (docs at http://{host}:{port}/docs)", bold=True)
            typer.secho(
                f"Browser  http://127.0.0.1:{s.http_port}/browser/  (connect to bolt://127.0.0.1:{s.bolt_port}, "
                f"user {s.neo4j_user}, password in {s.password_source})",
                bold=True,
            )
            typer.echo("Press Ctrl-C to stop.")
            serve_with(api)
            api.run()  # returns once the API has shut down
        except KeyboardInterrupt:
            pass
        except ArmsgraphError as e:
            failed = e
        finally:
            serve_with(None)
            hold_stop_signals()
            if started:
                server.stop(s, echo)
    if failed is not None:
        fail(failed.detail, 3)


# --- network analysis (graph/analytics_service.py; the same calls as GET /centrality etc.) ---

WeightOpt = Annotated[str | None, typer.Option(help="Edge weight: count (deals), units or tiv; none: unweighted.")]
SinceOpt = Annotated[int | None, typer.Option(help="First year of the window (inclusive).")]
UntilOpt = Annotated[int | None, typer.Option(help="Last year of the window (inclusive).")]
BasisOpt = Annotated[
    str, typer.Option(help="Years that place a deal in the window: delivery (pro-rated), order, or fact.")
]
TypesOpt = Annotated[str, typer.Option(help="Comma-separated relationship types.")]
JsonOutOpt = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]


def _slice_args(types: str, since: int | None, until: int | None, basis: str, weight: str | None) -> dict[str, object]:
    return {"types": types, "since": since, "until": until, "basis": basis, "weight": weight}


def _analysis(kind: str, **kwargs: object) -> dict[str, object]:
    from dataclasses import asdict

    from graph import analytics_service as service
    from graph.cache import ResultCache
    from graph.projection import Slice

    s = kwargs.pop("slice_args")
    assert isinstance(s, dict)
    with connect() as graph:
        try:
            names = tuple(t.strip().upper() for t in str(s.pop("types")).split(",") if t.strip())
            weight = s.pop("weight")
            sl = Slice(types=names, weight=weight or "count", **s)  # type: ignore[arg-type]
            fn = getattr(service, kind)
            answer = (
                fn(graph, ResultCache(), sl, **kwargs)
                if kind != "centrality"
                else fn(graph, ResultCache(), sl, weighted=weight is not None, **kwargs)
            )
        except ArmsgraphError as e:
            fail(e.detail, 3 if isinstance(e, (ServerError, Unavailable)) else 2)
            raise
    return asdict(answer)


def _table(data: dict[str, object], json_out: bool, columns: list[str], rows: list[list[object]], title: str) -> None:
    if json_out:
        typer.echo(orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode())
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for c in columns:
        table.add_column(c)
    for r in rows:
        table.add_row(*(f"{v:.6g}" if isinstance(v, float) else str(v) for v in r))
    Console().print(table)
    typer.echo(
        f"engine {data['engine']}, {data['nodes']} nodes, {data['edges']} edges, "
        f"{float(data['seconds']):.3f} s (graph version {data['graph_version']})",  # type: ignore[arg-type]
        err=True,
    )


@app.command()
def centrality(
    measure: Annotated[
        str,
        typer.Argument(help="degree, in_degree, out_degree, pagerank, betweenness, closeness, eigenvector or hits."),
    ],
    since: SinceOpt = None,
    until: UntilOpt = None,
    weight: WeightOpt = None,
    basis: BasisOpt = "delivery",
    types: TypesOpt = "SUPPLIES",
    top: Annotated[int, typer.Option(help="Rows to print.")] = 20,
    k: Annotated[int | None, typer.Option(help="Betweenness: sample k sources (large graphs).")] = None,
    seed: Annotated[int, typer.Option(help="Seed of the betweenness sample.")] = 0,
    json_out: JsonOutOpt = False,
) -> None:
    """Rank entities by a centrality measure: `armsgraph centrality pagerank --since 2019 --weight tiv`."""
    data = _analysis(
        "centrality",
        measure=measure,
        top=top,
        k=k,
        seed=seed,
        slice_args=_slice_args(types, since, until, basis, weight),
    )
    rows = [[r["rank"], r["key"], r["name"], r["score"]] for r in data["rows"]]  # type: ignore[attr-defined]
    _table(data, json_out, ["rank", "key", "name", measure], rows, f"{measure} ({weight or 'unweighted'})")


@app.command()
def communities(
    since: SinceOpt = None,
    until: UntilOpt = None,
    weight: WeightOpt = None,
    basis: BasisOpt = "delivery",
    types: TypesOpt = "SUPPLIES",
    resolution: Annotated[float, typer.Option(help="Higher: more, smaller communities.")] = 1.0,
    top: Annotated[int, typer.Option(help="Largest communities to print.")] = 10,
    seed: Annotated[int, typer.Option(help="Seed of the Louvain runs.")] = 0,
    json_out: JsonOutOpt = False,
) -> None:
    """Louvain communities of the supply graph: who trades among themselves."""
    data = _analysis(
        "communities",
        resolution=resolution,
        seed=seed,
        top=top,
        slice_args=_slice_args(types, since, until, basis, weight),
    )
    rows = [
        [c["community"], c["size"], ", ".join(m["name"] for m in c["members"][:8]) + (" ..." if c["size"] > 8 else "")]
        for c in data["rows"]  # type: ignore[attr-defined]
    ]
    summary = data["summary"]
    _table(
        data,
        json_out,
        ["#", "size", "members (strongest first)"],
        rows,
        f"{summary['communities']} communities, modularity {summary['modularity']:.3f}",  # type: ignore[index]
    )


@app.command()
def dependence(
    recipient: Annotated[str, typer.Argument(help="Key, name or alias, e.g. India.")],
    since: SinceOpt = None,
    until: UntilOpt = None,
    weight: Annotated[str, typer.Option(help="What a share measures: count, units or tiv.")] = "tiv",
    basis: BasisOpt = "delivery",
    types: TypesOpt = "SUPPLIES",
    json_out: JsonOutOpt = False,
) -> None:
    """A recipient's suppliers by share and their concentration (HHI): `armsgraph dependence India`."""
    data = _analysis("dependence", recipient=recipient, slice_args=_slice_args(types, since, until, basis, weight))
    rows = [[r["rank"], r["key"], r["name"], r["share"], r["value"]] for r in data["rows"]]  # type: ignore[attr-defined]
    s = data["summary"]
    _table(
        data,
        json_out,
        ["rank", "key", "supplier", "share", weight],
        rows,
        f"suppliers of {s['recipient']['name']}: HHI {s['hhi']:.3f}, total {s['total']:.6g}",  # type: ignore[index]
    )


def _window(text: str, name: str) -> tuple[int, int]:
    try:
        first, _, last = text.partition("-")
        since, until = int(first), int(last or first)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a window like 2014-2018", param_hint=name) from None
    if since > until:
        raise typer.BadParameter(f"{text!r} ends before it starts", param_hint=name)
    return since, until


@app.command()
def change(
    before: Annotated[str, typer.Option(help="The earlier window, e.g. 2014-2018.")],
    after: Annotated[str, typer.Option(help="The later window, e.g. 2019-2023.")],
    measure: Annotated[
        str, typer.Option(help="Measure compared (default: delivered TIV out of each supplier, with --weight tiv).")
    ] = "out_degree",
    weight: Annotated[str | None, typer.Option(help="count, units or tiv; none: unweighted.")] = "tiv",
    basis: BasisOpt = "delivery",
    types: TypesOpt = "SUPPLIES",
    top: Annotated[int, typer.Option(help="Risers and fallers to print.")] = 10,
    json_out: JsonOutOpt = False,
) -> None:
    """Who rose and who fell between two windows: `armsgraph change --before 2014-2018 --after 2019-2023`."""
    from dataclasses import asdict

    from graph import analytics_service as service
    from graph.cache import ResultCache
    from graph.projection import Slice

    windows = _window(before, "--before"), _window(after, "--after")
    with connect() as graph:
        try:
            names = tuple(t.strip().upper() for t in types.split(",") if t.strip())
            a, b = (
                Slice(types=names, since=w[0], until=w[1], basis=basis, weight=weight or "count")  # type: ignore[arg-type]
                for w in windows
            )
            data = asdict(service.change(graph, ResultCache(), a, b, measure, weighted=weight is not None, top=top))
        except ArmsgraphError as e:
            fail(e.detail, 3 if isinstance(e, (ServerError, Unavailable)) else 2)
            raise
    rows = [
        [way, r["key"], r["name"], r["before"], r["after"], r["delta"], r["rank_before"] or "-", r["rank_after"] or "-"]
        for way in ("rose", "fell")
        for r in data["summary"][way]
    ]
    _table(
        data,
        json_out,
        ["", "key", "name", before, after, "change", "rank before", "rank after"],
        rows,
        f"{measure} ({weight or 'unweighted'}): {before} against {after}",
    )


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
    from graph.repository_paths import EDGES_PER_LINK
    from graph.repository_paths import chains as find_chains
    from graph.repository_paths import paths as find_paths

    if format not in ex.FORMATS:
        fail(f"--format must be one of {', '.join(ex.FORMATS)}")
    chosen = [around, keys, cypher_query, path_ends, chains_root, everything or None]
    if sum(x is not None for x in chosen) != 1:
        fail("give exactly one of --around, --keys, --cypher, --path, --chains or --all")
    type_list = [types] if types else None
    s = settings()

    def select(graph: Graph) -> ex.Subgraph:
        if around:
            return ex.around(graph, around, hops=hops, types=type_list, since=since, until=until, status=status)
        if keys:
            return ex.community(graph, keys.split(","), types=type_list, since=since, until=until, status=status)
        if cypher_query:
            return ex.from_cypher(graph, cypher_query, timeout_s=s.cypher_timeout_s, max_rows=s.cypher_max_rows)
        if path_ends:
            ends = [x.strip() for x in path_ends.split(",")]
            if len(ends) != 2:
                raise InvalidInput("--path takes SOURCE,TARGET")
            return ex.from_result(
                graph,
                find_paths(graph, ends[0], ends[1], types=type_list, since=since, until=until),
                f"paths {ends[0]} to {ends[1]}",
            )
        if chains_root:
            found = find_chains(
                graph, chains_root, since=since, until=until, status=status, edges_per_link=EDGES_PER_LINK
            )
            return ex.from_result(graph, found, f"supplier chains of {chains_root}")
        return ex.everything(graph, types=type_list)

    sub = _ask(select)
    size = ex.write(sub, format, out)
    echo(f"{out}: {format}, {len(sub.nodes)} nodes, {len(sub.edges)} relationships, {size} bytes")


def main() -> None:
    app()


# --- questions over the graph: thin calls into graph.repository*, graph.readonly ---


def _print(data: object, json_out: bool, columns: list[str], rows: list[list[object]], title: str) -> None:
    if json_out:
        typer.echo(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode())
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for c in columns:
        table.add_column(c)
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    Console().print(table)


def _ask(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    with connect() as graph:
        try:
            return fn(graph, *args, **kwargs)
        except ArmsgraphError as e:
            hint = getattr(e, "suggestions", None)
            more = f" (did you mean: {', '.join(hint)}?)" if hint else ""
            fail(e.detail + more, 3 if isinstance(e, (ServerError, Unavailable)) else 2)


JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
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
    from graph.repository_paths import chains as find

    direction = "upstream" if upstream else "downstream"
    data = _ask(
        find,
        root,
        direction=direction,
        max_hops=max_hops,
        since=since,
        until=until,
        weapon=weapon,
        status=status,
        time_consistent=time_consistent,
        as_of=as_of,
        sort=sort,
        view="tiers" if tiers else "chains",
        limit=limit or (10 if tiers else 50),
        offset=offset,
        edges_per_link=edges_per_link if not tiers else 0,
    )
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
        _print(
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
    _print(
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
    from graph.repository_paths import paths as find

    data = _ask(
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
    _print(data, json_out, ["hops", "path", "edges"], rows, title)
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
    from graph.repository import entity_detail

    data = _ask(entity_detail, ref, as_of=as_of, limit=limit)
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
    _print(
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
    from graph.repository import timeline as find

    data = _ask(find, ref, since=since, until=until, as_of=as_of, limit=limit)
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
    _print(
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
    from graph.readonly import run_readonly

    s = settings()
    result = _ask(run_readonly, text, {}, timeout_s=s.cypher_timeout_s, max_rows=s.cypher_max_rows)
    data = {"columns": result.columns, "rows": result.rows, "truncated": result.truncated}
    _print(
        data,
        json_out,
        result.columns,
        [
            [orjson.dumps(r[c]).decode() if isinstance(r[c], (dict, list)) else r[c] for c in result.columns]
            for r in result.rows
        ],
        f"{len(result.rows)} row(s){' (truncated)' if result.truncated else ''}",
    )
