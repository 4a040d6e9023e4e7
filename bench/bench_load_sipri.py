"""Benchmark: load the full SIPRI register into Neo4j, against one transaction per row.

    python bench/bench_load_sipri.py [--csv PATH] [--baseline-rows 500]

Needs a running Neo4j named by the settings (``armsgraph neo4j start``). It empties the
database. Prints rows per second for the batched load (end to end from the CSV file), for a
re-load (which must create nothing), and for the same writer fed one row per transaction,
measured on the first ``--baseline-rows`` deals in the same run; the ratio is the figure.
"""

from __future__ import annotations

import argparse
import itertools
import time
from pathlib import Path

from graph.config import Settings
from graph.db import Graph, open_driver
from graph.schema import apply_schema, delete_all
from graph.writer import Batch, WriteStats, write_batch
from loaders.load import load_paths
from loaders.sipri import read_register
from loaders.tables import _Nodes, deal_row

DEFAULT_CSV = Path(__file__).resolve().parents[2] / "shared" / "data" / "sipri" / "trade-register-all-1950-2025.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--baseline-rows", type=int, default=500)
    args = parser.parse_args()
    settings = Settings()
    with open_driver(settings) as driver:
        graph = Graph(driver, settings.neo4j_database)
        delete_all(graph)
        apply_schema(graph)

        t = time.perf_counter()
        first = load_paths(graph, [args.csv])
        batched = time.perf_counter() - t
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

    n = first.deals
    batched_rate, per_row_rate = n / batched, len(deals) / per_row
    print(f"batched load:  {n} deals in {batched:.2f} s = {batched_rate:,.0f} rows/s "
          f"({first.stats.relationships_created} relationships created)")
    print(f"re-load:       {again.deals} deals in {reload:.2f} s = {again.deals / reload:,.0f} rows/s "
          f"({again.stats.nodes_created} nodes, {again.stats.relationships_created} relationships created)")
    print(f"one tx a row:  {len(deals)} deals in {per_row:.2f} s = {per_row_rate:,.0f} rows/s")
    print(f"ratio batched / one-tx-a-row: {batched_rate / per_row_rate:.1f}x")


if __name__ == "__main__":
    main()
