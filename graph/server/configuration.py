"""The managed server's configuration: neo4j.conf written from the settings on every start,
the JVM options and the memory limits.
"""

from __future__ import annotations

import re
from pathlib import Path

from settings import Settings

from ..errors import ServerError
from .browser import browser_conf
from .install import paths

#: Extensions (plugin procedures and functions) the server may load. armsgraph installs no
#: plugin; if an operator adds APOC, only its pure collection, text and math functions load,
#: never apoc.load.*, apoc.cypher.*, apoc.export.* or apoc.periodic.*. Built-in procedures are
#: not affected by this setting; the read-only Cypher endpoint has its own, shorter allowlist.
PROCEDURE_ALLOWLIST = "apoc.coll.*,apoc.text.*,apoc.math.*"


#: JVM options of the server. Neo4j's own start script takes these from the
#: ``server.jvm.additional`` lines of the neo4j.conf it ships; this module starts the JVM itself,
#: so it passes them here. Without the ``--add-opens`` the page cache falls back to a slower
#: path ("Reflection access to java.nio.DirectByteBuffer is not available"). The parallel
#: collector in place of G1: with the small heap of a local server on a 2-core machine, it
#: loaded the SIPRI register 15-20% faster with a warm server (bench/bench_load_sipri.py).
#: Neo4j ships ``-XX:+ExitOnOutOfMemoryError`` too; it is left out here (see :func:`memory_limits`).
JVM_OPTIONS = (
    "-XX:+UseParallelGC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
)


def heap_bytes(size: str) -> int:
    """A JVM memory size (``512m``, ``1g``, ``2048k``, ``1073741824``) in bytes."""
    m = re.fullmatch(r"\s*(\d+)\s*([kmgt]?)b?\s*", size.lower())
    if m is None:
        raise ServerError(f"heap size {size!r} is not a JVM memory size such as 512m or 2g")
    return int(m.group(1)) * 1024 ** "_kmgt".index(m.group(2) or "_")


def memory_limits(heap: str) -> dict[str, str]:
    """Per-transaction and global caps on the memory Neo4j tracks (collect, sort, distinct,
    aggregation, transaction state), sized to the heap: one transaction may take half, all running
    transactions together three quarters, so one over its share fails alone and leaves room for
    the others. (A quarter was too little for the whole-graph reads of a full register with its
    provenance: the graph dump of two merged exports needs over 128 MiB.)

    Neo4j does not count every value against these pools (a list comprehension or a string built
    by ``reduce`` is not counted), so the read-only Cypher endpoint refuses what could grow them
    without bound (:mod:`graph.readonly`), and the JVM runs without ``ExitOnOutOfMemoryError``:
    a query that still exhausts the heap fails with Neo4j's ``OutOfMemoryError`` status and the
    server goes on answering, where that option would end the process.
    """
    total = heap_bytes(heap)
    return {
        "db.memory.transaction.max": f"{max(total // 2 // 1024**2, 16)}m",
        "dbms.memory.transaction.total.max": f"{max(total * 3 // 4 // 1024**2, 32)}m",
    }


def own_origin(settings: Settings) -> str:
    """The web origin of the managed server's HTTP port (where its Browser is served)."""
    return f"http://127.0.0.1:{settings.http_port}"


def write_conf(settings: Settings) -> Path:
    p = paths(settings)
    for d in (p.conf, p.data, p.logs, p.run, p.root / "import", p.root / "plugins"):
        d.mkdir(parents=True, exist_ok=True)
    conf = {
        "server.default_listen_address": "127.0.0.1",
        "server.default_advertised_address": "127.0.0.1",
        "server.bolt.listen_address": f"127.0.0.1:{settings.bolt_port}",
        "server.bolt.advertised_address": f"127.0.0.1:{settings.bolt_port}",
        "server.http.listen_address": f"127.0.0.1:{settings.http_port}",
        "server.http.advertised_address": f"127.0.0.1:{settings.http_port}",
        "server.https.enabled": "false",
        "server.memory.heap.initial_size": settings.heap,
        "server.memory.heap.max_size": settings.heap,
        "server.memory.pagecache.size": settings.pagecache,
        **memory_limits(settings.heap),
        "dbms.security.auth_enabled": "true",
        "db.transaction.timeout": f"{settings.transaction_timeout_s}s",
        "dbms.security.allow_csv_import_from_file_urls": "false",
        "dbms.security.procedures.allowlist": PROCEDURE_ALLOWLIST,
        "dbms.usage_report.enabled": "false",
        # No web page of another origin may call the HTTP API (the default, '*', lets any page
        # send Cypher with the analyst's browser); the Browser itself is served from this origin.
        "dbms.security.http_access_control_allow_origin": own_origin(settings),
        # The Browser and Cypher Shell send no usage data. (browser.allow_outgoing_connections,
        # which would keep the Browser from fetching guides, is an Enterprise setting: Community
        # refuses to start with it. The Browser served here works offline without it.)
        "client.allow_telemetry": "false",
        **browser_conf(settings),
        "server.directories.data": str(p.data),
        "server.directories.logs": str(p.logs),
        "server.directories.run": str(p.run),
        "server.directories.import": str(p.root / "import"),
        "server.directories.plugins": str(p.root / "plugins"),
    }
    path = p.conf / "neo4j.conf"
    path.write_text(
        "# Written by armsgraph on every start; edit the settings, not this file.\n"
        + "".join(f"{k}={v}\n" for k, v in conf.items())
    )
    return path
