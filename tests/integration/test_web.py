"""The explorer page in a real browser: Debian's headless Chromium driven by playwright-core.

The API runs with uvicorn on a free loopback port against the test Neo4j, loaded with the seed
claims, the seed report and the SIPRI register. The browser searches for Iran with the keyboard,
opens the network, moves the time slider, clicks the Iran -> Russia line and reads the seed
report's quote; then it times the first view of Russia's upstream network.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from graph.db import Graph
from graph.schema import delete_all
from loaders.load import load_paths
from settings import Settings
from tests.support.loadgen import start_api

from .helpers import api_env

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
SCREENSHOT = Path("/tmp/armsgraph-explorer.png")


@pytest.fixture(scope="module")
def seeded(session_graph: Graph) -> Iterator[Graph]:
    """The seed claims, the seed report and the SIPRI register, loaded once for the module."""
    delete_all(session_graph)
    graph = session_graph
    samples = ROOT / "samples"
    load_paths(
        graph,
        [
            *sorted((samples / "claims").glob("*.json")),
            *sorted((samples / "reports").glob("*.txt")),
            samples / "sipri" / "trade-register-all-1950-2025.csv",
        ],
    )
    yield graph
    delete_all(graph)


@pytest.fixture(scope="module")
def api_url(seeded: Graph, neo4j_settings: Settings) -> Iterator[str]:
    with start_api(api_env(neo4j_settings)) as (url, _):
        yield url


def _seed_quote() -> str:
    doc = json.loads(next((ROOT / "samples" / "claims").glob("2022-10-19_seed_*.json")).read_text())
    fact = next(
        f for f in doc["facts"] if (f["subject"], f["predicate"], f["object"]) == ("Iran", "SUPPLIES", "Russia")
    )
    return str(fact["evidence"])


def _browser_ready() -> None:
    """`make test` installs Chromium and builds the page; a bare pytest run without them is told how.
    Under CI (CI=true) a missing piece is a failure, never a skip."""
    problems = []
    if not CHROMIUM.exists() or not (WEB / "node_modules" / "playwright-core").is_dir():
        problems.append("needs /usr/bin/chromium and web/node_modules: run `make install`")
    if not (ROOT / "api" / "static" / "index.html").is_file():
        problems.append("the explorer is not built: run `make web`")
    if problems and os.environ.get("CI"):
        pytest.fail("; ".join(problems))
    if problems:
        pytest.skip("; ".join(problems))


def test_page_link_sources_and_exports_over_http(api_url: str) -> None:
    page = httpx.get(f"{api_url}/", timeout=10)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    built = (ROOT / "api" / "static" / "index.html").is_file()
    assert ("static/app.js" in page.text) == built, "GET / serves the build, or says how to build it"
    if built:
        assert httpx.get(f"{api_url}/static/app.js", timeout=10).status_code == 200
    link = httpx.get(f"{api_url}/ui/links", params={"source": "Iran", "target": "Russia"}, timeout=30).json()
    assert (link["source"]["key"], link["target"]["key"]) == ("IRN", "RUS")
    told = [e for e in link["edges"] if e.get("source_type") != "sipri"]
    assert told[0]["statements"][0]["evidence"] == _seed_quote()
    assert told[0]["statements"][0]["source"].startswith("2022-10-19_seed_")
    assert any(e.get("source_type") == "sipri" for e in link["edges"]), "the register's deals follow the news"
    window = httpx.get(f"{api_url}/ui/links", params={"source": "IRN", "target": "RUS", "until": 1990}, timeout=30)
    assert window.json()["total"] == 0
    assert (
        httpx.get(f"{api_url}/ui/links", params={"source": "Atlantis", "target": "RUS"}, timeout=30).status_code == 404
    )
    spec = httpx.get(f"{api_url}/openapi.json", timeout=10).json()
    if "/export" in spec["paths"]:  # the export route (#7): the page's buttons call it
        for fmt in ("png", "bundle"):
            r = httpx.get(
                f"{api_url}/export",
                params={"around": "IRN", "hops": 1, "types": "SUPPLIES", "since": 2010, "format": fmt},
                timeout=120,
            )
            assert r.status_code == 200, r.text[:300]
            assert r.content[:4] in (b"\x89PNG", b"PK\x03\x04")


def test_explorer_in_headless_chromium(api_url: str) -> None:
    _browser_ready()
    quote = _seed_quote()
    run = subprocess.run(
        ["node", "tests/explorer.mjs", api_url, quote, str(SCREENSHOT)],
        cwd=WEB,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert not out["errors"], out["errors"]
    assert out["searchFocused"], "Tab reaches the search box"
    assert any(s.startswith("Iran") for s in out["suggestions"]), out["suggestions"]
    assert out["activeOption"].startswith("Iran"), "ArrowDown makes the first suggestion active"
    assert "Tehran" in out["entityText"] and "First Vice President" in out["entityText"]
    assert "2010–2026" in out["sliderStatus"] and "since=2010" in out["sliderHash"]
    assert out["edgeFound"] and out["selectedLink"] == "IRN>RUS"
    assert out["quoteShown"], out.get("sourcesText", "")[:500]
    assert out["keyboardLink"], "Enter in the list of links selects a link"
    assert all("/export?around=IRN" in h and "types=SUPPLIES" in h for h in out["exportHrefs"])
    assert SCREENSHOT.is_file()
    russia = out["russia"]
    print(
        f"\nfirst view of Russia's upstream network: drawn {russia['drawMs']:.0f} ms after the API answered "
        f"(API {russia['apiMs']:.0f} ms; {russia['nodes']} entities, {russia['links']} links; "
        f"seen from outside the page {russia['outsideMs']} ms); screenshot {SCREENSHOT}"
    )
    assert russia["nodes"] > 10 and russia["up"] and not russia["down"]
    assert {"IRN", "PRK"} <= set(out["russiaTier1"]), "the tiers list shows Russia's direct suppliers"


def test_explorer_asks_once_for_a_key_when_reads_need_one(seeded: Graph, neo4j_settings: Settings) -> None:
    """With ARMSGRAPH_REQUIRE_READ_KEY the page's first request is refused (401); the page asks the
    analyst for a key once, keeps it for the tab, and every later request carries it."""
    _browser_ready()
    env = api_env(neo4j_settings, ARMSGRAPH_REQUIRE_READ_KEY="true", ARMSGRAPH_READ_KEYS="tab-read-key")
    with start_api(env, ready_path="/openapi.json") as (base, _):
        assert httpx.get(f"{base}/entities", params={"q": "Iran"}).status_code == 401
        run = subprocess.run(
            ["node", "tests/readkey.mjs", base, "tab-read-key"], cwd=WEB, capture_output=True, text=True, timeout=120
        )
    assert run.returncode == 0, run.stderr[-2000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert not out["errors"], out["errors"]
    assert out["prompts"] == 1 and out["keyed"] >= 2
    assert any(s.startswith("Iran") for s in out["suggestions"])


def test_api_docs_load_nothing_from_another_host(neo4j_settings: Settings) -> None:
    """/docs (Swagger UI) comes from files `make web` installs: in Chromium the operations render
    and every request goes to the API itself. /redoc, which would load from a CDN, is gone."""
    _browser_ready()
    if not (ROOT / "api" / "static" / "swagger-ui" / "swagger-ui-bundle.js").is_file():
        pytest.fail("api/static/swagger-ui is missing: run `make web` (it copies swagger-ui-dist)")
    with start_api(api_env(neo4j_settings), ready_path="/openapi.json") as (base, _):
        html = httpx.get(f"{base}/docs", timeout=10).text
        assert "cdn.jsdelivr.net" not in html and "tiangolo" not in html and "/static/swagger-ui/" in html
        assert httpx.get(f"{base}/redoc", timeout=10).status_code == 404
        paths = set(httpx.get(f"{base}/openapi.json", timeout=10).json()["paths"])
        run = subprocess.run(["node", "tests/docs.mjs", base], cwd=WEB, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert not out["errors"], out["errors"]
    assert out["foreign"] == [], f"/docs asked other hosts: {out['foreign']}"
    assert not out["failed"], out["failed"]
    assert out["title"].startswith("armsgraph")
    assert out["operations"] >= len(paths) and set(out["paths"]) >= {"/health", "/cypher", "/chains"}
