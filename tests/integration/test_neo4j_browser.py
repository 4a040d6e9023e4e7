"""The Neo4j Browser as the managed server serves it, in Debian's headless Chromium.

A managed Neo4j of the test's own (free ports, its own home) is configured as `armsgraph neo4j
start` configures it, naming the API the test runs (``Settings.api_url``). The browser connects;
the post-connect commands apply armsgraph's style and play its guide from the API; a click on
the guide's "who supplies Russia since 2022" query and the run button draw one ARMS_FLOW arrow
per supplier, captioned with its volume, and nodes captioned by name.

Requests to any host but this machine are stopped by the test (none leaves it) and listed: the
guide, the style and the queries ask no other host. The Browser itself (5.24, Community) asks for
its fonts on load and, once connected, loads two scripts (Segment, Canny) whatever the server's
settings (in Community it has no setting against it; ``client.allow_telemetry=false`` keeps it
from sending usage data); those attempts are asserted to be the only ones.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from graph import arms_flow
from graph.db import Graph, open_driver
from tests.support.neo4j_browser import BROWSER_OWN_HOSTS, browser_stack, corpus, drive

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))


def _browser_ready() -> None:
    """`make test` installs Chromium and the npm packages; a bare pytest run without them is told how.
    Under CI (CI=true) a missing piece is a failure, never a skip."""
    if CHROMIUM.exists() and (ROOT / "web" / "node_modules" / "playwright-core").is_dir():
        return
    message = "needs /usr/bin/chromium and web/node_modules: run `make install`"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def test_guide_opens_on_connect_and_its_query_draws_one_arrow_per_supplier(tmp_path: Path) -> None:
    _browser_ready()
    with browser_stack(tmp_path / "neo4j", corpus(register=False)) as stack:
        driver = open_driver(stack.settings)
        try:
            flows = arms_flow.flows(Graph(driver, stack.settings.neo4j_database))
        finally:
            driver.close()
        out = drive(stack)
    assert not out["errors"], out["errors"]
    assert out["connected"] and out["guide"] and out["slides"] == 8
    assert sorted(set(out["fromApi"])) == ["/browser-guide", "/browser-style"]
    assert "ARMS_FLOW" in out["query"] and out["ran"]
    suppliers = {src for (src, dst), p in flows.items() if dst == "RUS" and p["last_year"] >= 2022}
    assert suppliers >= {"IRN"}
    # One arrow per supplier, each captioned with its volume (the style); nodes captioned by name.
    assert len(out["arrows"]) == len(suppliers), out["arrows"]
    assert all(a.startswith("TIV ") for a in out["arrows"]), out["arrows"]
    assert out["style"] and {"Russia", "Iran"} <= set(out["nodes"])
    foreign = out["foreign"]
    assert all(f["host"].endswith(BROWSER_OWN_HOSTS) for f in foreign), foreign
    assert not [f for f in foreign if f["phase"] in ("guide", "query")], foreign
