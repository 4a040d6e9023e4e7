"""The Neo4j Browser guide and style that ``GET /browser-guide`` and ``GET /browser-style`` serve.

The guide is a slide deck in the HTML the Browser plays (``<article class="guide">`` holding a
``<carousel>`` of ``<slide>``; a ``<pre class="runnable">`` goes to the editor when clicked),
built from ``guide.yaml`` beside this module and the Cypher files it names; the style is
``armsgraph.grass``.
"""

from __future__ import annotations

import html
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from graph.queries import query

GUIDE_DIR = Path(__file__).resolve().parent


def cypher_literal(value: Any) -> str:
    """A parameter value as the guide's ``:param`` line writes it (a string or a whole number)."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(f"guide parameters are strings or whole numbers, not {value!r}")
    if isinstance(value, int):
        return str(value)
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def split_header(text: str) -> tuple[list[str], str]:
    """A Cypher file's leading comment lines (without ``//`` and the ``:param`` examples) and its statement."""
    lines = text.strip().splitlines()
    notes = []
    while lines and lines[0].lstrip().startswith("//"):
        note = lines.pop(0).lstrip()[2:].strip()
        if note and not note.startswith(":param"):
            notes.append(note)
    return notes, "\n".join(lines).strip()


def params_command(params: dict[str, Any]) -> str:
    """The ``:params`` command that sets a slide's parameters (one click, before its queries run)."""
    return ":params {" + ", ".join(f"{key}: {cypher_literal(value)}" for key, value in params.items()) + "}"


def _block(text: str, caption: str, name: str) -> str:
    return (
        "<figure>"
        f'<pre class="pre-scrollable code runnable" data-query="{html.escape(name)}">{html.escape(text)}</pre>'
        f"<figcaption>{html.escape(caption)}</figcaption>"
        "</figure>"
    )


def render_guide(spec: dict[str, Any]) -> str:
    """The guide's HTML from its spec (see ``guide.yaml``). A slide with queries starts with one
    block that sets their parameters (``:params {...}``); each query is then a block of its own,
    its Cypher file's statement as it stands, so that one click draws its picture or table."""
    slides = []
    for slide in spec["slides"]:
        body = [f"<p>{p}</p>" for p in slide.get("paragraphs", [])]  # HTML written in guide.yaml
        params: dict[str, Any] = {}
        for q in slide.get("queries", []):
            params.update(q.get("params", {}))
        if params:
            body.append(
                _block(params_command(params), "First set the parameters (change them to ask about another).", "params")
            )
        for q in slide.get("queries", []):
            notes, statement = split_header(query(q["name"]))
            body.append(_block(statement, " ".join(notes), q["name"]))
        slides.append(
            '<slide class="row-fluid">\n'
            f'<div class="col-sm-3"><h3>{html.escape(slide["title"])}</h3>'
            f'<p class="lead">{html.escape(slide.get("lead", ""))}</p></div>\n'
            f'<div class="col-sm-9">\n' + "\n".join(body) + "\n</div>\n</slide>"
        )
    return (
        '<article class="guide">\n<carousel class="deck container-fluid">\n'
        + "\n".join(slides)
        + "\n</carousel>\n</article>\n"
    )


@cache
def guide_html() -> str:
    spec = yaml.safe_load((GUIDE_DIR / "guide.yaml").read_text(encoding="utf-8"))
    return render_guide(spec)


@cache
def style_grass() -> str:
    return (GUIDE_DIR / "armsgraph.grass").read_text(encoding="utf-8")
