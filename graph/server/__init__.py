"""The managed local Neo4j: fetch the 5.26 LTS jars with Maven, then run them on Java 17.

For machines without Docker. Everything lives under ``settings.home``::

    neo4j/lib/        server, Browser and their runtime dependencies (from Maven Central)
    neo4j/conf/       neo4j.conf, written on every start from the settings
    data/             the databases; survives restarts
    logs/             neo4j.log, debug.log, console.log
    run/neo4j.pid     the running server's process id

- :mod:`.install`: the jars (Maven), the folders, jars shared between homes
- :mod:`.configuration`: ``neo4j.conf``, JVM options, memory limits
- :mod:`.process`: start, stop, kill, the pid, the log
- :mod:`.password`: the password the server is started with, kept beside the data

Callers use this package as one module (``from graph import server``; ``server.start(settings)``).
"""

from .configuration import JVM_OPTIONS, PROCEDURE_ALLOWLIST, heap_bytes, memory_limits, own_origin, write_conf
from .install import Paths, install, installed_version, java_binary, paths, share_jars
from .password import ensure_password
from .process import initialised, kill, log_tail, port_free, running_pid, start, stop

__all__ = [
    "JVM_OPTIONS",
    "PROCEDURE_ALLOWLIST",
    "Paths",
    "ensure_password",
    "heap_bytes",
    "initialised",
    "install",
    "installed_version",
    "java_binary",
    "kill",
    "log_tail",
    "memory_limits",
    "own_origin",
    "paths",
    "port_free",
    "running_pid",
    "share_jars",
    "start",
    "stop",
    "write_conf",
]
