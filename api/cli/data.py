"""Data in and out of the graph: ``extract`` (reports to a claims document), ``load`` and ``reset``."""

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

from graph import schema
from graph.errors import ArmsgraphError

from .common import app, connect, echo, fail, fail_with, settings


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
        fail_with(e)
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
        result = load_paths(
            graph,
            files,
            date=date,
            strict=strict,
            progress=progress,
            batch_size=settings().batch_size,
            encoding=encoding,
        )
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
