"""The graph model, read from ``model.yaml``: labels, relationship types, their ends.

Labels and relationship types enter Cypher text only through the enums defined here,
so a name that is not in the model can never reach a query.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

MODEL_FILE = Path(__file__).with_name("model.yaml")


@dataclass(frozen=True)
class RelType:
    name: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    fact: bool
    derived: bool = False  # computed from other relationships (ARMS_FLOW), never loaded


@dataclass(frozen=True)
class Model:
    labels: tuple[str, ...]
    entity_labels: tuple[str, ...]
    relationships: dict[str, RelType]
    statuses: tuple[str, ...]

    def allows(self, rel: str, source_label: str, target_label: str) -> bool:
        spec = self.relationships.get(rel)
        return spec is not None and source_label in spec.sources and target_label in spec.targets


@cache
def load_model(path: Path = MODEL_FILE) -> Model:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    labels = tuple(data["nodes"])
    entity_labels = tuple(k for k, v in data["nodes"].items() if v.get("entity", True))
    rels = {
        name: RelType(
            name, tuple(spec["from"]), tuple(spec["to"]), bool(spec.get("fact", True)), bool(spec.get("derived", False))
        )
        for name, spec in data["relationships"].items()
    }
    return Model(labels, entity_labels, rels, tuple(data["statuses"]))


MODEL = load_model()

#: Node labels of entities (everything but ``Report``).
EntityLabel = enum.StrEnum("EntityLabel", {name: name for name in MODEL.entity_labels})  # type: ignore[misc]
#: Every node label of the model.
Label = enum.StrEnum("Label", {name: name for name in MODEL.labels})  # type: ignore[misc]
#: Every relationship type of the model that is stored as loaded (derived types such as ARMS_FLOW
#: are left out: paths, projections and exports name only these).
RelationshipType = enum.StrEnum(  # type: ignore[misc]
    "RelationshipType", {name: name for name, r in MODEL.relationships.items() if not r.derived}
)
#: Relationship types that carry facts with provenance (all but ``MENTIONS``).
FactType = enum.StrEnum(  # type: ignore[misc]
    "FactType", {n: n for n, r in MODEL.relationships.items() if r.fact}
)
#: Claim status of a fact.
Status = enum.StrEnum("Status", {name: name for name in MODEL.statuses})  # type: ignore[misc]
