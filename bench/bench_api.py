"""Latency of /chains and /paths under 12 concurrent clients, against a uvicorn server it starts.

Usage: python bench/bench_api.py [--load] [--requests 600] [--clients 12] [--client wrk|httpx]
Settings come from ARMSGRAPH_* (the Neo4j to use). --load first loads the SIPRI register, the seed
claims and the news corpus. Prints p50/p99 and requests/s per endpoint, and the ratio of each p50 to
/health's.

Repeated questions ("warm": the API keeps answers per graph version) are driven by wrk when it is
on PATH (a C client, so the client does not take the CPU the server needs on a small machine), for
--seconds each, else by the Python client; questions that differ every time ("cold") always by the
Python client.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

# Run as a script (python bench/NAME.py): the repository root on the path, for tests.support.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.support.loadgen import ROOT, start_api

TARGETS = {
    "health": "/health",
    "chains": "/chains?root=Russia&direction=upstream&max_hops=3&since=2000&until=2025&limit=100",
    "paths": "/paths?source=Iran&target=Ukraine&mode=shortest",
    "entity": "/entities?q=Kouleba",
}
#: Every request a different question, so none is answered from the kept answers (cold).
COLD = {
    "chains-cold": "/chains?root=Russia&direction=upstream&max_hops=3&since={since}&until=2025&limit={limit}",
    "paths-cold": "/paths?source=Iran&target=Ukraine&mode=shortest&since={since}&limit={limit}",
}


async def run(base: str, path: str, total: int, clients: int) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    queue = iter(range(total))

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        for i in queue:
            t = time.perf_counter()
            r = await client.get(base + path.format(since=1950 + i % 70, limit=1 + (i // 70) % 100))
            latencies.append((time.perf_counter() - t) * 1000)
            errors += r.status_code != 200

    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=120) as client:
        if "{" not in path:
            for _ in range(20):  # warm-up
                await client.get(base + path)
        start = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(clients)))
        elapsed = time.perf_counter() - start
    latencies.sort()
    return {
        "p50": statistics.median(latencies),
        "p99": latencies[int(len(latencies) * 0.99) - 1],
        "rps": total / elapsed,
        "errors": errors,
    }


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(base: str, path: str, seconds: int, clients: int) -> dict[str, float]:
    """wrk's own latency distribution (``--latency``) for one URL."""
    out = subprocess.run(
        ["wrk", f"-t{min(clients, 2)}", f"-c{clients}", f"-d{seconds}s", "--latency", base + path],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)$", out, re.M)
    return {
        "p50": _ms(found["50"]),
        "p99": _ms(found["99"]),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        "errors": (int(errors.group(1)) if errors else 0) + (1 if socket_errors else 0),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--load", action="store_true", help="load the SIPRI register and seed claims first")
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--clients", type=int, default=12)
    parser.add_argument("--cold-requests", type=int, default=60, help="requests per cold target")
    parser.add_argument("--client", choices=["wrk", "httpx"], default="wrk" if shutil.which("wrk") else "httpx")
    parser.add_argument("--seconds", type=int, default=15, help="seconds per warm target (wrk)")
    args = parser.parse_args()
    if args.load:
        subprocess.run(
            [
                "armsgraph",
                "load",
                str(ROOT / "samples/sipri/trade-register-all-1950-2025.csv"),
                *map(str, (ROOT / "samples/claims").glob("2022-10-19_seed_*.json")),
                *map(str, sorted((ROOT.parent / "shared/corpus/news").glob("*.txt"))),
            ],
            check=False,
            cwd=ROOT,
        )
    with start_api() as (base, _):
        if args.client == "wrk":
            for path in TARGETS.values():  # the first answer is computed; wrk measures the kept one
                asyncio.run(run(base, path, 1, 1))
            results = {name: run_wrk(base, path, args.seconds, args.clients) for name, path in TARGETS.items()}
        else:
            results = {
                name: asyncio.run(run(base, path, args.requests, args.clients)) for name, path in TARGETS.items()
            }
        results.update(
            {name: asyncio.run(run(base, path, args.cold_requests, args.clients)) for name, path in COLD.items()}
        )
    base_p50 = results["health"]["p50"]
    print(f"warm targets driven by {args.client}, {args.clients} clients")
    print(f"{'endpoint':11} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>8} {'errors':>6} {'p50/health':>10}")
    for name, r in results.items():
        print(f"{name:11} {r['p50']:8.1f} {r['p99']:8.1f} {r['rps']:8.0f} {r['errors']:6d} {r['p50'] / base_p50:10.1f}")


if __name__ == "__main__":
    main()
