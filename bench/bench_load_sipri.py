"""Benchmark: load the full SIPRI register into Neo4j, against one transaction per row.

    python bench/bench_load_sipri.py [--csv PATH] [--baseline-rows 500] [--runs 3] [--own-server]

Prints rows per second for the batched load (end to end from the CSV file), for a re-load
(which must create nothing), and for the same writer fed one row per transaction, measured on
the first ``--baseline-rows`` deals in the same run; the ratio is the figure. ``--runs`` loads
into an emptied database that many times (the first on a server that has not loaded before is
the slow one: its JVM compiles as it goes).

By default it uses the running Neo4j named by the settings (``armsgraph neo4j start``) and
empties it. ``--own-server`` starts a server of its own on a fresh data folder
(``var/bench-neo4j-load``, Bolt port 37690) and stops it afterwards: the first load is then
the first thing that server does, as after ``armsgraph neo4j start``.
"""

from __future__ import annotations

import argparse
import itertools
import time
from contextlib import nullcontext
from pathlib import Path

from own_server import ROOT, own_server, settings_for

from graph.db import Graph, open_driver
from graph.schema import apply_schema, delete_all
from graph.writer import Batch, WriteStats, write_batch
from loaders.load import load_paths
from loaders.registers.sipri import read_register
from loaders.registers.write import _Nodes, deal_row
from settings import Settings

DEFAULT_CSV = ROOT / "samples" / "sipri" / "trade-register-all-1950-2025.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--baseline-rows", type=int, default=500)
    parser.add_argument("--runs", type=int, default=1, help="batched loads into an emptied database")
    parser.add_argument("--own-server", action="store_true", help="a fresh server of its own (cold first load)")
    args = parser.parse_args()
    own = settings_for(ROOT / "var" / "bench-neo4j-load", 37690, 37477) if args.own_server else None
    with own_server(own, fresh=True) if own else nullcontext(Settings()) as settings:
        run(settings, args)


def run(settings: Settings, args: argparse.Namespace) -> None:
    with open_driver(settings) as driver:
        graph = Graph(driver, settings.neo4j_database)
        delete_all(graph)
        apply_schema(graph)
        times = []
        for i in range(args.runs):
            if i:
                delete_all(graph)
            t = time.perf_counter()
            last = load_paths(graph, [args.csv])
            times.append(time.perf_counter() - t)
        t = time.perf_counter()
        again = load_paths(graph, [args.csv])
        reload = time.perf_counter() - t

        delete_all(graph)
        with read_register(args.csv) as register:
            deals = list(itertools.islice(register.deals, args.baseline_rows))
            nodes = _Nodes()
            stats = WriteStats()
            t = time.perf_counter()
            for deal in deals:
                node_rows, located, _ = nodes.rows([deal], register)
                write_batch(graph, Batch(nodes=node_rows, claims=located, deals=[deal_row(deal, register)]), stats)
            per_row = time.perf_counter() - t

    n = last.deals
    per_row_rate = len(deals) / per_row
    for i, s in enumerate(times):
        label = "first load" if i == 0 else f"load {i + 1}"
        print(f"{label:13} {n} deals in {s:.2f} s = {n / s:,.0f} rows/s (x{n / s / per_row_rate:.0f} one tx a row)")
    print(f"  ({last.stats.relationships_created} relationships created by the last)")
    print(
        f"re-load:      {again.deals} deals in {reload:.2f} s = {again.deals / reload:,.0f} rows/s "
        f"({again.stats.nodes_created} nodes, {again.stats.relationships_created} relationships created)"
    )
    print(f"one tx a row: {len(deals)} deals in {per_row:.2f} s = {per_row_rate:,.0f} rows/s")
    best = min(times)
    print(
        f"ratio batched / one-tx-a-row: x{n / best / per_row_rate:.0f} (best load), "
        f"x{n / max(times) / per_row_rate:.0f} (slowest)"
    )


if __name__ == "__main__":
    main()
