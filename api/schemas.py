"""Request and response schemas of the HTTP API."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, field_validator

from loaders.claims import check_source_url


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


# --- query surface (entities, chains, paths, timeline, cypher, writes) ---


class EntityRef(BaseModel):
    key: str
    name: str | None = None
    type: str | None = None


class EntityHit(EntityRef):
    aliases: list[str] = Field(default_factory=list)
    score: float = Field(description="similarity of the best name or alias to q, 0 to 1")


class EntityPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[EntityHit]


class Statement(BaseModel):
    source: str = Field(description="Report key")
    title: str | None = None
    published: str | None = None
    source_url: str | None = None
    evidence: str | None = None
    status: str | None = None
    date: str | None = None


class Edge(BaseModel):
    """A fact edge with its provenance; SIPRI deals add order and delivery years and TIV."""

    type: str
    source: str
    target: str
    key: str | None = None
    status: str | None = None
    statuses: list[str] | None = None
    disputed: bool | None = None
    date: str | None = None
    year: int | None = None
    first_seen: str | None = None
    weapons: list[str] | None = None
    weapon_keys: list[str] | None = None
    source_type: str | None = None
    role: str | None = None
    order_year: int | None = None
    delivery_years: list[int] | None = None
    number_delivered: int | None = None
    number_ordered: int | None = None
    tiv_delivered: float | None = None
    weapon: str | None = None
    weapon_description: str | None = None
    sources: list[str] | None = None


class Relationship(Edge):
    direction: str = Field(description="out: the entity is the subject; in: the object")
    other: EntityRef
    statements: list[Statement]


class EntityDetail(EntityRef):
    aliases: list[str]
    total_relationships: int
    limit: int
    offset: int
    relationships: list[Relationship]


class ReportRef(BaseModel):
    key: str
    title: str | None = None
    published: str | None = None
    source_url: str | None = None


class ChainLink(BaseModel):
    source: str
    source_name: str | None = None
    target: str
    target_name: str | None = None
    deals: int = Field(description="SUPPLIES edges between the pair within the filters")
    first_year: int | None = None
    last_year: int | None = None
    tiv_delivered: float
    edges: list[Edge] = Field(description="the first edges of the pair, oldest first (`edges_per_link` of them)")


class Chain(BaseModel):
    hops: int
    entities: list[str] = Field(
        description="keys from the farthest supplier to the root (upstream) or from the root outwards (downstream)"
    )
    links: list[ChainLink] = Field(description="links from the root outwards")


class ChainPage(BaseModel):
    root: EntityRef
    direction: str
    sort: str = Field("deals", description="how links of one length are ranked: deals, tiv or name")
    total: int = Field(description="chains up to max_hops (counted up to 10,000)")
    capped: bool = Field(False, description="true when the count stopped at its cap: total is a lower bound")
    limit: int
    offset: int
    chains: list[Chain] = Field(description="shortest first; within a length, by the links' rank from the root out")
    reports: dict[str, ReportRef]


class TierLink(EntityRef):
    """A link from a tier's entity to an entity one hop nearer the root."""

    deals: int
    tiv_delivered: float
    first_year: int | None = None
    last_year: int | None = None


class TierEntity(EntityRef):
    deals: int = Field(description="SUPPLIES edges of its links to the tier before, within the filters")
    tiv_delivered: float
    first_year: int | None = None
    last_year: int | None = None
    feeds: list[TierLink] | None = Field(None, description="upstream: the entities of the tier before it supplies")
    fed_by: list[TierLink] | None = Field(None, description="downstream: the tier-before entities that supply it")


class Tier(BaseModel):
    hop: int = Field(description="hops from the root")
    total: int = Field(description="entities first reached at this hop")
    entities: list[TierEntity] = Field(description="ranked by sort; the page offset .. offset + limit")


class ChainTiers(BaseModel):
    root: EntityRef
    direction: str
    sort: str
    max_hops: int
    limit: int
    offset: int
    tiers: list[Tier]


class GraphPath(BaseModel):
    hops: int
    nodes: list[EntityRef]
    edges: list[Edge]


class PathResult(BaseModel):
    source: EntityRef
    target: EntityRef
    mode: str
    types: list[str]
    total: int = Field(0, description="shortest: every shortest path; all: paths up to max_hops (counted up to 10,000)")
    capped: bool = Field(False, description="true when the count stopped at its cap: total is a lower bound")
    limit: int = 10
    offset: int = 0
    paths: list[GraphPath] = Field(description="shortest first, then in entity order hop by hop")
    reports: dict[str, ReportRef]


class Timeline(BaseModel):
    entity: EntityRef
    total: int
    limit: int
    offset: int
    events: list[Relationship]


INT64 = (-(2**63), 2**63 - 1)


def _check_param(value: Any, depth: int = 0) -> None:
    """Parameters Neo4j can take: 64-bit integers, finite nesting."""
    if depth > 20:
        raise ValueError("params are nested too deeply")
    if isinstance(value, bool):
        return
    if isinstance(value, int) and not INT64[0] <= value <= INT64[1]:
        raise ValueError("integer parameters must fit in 64 bits")
    if isinstance(value, dict):
        for item in value.values():
            _check_param(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_param(item, depth + 1)


class CypherRequest(BaseModel):
    query: str = Field(min_length=1, max_length=20_000, description="one read-only Cypher statement")
    params: dict[str, Any] = Field(default_factory=dict, description="query parameters ($name)")

    @field_validator("params")
    @classmethod
    def _params_fit_neo4j(cls, value: dict[str, Any]) -> dict[str, Any]:
        _check_param(value)
        return value


class CypherResponse(BaseModel):
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool = Field(description="true when more rows existed than the row limit or the byte budget holds")
    elapsed_ms: float


class ReportRequest(BaseModel):
    text: str = Field(min_length=1, description="the report's text")
    published: str = Field(description="publication date YYYY-MM-DD", pattern=r"^\d{4}-\d{2}-\d{2}$")
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000, description="the report's address: http(s) only")

    @field_validator("url")
    @classmethod
    def _check_url(cls, value: str | None) -> str | None:
        return check_source_url(value)


class LoadSummary(BaseModel):
    files: list[str]
    documents: int
    facts: int
    deals: int
    skipped: list[str]
    quarantined: list[str]
    nodes_created: int | None = None
    relationships_created: int | None = None
    properties_set: int | None = None
    batches: int | None = None
