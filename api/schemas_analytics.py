"""Response schemas of the network-analysis routes (/centrality, /communities, /dependence, /change)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Run(BaseModel):
    """How a result was computed: by which engine, from what, on how large a graph, how fast."""

    engine: str = Field(description="igraph (same answer as NetworkX, checked by the tests) or networkx")
    params: dict[str, Any] = Field(description="every parameter of the projection and the measure")
    nodes: int = Field(description="nodes in the projected graph")
    edges: int = Field(description="edges in the projected graph (parallel deals aggregated)")
    seconds: float = Field(description="time to project and compute (0 work when cached)")
    graph_version: int = Field(description="the graph version the result was computed on")
    cached: bool = Field(description="answered from the cache without recomputing")


class CentralityRow(BaseModel):
    key: str
    name: str
    label: str | None = None
    score: float
    rank: int = Field(description="1 for the highest score; equal scores share a rank")
    authority: float | None = Field(None, description="HITS only: authority score (score is the hub score)")


class Centrality(Run):
    measure: str
    rows: list[CentralityRow]


class Member(BaseModel):
    key: str
    name: str
    strength: float = Field(description="weighted degree in the slice")


class Community(BaseModel):
    community: int
    size: int
    members: list[Member]


class Communities(Run):
    modularity: float
    count: int = Field(description="number of communities (rows may be cut at top)")
    rows: list[Community]


class SupplierShare(BaseModel):
    key: str
    name: str
    share: float = Field(description="share of the recipient's supply in the window, 0..1")
    value: float = Field(description="what this supplier supplied, in the weight's unit")
    rank: int


class Dependence(Run):
    recipient: dict[str, Any]
    total: float = Field(description="everything the recipient received, in the weight's unit")
    hhi: float = Field(description="Herfindahl-Hirschman index of supplier shares: 1 = a single supplier")
    rows: list[SupplierShare]


class ChangeRow(BaseModel):
    key: str
    name: str
    before: float = Field(description="score in the first window (0 when absent)")
    after: float = Field(description="score in the second window (0 when absent)")
    delta: float = Field(description="after - before")
    rank_before: int | None = Field(None, description="rank in the first window (none when absent)")
    rank_after: int | None = Field(None, description="rank in the second window (none when absent)")


class Change(Run):
    measure: str
    rose: list[ChangeRow] = Field(description="the largest rises, largest first")
    fell: list[ChangeRow] = Field(description="the largest falls, largest first")
