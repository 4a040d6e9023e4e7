"""The managed local Neo4j: fetch the 5.26 LTS jars with Maven, then run them on Java 17.

For machines without Docker. Everything lives under ``settings.home``::

    neo4j/lib/        server, Browser and their runtime dependencies (from Maven Central)
    neo4j/conf/       neo4j.conf, written on every start from the settings
    data/             the databases; survives restarts
    logs/             neo4j.log, debug.log, console.log
    run/neo4j.pid     the running server's process id
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from neo4j.exceptions import AuthError

from .browser_settings import browser_conf
from .config import Settings
from .errors import ServerError
from .password import ensure_password

MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"

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

POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>armsgraph.local</groupId>
  <artifactId>neo4j-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.neo4j</groupId><artifactId>neo4j</artifactId><version>{neo4j}</version>
    </dependency>
    <dependency>
      <groupId>org.neo4j.client</groupId><artifactId>neo4j-browser</artifactId><version>{browser}</version>
    </dependency>
  </dependencies>
</project>
"""


@dataclass(frozen=True)
class Paths:
    root: Path

    @property
    def lib(self) -> Path:
        return self.root / "neo4j" / "lib"

    @property
    def conf(self) -> Path:
        return self.root / "neo4j" / "conf"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def run(self) -> Path:
        return self.root / "run"

    @property
    def pidfile(self) -> Path:
        return self.run / "neo4j.pid"

    @property
    def marker(self) -> Path:
        return self.lib / ".installed"


def paths(settings: Settings) -> Paths:
    return Paths(settings.home.expanduser().resolve())


def installed_version(settings: Settings) -> str | None:
    """The Neo4j version in the cache, or ``None`` when ``install`` has not completed."""
    p = paths(settings)
    if not p.marker.exists():
        return None
    return p.marker.read_text().strip() or None


def share_jars(settings: Settings, source: Settings | None = None) -> None:
    """Link the jars of ``settings.home`` to those installed under ``source`` (default: the
    user's settings) when it has none, so a second server home (tests, benchmarks) does not
    fetch them again. Nothing happens when ``source`` has no completed install."""
    lib, shared = paths(settings).lib, paths(source or Settings()).lib
    if not lib.exists() and installed_version(source or Settings()) is not None:
        lib.parent.mkdir(parents=True, exist_ok=True)
        lib.symlink_to(shared)


def install(settings: Settings, echo: Callable[[str], None] = print) -> str:
    """Fetch Neo4j 5.26 (newest that resolves) and the Browser from Maven Central, once."""
    version = installed_version(settings)
    if version:
        echo(f"Neo4j {version} is already installed in {paths(settings).lib}")
        return version
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ServerError("Maven (mvn) is not installed; install it (apt-get install maven) and retry")
    p = paths(settings)
    work = p.root / "neo4j" / "maven"
    work.mkdir(parents=True, exist_ok=True)
    (work / "pom.xml").write_text(POM.format(neo4j=settings.neo4j_version, browser=settings.browser_version))
    staging = p.lib.with_name("lib.partial")
    shutil.rmtree(staging, ignore_errors=True)
    echo(f"Fetching Neo4j {settings.neo4j_version} and the Neo4j Browser from Maven Central (once)...")
    cmd = [
        mvn,
        "-B",
        "-q",
        "-Dmaven.artifact.threads=8",
        "dependency:copy-dependencies",
        f"-DoutputDirectory={staging}",
        "-DincludeScope=runtime",
    ]
    proc = subprocess.run(cmd, cwd=work, capture_output=True, text=True)
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
        raise ServerError(f"Maven could not fetch Neo4j (is Maven Central reachable?):\n{tail}")
    jars = sorted(staging.glob("neo4j-5.26.*.jar"))
    version = next((m.group(1) for j in jars if (m := re.fullmatch(r"neo4j-(5\.26\.\d+)\.jar", j.name))), None)
    if version is None:
        raise ServerError(f"Maven finished but no neo4j-5.26.x jar is in {staging}")
    shutil.rmtree(p.lib, ignore_errors=True)
    staging.rename(p.lib)
    p.marker.write_text(version + "\n")
    echo(f"Installed Neo4j {version} ({len(list(p.lib.glob('*.jar')))} jars) in {p.lib}")
    return version


def java_binary() -> str:
    """A Java 17 or 21 runtime: ``JAVA_HOME`` first, then the PATH."""
    candidates = []
    if os.environ.get("JAVA_HOME"):
        candidates.append(str(Path(os.environ["JAVA_HOME"]) / "bin" / "java"))
    candidates += [str(p) for p in sorted(Path("/usr/lib/jvm").glob("java-17*/bin/java"))]
    if found := shutil.which("java"):
        candidates.append(found)
    for java in candidates:
        try:
            out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30).stderr
        except (OSError, subprocess.TimeoutExpired):
            continue
        m = re.search(r'version "(\d+)', out)
        if m and int(m.group(1)) in (17, 21):
            return java
    raise ServerError("no Java 17 or 21 found: install openjdk-17-jre-headless or set JAVA_HOME")


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


