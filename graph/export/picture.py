"""A picture of a subgraph (SVG and PNG, matplotlib): nodes coloured by type, arrows by relationship
type (dashed where denied or disputed), edge labels naming weapon systems and years, and a legend.

Edges between the same two entities with the same type are drawn as one arrow whose label sums
them up (``Shahed-136, Mohajer-6 2022–2023 (12)``). Labels are placed without overlaps: they start
at their anchors, are pushed apart (and off the node markers) by a vectorised repulsion in screen
space, joined to their anchor by a thin leader when they moved far, and a label that still
overlaps after that is left out (edge labels first, least important first). On big graphs only the
most connected nodes and the heaviest links are labelled; the caption says how many.
"""

from __future__ import annotations

import hashlib
import io
import math
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import orjson
from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .networkx_formats import interval
from .picture_layout import layout, overlapping, separate
from .selection import Subgraph, primary_label

NODE_COLOURS = {
    "Country": "#1f77b4",
    "Organization": "#ff7f0e",
    "Person": "#2ca02c",
    "Place": "#9467bd",
    "WeaponSystem": "#8c564b",
    "Report": "#7f7f7f",
}
EDGE_COLOURS = {
    "SUPPLIES": "#d62728",
    "MANUFACTURES": "#8c564b",
    "VISITED": "#2ca02c",
    "HOLDS_ROLE": "#17becf",
    "USED_AGAINST": "#000000",
    "LOCATED_IN": "#9467bd",
    "MENTIONS": "#bbbbbb",
}
MAX_NODE_LABELS = 90
MAX_EDGE_LABELS = 60


@dataclass
class Link:
    source: str
    target: str
    type: str
    count: int = 0
    weapons: Counter[str] = field(default_factory=Counter)
    years: list[int] = field(default_factory=list)
    statuses: set[str] = field(default_factory=set)
    disputed: bool = False
    roles: set[str] = field(default_factory=set)

    def label(self, max_weapons: int = 2) -> str:
        names = [w for w, _ in self.weapons.most_common(max_weapons)]
        more = len(self.weapons) - len(names)
        text = ", ".join(_short(w) for w in names) + (f" +{more}" if more > 0 else "")
        if self.roles and not text:
            text = ", ".join(_short(r, 28) for r in sorted(self.roles)[:2])
        if self.years:
            lo, hi = min(self.years), max(self.years)
            text += f" {lo}" if lo == hi else f" {lo}–{hi}"
        if self.count > 1:
            text += f" ({self.count})"
        return text.strip()


def _short(text: str, n: int = 22) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def links(sub: Subgraph) -> list[Link]:
    """Edges folded per (source, target, type), heaviest first."""
    out: dict[tuple[str, str, str], Link] = {}
    for e in sub.edges:
        p = e["props"]
        link = out.setdefault((e["source"], e["target"], e["type"]), Link(e["source"], e["target"], e["type"]))
        link.count += 1
        weapons = p.get("weapons") or ([p["weapon"]] if p.get("weapon") else [])
        link.weapons.update(weapons)
        span = interval(p)
        if span:
            link.years += [int(span[0][:4]), int(span[1][:4])]
        status = p.get("status")
        if status:
            link.statuses.add(status)
        link.disputed = link.disputed or bool(p.get("disputed"))
        if p.get("role"):
            link.roles.add(str(p["role"]))
    return sorted(out.values(), key=lambda k: (-k.count, k.source, k.target, k.type))


