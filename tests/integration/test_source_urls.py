"""Only http(s) source addresses: refused where they enter (API 422, CLI exit 2, naming the field),
and the explorer links only http(s) URLs, showing anything else as text (headless Chromium)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from api.cli import app as cli
from graph.db import Graph
from graph.writer import Batch, ClaimRow, ReportRow, write_batch
from loaders.claim_batches import fact_key
from loaders.load import load_paths
from settings import Settings
from tests.support.loadgen import start_api

from .helpers import api_env

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web"
HOSTILE = "javascript:window.__pwned=1"
WRITE = {"X-API-Key": "armsgraph-dev-write-key"}


def claims(url: str | None) -> dict[str, object]:
    return {
        "id": "atlantis-arms-2024",
        "title": "Atlantis Arms ships drones",
        "source_url": url,
        "published": "2024-03-01",
        "facts": [
            {
                "subject": "Atlantis Arms",
                "subject_type": "Organization",
                "predicate": "SUPPLIES",
                "object": "Iran",
                "object_type": "Country",
                "status": "reported",
                "evidence": "Atlantis Arms ships drones.",
            }
        ],
    }


@pytest.mark.parametrize(
    "url", [HOSTILE, "JavaScript:alert(1)", "data:text/html,<b>x</b>", "/relative", "ftp://x.org/a"]
)
def test_the_api_refuses_a_non_http_source_url_naming_the_field(
    graph: Graph, neo4j_settings: Settings, url: str
) -> None:
    client = TestClient(create_app(neo4j_settings, graph))
    r = client.post("/claims", json=claims(url), headers=WRITE)
    assert r.status_code == 422 and "source_url" in r.text, r.text
    r = client.post(
        "/reports",
        json={"text": "Iran supplied drones to Russia.", "published": "2024-03-01", "url": url},
        headers=WRITE,
    )
    assert r.status_code == 422 and "url" in r.text, r.text
    assert graph.read_text("MATCH (r:Report) RETURN count(r) AS n")[0]["n"] == 0


def test_the_cli_refuses_claims_and_jsonl_with_a_non_http_url(
    graph: Graph, neo4j_settings: Settings, tmp_path: Path
) -> None:
    doc = tmp_path / "atlantis.json"
    doc.write_text(json.dumps(claims(HOSTILE)))
    lines = tmp_path / "reports.jsonl"
    lines.write_text(
        json.dumps({"date": "2024-03-01", "title": "t", "url": HOSTILE, "text": "Iran supplied drones."}) + "\n"
    )
    env = api_env(neo4j_settings)
    for path, field in ((doc, "source_url"), (lines, "url")):
        run = CliRunner().invoke(cli, ["load", str(path)], env=env)
        assert run.exit_code == 2, run.output
        assert field in run.output and "http(s)" in run.output and "Traceback" not in run.output
    assert graph.read_text("MATCH (r:Report) RETURN count(r) AS n")[0]["n"] == 0


def test_the_explorer_links_only_http_urls(graph: Graph, neo4j_settings: Settings, tmp_path: Path) -> None:
    """A hostile address already in the graph (written before validation, or by another writer)
    is shown as text, never as a link; the https source next to it is a link."""
    doc = tmp_path / "atlantis.json"
    doc.write_text(json.dumps(claims("https://example.org/atlantis")))
    load_paths(graph, [doc])
    key = fact_key("SUPPLIES", "atlantis-arms", "IRN")
    write_batch(
        graph,
        Batch(
            reports=[
                ReportRow("hostile", {"title": "Hostile report", "published": "2024-03-02", "source_url": HOSTILE})
            ],
            claims=[ClaimRow("SUPPLIES", key, "atlantis-arms", "IRN", "hostile", "2024-03-02", evidence="Hostile.")],
        ),
    )
    client = TestClient(create_app(neo4j_settings, graph))
    body = client.get("/entities/atlantis-arms").json()
    urls = {st["source_url"] for rel in body["relationships"] for st in rel["statements"]}
    assert urls == {"https://example.org/atlantis", HOSTILE}

    chromium = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    built = (ROOT / "api" / "static" / "index.html").is_file()
    if not (chromium.exists() and (WEB / "node_modules" / "playwright-core").is_dir() and built):
        pytest.fail("needs /usr/bin/chromium, web/node_modules and the built page: run `make install`")
    with start_api(api_env(neo4j_settings)) as (base, _):
        assert httpx.get(f"{base}/entities/atlantis-arms", timeout=30).status_code == 200
        run = subprocess.run(
            ["node", "tests/links.mjs", base, "atlantis-arms"], cwd=WEB, capture_output=True, text=True, timeout=120
        )
    assert run.returncode == 0, run.stderr[-2000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert not out["errors"], out["errors"]
    assert out["anchors"] == [{"text": "Atlantis Arms ships drones", "href": "https://example.org/atlantis"}]
    assert out["unsafeText"] == [f" ({HOSTILE})"]
    assert any(t.startswith("Hostile report") for t in out["titles"])
    assert out["pwned"] is None
