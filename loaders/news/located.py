"""Where a place lies (pure): places named as places in a sentence lie in their country."""

from __future__ import annotations

import re

from .. import entities as ent
from ..entities import Resolved
from .context import Context, Hit

_EVENT = re.compile(
    r"\b(?:visit\w*|arriv\w*|landed|land(?:s|ing)|touched down|trip|tour\w*|ceremony|held|met|meeting|talks|summit"
    r"|forum|sidelines|conference|ship(?:ped|ping|ment)|port of|attack\w*|strike\w*|struck|shell\w*|bomb\w*"
    r"|explosion|killed|based at|stationed|deployed|built|building|produced|manufactured|showed|displayed"
    r"|exhibited|parade)\b",
    re.I,
)


def locations(ctx: Context) -> list[Hit]:
    """Places used as places (``in Pyongyang``, ``the port of Najin``) lie in their country."""
    out: list[Hit] = []
    if not (ctx.weapons() or _EVENT.search(ctx.text)):
        return out  # a place named in passing ("a London-based think tank")
    for m in ctx.mentions:
        if m.kind == "place" and m.country is not None and not ctx.text.startswith("-based", m.end):
            out.append(Hit(m.entity, "LOCATED_IN", m.country, ctx.text, surfaces=[(m.entity, m.text)]))
    for site in re.finditer(
        r"\b([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?\s+(?:Airport|Air Base|Cosmodrome|Airfield))\s+(?:in|near)\s+",
        ctx.text,
    ):
        where = ctx.at(site.end())
        if where is not None and where.kind == "place" and where.country:
            name = site.group(1)
            out.append(Hit(Resolved(ent.slugify(name), name, "Place"), "LOCATED_IN", where.country, ctx.text))
    return out
