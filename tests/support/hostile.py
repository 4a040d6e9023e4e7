"""Requests an attacker without a key would send to the API, and the worst queries it allows.

Used by ``tests/integration/test_hostile_reads.py`` (each probe once, and a short run for memory)
and by ``bench/bench_hostile.py`` (1,000 of them, with the API's memory before and after).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx

JSON = {"Content-Type": "application/json"}
#: A literal as long as the query limit allows, for the costliest reduce() the guard lets through.
LONG = "a" * 9_000


@dataclass(frozen=True)
class Probe:
    name: str
    method: str
    path: str
    expect: tuple[int, ...]
    json: Any = None
    params: dict[str, Any] | None = None
    content: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def send(self, client: httpx.Client, base: str) -> tuple[httpx.Response, float]:
        start = time.monotonic()
        r = client.request(
            self.method,
            base + self.path,
            json=self.json,
            params=self.params,
            content=self.content,
            headers=self.headers,
        )
        return r, time.monotonic() - start


def cypher(name: str, query: str, expect: tuple[int, ...] = (422,), **params: Any) -> Probe:
    return Probe(name, "POST", "/cypher", expect, json={"query": query, "params": params})


def _chunks(size: int, piece: int = 256 * 1024) -> Iterator[bytes]:
    sent = 0
    while sent < size:
        yield b" " * min(piece, size - sent)
        sent += piece


#: What the issue found and its relatives: every one is refused (4xx) or answered within its caps.
PROBES: list[Probe] = [
    cypher("string doubled by reduce", "RETURN size(reduce(s='a', x IN range(1,28) | s+s))"),
    cypher("list doubled by reduce", "RETURN size(reduce(l=[1], x IN range(1,30) | l+l))"),
    cypher("tripled over a literal list", "RETURN size(reduce(s='ab', x IN [1,2,3,4,5,6,7,8,9,10,11,12] | s+s+s))"),
    cypher("comprehension over 60M", "RETURN size([x IN range(1,60000000) | x])"),
    cypher("reduce over 10^10", "RETURN reduce(a=0, x IN range(1,10000000000) | a+x)"),
    cypher("range from arithmetic", "UNWIND range(1, 10^7 * 10) AS x RETURN count(x)"),
    cypher("range from a parameter", "UNWIND range(1, $n) AS x RETURN count(x)", n=10**12),
    cypher("range from data", "MATCH (n) RETURN size(range(1, n.count))"),
    cypher("nested ranges", "RETURN size([x IN range(1,100000) | [y IN range(1,100000) | x]])"),
    cypher("nested over collected", "MATCH (n) WITH collect(n) AS ns RETURN size([a IN ns | [b IN ns | a]])"),
    cypher("reduce over collected", "MATCH (n) WITH collect(n.name) AS ns RETURN reduce(s='', x IN ns | s + x)"),
    cypher("300 brackets", "RETURN " + "[" * 300 + "]" * 300),
    cypher("300 parentheses", "RETURN " + "(" * 300 + "1" + ")" * 300),
    cypher("300 braces", "RETURN " + "{a:" * 300 + "1" + "}" * 300),
    cypher("overlong query", "RETURN " + " + ".join(["1"] * 5000)),
    cypher("debug option", "CYPHER debug=tostring MATCH (n) RETURN n"),
    cypher("runtime option", "CYPHER runtime=parallel MATCH (n) RETURN n"),
    cypher("procedure", "CALL dbms.components()"),
    cypher("plugin function", "RETURN apoc.text.join(['a'], ',')"),
    cypher("write", "MATCH (n) DETACH DELETE n"),
    Probe("export by link", "GET", "/export", (422,), params={"cypher": "MATCH (n) RETURN n", "format": "json"}),
    Probe(
        "export of a bomb",
        "POST",
        "/export",
        (422,),
        json={"cypher": "RETURN size(reduce(s='a', x IN range(1,28) | s+s))", "format": "json"},
    ),
    Probe("3 MB of JSON", "POST", "/cypher", (413,), content=b" " * 3 * 1024 * 1024, headers=JSON),
    Probe("chunked 3 MB of JSON", "POST", "/cypher", (413,), content=None, headers=JSON),
    Probe(
        "cross-site text/plain post",
        "POST",
        "/cypher",
        (415,),
        content=b'{"query": "MATCH (a), (b), (c) RETURN count(*)"}',
        headers={"Content-Type": "text/plain"},
    ),
    Probe("keyless 19 MB claims", "POST", "/claims", (401,), content=b"{" * 19 * 1024 * 1024, headers=JSON),
    cypher(
        "1,000 rows of 10,000-element lists",
        "UNWIND range(1, 1000) AS i RETURN [x IN range(1, 10000) | x] AS l",
        expect=(200,),
    ),
]

#: The costliest queries the guard lets through: rows streamed to the time limit (Neo4j stops
#: them), a million nested steps, a reduce() nested at its copying limit, a list built at its byte
#: limit, an answer at its byte budget. With a 512 MiB heap on a busy 2-core machine, each but the
#: first answered in 0.4-2.7 s.
WORST_ALLOWED: list[Probe] = [
    cypher("rows to the time limit", "UNWIND range(1,100000) AS x UNWIND range(1,100000) AS y RETURN count(*)"),
    cypher("a million nested steps", "RETURN size([x IN range(1,1000) | [y IN range(1,1000) | x * y]]) AS n", (200,)),
    cypher(
        "reduce() at its copying limit",
        f"RETURN size([i IN range(1, 100) | size(reduce(s = '', x IN range(1, 100) | s + '{LONG[:2000]}'))]) AS n",
        (200,),
    ),
    cypher(
        "a list at its byte limit", f"RETURN size([x IN range(1, 100000) | toString(x) + '{LONG[:600]}']) AS n", (200,)
    ),
    cypher("answer at the byte budget", "UNWIND range(1, 1000) AS i RETURN [x IN range(1, 10000) | x] AS l", (200,)),
]


def send(probe: Probe, client: httpx.Client, base: str) -> tuple[httpx.Response, float]:
    """Send a probe; the chunked one streams its body (no Content-Length)."""
    if probe.name.startswith("chunked"):
        start = time.monotonic()
        r = client.post(base + probe.path, content=_chunks(3 * 1024 * 1024), headers=probe.headers)
        return r, time.monotonic() - start
    return probe.send(client, base)
