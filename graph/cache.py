"""A small LRU cache of answers (analytics results, serialised query replies) keyed by their
parameters and the graph version, bounded by entries and, optionally, by total size.

Every write advances the graph version (``Graph.version``), so a key that includes
it can never return a result computed before a load: the load changes the key.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


_MISSING = object()


class ResultCache:
    """``get_or_compute(key, compute)``: the stored value for ``key``, else ``compute()`` stored.

    Threads asking for the same missing key at once compute it once: the first computes, the
    others wait for its value (or, if it fails, one of them tries again).
    """

    def __init__(self, maxsize: int = 128, max_bytes: int | None = None, size_of: Callable[[Any], int] = len):
        """``max_bytes``: bound on the summed ``size_of(value)`` (None: entries only; 0: keep nothing)."""
        self.maxsize = maxsize
        self.max_bytes = max_bytes
        self._size_of = size_of
        self._bytes = 0
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Event] = {}
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, default: Any = None) -> Any:
        """The stored value for ``key`` (counted as a hit), else ``default``; never computes."""
        with self._lock:
            value = self._data.get(key, _MISSING)
            if value is _MISSING:
                return default
            self._data.move_to_end(key)
            self.hits += 1
            return value

    def get_or_compute(self, key: Hashable, compute: Callable[[], T]) -> tuple[T, bool]:
        """``(value, cached)``; ``cached`` tells whether it came from the cache."""
        while True:
            with self._lock:
                if key in self._data:
                    self._data.move_to_end(key)
                    self.hits += 1
                    return self._data[key], True
                running = self._computing.get(key)
                if running is None:
                    done = self._computing[key] = threading.Event()
                    break
            running.wait()
        try:
            value = compute()
            with self._lock:
                self.misses += 1
                self._store(key, value)
        finally:
            with self._lock:
                del self._computing[key]
            done.set()
        return value, False

    def _store(self, key: Hashable, value: Any) -> None:
        size = self._size_of(value) if self.max_bytes is not None else 0
        if self.max_bytes is not None and size > self.max_bytes:
            return  # larger than the whole budget: answered, not kept
        self._data[key] = value
        self._data.move_to_end(key)
        self._bytes += size
        while len(self._data) > self.maxsize or (self.max_bytes is not None and self._bytes > self.max_bytes):
            _, old = self._data.popitem(last=False)
            if self.max_bytes is not None:
                self._bytes -= self._size_of(old)

    @property
    def nbytes(self) -> int:
        """Summed size of the kept values (0 when the cache is bounded by entries only)."""
        return self._bytes

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._data)