def render(sub: Subgraph, title: str | None = None) -> Figure:
    """The figure (a :class:`matplotlib.figure.Figure`, no global pyplot state)."""
    folded = links(sub)
    G = nx.MultiDiGraph()
    G.add_nodes_from((k, {"name": n["props"].get("name") or k}) for k, n in sub.nodes.items())
    for link in folded:
        G.add_edge(link.source, link.target)
    pos = layout(G, sub.params.get("around"))
    degree = dict(nx.Graph(G.to_undirected()).degree())
    n = max(G.number_of_nodes(), 1)
    side = float(min(30, max(11, 2.6 * math.sqrt(n + 0.4 * min(len(folded), MAX_EDGE_LABELS)))))
    fig = Figure(figsize=(side * 1.25, side), dpi=100)
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_axes((0.01, 0.04, 0.78, 0.9))
    ax.set_axis_off()
    keys = list(sub.nodes)
    pts = np.array([pos[k] for k in keys]) if keys else np.zeros((0, 2))
    if len(pts):
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        span = np.maximum(hi - lo, 1e-3)
        ax.set_xlim(lo[0] - 0.12 * span[0], hi[0] + 0.12 * span[0])
        ax.set_ylim(lo[1] - 0.08 * span[1], hi[1] + 0.08 * span[1])
    big = len(folded) > 400
    if big:  # thin straight lines, all in one collection (one artist, drawn in the links' order)
        ax.add_collection(
            LineCollection(
                [(pos[lk.source], pos[lk.target]) for lk in folded],
                colors=[EDGE_COLOURS.get(lk.type, "#555555") for lk in folded],
                linewidths=0.4,
                alpha=0.25,
                zorder=1,
            ),
            autolim=False,
        )
    for link in [] if big else folded:
        a, b = pos[link.source], pos[link.target]
        colour = EDGE_COLOURS.get(link.type, "#555555")
        dashed = link.disputed or "denied" in link.statuses
        width = 0.5 + min(3.0, math.log1p(link.count))
        reciprocal = G.has_edge(link.target, link.source)
        ax.annotate(
            "",
            xy=(b[0], b[1]),
            xytext=(a[0], a[1]),
            zorder=1,
            arrowprops={
                "arrowstyle": "-|>",
                "color": colour,
                "lw": width * 0.6,
                "alpha": 0.75,
                "shrinkA": 9,
                "shrinkB": 9,
                "linestyle": "--" if dashed else "-",
                "mutation_scale": 12,
                "connectionstyle": f"arc3,rad={0.15 if reciprocal else 0.0}",
            },
        )
    sizes = [40 + 25 * min(degree.get(k, 0), 20) for k in keys]
    colours = [NODE_COLOURS.get(primary_label(sub.nodes[k]["labels"]), "#333333") for k in keys]
    if len(pts):
        ax.scatter(pts[:, 0], pts[:, 1], s=sizes, c=colours, edgecolors="white", linewidths=1.0, zorder=3)
    labelled = sorted(keys, key=lambda k: (-degree.get(k, 0), k))[:MAX_NODE_LABELS]
    texts, anchors, priority = [], [], []
    for k in labelled:
        name = str(sub.nodes[k]["props"].get("name") or k)
        texts.append(
            ax.text(
                pos[k][0],
                pos[k][1],
                _short(name, 28),
                fontsize=9,
                fontweight="bold",
                ha="center",
                va="center",
                zorder=5,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
            )
        )
        anchors.append(pos[k])
        priority.append(2)
    edge_labelled = [lk for lk in folded if lk.label()][:MAX_EDGE_LABELS]
    for link in edge_labelled:
        # Toward the less connected end, away from the crowd around hubs.
        a, b = np.asarray(pos[link.source]), np.asarray(pos[link.target])
        t = 0.66 if degree.get(link.source, 0) >= degree.get(link.target, 0) else 0.34
        rad = 0.15 if G.has_edge(link.target, link.source) else 0.0
        d = b - a  # on the arc matplotlib draws (arc3: control point off the midpoint by rad * |d|)
        c = (a + b) / 2 + rad * np.array([d[1], -d[0]])
        mid = (1 - t) ** 2 * a + 2 * t * (1 - t) * c + t**2 * b
        texts.append(
            ax.text(
                mid[0],
                mid[1],
                link.label(),
                fontsize=7,
                ha="center",
                va="center",
                zorder=4,
                color=EDGE_COLOURS.get(link.type, "#555555"),
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.85},
            )
        )
        anchors.append(mid)
        priority.append(1)
    _place(fig, canvas, ax, texts, anchors, priority, pts, sizes)
    hidden_nodes = len(keys) - len(labelled)
    hidden_edges = len([lk for lk in folded if lk.label()]) - len(edge_labelled)
    caption = f"{len(sub.nodes)} entities, {len(sub.edges)} relationships ({len(folded)} links drawn)"
    if hidden_nodes > 0 or hidden_edges > 0:
        caption += (
            f"; labels on the {len(labelled)} most connected entities and the {len(edge_labelled)} heaviest links"
        )
    fig.text(
        0.01,
        0.01,
        caption + ". Edge labels: weapon systems, years, (number of deals/facts).",
        fontsize=8,
        color="#444444",
    )
    fig.suptitle(title or sub.title, x=0.4, y=0.985, fontsize=14, fontweight="bold")
    _legend(fig, sub)
    return fig