def _env(settings: Settings) -> dict[str, str]:
    p = paths(settings)
    return {**os.environ, "NEO4J_HOME": str(p.root / "neo4j"), "NEO4J_CONF": str(p.conf)}


def running_pid(settings: Settings) -> int | None:
    p = paths(settings)
    try:
        pid = int(p.pidfile.read_text().strip())
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    cmdline = Path(f"/proc/{pid}/cmdline")
    if cmdline.exists() and MAIN_CLASS.encode() not in cmdline.read_bytes():
        return None
    return pid


def port_free(port: int) -> bool:
    """Whether a server could listen on ``port`` of 127.0.0.1 now (TIME_WAIT connections do not count)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def log_tail(settings: Settings, lines: int = 30) -> str:
    p = paths(settings)
    out = []
    for name in ("console.log", "neo4j.log"):
        f = p.logs / name
        if f.exists():
            text = f.read_text(errors="replace").splitlines()[-lines:]
            out.append(f"--- {f} ---\n" + "\n".join(text))
    return "\n".join(out) or "(no log written)"


def initialised(settings: Settings) -> bool:
    """Whether the data folder exists with its users (and so its password) set."""
    p = paths(settings)
    return (p.data / "dbms" / "auth.ini").exists() or (p.data / "databases" / "system").exists()


def _set_initial_password(settings: Settings, java: str) -> None:
    p = paths(settings)
    if initialised(settings):
        return
    cmd = [
        java,
        "-cp",
        str(p.lib / "*"),
        ADMIN_CLASS,
        "dbms",
        "set-initial-password",
        settings.neo4j_password.get_secret_value(),
    ]
    proc = subprocess.run(cmd, env=_env(settings), capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise ServerError(f"could not set the initial password: {(proc.stdout + proc.stderr).strip()[-800:]}")


def start(settings: Settings, echo: Callable[[str], None] = print) -> int:
    """Start the server (installing it first if needed); return its pid once Bolt answers."""
    from .db import open_driver, wrapped

    pid = running_pid(settings)
    if pid is not None:
        echo(f"Neo4j is already running (pid {pid})")
        return pid
    install(settings, echo)
    java = java_binary()
    for name, port in (("Bolt", settings.bolt_port), ("HTTP", settings.http_port)):
        if not port_free(port):
            raise ServerError(
                f"{name} port {port} on 127.0.0.1 is taken by another process; "
                f"stop it or set ARMSGRAPH_{name.upper()}_PORT"
            )
    write_conf(settings)
    ensure_password(settings, echo, data_exists=initialised(settings))
    _set_initial_password(settings, java)
    p = paths(settings)
    cmd = [
        java,
        f"-Xms{settings.heap}",
        f"-Xmx{settings.heap}",
        *JVM_OPTIONS,
        "-cp",
        str(p.lib / "*"),
        MAIN_CLASS,
        f"--home-dir={p.root / 'neo4j'}",
        f"--config-dir={p.conf}",
    ]
    with open(p.logs / "console.log", "ab") as console:
        proc = subprocess.Popen(
            cmd,
            env=_env(settings),
            stdout=console,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    p.pidfile.write_text(str(proc.pid))
    echo(f"Starting Neo4j (pid {proc.pid}), waiting for Bolt on 127.0.0.1:{settings.bolt_port}...")
    deadline = time.monotonic() + settings.start_timeout_s
    last_error = ""
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServerError(f"Neo4j exited with code {proc.returncode} while starting:\n{log_tail(settings)}")
        try:
            with open_driver(settings) as driver, wrapped():
                driver.verify_connectivity()
            echo(
                f"Neo4j is up: bolt://127.0.0.1:{settings.bolt_port}, "
                f"Browser http://127.0.0.1:{settings.http_port}/browser/"
            )
            return proc.pid
        except ServerError as e:
            if isinstance(e.__cause__, AuthError):
                stop(settings, echo=lambda _m: None)
                raise ServerError(
                    f"Neo4j refused the password (from {settings.password_source}): the data folder {p.data} "
                    "was initialised with another password. Set ARMSGRAPH_NEO4J_PASSWORD to it, or remove "
                    "the data folder."
                ) from e
            last_error = e.detail  # a locked user (auth rate limit) is waited out like a slow start
        time.sleep(0.5)
    stop(settings, echo=lambda _m: None)
    raise ServerError(f"Neo4j did not answer within {settings.start_timeout_s}s ({last_error}):\n{log_tail(settings)}")


def stop(settings: Settings, echo: Callable[[str], None] = print, timeout: float = 60) -> bool:
    """Stop gracefully (SIGTERM, then SIGKILL after ``timeout``). Return whether one was running."""
    pid = running_pid(settings)
    if pid is None:
        echo("Neo4j is not running")
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.2)
    else:
        os.kill(pid, signal.SIGKILL)
    paths(settings).pidfile.unlink(missing_ok=True)
    echo(f"Neo4j stopped (pid {pid})")
    return True


def kill(settings: Settings) -> None:
    """SIGKILL the server, as a crash would (used by crash-safety tests)."""
    pid = running_pid(settings)
    if pid is not None:
        os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
