"""The ``armsgraph`` command line: a thin shell over the same functions the API calls.

One module per group of commands (:mod:`.data`, :mod:`.neo4j`, :mod:`.serve`, :mod:`.queries`,
:mod:`.analytics`, :mod:`.export`), each adding its commands to the one Typer ``app`` of
:mod:`.common`, where the settings, the connection, the exit codes and the printer live.
"""

from __future__ import annotations

# Each module adds its commands to app; the order of these imports is the order of --help.
# isort: off
from . import data, neo4j, serve, analytics, export, queries  # noqa: F401

# isort: on
from .common import app

__all__ = ["app", "main"]


def main() -> None:
    app()
