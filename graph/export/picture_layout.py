"""Where the picture puts things: the nodes' layout, and labels moved apart so that they do not overlap."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np


def layout(G: nx.Graph, root: str | None = None, seed: int = 7) -> dict[str, np.ndarray]:
    """A star around ``root`` (its neighbours on a circle, suppliers then recipients, by name; two
    alternating rings when crowded); else Kamada-Kawai on small graphs, a seeded spring layout on big ones."""
    if G.number_of_nodes() == 0:
        return {}
    if G.number_of_nodes() == 1:
        return {n: np.zeros(2) for n in G}
    U = nx.Graph(G.to_undirected())
    if root in U and all(n == root or U.has_edge(root, n) for n in U):
        others = sorted(
            (n for n in U if n != root), key=lambda n: (not G.has_edge(n, root), G.nodes[n].get("name", str(n)))
        )
        pos: dict[str, np.ndarray] = {str(root): np.zeros(2)}
        for i, n in enumerate(others):
            angle = math.pi / 2 - 2 * math.pi * i / len(others)
            r = 1.0 if len(others) <= 28 or i % 2 == 0 else 0.72
            pos[n] = np.array([r * math.cos(angle), r * math.sin(angle)])
        return pos
    if G.number_of_nodes() <= 150 and nx.is_connected(U):
        return nx.kamada_kawai_layout(U)  # type: ignore[no-any-return]
    k = 2.0 / math.sqrt(G.number_of_nodes())
    return nx.spring_layout(U, k=k, seed=seed, iterations=100)  # type: ignore[no-any-return]


def separate(
    boxes: np.ndarray,
    anchors: np.ndarray,
    obstacles: np.ndarray,
    bounds: tuple[float, ...],
    rounds: int = 400,
    pad: float = 2.0,
) -> np.ndarray:
    """Move label boxes (centre x, y, width, height in pixels) apart and off fixed obstacles.

    A vectorised repulsion: each round, every overlapping pair is pushed apart along the axis
    that frees it soonest; a weak spring pulls labels back to their anchors; boxes stay in bounds.
    """
    xy = boxes[:, :2].copy()
    wh = boxes[:, 2:] + pad
    n = len(xy)
    if n == 0:
        return xy
    x0, y0, x1, y1 = bounds
    half = (wh[:, None, :] + wh[None, :, :]) / 2  # centre distance below which two boxes overlap
    tie = (np.arange(n)[:, None] - np.arange(n)[None, :]) * 1e-6  # who moves which way when centres meet
    half2 = (wh[:, None, :] + obstacles[None, :, 2:]) / 2 if len(obstacles) else None
    lo, hi = np.array([x0, y0]) + wh / 2, np.array([x1, y1]) - wh / 2
    for _ in range(rounds):
        # Only the overlapping pairs (few, after the first rounds) are worked on.
        d = xy[:, None, :] - xy[None, :, :]
        over = half - np.abs(d)
        hit = (over[..., 0] > 0) & (over[..., 1] > 0)
        np.fill_diagonal(hit, False)
        push = np.zeros_like(xy)
        i, j = np.nonzero(hit)
        moved = len(i) > 0
        if moved:
            o = over[i, j]
            axis = np.argmin(o, axis=1)
            amount = o[np.arange(len(i)), axis] / 2 + 0.5
            dij = d[i, j]
            sign = np.sign(dij[np.arange(len(i)), axis] + tie[i, j])
            np.add.at(push, (i, axis), amount * sign)
        if half2 is not None:
            d2 = xy[:, None, :] - obstacles[None, :, :2]
            over2 = half2 - np.abs(d2)
            i2, j2 = np.nonzero((over2[..., 0] > 0) & (over2[..., 1] > 0))
            if len(i2):
                moved = True
                o2 = over2[i2, j2]
                axis2 = np.argmin(o2, axis=1)
                amount2 = o2[np.arange(len(i2)), axis2] + 0.5
                sign2 = np.where(d2[i2, j2, axis2] >= 0, 1.0, -1.0)
                np.add.at(push, (i2, axis2), amount2 * sign2)
        if not moved:
            break
        xy += np.clip(push, -25, 25) + 0.01 * (anchors - xy) * (np.abs(push).sum(axis=1) == 0)[:, None]
        np.clip(xy, lo, hi, out=xy)
    return xy


def overlapping(xy: np.ndarray, wh: np.ndarray, obstacles: np.ndarray) -> np.ndarray:
    """For each box, whether it overlaps another box or an obstacle."""
    d = np.abs(xy[:, None, :] - xy[None, :, :])
    hit = ((wh[:, None, :] + wh[None, :, :]) / 2 - d > 0.5).all(axis=2)
    np.fill_diagonal(hit, False)
    out = hit.any(axis=1)
    if len(obstacles):
        d2 = np.abs(xy[:, None, :] - obstacles[None, :, :2])
        out |= ((wh[:, None, :] + obstacles[None, :, 2:]) / 2 - d2 > 0.5).all(axis=2).any(axis=1)
    return out
