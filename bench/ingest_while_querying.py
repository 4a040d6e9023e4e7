"""Reads while reports keep arriving: a writer posts claims documents at a fixed rate while clients
ask a mix of /chains, /paths and /entities; the same run without the writer comes first.

Usage: python bench/ingest_while_querying.py [--load] [--seconds 20] [--clients 4] [--rate 2] [--only chains]
Settings come from ARMSGRAPH_* (the Neo4j to use; the write key). --load first loads the SIPRI
register and the seed claims. Prints p50/p99 and requests/s per endpoint for both runs, their
throughput ratio, the writes made and their latency, and every error.

Each document states one new fact between two states of the register (a new source each time, so
each write is a real change), as news arriving all day would.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import httpx

from settings import Settings

# Run as a script (python bench/NAME.py): the repository root on the path, for tests.support.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.support.loadgen import ROOT, STATES, start_api

QUESTIONS = {
    "chains": [
        "/chains?root=Russia&direction=upstream&max_hops=3&since=2000&until=2025&limit=100",
        "/chains?root=Russia&direction=upstream&since=2022&view=tiers",
        "/chains?root=India&direction=upstream&max_hops=2&limit=50",
    ],
    "paths": [
        "/paths?source=Mokhber&target=Russia&mode=all&max_hops=2",
        "/paths?source=Iran&target=Ukraine&mode=shortest",
    ],
    "entities": ["/entities?q=Kouleba", "/entities?q=Iran"],
}
WEAPONS = ["Shahed-136", "artillery shells", "Kh-101", "T-72", "Mi-17", "Bayraktar TB2"]


def document(n: int, rng: random.Random, run: str) -> dict[str, object]:
    supplier, recipient = rng.sample(STATES, 2)
    day = dt.date(2024, 1, 1) + dt.timedelta(days=n % 600)
    return {
        "id": f"bench-{run}-{n:05d}",
        "title": f"Bench report {n}",
        "published": day.isoformat(),
        "facts": [
            {
                "subject": supplier,
                "subject_type": "Country",
                "predicate": "SUPPLIES",
                "object": recipient,
                "object_type": "Country",
                "weapon_systems": [rng.choice(WEAPONS)],
                "date": day.isoformat(),
                "status": rng.choice(["reported", "agreed", "delivered"]),
                "evidence": f"{supplier} sent {recipient} weapons (bench report {n}).",
            }
        ],
        "entities": [],
    }


async def measure(base: str, seconds: float, clients: int, rate: float, write_key: str) -> dict[str, object]:
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    writes: list[float] = []
    stop = time.monotonic() + seconds
    run = dt.datetime.now().strftime("%Y%m%d%H%M%S")

    async def reader(client: httpx.AsyncClient, seed: int) -> None:
        rng = random.Random(seed)
        mix = [(kind, q) for kind, qs in QUESTIONS.items() for q in qs]
        while time.monotonic() < stop:
            kind, q = rng.choice(mix)
            t = time.perf_counter()
            r = await client.get(base + q)
            latencies[kind].append((time.perf_counter() - t) * 1000)
            if r.status_code != 200:
                errors.append(f"{r.status_code} {q}: {r.text[:200]}")

    async def writer(client: httpx.AsyncClient) -> None:
        rng = random.Random(11)
        n = 0
        start = time.monotonic()
        while True:
            due = start + n / rate
            if due >= stop:
                return
            await asyncio.sleep(max(0.0, due - time.monotonic()))
            t = time.perf_counter()
            r = await client.post(base + "/claims", json=document(n, rng, run), headers={"X-API-Key": write_key})
            writes.append((time.perf_counter() - t) * 1000)
            if r.status_code != 200:
                errors.append(f"{r.status_code} POST /claims: {r.text[:200]}")
            n += 1

    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=clients + 2), timeout=60) as client:
        for qs in QUESTIONS.values():  # every answer made once before the clock starts
            for q in qs:
                await client.get(base + q)
        started = time.monotonic()
        tasks = [reader(client, i) for i in range(clients)] + ([writer(client)] if rate > 0 else [])
        await asyncio.gather(*tasks)
        elapsed = time.monotonic() - started
    return {"latencies": latencies, "errors": errors, "writes": writes, "elapsed": elapsed}


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(len(ordered) * q) - 1))] if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--load", action="store_true", help="load the SIPRI register and seed claims first")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each run")
    parser.add_argument("--clients", type=int, default=4, help="concurrent reading clients")
    parser.add_argument("--rate", type=float, default=2.0, help="claims documents posted per second")
    parser.add_argument("--only", choices=list(QUESTIONS), help="ask only this endpoint's first question")
    args = parser.parse_args()
    if args.only:
        for kind in list(QUESTIONS):
            if kind == args.only:
                QUESTIONS[kind] = QUESTIONS[kind][:1]
            else:
                del QUESTIONS[kind]
    if args.load:
        register = ROOT / "samples/sipri/trade-register-all-1950-2025.csv"
        seed = [str(p) for p in (ROOT / "samples/claims").glob("2022-10-19_seed_*.json")]
        subprocess.run(["armsgraph", "load", str(register), *seed], check=False, cwd=ROOT)
    key = Settings().write_key.get_secret_value()
    with start_api() as (base, _pid):
        quiet = asyncio.run(measure(base, args.seconds, args.clients, 0.0, key))
        busy = asyncio.run(measure(base, args.seconds, args.clients, args.rate, key))
    print(
        f"{args.clients} clients, {args.seconds:g} s each; writer: {args.rate:g} claims documents/s in the second run"
    )
    print(f"{'endpoint':9} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>8} | {'p50 ms':>8} {'p99 ms':>8} {'req/s':>8} | ratio")
    print(f"{'':9} {'without writes':>26} | {'with writes':>26} |")
    for kind in QUESTIONS:
        a, b = quiet["latencies"][kind], busy["latencies"][kind]  # type: ignore[index]
        ra, rb = len(a) / quiet["elapsed"], len(b) / busy["elapsed"]  # type: ignore[operator]
        print(
            f"{kind:9} {statistics.median(a):8.1f} {pct(a, 0.99):8.1f} {ra:8.0f} | "
            f"{statistics.median(b):8.1f} {pct(b, 0.99):8.1f} {rb:8.0f} | {rb / ra:5.2f}"
        )
    writes: list[float] = busy["writes"]  # type: ignore[assignment]
    if writes:
        print(
            f"writes: {len(writes)} in {busy['elapsed']:.1f} s, p50 {statistics.median(writes):.1f} ms, "
            f"p99 {pct(writes, 0.99):.1f} ms"
        )
    errs: list[str] = quiet["errors"] + busy["errors"]  # type: ignore[operator]
    print(f"errors: {len(errs)}")
    for e in errs[:20]:
        print("  " + e)


if __name__ == "__main__":
    main()
