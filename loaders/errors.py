"""Errors raised by loaders. They say what is wrong and where (file, line, field)."""

from __future__ import annotations

from graph.errors import InvalidInput


class InputError(InvalidInput):
    """Input that cannot be loaded, with the file and, where known, the line and field."""

    def __init__(self, source: str, message: str, line: int | None = None, field: str | None = None):
        self.source = source
        self.line = line
        self.field = field
        self.reason = message
        where = source + (f":{line}" if line is not None else "") + (f" [{field}]" if field else "")
        super().__init__(f"{where}: {message}")
