"""Settings refuse development secrets in production; docker-compose.yml matches the settings."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from graph import server
from graph.db import open_driver
from graph.errors import ServerError
from graph.server import PROCEDURE_ALLOWLIST
from settings import DEV_PASSWORD, Settings

ROOT = Path(__file__).resolve().parents[2]


def test_production_refuses_default_secrets() -> None:
    with pytest.raises(ValueError, match="ARMSGRAPH_NEO4J_PASSWORD"):
        Settings(environment="production", neo4j_password=DEV_PASSWORD)
    with pytest.raises(ValueError, match="ARMSGRAPH_WRITE_KEY"):
        Settings(environment="production", neo4j_password="a-real-password")


def test_production_accepts_real_secrets() -> None:
    s = Settings(environment="production", neo4j_password="a-real-password", write_key="k" * 32, read_keys="r" * 32)
    assert s.read_key_set == {"r" * 32}


def test_short_password_refused() -> None:
    with pytest.raises(ValueError, match="at least 8"):
        Settings(neo4j_password="short")


@pytest.fixture
def no_password_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARMSGRAPH_NEO4J_PASSWORD", raising=False)


@pytest.mark.usefixtures("no_password_env")
def test_no_password_anywhere_is_not_a_settings_error(tmp_path: Path) -> None:
    s = Settings(home=tmp_path)
    assert s.neo4j_password.get_secret_value() == "" and s.password_source == "nowhere yet"
    with pytest.raises(ServerError, match=r"ARMSGRAPH_NEO4J_PASSWORD.*neo4j start"):
        open_driver(s)


@pytest.mark.usefixtures("no_password_env")
def test_first_start_generates_a_password_kept_with_mode_600(tmp_path: Path) -> None:
    said: list[str] = []
    s = Settings(home=tmp_path)
    server.ensure_password(s, said.append)
    password = s.neo4j_password.get_secret_value()
    kept = tmp_path / "neo4j-password"
    assert len(password) >= 20 and kept.read_text() == password + "\n"
    assert kept.stat().st_mode & 0o777 == 0o600
    assert len(said) == 1 and password in said[0] and str(kept) in said[0]
    assert s.password_source == str(kept)
    # Every later command reads it from there, and nothing is printed again.
    later = Settings(home=tmp_path)
    assert later.neo4j_password.get_secret_value() == password and later.password_source == str(kept)
    server.ensure_password(later, said.append)
    assert len(said) == 1
    assert Settings(home=tmp_path, neo4j_password="chosen-password").neo4j_password.get_secret_value() == (
        "chosen-password"
    ), "ARMSGRAPH_NEO4J_PASSWORD wins over the file"


def test_password_set_in_the_environment_writes_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARMSGRAPH_NEO4J_PASSWORD", "from-the-environment")
    s = Settings(home=tmp_path)
    server.ensure_password(s, lambda _m: pytest.fail("nothing to print"))
    assert not (tmp_path / "neo4j-password").exists()
    assert s.password_source == "ARMSGRAPH_NEO4J_PASSWORD"


@pytest.mark.usefixtures("no_password_env")
def test_an_existing_data_folder_without_a_known_password_is_explained(tmp_path: Path) -> None:
    (tmp_path / "data" / "dbms").mkdir(parents=True)
    (tmp_path / "data" / "dbms" / "auth.ini").write_text("")
    with pytest.raises(ServerError, match=r"ARMSGRAPH_NEO4J_PASSWORD.*armsgraph-dev-password"):
        s = Settings(home=tmp_path)
        server.ensure_password(s, print, data_exists=server.initialised(s))
    assert not (tmp_path / "neo4j-password").exists()


def test_managed_server_allows_only_its_own_web_origin(tmp_path: Path) -> None:
    s = Settings(home=tmp_path, http_port=17999)
    conf = server.write_conf(s).read_text().splitlines()
    assert "dbms.security.http_access_control_allow_origin=http://127.0.0.1:17999" in conf
    assert "client.allow_telemetry=false" in conf


def test_settings_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARMSGRAPH_BOLT_PORT", "7999")
    monkeypatch.setenv("ARMSGRAPH_NEO4J_URI", "neo4j+s://example.databases.neo4j.io")
    s = Settings()
    assert s.bolt_port == 7999
    assert s.neo4j_uri.startswith("neo4j+s://")


def test_compose_file_matches_settings() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    neo4j, api = services["neo4j"], services["api"]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert "127.0.0.1:7687:7687" in neo4j["ports"] and "127.0.0.1:7474:7474" in neo4j["ports"]
    assert "neo4j-data" in compose["volumes"]
    assert any(v.startswith("neo4j-data:") for v in neo4j["volumes"])
    assert "healthcheck" in neo4j and "healthcheck" in api
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert neo4j["environment"]["NEO4J_dbms_security_allow__csv__import__from__file__urls"] == "false"
    assert neo4j["environment"]["NEO4J_dbms_security_procedures_allowlist"] == PROCEDURE_ALLOWLIST
    # The HTTP port answers only the Browser's own origin (the published port), and no telemetry.
    env = neo4j["environment"]
    assert env["NEO4J_dbms_security_http__access__control__allow__origin"] == "http://127.0.0.1:7474"
    assert env["NEO4J_client_allow__telemetry"] == "false"
    # Every ARMSGRAPH_ variable the API gets is a real setting.
    fields = {f"ARMSGRAPH_{name.upper()}" for name in Settings.model_fields}
    assert set(api["environment"]) <= fields
    assert "ARMSGRAPH_NEO4J_PASSWORD" in api["environment"]
    assert "ARMSGRAPH_NEO4J_PASSWORD" in neo4j["environment"]["NEO4J_AUTH"]


@pytest.mark.usefixtures("no_password_env")
def test_serve_without_a_password_says_where_one_comes_from(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from api.cli import app

    monkeypatch.setenv("ARMSGRAPH_HOME", str(tmp_path))
    result = CliRunner().invoke(app, ["serve", "--port", "1"])
    assert result.exit_code == 3
    out = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert "no Neo4j password" in out and str(tmp_path / "neo4j-password") in out
