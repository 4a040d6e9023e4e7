"""Small LRU caches of answers, bounded by entries and, optionally, by total size.

:class:`ResultCache` keys analytics results by their parameters and the graph version: every write
advances the version (``Graph.version``), so a key that includes it can never return a result
computed before a load. :class:`AnswerCache` keeps query answers across writes instead: each answer
holds the version it was made at and the entities it depends on, and stays good while the writes
since touched none of them (:func:`graph.query.index_keeper.changed` says which they touched).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Set
from contextlib import contextmanager
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

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            old = self._data.pop(key, _MISSING)
            if old is not _MISSING and self.max_bytes is not None:
                self._bytes -= self._size_of(old)
            self._store(key, value)

    def pop(self, key: Hashable) -> None:
        with self._lock:
            old = self._data.pop(key, _MISSING)
            if old is not _MISSING and self.max_bytes is not None:
                self._bytes -= self._size_of(old)

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


#: What a changes lookup answers: the entity keys written between two versions, None when unknown.
Changed = Callable[[int, int], Set[str] | None]


#: How an answer is made: ``(body, version it holds for, entities it depends on or None)``.
Make = Callable[[], tuple[bytes, int, frozenset[str] | None]]


class AnswerCache:
    """Serialised answers by question: ``(body, version, depends_on, make)``; ``depends_on`` None
    means the answer may change with any write.

    An answer made at version ``v`` is given for version ``w > v`` when ``changed(v, w)`` is known
    and shares no key with ``depends_on`` (and is then kept as the answer at ``w``). Threads asking
    the same missing question at once make it once.

    While a write of this process is under way (:meth:`writing`), a question whose answer the write
    outdated gets the answer as of the last write done (a committed state) instead of waiting; when
    the write is done, :meth:`refresh` makes again, in the writer's thread, the answers it outdated
    (the most recently asked first), so the requests that follow a write see it without paying for it.
    """

    def __init__(self, maxsize: int = 4096, max_bytes: int | None = None):
        self._lru = ResultCache(maxsize, max_bytes, size_of=lambda entry: len(entry[0]))
        self._lock = threading.Lock()
        self._making: dict[Hashable, threading.Event] = {}
        self.kept_across_writes = 0
        self.given_while_writing = 0
        self.refreshed = 0
        self.writers = 0
        self.published = 0  # the version the last write of this process was refreshed to

    @property
    def hits(self) -> int:
        return self._lru.hits

    def __len__(self) -> int:
        return len(self._lru)

    def _valid(self, entry: Any, version: int, changed: Changed) -> bool:
        _body, made_at, depends_on, _make = entry
        if made_at >= version:
            return True  # made at this version, or at a later one this reader has not heard of yet
        if depends_on is None:
            return False
        touched = changed(made_at, version)
        return touched is not None and touched.isdisjoint(depends_on)

    def lookup(self, key: Hashable, version: int, changed: Changed) -> bytes | None:
        entry = self._lru.get(key)
        if entry is None:
            return None
        if not self._valid(entry, version, changed):
            if self.writers and self._valid(entry, self.published, changed):
                self.given_while_writing += 1  # the answer as of the last write done
                return entry[0]  # type: ignore[no-any-return]
            return None
        if entry[1] < version:
            self._lru.put(key, (entry[0], version, entry[2], entry[3]))
            self.kept_across_writes += 1
        return entry[0]  # type: ignore[no-any-return]

    def get_or_make(self, key: Hashable, version: int, changed: Changed, make: Make) -> bytes:
        while True:
            body = self.lookup(key, version, changed)
            if body is not None:
                return body
            with self._lock:
                running = self._making.get(key)
                if running is None:
                    done = self._making[key] = threading.Event()
                    break
            running.wait()
        try:
            return self._make_and_keep(key, make)
        finally:
            with self._lock:
                del self._making[key]
            done.set()

    def _make_and_keep(self, key: Hashable, make: Make) -> bytes:
        body, made_at, depends_on = make()
        entry = self._lru.get(key)
        if entry is None or entry[1] <= made_at:
            self._lru.put(key, (body, made_at, depends_on, make))
        return body

    @contextmanager
    def writing(self) -> Iterator[None]:
        with self._lock:
            self.writers += 1
        try:
            yield
        finally:
            with self._lock:
                self.writers -= 1

    def refresh(self, version: int, changed: Changed, budget_s: float = 2.0, most: int = 64) -> int:
        """Make again the kept answers that writes up to ``version`` outdated, the most recently
        asked first, at most ``most`` of them within ``budget_s``; returns how many."""
        with self._lru._lock:
            entries = list(reversed(self._lru._data.items()))
        deadline = time.monotonic() + budget_s
        made = 0
        for key, entry in entries:
            if made >= most or time.monotonic() > deadline:
                break
            if self._valid(entry, version, changed):
                continue
            with self._lock:
                if key in self._making:
                    continue
                done = self._making[key] = threading.Event()
            try:
                self._make_and_keep(key, entry[3])
                made += 1
            except Exception:  # a question that fails now is made again when next asked
                self._lru.pop(key)
            finally:
                with self._lock:
                    del self._making[key]
                done.set()
        self.refreshed += made
        self.published = max(self.published, version)
        return made

    def clear(self) -> None:
        self._lru.clear()
