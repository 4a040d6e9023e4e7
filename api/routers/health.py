"""GET /health: is Neo4j reachable, which version, how much is in the graph."""

from __future__ import annotations

from fastapi import APIRouter

from graph.errors import ArmsgraphError
from graph.schema import counts, server_info

from ..deps import GraphDep, SettingsDep
from ..schemas import Health, Neo4jStatus

router = APIRouter(tags=["health"])


@router.get("/health", summary="Service and Neo4j status with counts by label and type", response_model=Health)
def health(graph: GraphDep, settings: SettingsDep) -> Health:
    try:
        info = server_info(graph)
        c = counts(graph)
    except ArmsgraphError as e:
        return Health(status="degraded", neo4j=Neo4jStatus(reachable=False, uri=settings.neo4j_uri, error=e.detail))
    return Health(
        status="ok",
        neo4j=Neo4jStatus(
            reachable=True,
            version=info.get("version"),
            edition=info.get("edition"),
            uri=settings.neo4j_uri,
            nodes=c["nodes"],
            relationships=c["relationships"],
        ),
    )
