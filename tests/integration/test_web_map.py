"""The map of arms flows and the readable network in a real browser (Debian's headless Chromium
driven by playwright-core), against the API on the test Neo4j loaded with the seed claims, the seed
report, the SIPRI register and a made-up network of 320 suppliers.

The browser opens the map of Russia since 2010, clicks the Iran -> Russia arc and reads the seed
report's quote; moves the window and gets that window's arcs; exports the map as SVG and PNG; opens
Russia's network and a network of 300+ entities and times them; and no request leaves the machine.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from graph.db import Graph
from graph.schema import delete_all
from loaders.load import load_paths
from settings import Settings
from tests.support.loadgen import start_api

from .helpers import api_env
from .test_web import WEB, _browser_ready, _seed_quote

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
BIG_ROOT = "hub-arms-trading"
#: An organisation whose name is markup: the page must show it as text.
HOSTILE = "<img src=x onerror=window.__pwned=1> & <b>Sons</b>"
#: The page draws a view within this (headless Chromium on this machine), once the API has answered.
DRAW_BUDGET_MS = 2000


def big_network() -> dict[str, Any]:
    """A claims file: Hub Arms Trading, its 20 suppliers, and their 15 suppliers each (321 entities
    upstream in 2 hops); and an organisation with a hostile name, located in Cuba, supplying Russia."""
    facts: list[dict[str, Any]] = []

    def supplies(a: str, b: str, year: int, status: str = "delivered") -> dict[str, Any]:
        return {
            "subject": a,
            "subject_type": "Organization",
            "predicate": "SUPPLIES",
            "object": b,
            "object_type": "Organization",
            "date": f"{year}-01-01",
            "status": status,
            "evidence": f"{a} supplies {b}",
        }

    for i in range(20):
        vendor = f"Vendor {i:02d} Holdings"
        facts.append(supplies(vendor, "Hub Arms Trading", 2015 + i % 5))
        facts += [supplies(f"Maker {i:02d}-{j:02d} Works", vendor, 2010 + j % 8) for j in range(15)]
    facts.append({**supplies(HOSTILE, "Russia", 2023, "alleged"), "object_type": "Country"})
    facts.append(
        {
            "subject": HOSTILE,
            "subject_type": "Organization",
            "predicate": "LOCATED_IN",
            "object": "Cuba",
            "object_type": "Country",
            "evidence": "based in Cuba",
        }
    )
    return {
        "id": "2024-01-01_synthetic-network",
        "title": "A made-up network",
        "published": "2024-01-01",
        "source_url": "https://example.org/synthetic",
        "facts": facts,
    }


@pytest.fixture(scope="module")
def api_url(session_graph: Graph, neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    delete_all(session_graph)
    samples = ROOT / "samples"
    synthetic = tmp_path_factory.mktemp("web-map") / "synthetic.yaml"
    synthetic.write_text(yaml.safe_dump(big_network(), allow_unicode=True))
    load_paths(
        session_graph,
        [
            *sorted((samples / "claims").glob("*.json")),
            *sorted((samples / "reports").glob("*.txt")),
            samples / "sipri" / "trade-register-all-1950-2025.csv",
            synthetic,
        ],
    )
    with start_api(api_env(neo4j_settings)) as (url, _):
        yield url
    delete_all(session_graph)


def test_map_and_network_in_headless_chromium(api_url: str) -> None:
    _browser_ready()
    if not (ROOT / "api" / "static" / "world" / "countries-110m.json").is_file():
        pytest.fail("api/static/world is missing: run `make web` (it copies the world-atlas countries)")
    run = subprocess.run(
        ["node", "tests/map.mjs", api_url, _seed_quote(), BIG_ROOT, HOSTILE],
        cwd=WEB,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert not out["errors"], out["errors"]
    assert out["foreign"] == [] and out["requests"] > 10, f"requests to other hosts: {out['foreign']}"

    # the map of Russia since 2010: one arc per placed flow of the answer, countries drawn
    assert out["countryPaths"] > 150
    arcs = set(out["arcs"])
    assert len(arcs) > 30 and arcs <= set(out["answerFlows"]), "the arcs are the flows of the window"
    assert {"RUS>IND", "RUS>CHN", "IRN>RUS", "PRK>RUS", "RUS>BHR"} <= arcs, "Bahrain: a 1:50m centroid"
    assert out["flowsListed"] == len(out["answerFlows"]), "the list of flows gives the same content"
    assert "Russia, 2010–2026" in out["mapStatus"]
    # a click on the Iran -> Russia arc opens its sources: the seed report's quote
    assert out["arcClickAt"], "a point of the Iran -> Russia arc where only it lies"
    assert out["selected"] == "IRN>RUS" and out["arcSelected"] == ["IRN>RUS"]
    assert out["quoteShown"], out.get("sourcesText", "")[:500]
    assert "register deal" in out["sourcesText"]
    assert all(h.startswith(("http://", "https://")) for h in out["sourceHrefs"])

    # another window, another set of arcs: 1990-1995
    assert "since=1990" in out["window2Hash"] and "until=1995" in out["window2Hash"]
    window2 = set(out["window2Arcs"])
    assert window2 and window2 != arcs and "IRN>RUS" not in window2, "Iran's deliveries to Russia start in 2022"
    assert "RUS>IND" in window2 and "1990–1995" in out["window2Status"]

    assert out["svgExport"]["file"].endswith(".svg") and "<svg" in out["svgExport"]["head"]
    assert out["svgExport"]["size"] > 100_000
    assert out["pngExport"]["file"].endswith(".png") and out["pngExport"]["head"].startswith("\x89PNG")

    # the Soviet Union is drawn on a marker beside Russia, and supplies India in the 1980s
    assert out["formerMarkers"] == [{"key": "SUN", "title": "Soviet Union (former state, drawn on Russia)"}]
    assert "SUN>IND" in out["indiaArcs"]

    # a name that is markup stays text, in the list and on the map, and runs nothing
    assert out["hostileListed"] == 1 and out["hostileMarkup"] == 0 and out["pwned"] is None
    assert out["hostileSources"], "choosing the flow in the list opens its sources"
    assert "img-src-x-onerror-window-pwned-1-b-sons-b" in out["markers"], "an organisation has a marker"
    assert "all suppliers and recipients" in out["globalStatus"] and "the 300 largest" in out["globalStatus"]

    # the network of Russia since 2010: tiers beside the picture, labels apart, widths by TIV, focus
    assert out["tiersBeside"] and out["canvas"][1] >= 480
    assert out["labelOverlaps"]["labels"] > 40 and out["labelOverlaps"]["overlaps"] == 0, out["labelOverlaps"]
    assert max(out["widths"]) > 3 * min(out["widths"]), "line width follows delivered TIV"
    assert out["focus"]["focused"] == ["IRN"] and out["focus"]["faded"] > 20 and out["focus"]["showAll"]
    assert "RUS" in out["focus"]["kept"] and len(out["focus"]["kept"]) < 10
    assert out["unfocused"] == 0

    net, mp, big = out["network"], out["map"], out["big"]
    print(
        f"\nmap of Russia since 2010: {mp['arcs']} arcs drawn in {mp['drawMs']:.0f} ms after the API answered "
        f"(API {mp['apiMs']:.0f} ms; {out['mapOutsideMs']} ms from navigation)"
        f"\nnetwork of Russia upstream, 2 hops, since 2010: {net['nodes']} entities drawn in {net['drawMs']:.0f} ms "
        f"(API {net['apiMs']:.0f} ms; {out['networkOutsideMs']} ms from navigation)"
        f"\nnetwork of {big['nodes']} entities, {big['links']} links: drawn in {big['drawMs']:.0f} ms "
        f"(API {big['apiMs']:.0f} ms; {out['bigOutsideMs']} ms from navigation)"
    )
    assert mp["drawMs"] < DRAW_BUDGET_MS and net["drawMs"] < DRAW_BUDGET_MS
    assert big["nodes"] >= 300 and big["drawMs"] < DRAW_BUDGET_MS
    assert out["zoomed"] > 1.2, "the zoom button zooms"


def test_world_shapes_are_served_by_the_api_itself(api_url: str) -> None:
    """The map's countries come from the build (`make web`), not from a CDN."""
    _browser_ready()
    ids = {}
    for scale in ("110m", "50m"):
        r = httpx.get(f"{api_url}/static/world/countries-{scale}.json", timeout=30)
        assert r.status_code == 200
        ids[scale] = {g.get("id") for g in r.json()["objects"]["countries"]["geometries"]}
    assert {"643", "364", "356", "887"} <= ids["110m"]  # Russia, Iran, India, Yemen
    assert "048" not in ids["110m"] and "048" in ids["50m"], "Bahrain's centroid comes from 1:50m"
