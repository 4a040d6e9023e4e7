"""Hostile reads: 1,000 requests of an attacker without a key, and the API's memory around them.

    python -m bench.bench_hostile [--requests 1000] [--own-server [--bolt-port P --http-port P]]

Settings come from ARMSGRAPH_* (the Neo4j to use); ``--own-server`` starts a managed Neo4j of
the benchmark's own under ``var/bench-hostile`` (default ports 17702/17402) and stops it after.
Starts the API in its own process, loads the seed claims, sends the probes of
:mod:`tests.support.hostile` (and the worst allowed queries) round-robin, and prints per probe its
statuses and slowest answer, the slowest ``/health`` seen between requests, and the API's
resident memory before, during and after. Exits non-zero when a probe answers outside its
expected statuses or the memory grows by 100 MiB or more.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter, defaultdict
from contextlib import ExitStack

import httpx

from bench.own_server import own_server, settings_for
from graph.db import Graph, open_driver
from graph.schema import apply_schema, delete_all
from loaders.load import load_paths
from settings import Settings
from tests.support.hostile import PROBES, WORST_ALLOWED, send
from tests.support.loadgen import ROOT, rss_mib, start_api


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--own-server", action="store_true", help="run a Neo4j of the benchmark's own")
    parser.add_argument("--bolt-port", type=int, default=17702)
    parser.add_argument("--http-port", type=int, default=17402)
    args = parser.parse_args()
    with ExitStack() as stack:
        settings = Settings()
        if args.own_server:
            home = ROOT / "var" / "bench-hostile"
            settings = stack.enter_context(own_server(settings_for(home, args.bolt_port, args.http_port)))
        driver = stack.enter_context(open_driver(settings))
        graph = Graph(driver, settings.neo4j_database)
        apply_schema(graph)
        delete_all(graph)
        load_paths(graph, sorted((ROOT / "samples" / "claims").glob("*.json")))
        env = {
            "ARMSGRAPH_NEO4J_URI": settings.neo4j_uri,
            "ARMSGRAPH_NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        }
        base, pid = stack.enter_context(start_api(env))
        mix = PROBES + WORST_ALLOWED[1:]  # the time-limit query would only add 5 s waits
        statuses: dict[str, Counter[int]] = defaultdict(Counter)
        slowest: dict[str, float] = defaultdict(float)
        bad: list[str] = []
        health_max = 0.0
        with httpx.Client(timeout=60) as client:
            for probe in mix:  # warm-up
                send(probe, client, base)
            before = rss_mib(pid)
            samples = [before]
            start = time.monotonic()
            for n in range(args.requests):
                probe = mix[n % len(mix)]
                try:
                    r, took = send(probe, client, base)
                    status = r.status_code
                except httpx.TransportError:
                    status, took = -1, 0.0
                statuses[probe.name][status] += 1
                slowest[probe.name] = max(slowest[probe.name], took)
                if status not in probe.expect:
                    bad.append(f"{probe.name}: {status}")
                if n % 25 == 0:
                    t = time.monotonic()
                    client.get(base + "/health").raise_for_status()
                    health_max = max(health_max, time.monotonic() - t)
                    samples.append(rss_mib(pid))
            elapsed = time.monotonic() - start
            after = rss_mib(pid)
        delete_all(graph)
    print(f"{args.requests} hostile requests in {elapsed:.0f} s; slowest /health among them {health_max * 1000:.0f} ms")
    print(f"{'probe':40} {'statuses':24} {'slowest s':>9}")
    for probe in mix:
        counts = ", ".join(f"{s}x{c}" for s, c in sorted(statuses[probe.name].items()))
        print(f"{probe.name[:40]:40} {counts:24} {slowest[probe.name]:9.2f}")
    print(
        f"API memory (RSS): before {before:.1f} MiB, after {after:.1f} MiB, peak {max(samples):.1f} MiB, "
        f"growth {after - before:+.1f} MiB"
    )
    for line in bad[:20]:
        print("unexpected:", line)
    return 1 if bad or after - before >= 100 else 0


if __name__ == "__main__":
    sys.exit(main())
