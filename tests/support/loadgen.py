"""A mixed read load against the API: concurrent clients for a fixed time, latency per endpoint,
errors, and the API process's memory sampled along the way.

Used by ``bench/load_test.py`` (60 s, 32 clients, the figures for the notes) and by the test suite
(``tests/integration/test_reliability_api_load.py``, shorter). ``start_api`` runs the API in its
own process (uvicorn), so that its memory is the API's alone.
"""

from __future__ import annotations

import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]

#: Countries with SIPRI deals in most decades (names, as an analyst types them).
STATES = [
    "Russia",
    "India",
    "China",
    "Iran",
    "Ukraine",
    "Egypt",
    "Pakistan",
    "Saudi Arabia",
    "Turkey",
    "Israel",
    "Algeria",
    "Indonesia",
    "Brazil",
    "Syria",
    "North Korea",
    "Belarus",
    "Serbia",
    "Venezuela",
    "Myanmar",
    "United States",
    "France",
    "Germany",
    "United Kingdom",
    "Italy",
]
SEARCHES = [
    "Kouleba",
    "Mokhber",
    "Rusia",
    "Shahed",
    "Iran",
    "Ukriane",
    "Geran",
    "Fateh",
    "Soviet",
    "NATO",
    "Houthi",
    "Korea",
    "Zolfaghar",
    "Moscow",
    "Tehran",
    "Lavrov",
]
MEASURES = ["degree", "in_degree", "out_degree", "pagerank", "closeness", "betweenness"]


def _chains(rng: random.Random) -> tuple[str, dict[str, Any]]:
    since = rng.choice([None, 2000, 2010, 2015, 2020])
    params = {
        "root": rng.choice(STATES),
        "direction": rng.choice(["upstream", "downstream"]),
        "max_hops": rng.choice([1, 2, 3]),
        "limit": 20,
    }
    return "/chains", params if since is None else {**params, "since": since}


def _paths(rng: random.Random) -> tuple[str, dict[str, Any]]:
    source, target = rng.sample(STATES, 2)
    return "/paths", {"source": source, "target": target, "mode": "shortest", "max_hops": 4}


def _entities(rng: random.Random) -> tuple[str, dict[str, Any]]:
    return "/entities", {"q": rng.choice(SEARCHES), "limit": rng.choice([10, 20])}


def _centrality(rng: random.Random) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {"measure": rng.choice(MEASURES), "top": 20}
    if rng.random() < 0.5:
        params["since"] = rng.choice([2014, 2019])
    if rng.random() < 0.5:
        params["weight"] = "tiv"
    if params["measure"] == "betweenness":
        params["k"] = 256
    return "/centrality", params


#: What the clients ask, with how often: mostly chains and entity look-ups, as in the explorer.
MIX: list[tuple[str, float, Callable[[random.Random], tuple[str, dict[str, Any]]]]] = [
    ("chains", 0.35, _chains),
    ("paths", 0.25, _paths),
    ("entities", 0.3, _entities),
    ("centrality", 0.1, _centrality),
]


def rss_mib(pid: int) -> float:
    """Resident memory of a process (Linux ``/proc``), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


@dataclass
class LoadRun:
    seconds: float
    clients: int
    latencies: dict[str, list[float]] = field(default_factory=dict)  # ms, per endpoint
    errors: list[str] = field(default_factory=list)
    rss: list[tuple[float, float]] = field(default_factory=list)  # (seconds since start, MiB)

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.latencies.values())

    def percentile(self, q: float, name: str | None = None) -> float:
        values = sorted(self.latencies[name] if name else [x for v in self.latencies.values() for x in v])
        return values[max(0, int(len(values) * q) - 1)] if values else float("nan")

    def rss_growth(self) -> tuple[float, float]:
        """Mean RSS over the first and the last third of the measured run (MiB)."""
        values = [mib for _, mib in self.rss]
        third = max(1, len(values) // 3)
        return statistics.fmean(values[:third]), statistics.fmean(values[-third:])

    def report(self) -> str:
        lines = [
            f"{self.clients} clients, {self.seconds:.0f} s: {self.requests} requests, "
            f"{self.requests / self.seconds:.0f} req/s, {len(self.errors)} errors",
            f"{'endpoint':11} {'requests':>8} {'p50 ms':>8} {'p99 ms':>8}",
        ]
        for name in sorted(self.latencies):
            lines.append(
                f"{name:11} {len(self.latencies[name]):8d} {self.percentile(0.5, name):8.1f} "
                f"{self.percentile(0.99, name):8.1f}"
            )
        lines.append(f"{'all':11} {self.requests:8d} {self.percentile(0.5):8.1f} {self.percentile(0.99):8.1f}")
        if self.rss:
            first, last = self.rss_growth()
            peak = max(m for _, m in self.rss)
            lines.append(
                f"API memory (RSS): first third {first:.1f} MiB, last third {last:.1f} MiB, "
                f"peak {peak:.1f} MiB ({len(self.rss)} samples)"
            )
        lines.extend(f"error: {e}" for e in self.errors[:10])
        return "\n".join(lines)


async def _load(base: str, seconds: float, clients: int, warmup: float, pid: int | None, seed: int) -> LoadRun:
    result = LoadRun(seconds=seconds, clients=clients)
    names = [m[0] for m in MIX]
    weights = [m[1] for m in MIX]
    makers = {m[0]: m[2] for m in MIX}
    start = time.monotonic()
    measure_from, stop = start + warmup, start + warmup + seconds

    async def client(n: int, http: httpx.AsyncClient) -> None:
        rng = random.Random(seed * 1000 + n)
        while (now := time.monotonic()) < stop:
            name = rng.choices(names, weights)[0]
            path, params = makers[name](rng)
            t = time.perf_counter()
            try:
                r = await http.get(base + path, params=params)
                failed = f"{r.status_code} {path} {params}" if r.status_code != 200 else None
            except httpx.HTTPError as e:
                failed = f"{type(e).__name__} {path} {params}"
            if now >= measure_from:
                result.latencies.setdefault(name, []).append((time.perf_counter() - t) * 1000)
            if failed:
                result.errors.append(failed)

    async def sample() -> None:
        while pid is not None and (now := time.monotonic()) < stop:
            if now >= measure_from:
                result.rss.append((now - measure_from, rss_mib(pid)))
            await asyncio.sleep(0.5)

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=60) as http:
        await asyncio.gather(sample(), *(client(n, http) for n in range(clients)))
    return result


def run_load(
    base: str, *, seconds: float = 60, clients: int = 32, warmup: float = 10, pid: int | None = None, seed: int = 7
) -> LoadRun:
    """``clients`` concurrent clients asking the ``MIX`` for ``warmup`` + ``seconds``; the warm-up
    is not measured (it fills the API's kept answers and the server's caches)."""
    return asyncio.run(_load(base, seconds, clients, warmup, pid, seed))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def start_api(
    env: dict[str, str] | None = None, timeout: float = 60, ready_path: str = "/health"
) -> Iterator[tuple[str, int]]:
    """Run the API (uvicorn, one worker) on a free loopback port; yields its address and pid once
    ``ready_path`` answers 200."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "api.app:create_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"the API exited with code {server.returncode}")
            try:
                if httpx.get(base + ready_path, timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the API did not answer in time")
            time.sleep(0.2)
        yield base, server.pid
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
