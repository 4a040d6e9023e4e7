"""Request and response schemas of the HTTP API."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ProblemModel(BaseModel):
    type: str = "about:blank"
    title: str
    status: int
    detail: str
    suggestions: list[str] | None = None
    errors: list[dict[str, Any]] | None = None


class Neo4jStatus(BaseModel):
    reachable: bool
    version: str | None = None
    edition: str | None = None
    uri: str
    nodes: dict[str, int] = Field(default_factory=dict)
    relationships: dict[str, int] = Field(default_factory=dict)
    error: str | None = None


class Health(BaseModel):
    status: str = Field(description="ok when Neo4j answers, degraded otherwise")
    neo4j: Neo4jStatus
