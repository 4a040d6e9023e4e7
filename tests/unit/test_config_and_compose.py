"""Settings refuse development secrets in production; docker-compose.yml matches the settings."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from graph.config import Settings
from graph.server import PROCEDURE_ALLOWLIST

ROOT = Path(__file__).resolve().parents[2]


def test_production_refuses_default_secrets() -> None:
    with pytest.raises(ValueError, match="ARMSGRAPH_NEO4J_PASSWORD"):
        Settings(environment="production")


def test_production_accepts_real_secrets() -> None:
    s = Settings(environment="production", neo4j_password="a-real-password", write_key="k" * 32, read_keys="r" * 32)
    assert s.read_key_set == {"r" * 32}


def test_short_password_refused() -> None:
    with pytest.raises(ValueError, match="at least 8"):
        Settings(neo4j_password="short")


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
    # Every ARMSGRAPH_ variable the API gets is a real setting.
    fields = {f"ARMSGRAPH_{name.upper()}" for name in Settings.model_fields}
    assert set(api["environment"]) <= fields
    assert "ARMSGRAPH_NEO4J_PASSWORD" in api["environment"]
    assert "ARMSGRAPH_NEO4J_PASSWORD" in neo4j["environment"]["NEO4J_AUTH"]