def _place(
    fig: Figure,
    canvas: FigureCanvasAgg,
    ax: Any,
    texts: list[Any],
    anchors: list[Any],
    priority: list[int],
    pts: np.ndarray,
    sizes: list[int],
) -> None:
    if not texts:
        return
    renderer = canvas.get_renderer()
    to_px = ax.transData
    boxes = []
    for t in texts:
        bb = t.get_window_extent(renderer)
        boxes.append([(bb.x0 + bb.x1) / 2, (bb.y0 + bb.y1) / 2, bb.width, bb.height])
    boxes_a = np.array(boxes)
    anchor_px = to_px.transform(np.array(anchors))
    side = np.sqrt(np.array(sizes, dtype=float)) * fig.dpi / 72.0 if len(pts) else np.zeros(0)
    obstacles = np.column_stack([to_px.transform(pts), side, side]) if len(pts) else np.zeros((0, 4))
    axbb = ax.get_window_extent(renderer)
    # Node labels start just above their marker, so the marker stays visible.
    is_node = np.array(priority) == 2
    boxes_a[is_node, 1] += boxes_a[is_node, 3] / 2 + 6
    xy = separate(boxes_a, anchor_px, obstacles, (axbb.x0, axbb.y0, axbb.x1, axbb.y1))
    wh = boxes_a[:, 2:] + 1.0
    order = sorted(range(len(texts)), key=lambda i: (priority[i], -i))
    shown = np.ones(len(texts), dtype=bool)
    for i in order:  # drop the least important labels that still overlap, one at a time
        idx = np.flatnonzero(shown)
        bad = overlapping(xy[idx], wh[idx], obstacles)
        pos_i = np.flatnonzero(idx == i)
        if len(pos_i) and bad[pos_i[0]]:
            shown[i] = False
    inv = to_px.inverted()
    for i, t in enumerate(texts):
        if not shown[i]:
            t.set_visible(False)
            continue
        t.set_position(inv.transform(xy[i]))
        if np.hypot(*(xy[i] - anchor_px[i])) > 14 and priority[i] == 1:
            a = inv.transform(anchor_px[i])
            b = inv.transform(xy[i])
            ax.plot([a[0], b[0]], [a[1], b[1]], color="#999999", lw=0.5, zorder=2)


def _legend(fig: Figure, sub: Subgraph) -> None:
    types = sorted({primary_label(n["labels"]) for n in sub.nodes.values()})
    rels = sorted({e["type"] for e in sub.edges})
    handles = [
        Line2D([], [], marker="o", ls="", color=NODE_COLOURS.get(t, "#333333"), markersize=9, label=t) for t in types
    ]
    handles += [Line2D([], [], color=EDGE_COLOURS.get(r, "#555555"), lw=2, label=r) for r in rels]
    handles.append(Line2D([], [], color="#555555", lw=1.5, ls="--", label="denied or disputed"))
    fig.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.8, 0.93),
        frameon=True,
        fontsize=10,
        title="Legend",
        title_fontsize=11,
    )


#: Pictures drawn lately, newest last: (subgraph digest, title) -> figure and the bytes saved from it.
_DRAWN: OrderedDict[tuple[str, str | None], dict[Any, Any]] = OrderedDict()
_DRAWN_MAX = 2
#: matplotlib's settings are global: one picture is drawn or saved at a time.
_LOCK = threading.Lock()


def digest(sub: Subgraph) -> str:
    """A fingerprint of everything a picture shows (title, selection, nodes, edges)."""
    data = orjson.dumps([sub.title, sub.params, sub.nodes, sub.edges], option=orjson.OPT_NON_STR_KEYS, default=str)
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def image(sub: Subgraph, fmt: str = "png", title: str | None = None, dpi: int = 110) -> bytes:
    """The picture as PNG or SVG bytes.

    The figure of the last few subgraphs drawn is kept, keyed by their content: the SVG and PNG
    of one subgraph (a report bundle holds both) share one layout and label placement.
    """
    key = (digest(sub), title)
    with _LOCK, rc_context({"svg.hashsalt": "armsgraph"}):  # the same ids each time
        drawn = _DRAWN.pop(key, None) or {"figure": render(sub, title)}
        _DRAWN[key] = drawn
        while len(_DRAWN) > _DRAWN_MAX:
            _DRAWN.popitem(last=False)
        if (fmt, dpi) not in drawn:
            buf = io.BytesIO()
            meta = {"Date": None} if fmt == "svg" else {"Software": None} if fmt == "png" else {}
            drawn["figure"].savefig(buf, format=fmt, dpi=dpi, facecolor="white", metadata=meta)
            drawn[fmt, dpi] = buf.getvalue()
        return drawn[fmt, dpi]  # type: ignore[no-any-return]


def png(sub: Subgraph) -> Iterator[bytes]:
    yield image(sub, "png")


def svg(sub: Subgraph) -> Iterator[bytes]:
    yield image(sub, "svg")
