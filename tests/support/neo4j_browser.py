"""The Neo4j Browser with armsgraph's guide and style, on a managed server of its own.

``browser_stack`` starts the API on a free port, then a managed Neo4j (own home, free ports)
whose configuration names that API (``Settings.api_url``: the Browser's post-connect commands
and remote-content host, ``graph/server/browser.py``), and loads the given files. The browser
test (``tests/integration/test_neo4j_browser.py``) drives it in headless Chromium; run as a
script, it writes the README's screenshots::

    python -m tests.support.neo4j_browser docs/      # loads the bundled corpus (a few minutes)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.own_server import PASSWORD, own_server, settings_for
from graph.db import Graph, open_driver
from loaders.load import load_paths
from settings import Settings
from tests.support.loadgen import free_port, start_api

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tests" / "browser" / "neo4j_browser.mjs"
SAMPLES = ROOT / "samples"
#: Hosts the Neo4j Browser 5.24 asks by itself (fonts on load; Segment and Canny scripts on
#: connect in Community, where no setting stops them; Sentry when it reports a load error before
#: it knows the server's settings). The browser script stops every request to another host.
BROWSER_OWN_HOSTS = ("fonts.googleapis.com", "cdn.segment.com", "canny.io", ".ingest.sentry.io")


@dataclass
class Stack:
    settings: Settings
    api: str  # the API's address
    browser: str  # the Neo4j Browser's page

    @property
    def bolt(self) -> str:
        return f"bolt://127.0.0.1:{self.settings.bolt_port}"


def corpus(register: bool = True) -> list[Path]:
    """The bundled corpus: the seed claims and report, and SIPRI's register when ``register``."""
    files = [*sorted((SAMPLES / "claims").glob("*.json")), *sorted((SAMPLES / "reports").glob("*.txt"))]
    return files + ([SAMPLES / "sipri" / "trade-register-all-1950-2025.csv"] if register else [])


@contextmanager
def browser_stack(home: Path, files: list[Path]) -> Iterator[Stack]:
    bolt, http = free_port(), free_port()
    settings = settings_for(home, bolt, http, heap="512m", pagecache="64m")
    env = {
        "ARMSGRAPH_NEO4J_URI": settings.neo4j_uri,
        "ARMSGRAPH_NEO4J_PASSWORD": PASSWORD,
        "ARMSGRAPH_ENVIRONMENT": "development",
    }
    with start_api(env, ready_path="/openapi.json") as (api, _):
        settings = settings.model_copy(update={"api_url": api})
        with own_server(settings, fresh=True):
            driver = open_driver(settings)
            try:
                load_paths(Graph(driver, settings.neo4j_database), files)
            finally:
                driver.close()
            yield Stack(settings, api, f"http://127.0.0.1:{http}/browser/")


def drive(stack: Stack, shots: Path | None = None, timeout: float = 240) -> dict[str, Any]:
    """Run the Chromium script against ``stack``; its JSON report (see the script)."""
    args = ["node", str(SCRIPT), stack.browser, stack.bolt, PASSWORD, stack.api, str(shots or "")]
    run = subprocess.run(args, cwd=ROOT / "web", capture_output=True, text=True, timeout=timeout)
    if run.returncode != 0 or not run.stdout.strip():
        raise RuntimeError(f"the browser script failed ({run.returncode}): {run.stderr[-3000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("shots", type=Path, help="folder for the screenshots (docs/)")
    parser.add_argument("--no-register", action="store_true", help="load only the seed claims and report")
    ns = parser.parse_args()
    ns.shots.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="armsgraph-browser-") as tmp,
        browser_stack(Path(tmp), corpus(register=not ns.no_register)) as stack,
    ):
        out = drive(stack, ns.shots.resolve())
    print(json.dumps(out, indent=2))
    unexpected = [f for f in out["foreign"] if not f["host"].endswith(BROWSER_OWN_HOSTS)]
    return 0 if not out["errors"] and not unexpected and out["ran"] else 1


if __name__ == "__main__":
    sys.exit(main())
