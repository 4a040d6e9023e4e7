"""Benchmark: export the whole SIPRI graph to every format, and pull it alone as the baseline.

    python bench/bench_export.py [--load samples/sipri/trade-register-all-1950-2025.csv] [--out DIR]

Needs a running Neo4j named by the settings (``armsgraph neo4j start``). With ``--load`` it empties
the database and loads the register first (not timed). Prints, in one run: the time to pull the
subgraph from Neo4j (the baseline every export pays once), then the time and size of each format
written from it, and the total (target: <= 30 s).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from graph.db import Graph, open_driver
from graph.export import FORMATS, everything, write
from graph.schema import apply_schema, delete_all
from loaders.load import load_paths
from settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--load", type=Path, help="Empty the database and load this register first.")
    parser.add_argument("--out", type=Path, help="Keep the files here (default: a temporary folder).")
    args = parser.parse_args()
    settings = Settings()
    with open_driver(settings) as driver:
        graph = Graph(driver, settings.neo4j_database)
        if args.load:
            delete_all(graph)
            apply_schema(graph)
            load_paths(graph, [args.load])
        t = time.perf_counter()
        sub = everything(graph, types=["SUPPLIES"])
        pull = time.perf_counter() - t
    print(f"graph: {len(sub.nodes)} nodes, {len(sub.edges)} edges, {len(sub.reports)} reports")
    print(f"{'pull from Neo4j (baseline)':28} {pull:7.2f} s")
    out = args.out or Path(tempfile.mkdtemp(prefix="armsgraph-export-"))
    out.mkdir(parents=True, exist_ok=True)
    total = pull
    names = [n for n in FORMATS if n not in ("nodes.csv", "edges.csv")]  # inside "csv" already
    for name in names:
        fmt = FORMATS[name]
        t = time.perf_counter()
        size = write(sub, name, out / f"sipri.{fmt.extension}")
        took = time.perf_counter() - t
        total += took
        print(f"{name:28} {took:7.2f} s {size / 1e6:9.2f} MB")
    print(f"{'total (pull + every format)':28} {total:7.2f} s  (files in {out})")


if __name__ == "__main__":
    main()
