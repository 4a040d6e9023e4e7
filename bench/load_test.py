"""Load test: 32 clients mixing /chains, /paths, /entities and /centrality for 60 s.

    python bench/load_test.py [--load] [--seconds 60] [--clients 32] [--warmup 10]

Settings come from ARMSGRAPH_* (the Neo4j to use). --load first empties the database and loads the
SIPRI register, the seed claims and the news corpus. Starts the API in its own process, drives it,
and prints throughput, p50/p99 per endpoint, errors, and the API's resident memory over the run
(first third against last third: flat means no growth). Exits non-zero on any error.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

# Run as a script (python bench/NAME.py): the repository root on the path, for tests.support.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.support.loadgen import ROOT, run_load, start_api


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--load", action="store_true", help="reset, then load the SIPRI register and the corpus")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--warmup", type=float, default=10)
    args = parser.parse_args()
    if args.load:
        subprocess.run(["armsgraph", "reset", "--yes"], check=True, cwd=ROOT)
        subprocess.run(
            [
                "armsgraph",
                "load",
                str(ROOT / "samples/sipri/trade-register-all-1950-2025.csv"),
                *map(str, (ROOT / "samples/claims").glob("*.json")),
                *map(str, sorted((ROOT.parent / "shared/corpus/news").glob("*.txt"))),
            ],
            check=False,
            cwd=ROOT,
        )
    with start_api() as (base, pid):
        result = run_load(base, seconds=args.seconds, clients=args.clients, warmup=args.warmup, pid=pid)
    print(result.report())
    sys.exit(1 if result.errors else 0)


if __name__ == "__main__":
    main()
