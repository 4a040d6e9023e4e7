"""``armsgraph neo4j ...``: the managed local Neo4j (install, start, stop, status, logs)."""

from __future__ import annotations

from typing import Annotated

import orjson
import typer

from graph import schema, server
from graph.db import Graph, open_driver
from graph.errors import ArmsgraphError

from .common import app, echo, fail_with, settings

neo4j_app = typer.Typer(help="The managed local Neo4j (for machines without Docker).", no_args_is_help=True)

app.add_typer(neo4j_app, name="neo4j")


@neo4j_app.command("install")
def neo4j_install() -> None:
    """Fetch Neo4j 5.26 LTS and the Neo4j Browser from Maven Central into the cache (once)."""
    try:
        server.install(settings(), echo)
    except ArmsgraphError as e:
        fail_with(e)


@neo4j_app.command("start")
def neo4j_start() -> None:
    """Start Neo4j on loopback with auth on; return when Bolt answers."""
    try:
        server.start(settings(), echo)
    except ArmsgraphError as e:
        fail_with(e)


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
