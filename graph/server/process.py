"""The managed server's process: start (setting the initial password), stop, kill, its pid and its log.

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
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from neo4j.exceptions import AuthError

from settings import Settings

from ..errors import ServerError
from .configuration import JVM_OPTIONS, write_conf
from .install import install, java_binary, paths
from .password import ensure_password

MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"


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
    from ..db import open_driver, wrapped

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
