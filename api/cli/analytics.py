"""Network analysis: ``centrality``, ``communities``, ``dependence``, ``change`` (the calls behind
``GET /centrality`` and the other analytics routes, :mod:`graph.analytics.service`)."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import app, connect, show

WeightOpt = Annotated[str | None, typer.Option(help="Edge weight: count (deals), units or tiv; none: unweighted.")]

SinceOpt = Annotated[int | None, typer.Option(help="First year of the window (inclusive).")]

UntilOpt = Annotated[int | None, typer.Option(help="Last year of the window (inclusive).")]

BasisOpt = Annotated[
    str, typer.Option(help="Years that place a deal in the window: delivery (pro-rated), order, or fact.")
]

TypesOpt = Annotated[str, typer.Option(help="Comma-separated relationship types.")]

JsonOutOpt = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]


def engine_note(data: dict[str, object]) -> str:
    """The line under an analysis: engine, graph size, time, graph version."""
    return (
        f"engine {data['engine']}, {data['nodes']} nodes, {data['edges']} edges, "
        f"{float(data['seconds']):.3f} s (graph version {data['graph_version']})"  # type: ignore[arg-type]
    )


def _slice_args(types: str, since: int | None, until: int | None, basis: str, weight: str | None) -> dict[str, object]:
    return {"types": types, "since": since, "until": until, "basis": basis, "weight": weight}


def _analysis(kind: str, **kwargs: object) -> dict[str, object]:
    from dataclasses import asdict

    from graph.analytics import service
    from graph.analytics.projection import Slice
    from graph.cache import ResultCache

    s = kwargs.pop("slice_args")
    assert isinstance(s, dict)
    with connect() as graph:
        weight = s["weight"]
        sl = Slice.from_params(**s)  # type: ignore[arg-type]
        fn = getattr(service, kind)
        answer = (
            fn(graph, ResultCache(), sl, **kwargs)
            if kind != "centrality"
            else fn(graph, ResultCache(), sl, weighted=weight is not None, **kwargs)
        )
    return asdict(answer)


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
    show(
        data,
        json_out,
        ["rank", "key", "name", measure],
        rows,
        f"{measure} ({weight or 'unweighted'})",
        numbers=".6g",
        note=engine_note(data),
    )


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
    show(
        data,
        json_out,
        ["#", "size", "members (strongest first)"],
        rows,
        f"{summary['communities']} communities, modularity {summary['modularity']:.3f}",  # type: ignore[index]
        numbers=".6g",
        note=engine_note(data),
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
    show(
        data,
        json_out,
        ["rank", "key", "supplier", "share", weight],
        rows,
        f"suppliers of {s['recipient']['name']}: HHI {s['hhi']:.3f}, total {s['total']:.6g}",  # type: ignore[index]
        numbers=".6g",
        note=engine_note(data),
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

    from graph.analytics import service
    from graph.analytics.projection import Slice
    from graph.cache import ResultCache

    windows = _window(before, "--before"), _window(after, "--after")
    with connect() as graph:
        a, b = (Slice.from_params(types, w[0], w[1], basis, weight) for w in windows)
        data = asdict(service.change(graph, ResultCache(), a, b, measure, weighted=weight is not None, top=top))
    rows = [
        [way, r["key"], r["name"], r["before"], r["after"], r["delta"], r["rank_before"] or "-", r["rank_after"] or "-"]
        for way in ("rose", "fell")
        for r in data["summary"][way]
    ]
    show(
        data,
        json_out,
        ["", "key", "name", before, after, "change", "rank before", "rank after"],
        rows,
        f"{measure} ({weight or 'unweighted'}): {before} against {after}",
        numbers=".6g",
        note=engine_note(data),
    )
