"""``serve`` (the API against the configured Neo4j) and ``up`` (start Neo4j, load the samples, serve)."""

from __future__ import annotations

from typing import Annotated

import typer

from graph import server
from graph.db import Graph, open_driver
from graph.errors import ArmsgraphError
from graph.server.browser import for_api_at

from .common import app, echo, fail, fail_with, settings


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the HTTP API against whatever Neo4j the settings name."""
    import uvicorn

    from ..app import create_app

    s = settings()
    try:
        open_driver(s).close()  # no connection yet: refuses a missing password with a clear message
    except ArmsgraphError as e:
        fail_with(e)
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

    from ..app import create_app
    from ..samples import sample_files
    from ..signals import hold_stop_signals, stop_signals

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
    if failed is not None:  # whatever failed, the service did not come up
        fail(failed.detail, 3)
