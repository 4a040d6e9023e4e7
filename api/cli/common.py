"""What every command shares: the Typer app, the settings, the connection, one place that turns an
error into its exit code, and one printer (a table on a terminal, JSON with ``--json``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Annotated, Any, NoReturn, TypeVar

import orjson
import typer

from graph.db import Graph, open_driver
from graph.errors import ArmsgraphError
from settings import Settings

T = TypeVar("T")

app = typer.Typer(
    name="armsgraph",
    help="A graph database of arms-transfer relationships.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


def fail(message: str, code: int = 2) -> NoReturn:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def fail_with(e: ArmsgraphError) -> NoReturn:
    """End the command on an error: its message (with the names it suggests) and its class's exit code."""
    hint = getattr(e, "suggestions", None)
    more = f" (did you mean: {', '.join(hint)}?)" if hint else ""
    fail(e.detail + more, e.exit_code)


def settings() -> Settings:
    try:
        return Settings()
    except ValueError as e:
        fail(f"bad settings: {e}")


def echo(message: str) -> None:
    typer.echo(message, err=True)


@contextmanager
def connect() -> Iterator[Graph]:
    """The graph the settings name; an error raised inside ends the command with its exit code."""
    s = settings()
    try:
        with open_driver(s) as driver:
            yield Graph(driver, s.neo4j_database)
    except ArmsgraphError as e:
        fail_with(e)


def ask(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(graph, *args, **kwargs)`` on a fresh connection."""
    with connect() as graph:
        return fn(graph, *args, **kwargs)


def _cell(value: object, numbers: str | None) -> str:
    if value is None:
        return ""
    if numbers and isinstance(value, float):
        return format(value, numbers)
    return str(value)


def show(
    data: object,
    json_out: bool,
    columns: Sequence[str],
    rows: Sequence[Sequence[object]],
    title: str,
    *,
    numbers: str | None = None,
    note: str | None = None,
) -> None:
    """Print ``data`` as JSON (``--json``), else ``rows`` as a table under ``title``; floats formatted with
    ``numbers`` when given; ``note`` goes to stderr after the table."""
    if json_out:
        typer.echo(orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode())
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for c in columns:
        table.add_column(c)
    for row in rows:
        table.add_row(*(_cell(v, numbers) for v in row))
    Console().print(table)
    if note:
        echo(note)
