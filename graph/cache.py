"""A small LRU cache of analytics results keyed by their parameters and the graph version.

Every write advances the graph version (``graph.writer.graph_version``), so a key that includes
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

    def __init__(self, maxsize: int = 128):
        self.maxsize = maxsize
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
                self._data[key] = value
                self._data.move_to_end(key)
                while len(self._data) > self.maxsize:
                    self._data.popitem(last=False)
        finally:
            with self._lock:
                del self._computing[key]
            done.set()
        return value, False

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        return len(self._data)
