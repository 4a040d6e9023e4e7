"""Settings and server configuration behind the read path's limits."""

from __future__ import annotations

import pytest

from graph import server
from graph.errors import ServerError
from settings import Settings


@pytest.mark.parametrize(
    ("heap", "tx", "total"),
    [("512m", "256m", "384m"), ("1g", "512m", "768m"), ("2G", "1024m", "1536m"), ("384M", "192m", "288m")],
)
def test_memory_caps_are_a_half_and_three_quarters_of_the_heap(heap: str, tx: str, total: str) -> None:
    assert server.memory_limits(heap) == {
        "db.memory.transaction.max": tx,
        "dbms.memory.transaction.total.max": total,
    }


def test_a_heap_size_that_is_not_one_is_refused() -> None:
    with pytest.raises(ServerError, match="512m"):
        server.heap_bytes("half a gig")


def test_the_managed_server_caps_transactions_and_does_not_exit_on_oom(tmp_path) -> None:  # type: ignore[no-untyped-def]
    conf = server.write_conf(Settings(home=tmp_path, heap="512m")).read_text()
    assert "db.memory.transaction.max=256m\n" in conf and "dbms.memory.transaction.total.max=384m\n" in conf
    assert not any("ExitOnOutOfMemoryError" in option for option in server.JVM_OPTIONS)


def test_reads_need_a_key_outside_development_unless_told_otherwise() -> None:
    prod = {"environment": "production", "neo4j_password": "p" * 12, "write_key": "w" * 12, "read_keys": "r" * 12}
    assert Settings(**prod).read_key_required is True  # type: ignore[arg-type]
    assert Settings(**prod, require_read_key=False).read_key_required is False  # type: ignore[arg-type]
    assert Settings().read_key_required is False
    assert Settings(require_read_key=True).read_key_required is True


def test_a_gate_answers_late_keeps_the_slot_until_the_call_ends_and_refuses_when_full() -> None:
    import asyncio
    import threading

    from api.gates import Busy, Gate
    from graph.errors import Unavailable

    gate = Gate("things", 2)
    stuck = threading.Event()

    async def scenario() -> None:
        with pytest.raises(Unavailable):
            await gate.run(lambda: stuck.wait(10), deadline=0.1)  # answered late; its slot stays taken
        assert (await gate.run(lambda: 1, deadline=1))[0] == 1  # the other slot still serves
        with pytest.raises(Unavailable):
            await gate.run(lambda: stuck.wait(10), deadline=0.1)
        with pytest.raises(Busy) as caught:
            await gate.run(lambda: 1, deadline=1)
        assert caught.value.retry_after >= 1
        stuck.set()  # the stuck calls end: their slots come back
        for _ in range(100):
            try:
                assert (await gate.run(lambda: 2, deadline=1))[0] == 2
                return
            except Busy:
                await asyncio.sleep(0.01)
        raise AssertionError("the slots never came back")

    asyncio.run(scenario())
