"""Load files into the graph: pick the loader by file type, validate everything, then write."""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.db import Graph
from graph.errors import ArmsgraphError, InvalidInput
from graph.schema import apply_schema, ensure_schema
from graph.writer import Batch, RetractRow, WriteStats, write_batch

from .claim_batches import document_batch
from .claims import ClaimsDocument, read_document
from .errors import InputError
from .result import LoadResult

REPORT_SUFFIXES = {".txt", ".html", ".htm", ".jsonl"}
CLAIMS_SUFFIXES = {".json", ".yaml", ".yml"}


def _curated_reports(graph: Graph, keys: list[str]) -> set[str]:
    rows = graph.read("curated_reports", keys=keys)
    return {r["key"] for r in rows}


def write_documents(
    graph: Graph, docs: list[ClaimsDocument], result: LoadResult, content_hashes: dict[str, str] | None = None
) -> None:
    """Write claims documents, one transaction each. Extracted reports an analyst has curated
    keep the analyst's facts: only the report node is refreshed."""
    curated = _curated_reports(graph, [d.id for d in docs if d.id and not d.curated])
    for doc in docs:
        if not doc.curated and doc.id in curated:
            result.skipped.append(f"{doc.id}: curated by an analyst; extracted facts not reloaded")
            batch = document_batch(
                doc.model_copy(update={"facts": [], "entities": []}),
                (content_hashes or {}).get(doc.id or ""),
                kind="news",
            )
            batch.retract = []  # the analyst's statements stay as they are
            write_batch(graph, batch, result.stats)
            result.documents += 1
            continue
        kind = "claims" if doc.curated else "news"
        batch = document_batch(doc, (content_hashes or {}).get(doc.id or ""), kind=kind)
        write_batch(graph, batch, result.stats)
        result.documents += 1
        result.facts += len(doc.facts)


def load_documents(
    graph: Graph, docs: list[ClaimsDocument], content_hashes: dict[str, str] | None = None, source: str = "request body"
) -> LoadResult:
    """Write claims documents given in memory (the API's request bodies): the schema first (once per
    graph), then :func:`write_documents`. The result names ``source`` as the file read."""
    for doc in docs:
        if doc.published is None:
            raise InvalidInput("a claims document needs 'published' (YYYY-MM-DD), the date of its source")
    result = LoadResult()
    ensure_schema(graph)
    write_documents(graph, docs, result, content_hashes)
    result.files.append(source)
    return result


def extract_report(
    text: str, date: str, title: str | None = None, url: str | None = None, source: str = "request body"
) -> tuple[list[ClaimsDocument], dict[str, str]]:
    """The facts of a report's text given in memory (an API request body), and its content hash by
    document id. The text is read as a ``.txt`` (or HTML) file would be: a first line
    `` date YYYY-MM-DD`` wins over ``date``; the report is named after ``date``, ``title`` and the
    hash of the text; ``title`` and ``url`` are its provenance; errors name ``source``."""
    from .news import extract_text
    from .news.inputs import from_html, from_text
    from .textio import decode

    slug = re.sub(r"[^a-z0-9]+", "-", (title or "report").lower()).strip("-")[:60] or "report"
    digest = hashlib.sha256(text.encode()).hexdigest()[:8]
    stem = f"{date}_{slug}-{digest}"
    raw = decode(text.encode("utf-8"), source)
    looks_html = raw.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))
    report = from_html(raw, source, stem, date) if looks_html else from_text(raw, source, stem, date)
    doc = extract_text(report.text, report.published, report.id, report.title, report.url)
    doc = doc.model_copy(update={"title": title or doc.title, "source_url": url or doc.source_url})
    return [doc], ({doc.id: digest} if doc.id else {})


def read_claims_file(path: Path) -> list[ClaimsDocument]:
    doc = read_document(path)
    if doc.published is None:
        raise InputError(
            str(path), "a claims document needs 'published' (YYYY-MM-DD), the date of its source", field="published"
        )
    return [doc]


def read_reports(path: Path, date: str | None = None) -> tuple[list[ClaimsDocument], dict[str, str]]:
    from .news import extract_file

    docs = extract_file(path, date=date)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return docs, {d.id: digest for d in docs if d.id}


def load_paths(
    graph: Graph,
    paths: list[Path],
    *,
    date: str | None = None,
    strict: bool = False,
    progress: Callable[[int], None] | None = None,
    batch_size: int | None = None,
    encoding: str | None = None,
) -> LoadResult:
    """Load every file; files are validated whole before anything of them is written.

    ``batch_size``: table rows per write transaction (default :data:`loaders.registers.write.BATCH`).
    ``encoding``: the text encoding of the tables (.csv), when it is not UTF-8.
    """
    result = LoadResult()
    apply_schema(graph)
    for path in paths:
        suffix = path.suffix.lower()
        if not path.is_file():
            raise InputError(str(path), "no such file")
        if suffix in CLAIMS_SUFFIXES:
            write_documents(graph, read_claims_file(path), result)
        elif suffix in REPORT_SUFFIXES:
            docs, hashes = read_reports(path, date)
            write_documents(graph, docs, result, hashes)
        elif suffix == ".csv":
            from .registers.write import BATCH, load_table

            load_table(
                graph, path, result, strict=strict, progress=progress, batch_size=batch_size or BATCH, encoding=encoding
            )
        else:
            raise InputError(
                str(path), f"unknown file type {suffix!r}: expected .txt, .html, .jsonl, .json, .yaml or .csv"
            )
        result.files.append(str(path))
    return result


@contextmanager
def _uploaded(filename: str, shown: str) -> Iterator[Path]:
    """A temporary file named ``filename`` for the loaders, whose place on the server never shows:
    errors name it ``shown``."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / filename

        def hide(text: str) -> str:
            return text.replace(str(path), shown).replace(tmp, "upload")

        try:
            yield path
        except ArmsgraphError as e:
            e.detail = hide(e.detail)
            e.args = (e.detail,)
            raise


def _hidden(result: LoadResult, path: Path, shown: str) -> LoadResult:
    def hide(text: str) -> str:
        return text.replace(str(path), shown).replace(str(path.parent), "upload")

    result.files = [hide(f) for f in result.files]
    result.skipped = [hide(t) for t in result.skipped]
    result.quarantined = [hide(t) for t in result.quarantined]
    return result


def load_upload(
    graph: Graph, data: bytes, filename: str, *, strict: bool = False, encoding: str | None = None
) -> LoadResult:
    """Load a file sent in a request (a CSV table): the register reader streams from a file, so the
    bytes go to a temporary one, which errors and the result name ``filename``."""
    with _uploaded(filename, filename) as path:
        path.write_bytes(data)
        return _hidden(load_paths(graph, [path], strict=strict, encoding=encoding), path, filename)


def retract_sources(graph: Graph, keys: list[str]) -> WriteStats:
    """Take back every statement of news reports or claims files, in one transaction: their
    statements leave the fact edges (an edge no other source states is deleted), their Report
    nodes go, and so does every entity that only they had created and nothing holds any more.

    A register is not retracted this way: load a newer export of it instead.
    """
    found = {r["key"]: r["kind"] for r in graph.read("report_kinds", keys=keys)}
    for key in keys:
        if key not in found:
            raise InputError(key, "no such source in the graph")
        if found[key] == "register":
            raise InputError(key, "a register's deals are not retracted: load a newer export of it instead")
    batch = Batch(retract=[RetractRow(key, [], [], drop=True) for key in dict.fromkeys(keys)])
    return write_batch(graph, batch)
