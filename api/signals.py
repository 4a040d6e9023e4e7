"""Signals for ``armsgraph up``: SIGTERM and SIGHUP stop what it started, as Ctrl-C does."""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def stop_signals() -> Iterator[Callable[[object], None]]:
    """SIGTERM and SIGHUP (systemd, ``docker stop``, CI runners, a closed terminal) stop what
    ``up`` started as Ctrl-C does. While the API serves, the first one asks uvicorn to shut down
    (it returns); elsewhere (starting Neo4j, loading) it raises KeyboardInterrupt. Yields a
    function that tells the handlers which uvicorn server is running (None: none)."""
    serving: list[object] = []

    def handler(signum: int, frame: object) -> None:
        server_ = serving[0] if serving else None
        if server_ is not None and not getattr(server_, "should_exit", True):
            server_.should_exit = True  # type: ignore[attr-defined]
            return
        raise KeyboardInterrupt

    def serve_with(server_: object) -> None:
        serving[:] = [server_] if server_ is not None else []

    wanted = (signal.SIGTERM, signal.SIGHUP)
    previous = {sig: signal.signal(sig, handler) for sig in wanted}
    try:
        yield serve_with
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def hold_stop_signals() -> None:
    """While ``up`` stops what it started, a second SIGTERM or SIGHUP does not cut that short."""
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_IGN)
