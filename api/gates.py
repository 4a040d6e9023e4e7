"""Small concurrency limits for expensive reads (read-only Cypher, exports), with deadlines.

A :class:`Gate` runs its calls in threads of its own, at most ``slots`` at once, so that
calls blocked in the driver (a query Neo4j does not interrupt) can never take the threads the
rest of the API runs on. A request that finds every slot taken is answered 429 at once, with
``Retry-After``. A request waits for its call at most ``deadline`` seconds; past it, it is
answered and the slot stays taken until the call really ends, so that abandoned queries cannot
pile up on the server either. The threads are daemons: one stuck in the driver does not hold up
the end of the process.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from graph.errors import ArmsgraphError, Unavailable

T = TypeVar("T")


class Busy(ArmsgraphError):
    """Every slot of a gate is taken; the answer carries ``Retry-After``."""

    status_code = 429
    title = "Too many requests"

    def __init__(self, detail: str, retry_after: int = 2):
        super().__init__(detail)
        self.retry_after = retry_after


class Slot:
    """One taken slot; :meth:`release` frees it once, however often it is called."""

    def __init__(self, free: threading.BoundedSemaphore):
        self._free = free
        self._lock = threading.Lock()
        self._held = True

    def release(self, *_args: Any) -> None:
        with self._lock:
            if self._held:
                self._held = False
                self._free.release()


class Gate:
    def __init__(self, name: str, slots: int, retry_after: int = 2):
        self.name = name
        self.slots = slots
        self.retry_after = retry_after
        self._free = threading.BoundedSemaphore(slots)

    def take(self) -> Slot:
        if not self._free.acquire(blocking=False):
            raise Busy(
                f"{self.slots} {self.name} already running: retry in {self.retry_after} s",
                retry_after=self.retry_after,
            )
        return Slot(self._free)

    async def run(
        self, fn: Callable[[], T], *, deadline: float, keep: bool = False, late: ArmsgraphError | None = None
    ) -> tuple[T, Slot]:
        """``fn()`` in a worker thread, in a slot. Past ``deadline`` seconds raise ``late`` (a 503 by
        default); the slot is freed when ``fn`` ends. With ``keep`` the slot stays taken after a
        success, for the caller to release (a streamed answer, when the stream ends)."""
        slot = self.take()
        future: Future[T] = Future()
        future.set_running_or_notify_cancel()  # running: a request that gives up cannot cancel it

        def work() -> None:
            try:
                future.set_result(fn())
            except BaseException as e:
                future.set_exception(e)

        try:
            threading.Thread(target=work, name=f"gate-{self.name}", daemon=True).start()
        except BaseException:
            slot.release()
            raise
        try:
            result = await asyncio.wait_for(asyncio.wrap_future(future), deadline)
        except TimeoutError:
            future.add_done_callback(slot.release)
            raise late or Unavailable(f"no answer within {deadline:g} s") from None
        except BaseException:
            future.add_done_callback(slot.release)
            raise
        if not keep:
            slot.release()
        return result, slot
