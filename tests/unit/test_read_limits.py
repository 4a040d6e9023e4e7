"""Settings and server configuration behind the read path's limits."""

from __future__ import annotations

import pytest

from graph import server
from graph.config import Settings
from graph.errors import ServerError


@pytest.mark.parametrize(
    ("heap", "tx", "total"),
    [("512m", "128m", "256m"), ("1g", "256m", "512m"), ("2G", "512m", "1024m"), ("384M", "96m", "192m")],
)
def test_memory_caps_are_a_quarter_and_a_half_of_the_heap(heap: str, tx: str, total: str) -> None:
    assert server.memory_limits(heap) == {
        "db.memory.transaction.max": tx,
        "dbms.memory.transaction.total.max": total,
    }


def test_a_heap_size_that_is_not_one_is_refused() -> None:
    with pytest.raises(ServerError, match="512m"):
        server.heap_bytes("half a gig")


def test_the_managed_server_caps_transactions_and_does_not_exit_on_oom(tmp_path) -> None:  # type: ignore[no-untyped-def]
    conf = server.write_conf(Settings(home=tmp_path, heap="512m")).read_text()
    assert "db.memory.transaction.max=128m\n" in conf and "dbms.memory.transaction.total.max=256m\n" in conf
    assert not any("ExitOnOutOfMemoryError" in option for option in server.JVM_OPTIONS)


def test_reads_need_a_key_outside_development_unless_told_otherwise() -> None:
    prod = {"environment": "production", "neo4j_password": "p" * 12, "write_key": "w" * 12, "read_keys": "r" * 12}
    assert Settings(**prod).read_key_required is True  # type: ignore[arg-type]
    assert Settings(**prod, require_read_key=False).read_key_required is False  # type: ignore[arg-type]
    assert Settings().read_key_required is False
    assert Settings(require_read_key=True).read_key_required is True
