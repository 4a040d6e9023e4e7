"""`armsgraph up` as a process, on its own ports and its own ARMSGRAPH_HOME (no corpus load).

The first run generates the Neo4j password (kept in the home with mode 600, printed once), serves
the API, and runs a Neo4j whose HTTP port answers no foreign web origin; then SIGTERM stops the
API and Neo4j. The second run reads the kept password, prints none, and stops on SIGHUP. Between
the two, a few wrong logins lock the user and armsgraph says so.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from graph import server
from graph.db import Graph, open_driver
from graph.errors import Unavailable
from settings import Settings
from tests.support.loadgen import free_port

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
FOREIGN = "https://attacker.example"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat_file = Path(f"/proc/{pid}/stat")  # a zombie is gone for our purpose
    return not (stat_file.exists() and stat_file.read_text().split(") ")[-1].startswith("Z"))


class Up:
    """One `armsgraph up --no-samples` process and what it printed."""

    def __init__(self, home: Path):
        self.home = home
        self.bolt, self.http, self.api = free_port(), free_port(), free_port()
        self.log = home / f"up-{self.api}.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ARMSGRAPH_", "NEO4J_"))}
        env.update(
            ARMSGRAPH_HOME=str(home),
            ARMSGRAPH_BOLT_PORT=str(self.bolt),
            ARMSGRAPH_HTTP_PORT=str(self.http),
            ARMSGRAPH_NEO4J_URI=f"bolt://127.0.0.1:{self.bolt}",
            ARMSGRAPH_HEAP="256m",
            ARMSGRAPH_PAGECACHE="32m",
            PYTHONPATH=str(ROOT),
        )
        command = ["up", "--no-samples", "--port", str(self.api)]
        with self.log.open("wb") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", "from api.cli import main; main()", *command],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.api}"

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_ready(self, timeout: float = 120) -> int:
        """Wait for the API to serve (`up` serves only once Neo4j answers); return the Neo4j pid."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"up exited with {self.proc.returncode}:\n{self.output()[-3000:]}"
            try:
                last = httpx.get(self.base + "/openapi.json", timeout=10)
                if last.status_code == 200:
                    return int((self.home / "run" / "neo4j.pid").read_text())
            except httpx.TransportError as e:
                last = e
            time.sleep(0.3)
        raise AssertionError(f"up did not serve within {timeout}s ({last!r}):\n{self.output()[-3000:]}")

    def stop_with(self, signum: int, neo4j_pid: int, timeout: float = 60) -> None:
        self.proc.send_signal(signum)
        try:
            self.proc.wait(timeout)
        finally:
            if self.proc.poll() is None:  # never leave them running, whatever the test found
                self.proc.kill()
            if _pid_alive(neo4j_pid):
                os.kill(neo4j_pid, signal.SIGKILL)
                raise AssertionError(f"Neo4j (pid {neo4j_pid}) outlived `up`:\n{self.output()[-3000:]}")

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        pid = server.running_pid(Settings(home=self.home))
        if pid is not None:
            os.kill(pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("up-home")
    server.share_jars(Settings(home=home))
    yield home


def test_first_up_generates_password_refuses_foreign_origins_and_stops_on_sigterm(home: Path) -> None:
    up = Up(home)
    try:
        neo4j_pid = up.wait_ready()
        password_file = home / "neo4j-password"
        password = password_file.read_text().strip()
        assert len(password) >= 20
        assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
        out = up.output()
        assert out.count(password) == 1, "the generated password is printed once"
        assert f"password in {password_file}" in out, "the banner says where the Browser's password is"
        assert "armsgraph-dev-password" not in out
        health = httpx.get(up.base + "/health", timeout=60).json()
        assert health["status"] == "ok", "the API reads with the generated password"

        # Neo4j's HTTP API: no CORS grant for another origin, preflight or not.
        tx = f"http://127.0.0.1:{up.http}/db/neo4j/tx/commit"
        preflight = httpx.options(
            tx,
            headers={
                "Origin": FOREIGN,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization,content-type",
            },
            timeout=60,
        )
        post = httpx.post(
            tx,
            json={"statements": [{"statement": "RETURN 1"}]},
            headers={"Origin": FOREIGN},
            auth=("neo4j", password),
            timeout=60,  # the first transaction of a fresh server, on a busy machine
        )
        assert post.status_code == 200 and post.json()["results"][0]["data"][0]["row"] == [1]
        for r in (preflight, post):
            allowed = r.headers.get("access-control-allow-origin")
            assert allowed in (None, f"http://127.0.0.1:{up.http}"), (r.status_code, dict(r.headers))
        conf = (home / "neo4j" / "conf" / "neo4j.conf").read_text()
        assert "client.allow_telemetry=false" in conf

        up.stop_with(signal.SIGTERM, neo4j_pid)
        assert up.proc.returncode == 0, up.output()[-3000:]
        out = up.output()
        assert out.index("Neo4j stopped") > out.index("Press Ctrl-C"), "the API goes first, then Neo4j"
        assert not (home / "run" / "neo4j.pid").exists()
        for port in (up.bolt, up.http, up.api):
            assert server.port_free(port), f"port {port} is still taken"
    finally:
        up.kill()


def test_later_up_reads_the_kept_password_reports_a_locked_user_and_stops_on_sighup(home: Path) -> None:
    password_file = home / "neo4j-password"
    assert password_file.is_file(), "runs after the first test"
    password = password_file.read_text().strip()
    up = Up(home)
    try:
        neo4j_pid = up.wait_ready()
        assert password not in up.output(), "the password is printed only when it is generated"

        kept = Settings(home=home, neo4j_uri=f"bolt://127.0.0.1:{up.bolt}")
        assert kept.neo4j_password.get_secret_value() == password
        assert kept.password_source == str(password_file)
        wrong = Settings(home=home, neo4j_uri=kept.neo4j_uri, neo4j_password="not-the-password")
        for _ in range(3):
            with open_driver(wrong) as driver, pytest.raises(Unavailable, match="credentials"):
                Graph(driver).read("graph_version")
        with open_driver(kept) as driver, pytest.raises(Unavailable, match="locked the user") as locked:
            Graph(driver).read("graph_version")
        assert "failed logins" in locked.value.detail

        up.stop_with(signal.SIGHUP, neo4j_pid)
        assert up.proc.returncode == 0, up.output()[-3000:]
        for port in (up.bolt, up.http, up.api):
            assert server.port_free(port), f"port {port} is still taken"
    finally:
        up.kill()
