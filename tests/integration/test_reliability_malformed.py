"""Malformed input: every bad file is refused with its file (and line), or its bad rows are
quarantined with file and line; never another exception, never a partial write."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app
from graph.db import Graph
from loaders.errors import InputError
from loaders.load import load_paths
from settings import Settings

from .helpers import graph_hash

PREAMBLE = "Source: SIPRI Arms Transfers Database (c) SIPRI.\r\nData generated: 1 June 2026\r\n"
HEADER = (
    "Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,"
    "Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,"
    "SIPRI TIV for total order,SIPRI TIV of delivered weapons\r\n"
)
GOOD = "India,Russia,2010,,6,,Mi-17,transport helicopter,6,,2011,New,,5,30,30\r\n"


def table(*rows: str) -> bytes:
    return (PREAMBLE + HEADER + GOOD + "".join(rows)).encode("utf-8")


def claims(**extra: object) -> bytes:
    doc = {
        "id": "bad-claims",
        "published": "2024-01-01",
        "facts": [
            {
                "subject": "Iran",
                "subject_type": "Country",
                "predicate": "SUPPLIES",
                "object": "Russia",
                "object_type": "Country",
            }
        ],
        "entities": [],
    }
    doc.update(extra)
    return json.dumps(doc).encode()


def nested(depth: int) -> bytes:
    return b'{"facts": ' + b"[" * depth + b"]" * depth + b"}"


ENTITY_BOMB = (
    "<!DOCTYPE html ["
    + "".join(f'<!ENTITY e{i} "&e{i - 1};&e{i - 1};&e{i - 1};">' for i in range(1, 10))
    + '<!ENTITY e0 "lol">]><html><head><title>t</title></head><body><p>'
    + "&e9;" * 1000
    + "&amp;" * 50_000
    + "&#x10FFFF;&#0;&#xD800;&unknown;"
    + "</p></body></html>"
)

#: name -> (file name, bytes, what must happen: "refused", "loaded" (an odd but readable file:
#: another encoding detected, a NUL escaped inside a JSON string) or the quarantined lines)
BAD_FILES: dict[str, tuple[str, bytes, str | list[int]]] = {
    "csv-wrong-column-count": ("t.csv", table("India,Russia,2012,,6,,Mi-8\r\n", GOOD[:-2] + ",x,y\r\n"), [5, 6]),
    "csv-bad-years": (
        "t.csv",
        table(
            GOOD.replace("2010", "1492"),
            GOOD.replace("2010", "20x0"),
            GOOD.replace("2011", "99999"),
            GOOD.replace("2010", "-2010"),
        ),
        [5, 6, 7, 8],
    ),
    "csv-unknown-countries": ("t.csv", table(GOOD.replace("India", "Atlantis"), GOOD.replace("Russia", "")), [5, 6]),
    "csv-bad-numbers": (
        "t.csv",
        table(GOOD.replace(",6,,Mi", ",six,,Mi"), GOOD.replace(",30,30", ",1e999x,30")),
        [5, 6],
    ),
    "csv-nul-bytes": ("t.csv", table("India,Rus\x00sia,2010,,6,,Mi-17,x,6,,2011,New,,5,30,30\r\n"), "refused"),
    "csv-200kb-field": ("t.csv", table(GOOD.replace("transport helicopter", "x" * 200_000)), [5]),
    "csv-200kb-quoted-field": ("t.csv", table(GOOD.replace(",New,,", ',New,"' + "y" * 200_000 + '",')), [5]),
    "csv-unclosed-quote": ("t.csv", table('India,Russia,2010,,6,,"Mi-17,transport helicopter\r\n' + GOOD * 3), [5]),
    # Not UTF-8, and not the legacy export's ISO-8859-1 either (0x80 is a control character there):
    # refused with its line, never read in a guessed encoding.
    "csv-invalid-utf8": (
        "t.csv",
        table().replace(b"Mi-17", b"Mi-\xff\xfe\x80")
        + table()[len(PREAMBLE + HEADER) :].replace(b"India", b"\xc3\x28India"),
        "refused",
    ),
    "csv-latin1-transfers": (
        "t.csv",
        "supplier,recipient,weapon,year\nIran,Russia,Shahed-136,2022\nSociété X,Russia,Mistral,2014\n".encode(
            "latin-1"
        ),
        "refused",
    ),
    "csv-bom": ("t.csv", b"\xef\xbb\xbf" + table(GOOD.replace("Russia", "Narnia")), [5]),
    "csv-header-only": ("t.csv", (PREAMBLE + HEADER).encode(), "refused"),
    "csv-no-header": ("t.csv", b"a,b,c\n1,2,3\n", "refused"),
    "csv-empty": ("t.csv", b"", "refused"),
    "csv-whitespace": ("t.csv", b"  \r\n\r\n\t", "refused"),
    "csv-binary": ("t.csv", bytes(range(256)) * 40, "refused"),
    "json-truncated": ("c.json", claims()[:-20], "refused"),
    "json-deeply-nested": ("c.json", nested(100_000), "refused"),
    "json-nested-200": ("c.json", nested(200), "refused"),
    "yaml-deeply-nested": ("c.yaml", b"facts: " + b"[" * 50_000 + b"]" * 50_000, "refused"),
    "yaml-alias-bomb": (
        "c.yaml",
        b'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
        + b"".join(
            f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n".encode()
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + b"facts: *i\n",
        "refused",
    ),
    "json-200kb-field": (
        "c.json",
        claims(
            facts=[
                {
                    "subject": "Iran",
                    "subject_type": "Country",
                    "predicate": "SUPPLIES",
                    "object": "Russia",
                    "object_type": "Country",
                    "evidence": "z" * 200_000,
                }
            ]
        ),
        "refused",
    ),
    "json-nul-bytes": ("c.json", claims(title="a\x00b").replace(b"\\u0000", b"\x00"), "refused"),
    "json-escaped-nul": (
        "c.json",
        claims(
            facts=[
                {
                    "subject": "Ir\x00an",
                    "subject_type": "Country",
                    "predicate": "SUPPLIES",
                    "object": "Russia",
                    "object_type": "Country",
                }
            ]
        ),
        "loaded",
    ),
    "json-invalid-utf8": ("c.json", claims(title="\u00e9t\u00e9").replace("\u00e9".encode(), b"\xff\xc3"), "loaded"),
    "json-bom-bad-field": ("c.json", b"\xef\xbb\xbf" + claims(published="2024-13-45"), "refused"),
    "json-unknown-country-type": (
        "c.json",
        claims(
            facts=[
                {
                    "subject": "Iran",
                    "subject_type": "Planet",
                    "predicate": "SUPPLIES",
                    "object": "Russia",
                    "object_type": "Country",
                }
            ]
        ),
        "refused",
    ),
    "json-not-an-object": ("c.json", b"[1, 2, 3]", "refused"),
    "json-empty": ("c.json", b"", "refused"),
    "json-binary": ("c.json", os.urandom(4096) + b"\x00", "refused"),
    "json-huge-number": ("c.json", claims().replace(b'"2024-01-01"', b"1" + b"0" * 5000), "refused"),
    "txt-empty": ("r.txt", b"", "refused"),
    "txt-undated": ("r.txt", b"Iran sent drones to Russia.", "refused"),
    "txt-binary": ("r.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(4000), "refused"),
    "txt-invalid-utf8": ("r.txt", b" date 2024-01-01\n\xff\xfe\xfd Iran \xc3\x28 sent drones to Russia.", "loaded"),
    "txt-bad-date": ("r.txt", b" date 2024-02-30\nIran sent drones to Russia.", "refused"),
    "html-entity-bomb": ("r.html", ENTITY_BOMB.encode(), "refused"),
    "html-empty-body": ("r.html", b"<html><head><title>x</title></head><body></body></html>", "refused"),
    "jsonl-bad-line": ("r.jsonl", b'{"date": "2024-01-01", "text": "Iran sent drones."}\n{"date": \n', "refused"),
    "jsonl-not-objects": ("r.jsonl", b"[]\n1\n", "refused"),
    "unknown-suffix": ("r.exe", b"MZ\x90\x00", "refused"),
}


@pytest.fixture
def seeded(graph: Graph, seed_claims: Path) -> Graph:
    load_paths(graph, [seed_claims])
    return graph


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_refused_or_quarantined_and_nothing_partial_is_written(
    seeded: Graph, tmp_path: Path, case: str
) -> None:
    name, data, expect = BAD_FILES[case]
    path = tmp_path / name
    path.write_bytes(data)
    before = graph_hash(seeded)
    if expect == "refused":
        with pytest.raises(InputError) as info:
            load_paths(seeded, [path])
        assert info.value.source == str(path) and str(path) in str(info.value)
        assert graph_hash(seeded) == before
    elif expect == "loaded":
        result = load_paths(seeded, [path])
        assert result.documents == 1 and not result.quarantined
    else:
        result = load_paths(seeded, [path])
        got = sorted(int(q.split(":")[1]) for q in result.quarantined)
        assert all(q.startswith(f"{path}:") for q in result.quarantined)
        assert got == expect, result.quarantined
        assert result.deals >= 1


@pytest.mark.parametrize(
    "case",
    [
        "json-truncated",
        "csv-bad-years",
        "csv-binary",
        "html-entity-bomb",
        "json-deeply-nested",
        "csv-200kb-field",
        "csv-latin1-transfers",
    ],
)
def test_the_cli_answers_bad_files_with_an_exit_code_and_no_traceback(
    graph: Graph, tmp_path: Path, case: str, neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    for var, value in (
        ("NEO4J_URI", neo4j_settings.neo4j_uri),
        ("NEO4J_PASSWORD", neo4j_settings.neo4j_password.get_secret_value()),
    ):
        monkeypatch.setenv(f"ARMSGRAPH_{var}", value)
    name, data, expect = BAD_FILES[case]
    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(app, ["load", str(path)])
    out = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert "Traceback" not in out
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == (2 if expect == "refused" else 1), out
    assert str(path) in out


def test_the_corpus_covers_every_input_kind() -> None:
    assert len(BAD_FILES) >= 35
    assert {n.split("-")[0] for n in BAD_FILES} >= {"csv", "json", "yaml", "txt", "html", "jsonl"}
