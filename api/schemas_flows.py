"""Response schemas of GET /flows (the map of arms flows)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from .schemas import EntityRef


class FlowEnd(EntityRef):
    country: str | None = Field(None, description="the country key the end stands in (absent: not on the map)")


class Flow(BaseModel):
    source: FlowEnd
    target: FlowEnd
    deals: int = Field(description="SUPPLIES facts of the pair in the window (register deals and told facts)")
    told: int = Field(description="of them, facts told by reports or claims files (not register deals)")
    tiv_delivered: float = Field(description="SIPRI TIV of delivered weapons, summed over the deals (millions)")
    first_year: int | None = None
    last_year: int | None = None
    statuses: dict[str, int] = Field(description="facts by status (a register deal: delivered or agreed)")


class FlowCountry(BaseModel):
    key: str
    name: str
    numeric: str | None = Field(None, description="ISO 3166 numeric code of the shape the map draws it on")
    placed_as: str | None = Field(None, description="a former state: the successor whose shape it is drawn on")
    shape_name: str | None = Field(None, description="no ISO numeric code: the shape's name in Natural Earth")


class Flows(BaseModel):
    country: EntityRef | None = None
    since: int | None = None
    until: int | None = None
    statuses: list[str] | None = None
    total: int = Field(description="every flow in the window")
    limit: int
    deals: int = Field(description="deals of every flow in the window")
    tiv_delivered: float = Field(description="delivered TIV of every flow in the window")
    flows: list[Flow]
    countries: list[FlowCountry]
