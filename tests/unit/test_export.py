"""Export writers on a small hand-built subgraph with known contents (no server)."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from typing import Any

import networkx as nx
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from graph.export import FORMATS, Subgraph, bundle, csv_tables, cypher_script, networkx_formats, picture, xmlstream


def node(key: str, label: str, name: str, **props: Any) -> dict[str, Any]:
    return {
        "key": key,
        "labels": ["Entity", label],
        "props": {"key": key, "name": name, "aliases": props.pop("aliases", []), **props},
    }


def edge(type_: str, src: str, dst: str, key: str, **props: Any) -> dict[str, Any]:
    return {"id": key, "key": key, "type": type_, "source": src, "target": dst, "props": {"key": key, **props}}


def small() -> Subgraph:
    """Iran supplies Russia (two sources, one quoting with a quote mark), Russia uses them against
    Ukraine, a denied claim, and a SIPRI deal with delivery years and a float TIV."""
    sub = Subgraph(title="Iran and Russia", params={"around": "IRN", "hops": 1})
    for n in (
        node("IRN", "Country", "Iran", aliases=["Tehran", "Islamic Republic of Iran"]),
        node("RUS", "Country", "Russia", aliases=["Moscow"]),
        node("UKR", "Country", "Ukraine"),
        node("shahed-136", "WeaponSystem", "Shahed-136", aliases=["Geran-2"]),
        node("qods-aviation-industries", "Organization", "Qods Aviation Industries"),
    ):
        sub.nodes[n["key"]] = n
    sub.edges = [
        edge(
            "SUPPLIES",
            "IRN",
            "RUS",
            "s1",
            sources=["r1", "r2"],
            evidence=['Iran agreed to supply "Shahed" drones; it\'s a deal', "Tehran denies it\nentirely"],
            source_statuses=["agreed", "denied"],
            status="agreed",
            disputed=True,
            date="2022-10-06",
            year=2022,
            first_seen="2022-10-19",
            weapons=["Shahed-136", "Fateh-110"],
            weapon_keys=["shahed-136", "fateh-110"],
            source_type="news",
        ),
        edge(
            "SUPPLIES",
            "RUS",
            "UKR",
            "sipri-1",
            sources=["sipri-register"],
            source_type="sipri",
            order_year=2019,
            year=2019,
            delivery_years=[2021, 2022],
            number_delivered=12,
            tiv_delivered=37.5,
            weapon="T-72B3",
        ),
        edge(
            "MANUFACTURES",
            "qods-aviation-industries",
            "shahed-136",
            "m1",
            sources=["r1"],
            evidence=["Qods makes the Shahed"],
            source_statuses=["reported"],
            status="reported",
            disputed=False,
            year=2022,
            weapons=["Shahed-136"],
        ),
        edge(
            "USED_AGAINST",
            "RUS",
            "UKR",
            "u1",
            sources=["r2"],
            evidence=["used against Kyiv"],
            source_statuses=["reported"],
            status="reported",
            disputed=False,
            year=2022,
            date="2022-10-17",
        ),
    ]
    sub.reports = {
        "r1": {
            "key": "r1",
            "title": "Iran pledges drones",
            "published": "2022-10-19",
            "source_url": "https://example.org/r1",
        },
        "r2": {"key": "r2", "title": "Tehran's denial", "published": "2022-10-20", "source_url": None},
        "sipri-register": {
            "key": "sipri-register",
            "title": "SIPRI Arms Transfers Database",
            "published": "2025-03-10",
        },
    }
    return sub.sorted()


def text(chunks: Any) -> str:
    return b"".join(chunks).decode("utf-8")


def test_graphml_reads_back_with_the_same_nodes_edges_and_typed_attributes(tmp_path: Any) -> None:
    sub = small()
    path = tmp_path / "g.graphml"
    path.write_text(text(networkx_formats.graphml(sub)))
    G = nx.read_graphml(path, force_multigraph=True)
    encoded = set(G.graph["json_attributes"].split(","))
    assert {"aliases", "sources", "evidence", "delivery_years", "weapons"} <= encoded
    expected = networkx_formats.to_networkx(sub)
    assert set(G.nodes) == set(expected.nodes)
    assert sorted(G.edges(keys=True)) == sorted(expected.edges(keys=True))

    def decode(d: dict[str, Any]) -> dict[str, Any]:
        return {k: json.loads(v) if k in encoded else v for k, v in d.items()}

    for n, d in expected.nodes(data=True):
        assert decode(G.nodes[n]) == d
    for u, v, k, d in expected.edges(keys=True, data=True):
        got = decode(G.edges[u, v, k])
        assert got == d
    sipri = G.edges["RUS", "UKR", "sipri-1"]
    assert type(sipri["order_year"]) is int and type(sipri["tiv_delivered"]) is float
    assert G.edges["IRN", "RUS", "s1"]["disputed"] is True


def test_node_link_json_reads_back_with_lists_kept() -> None:
    sub = small()
    data = json.loads(text(networkx_formats.json_chunks(sub)))
    assert {"nodes", "links", "graph"} <= set(data)
    assert data["graph"]["reports"]["r1"]["title"] == "Iran pledges drones"
    G = networkx_formats.read_node_link(data)
    expected = networkx_formats.to_networkx(sub)
    assert dict(G.nodes(data=True)) == dict(expected.nodes(data=True))
    assert sorted(G.edges(keys=True, data=True), key=str) == sorted(expected.edges(keys=True, data=True), key=str)
    assert G.edges["RUS", "UKR", "sipri-1"]["delivery_years"] == [2021, 2022]


def test_gexf_has_time_intervals_gephi_can_read(tmp_path: Any) -> None:
    sub = small()
    body = text(networkx_formats.gexf(sub))
    assert 'mode="dynamic"' in body and 'timeformat="date"' in body
    path = tmp_path / "g.gexf"
    path.write_text(body)
    G = nx.read_gexf(path)
    deal = next(d for _u, _v, d in G.edges(data=True) if d.get("id") == "sipri-1")
    assert (deal["start"], deal["end"]) == ("2019-01-01", "2022-12-31")
    assert G.nodes["IRN"]["start"] == "2022-10-06"
    assert G.nodes["IRN"]["label"] == "Iran"


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        ({"date": "2022-10-06", "year": 2022}, ("2022-10-06", "2022-12-31")),
        ({"year": 2014}, ("2014-01-01", "2014-12-31")),
        (
            {"source_type": "sipri", "order_year": 2010, "year": 2010, "delivery_years": [2011, 2013]},
            ("2010-01-01", "2013-12-31"),
        ),
        ({"source_type": "sipri", "order_year": 2010, "year": 2010}, ("2010-01-01", "2010-12-31")),
        ({}, None),
    ],
)
def test_interval(props: dict[str, Any], expected: Any) -> None:
    assert networkx_formats.interval(props) == expected


def test_csv_headers_are_ready_for_neo4j_admin_import() -> None:
    sub = small()
    nodes = list(csv.reader(io.StringIO(text(csv_tables.nodes_csv(sub)))))
    edges = list(csv.reader(io.StringIO(text(csv_tables.edges_csv(sub)))))
    assert nodes[0][:2] == ["key:ID", ":LABEL"] and "aliases:string[]" in nodes[0] and "name" in nodes[0]
    assert edges[0][:3] == [":START_ID", ":END_ID", ":TYPE"]
    for column in (
        "year:int",
        "order_year:int",
        "delivery_years:int[]",
        "tiv_delivered:float",
        "number_delivered:int",
        "disputed:boolean",
        "sources:string[]",
        "evidence:string[]",
    ):
        assert column in edges[0]
    assert len(nodes) == 1 + 5 + 3  # entities and the reports their sources name
    row = dict(zip(edges[0], next(r for r in edges[1:] if "sipri-1" in r), strict=True))
    assert row["delivery_years:int[]"] == "2021|2022" and row[":TYPE"] == "SUPPLIES"  # ';' is in a quote
    assert "Entity;Country" in {r[1] for r in nodes[1:]}
    assert "--array-delimiter='|'" in csv_tables.import_command(sub)


def test_the_array_delimiter_avoids_characters_inside_values() -> None:
    sub = small()
    assert csv_tables.array_delimiter(sub) == "|"  # an evidence quote holds a ';'
    next(e for e in sub.edges if e["key"] == "s1")["props"]["evidence"] = ["plain"]
    assert csv_tables.array_delimiter(sub) == ";"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("it's", r"'it\'s'"),
        ("back\\slash", r"'back\\slash'"),
        ("two\nlines", r"'two\nlines'"),
        ("tab\there", r"'tab\there'"),
        ("bell\x07", r"'bell\u0007'"),
        ("Ш «x»", "'Ш «x»'"),
        (None, "null"),
        (True, "true"),
        (3, "3"),
        (2.5, "2.5"),
        ([1, "a"], "[1, 'a']"),
        ({"a b": 1, "key": "k"}, "{`a b`: 1, key: 'k'}"),
        ({"x`y": 1}, "{`x``y`: 1}"),
    ],
)
def test_cypher_literals_are_escaped(value: Any, expected: str) -> None:
    assert cypher_script.literal(value) == expected


def test_cypher_script_is_unwind_merge_over_literal_maps_and_splits_back() -> None:
    sub = small()
    body = text(cypher_script.chunks(sub))
    statements = cypher_script.split_statements(body)
    merges = [s for s in statements if s.startswith("UNWIND")]
    assert all("$" not in s.split("\n", 1)[0] for s in merges)
    assert sum("MERGE (n:Entity {key: row.key})" in s for s in merges) == 3  # Country, Organization, Weapon
    assert any("MERGE (n:Report {key: row.key})" in s for s in merges)
    assert any("MERGE (a)-[r:SUPPLIES {key: row.key}]->(b)" in s for s in merges)
    assert any(s.startswith("CREATE CONSTRAINT entity_key IF NOT EXISTS") for s in statements)
    assert r"it\'s a deal" in body and r"denies it\nentirely" in body


def test_sources_md_lists_each_edge_with_its_sources_and_quotes() -> None:
    lines = "".join(csv_tables.sources_lines(small())).splitlines()
    first = lines.index(next(x for x in lines if x.startswith("1. **Qods")))
    assert lines[first].startswith("1. **Qods Aviation Industries → Shahed-136** `MANUFACTURES`")
    s1 = next(i for i, x in enumerate(lines) if "**Iran → Russia**" in x)
    assert "**disputed**" in lines[s1] and "Shahed-136, Fateh-110 2022" in lines[s1]
    assert lines[s1 + 1] == (
        "   - *Iran pledges drones*, 2022-10-19 <https://example.org/r1> (agreed) — "
        '“Iran agreed to supply "Shahed" drones; it\'s a deal”'
    )
    assert lines[s1 + 2] == "   - *Tehran's denial*, 2022-10-20 (denied) — “Tehran denies it entirely”"
    deal = next(i for i, x in enumerate(lines) if "**Russia → Ukraine** `SUPPLIES`" in x)
    assert lines[deal + 1].startswith("   - *SIPRI Arms Transfers Database*, 2025-03-10")
    assert lines[deal + 2] == (
        "   - register entry: order year 2019, delivery years 2021 2022, number delivered 12, tiv delivered 37.5"
    )


def test_bundle_holds_the_picture_tables_and_every_format() -> None:
    sub = small()
    z = zipfile.ZipFile(io.BytesIO(bundle.zip_bytes(sub)))
    assert set(z.namelist()) == {
        "README.md",
        "picture.png",
        "picture.svg",
        "deals.csv",
        "flows.csv",
        "sources.md",
        "nodes.csv",
        "edges.csv",
        "import.txt",
        "graph.graphml",
        "graph.gexf",
        "graph.json",
        "cytoscape.json",
        "graph.cypher",
    }
    assert z.read("picture.png").startswith(b"\x89PNG")
    assert b"<svg" in z.read("picture.svg")[:2000]
    assert z.read("sources.md").decode() == "".join(csv_tables.sources_lines(sub))
    deals = list(csv.DictReader(io.StringIO(z.read("deals.csv").decode())))
    assert {d["key"] for d in deals} == {"s1", "sipri-1", "m1", "u1"}
    flows = list(csv.DictReader(io.StringIO(z.read("flows.csv").decode())))
    supplies = {(e["source"], e["target"]) for e in sub.edges if e["type"] == "SUPPLIES"}
    assert {(f["source"], f["target"]) for f in flows} == supplies, "one row per supplier -> recipient pair"
    assert bundle.zip_bytes(sub) == bundle.zip_bytes(sub)  # no timestamps: the same bytes each time


def test_every_format_writes_something() -> None:
    sub = small()
    for fmt in FORMATS.values():
        assert b"".join(fmt.write(sub)), fmt.name


def test_edge_labels_fold_edges_into_weapons_years_and_counts() -> None:
    sub = small()
    folded = {(lk.source, lk.target, lk.type): lk for lk in picture.links(sub)}
    assert folded["IRN", "RUS", "SUPPLIES"].label() == "Shahed-136, Fateh-110 2022"
    assert folded["RUS", "UKR", "SUPPLIES"].label() == "T-72B3 2019–2022"


def _visible_boxes(fig: Any) -> list[Any]:
    renderer = FigureCanvasAgg(fig).get_renderer()
    ax = fig.axes[0]
    return [t.get_window_extent(renderer) for t in ax.texts if t.get_visible() and t.get_text()]


@pytest.mark.parametrize("size", [5, 40])
def test_picture_labels_do_not_overlap(size: int) -> None:
    sub = small()
    for i in range(size):  # a star of recipients, as around a big supplier
        key = f"C{i:02d}"
        sub.nodes[key] = node(key, "Country", f"Recipient country number {i}")
        sub.edges.append(
            edge("SUPPLIES", "RUS", key, f"d{i}", weapons=[f"System-{i}", "Su-30MKI"], year=2022, date="2022-01-01")
        )
    fig = picture.render(sub.sorted())
    boxes = _visible_boxes(fig)
    assert len(boxes) >= min(len(sub.nodes), 10)
    arr = np.array([[b.x0, b.y0, b.x1, b.y1] for b in boxes])
    for i in range(len(arr)):
        for j in range(i + 1, len(arr)):
            a, b = arr[i], arr[j]
            overlap = min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])
            assert not (overlap[0] > 1 and overlap[1] > 1), (ax_text(fig, i), ax_text(fig, j))
    assert len(fig.legends) == 1


def ax_text(fig: Any, i: int) -> str:
    return [t.get_text() for t in fig.axes[0].texts if t.get_visible() and t.get_text()][i]


def variants() -> dict[str, Subgraph]:
    """The small subgraph and harder cases for the streaming XML writers."""
    odd = small()
    odd.nodes["UKR"]["props"].update(note='quotes " and <tags> & tabs\there\nnew line', rank=3, weight=2.5)
    odd.nodes["RUS"]["props"].update(rank=2.5, empty="")  # int and float mix to float
    odd.edges.append(edge("SUPPLIES", "IRN", "XXX", "to-unknown", year=2023))  # an end with no node
    odd.edges.append(
        {"id": "m9", "key": "MENTIONS:r1:IRN", "type": "MENTIONS", "source": "r1", "target": "IRN", "props": {}}
    )  # no key property
    odd.edges[0]["props"].update(mixed=1, label="a prop named label", weight=7)
    odd.edges[1]["props"].update(mixed="one", big=2**40, inf=float("inf"))
    return {"small": small(), "odd": odd.sorted(), "empty": Subgraph(title="")}


@pytest.mark.parametrize("case", ["small", "odd", "empty"])
def test_streamed_graphml_is_what_networkx_writes(case: str, tmp_path: Any) -> None:
    sub = variants()[case]
    buf = io.BytesIO()
    nx.write_graphml(
        networkx_formats._flat(networkx_formats.to_networkx(sub)),
        buf,
        encoding="utf-8",
        prettyprint=True,
        edge_id_from_attribute="key",
    )
    body = b"".join(networkx_formats.graphml(sub))
    assert body == buf.getvalue()
    path = tmp_path / "g.graphml"
    path.write_bytes(body)
    G = nx.read_graphml(path, force_multigraph=True)
    assert sorted(G.edges(keys=True)) == sorted(networkx_formats.to_networkx(sub).edges(keys=True))


@pytest.mark.parametrize("case", ["small", "odd", "empty"])
def test_streamed_gexf_is_what_networkx_writes(case: str, tmp_path: Any) -> None:
    sub = variants()[case]
    ours = b"".join(networkx_formats.gexf(sub))
    theirs = networkx_formats._nx_gexf(sub)
    assert ours == re.sub(rb"<creator>NetworkX [^<]*</creator>", b"<creator>armsgraph</creator>", theirs)
    path = tmp_path / "g.gexf"
    path.write_bytes(ours)
    G = nx.read_gexf(path)
    assert {d["id"] for _u, _v, d in G.edges(data=True)} == {e["key"] for e in sub.edges}


def test_streamed_writers_hand_out_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    sub = small()
    whole = b"".join(networkx_formats.graphml(sub)), b"".join(networkx_formats.gexf(sub))
    monkeypatch.setattr(xmlstream, "PIECE", 200)
    pieces = list(networkx_formats.graphml(sub)), list(networkx_formats.gexf(sub))
    assert all(len(p) > 5 for p in pieces)
    assert (b"".join(pieces[0]), b"".join(pieces[1])) == whole


def test_gexf_leaves_attributes_it_does_not_cover_to_networkx() -> None:
    sub = small()
    sub.nodes["IRN"]["props"]["parents"] = "x"  # a GEXF element of its own
    assert b"".join(networkx_formats.gexf(sub)) == networkx_formats._nx_gexf(sub)


def test_files_written_from_a_subgraph_are_reused_until_it_changes() -> None:
    sub = small()
    first = b"".join(FORMATS["graphml"].write(sub))
    assert sub.memo["graphml"][1] and b"".join(sub.memo["graphml"][1]) == first
    z = zipfile.ZipFile(io.BytesIO(bundle.zip_bytes(sub)))
    assert z.read("graph.graphml") == first
    sub.edges.append(edge("SUPPLIES", "RUS", "IRN", "late", year=2024))
    again = b"".join(FORMATS["graphml"].write(sub))
    assert b'id="late"' in again and b'id="late"' not in first
    assert "graphml" in sub.memo
    sub.sorted()  # may reorder the edges: nothing kept from before is used
    assert "graphml" not in sub.memo


def test_a_picture_drawn_once_gives_both_formats_as_drawn_afresh() -> None:
    sub = small()
    svg, png = picture.image(sub, "svg"), picture.image(sub, "png")
    picture._DRAWN.clear()
    assert picture.image(sub, "png") == png
    picture._DRAWN.clear()
    assert picture.image(sub, "svg") == svg
    other = small()
    other.title = "another title"
    assert picture.image(other, "svg") != svg


def test_table_column_types_in_one_pass_match_column_by_column() -> None:
    items = [
        {"a": 1, "b": [1, 2], "c": True, "d": "x", "e": None},
        {"a": 2**40, "b": [2.5], "c": 1, "d": ["y"], "f": [2**40]},
        {"a": 3, "b": [], "g": 1.5},
    ]
    names = sorted({k for d in items for k in d})
    assert csv_tables.column_types(items) == {k: csv_tables.column_type(d.get(k) for d in items) for k in names}
    assert csv_tables.column_types(items)["a"] == "long" and csv_tables.column_types(items)["b"] == "float[]"


def test_cypher_names_with_a_trailing_line_break_are_quoted() -> None:
    assert cypher_script.name("key\n") == "`key\n`"


def with_mentions() -> Subgraph:
    """The small subgraph plus a report and a MENTIONS edge as the selection builds it: the edge
    has no ``key`` property, its key is made from type and ends."""
    from graph.export.selection import _edge

    sub = small()
    sub.nodes["r1"] = {"key": "r1", "labels": ["Report"], "props": {"key": "r1", "title": "A report"}}
    sub.edges.append(_edge([99, "MENTIONS", "r1", "IRN", {"count": 2}]))
    return sub


def test_mentions_edges_without_a_key_property_export_in_every_format() -> None:
    sub = with_mentions()
    assert "key" not in sub.edges[-1]["props"] and sub.edges[-1]["key"] == "MENTIONS:r1:IRN"
    data = json.loads(b"".join(FORMATS["json"].write(sub)))
    link = next(link for link in data["links"] if link["type"] == "MENTIONS")
    assert (link["source"], link["target"], link["id"], link["count"]) == ("r1", "IRN", "MENTIONS:r1:IRN", 2)
    G = networkx_formats.read_node_link(data)
    assert G.has_edge("r1", "IRN", key="MENTIONS:r1:IRN")
    for fmt in FORMATS.values():
        assert b"".join(fmt.write(sub)), fmt.name


def test_a_stream_that_fails_before_its_first_byte_raises_before_the_answer_starts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from graph import export

    def broken(sub: Subgraph) -> Any:
        raise KeyError("key")
        yield b""  # a generator, like the writers

    monkeypatch.setitem(export.FORMATS, "json", export.FORMATS["json"].__class__("json", "a", "b", broken, "c"))
    with pytest.raises(KeyError):
        export.stream(small(), "json")  # raised by the call, before any chunk is handed out


def test_a_stream_that_fails_later_ends_with_an_error_record(monkeypatch: pytest.MonkeyPatch) -> None:
    from graph import export

    def half(sub: Subgraph) -> Any:
        yield b'<?xml version="1.0"?>\n<graphml>'
        raise RuntimeError("disk gone")

    monkeypatch.setitem(export.FORMATS, "graphml", export.FORMATS["graphml"].__class__("graphml", "a", "b", half, "c"))
    chunks = export.stream(small(), "graphml")
    got = [next(chunks), next(chunks)]
    assert got[0].startswith(b"<?xml")
    assert b"<!-- armsgraph: the export failed" in got[1] and b"incomplete" in got[1]
    assert b"disk gone" not in got[1], "no internal detail in the answer"
    with pytest.raises(export.ExportFailed):
        next(chunks)
