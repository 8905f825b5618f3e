"""The co-mention network: which actors to draw, which pairs to join, and where each one sits.

Pure (numpy and pandas, no Streamlit). ``dashboard.query`` counts the mentions and the pairs in
SQL; this module keeps the pairs the analyst asked for (a minimum of co-mentions), places the
actors with a force layout and hands ``charts.network_chart`` two small frames:

- nodes: entity_id, name_ar, name_en, type, mentions, degree (pairs drawn), x, y;
- edges: source_id, target_id, weight (passages naming both), x, y, x2, y2.

The layout is deterministic: the same actors and pairs (in any row order) give the same
coordinates, on every run and machine (a fixed seed, node order by mentions then id, no
threads or BLAS in the loop). Each axis is scaled to fill [-1, 1].
"""

from __future__ import annotations

import numpy as np
import pandas as pd

NODE_COLUMNS = ["entity_id", "name_ar", "name_en", "type", "mentions", "degree", "x", "y"]
EDGE_COLUMNS = ["source_id", "target_id", "weight", "x", "y", "x2", "y2"]
PAIR_COLUMNS = ["source_id", "target_id", "weight"]

# Actors drawn: the page's slider goes up to MAX_ACTORS (the speed target is for 60) and opens on DEFAULT_ACTORS.
MAX_ACTORS = 60
DEFAULT_ACTORS = 30
SEED = 7
# The drawing (``charts.network_chart``): circles of NODE_AREA px² (least to most mentioned) on a plot
# of about PLOT_PX px showing [-DOMAIN, DOMAIN] on both axes. After the forces, circles closer than
# their radii and NODE_GAP_PX (room for a name) are pushed apart, in SPREAD_ROUNDS rounds at most.
NODE_AREA = (60.0, 1600.0)
PLOT_PX = (780, 640)
DOMAIN = 1.2
NODE_GAP_PX = 14
SPREAD_ROUNDS = 80
ITERATIONS = 300
GRAVITY = 0.08  # pull towards the middle: an actor with no pair drawn stays in the picture
LONE_GRAVITY = 4.0  # times GRAVITY for an actor with no line
# "auto" minimum of co-mentions: the smallest count that keeps at most this many pairs per actor
# drawn (60 actors can have 1,770 pairs; past about three a node the picture is a hairball).
AUTO_EDGES_PER_NODE = 3


def auto_min_weight(pairs: pd.DataFrame, n_nodes: int, per_node: int = AUTO_EDGES_PER_NODE) -> int:
    """The smallest minimum of co-mentions that keeps at most ``per_node * n_nodes`` pairs (at least 1).

    Pairs tied at the cut are all kept or all dropped, so the count can fall below the budget."""
    if pairs is None or pairs.empty:
        return 1
    budget = max(1, per_node * max(n_nodes, 1))
    weights = np.sort(pairs["weight"].to_numpy(dtype=np.int64))[::-1]
    if len(weights) <= budget:
        return 1
    # The weight of the first pair past the budget must go: keep strictly more than it.
    return int(weights[budget]) + 1


def strong_pairs(pairs: pd.DataFrame, node_ids, min_weight: int) -> pd.DataFrame:
    """The pairs between ``node_ids`` named together in at least ``min_weight`` passages, each once
    (source_id < target_id), strongest first (ties by ids)."""
    if pairs is None or pairs.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c == "weight" else object) for c in PAIR_COLUMNS})
    ids = set(map(str, node_ids))
    p = pairs[PAIR_COLUMNS].astype({"source_id": str, "target_id": str})
    swap = p["source_id"] > p["target_id"]
    p = p.assign(
        source_id=p["source_id"].where(~swap, p["target_id"]), target_id=p["target_id"].where(~swap, p["source_id"])
    )
    p = p[(p["source_id"] != p["target_id"]) & p["source_id"].isin(ids) & p["target_id"].isin(ids)]
    p = p.groupby(["source_id", "target_id"], as_index=False, sort=False)["weight"].max()
    p = p[p["weight"] >= int(min_weight)]
    p = p.sort_values(["weight", "source_id", "target_id"], ascending=[False, True, True], kind="stable")
    return p.astype({"weight": "int64"}).reset_index(drop=True)[PAIR_COLUMNS]


def force_layout(
    n: int, edges: np.ndarray, weights: np.ndarray, *, pinned: int | None = None, radii: np.ndarray | None = None,
    seed: int = SEED, iterations: int = ITERATIONS,
) -> np.ndarray:
    """Positions (n x 2, within [-1, 1]) of ``n`` nodes joined by ``edges`` (k x 2 node indexes).

    Fruchterman-Reingold: every pair of nodes repels, joined nodes attract (more for heavier
    edges, by log weight), a weak gravity holds loose nodes in, and the step shrinks each round.
    ``pinned`` (a node index) stays in the middle: the centre of an ego network. ``radii`` (px, per
    node): circles that would still touch on the drawing are then pushed apart (``_spread``).
    """
    if n == 0:
        return np.zeros((0, 2))
    if n == 1:
        return np.zeros((1, 2))
    rng = np.random.default_rng(seed)
    pos = rng.uniform(-1.0, 1.0, size=(n, 2))
    if pinned is not None:
        pos[pinned] = 0.0
    k = 2.0 / np.sqrt(n)  # the ideal distance between nodes in a square of side 2
    edges = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    weights = np.asarray(weights, dtype=float).reshape(-1)
    strength = np.log1p(weights) / np.log1p(weights.max()) if len(weights) else weights
    strength = 0.3 + 0.7 * strength  # the weakest pair drawn still pulls
    src, dst = (edges[:, 0], edges[:, 1]) if len(edges) else (np.zeros(0, int), np.zeros(0, int))
    # Hubs push harder (ForceAtlas2's degree-weighted repulsion): the well-connected core spreads out
    # instead of piling up in the middle, and its names stay readable.
    degree = np.bincount(edges.reshape(-1), minlength=n).astype(float) if len(edges) else np.zeros(n)
    mass = np.sqrt(np.outer(degree + 1, degree + 1))
    # An actor with no line drawn is held nearer: pushed by every hub and pulled by none, it would
    # otherwise fly to the edge and squeeze the connected actors into the middle.
    pull_in = np.where(degree == 0, LONE_GRAVITY, 1.0)
    temperature = 0.2
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt((delta**2).sum(axis=-1))
        np.fill_diagonal(dist, 1.0)
        dist = np.maximum(dist, 1e-3)
        repulse = k * k * mass / dist**2
        np.fill_diagonal(repulse, 0.0)
        disp = (delta * repulse[:, :, None]).sum(axis=1)
        if len(src):
            d = pos[src] - pos[dst]
            length = np.maximum(np.sqrt((d**2).sum(axis=1)), 1e-3)
            pull = d * (length * strength / k)[:, None]
            np.add.at(disp, src, -pull)
            np.add.at(disp, dst, pull)
        disp -= GRAVITY * pos * n * k * pull_in[:, None]
        size = np.maximum(np.sqrt((disp**2).sum(axis=1)), 1e-9)
        pos += disp / size[:, None] * np.minimum(size, temperature)[:, None]
        if pinned is not None:
            pos[pinned] = 0.0
        temperature -= cooling
    pos = _fill(pos, pinned)
    return np.round(_fill(_spread(pos, pinned, radii), pinned), 4)


def _fill(pos: np.ndarray, pinned: int | None) -> np.ndarray:
    """Centred (on the pinned node, if any) and scaled so each axis fills [-1, 1]: the chart is wider
    than tall, and a layout kept square would leave its sides empty while the middle crowds."""
    middle = pos[pinned] if pinned is not None else (pos.max(axis=0) + pos.min(axis=0)) / 2
    pos = pos - middle
    scale = np.abs(pos).max(axis=0)
    return pos / np.where(scale > 0, scale, 1.0)


def node_areas(mentions) -> np.ndarray:
    """Each actor's circle in px² (area proportional to mentions, NODE_AREA from least to most)."""
    m = np.asarray(mentions, dtype=float)
    top = max(float(m.max()), 1.0) if len(m) else 1.0
    return NODE_AREA[0] + (NODE_AREA[1] - NODE_AREA[0]) * m / top


def _spread(pos: np.ndarray, pinned: int | None, radii: np.ndarray | None, rounds: int = SPREAD_ROUNDS) -> np.ndarray:
    """Circles that would touch on a PLOT_PX plot pushed apart, half the shortfall each, a few rounds:
    the forces leave hubs almost on top of each other, with their names over one another.
    ``radii`` in px (None: the smallest circle's)."""
    n = len(pos)
    if n < 2:
        return pos
    px = np.array(PLOT_PX, dtype=float) / (2 * DOMAIN)  # px per layout unit, x and y
    radii = np.full(n, np.sqrt(NODE_AREA[0] / np.pi)) if radii is None else np.asarray(radii, dtype=float)
    need = radii[:, None] + radii[None, :] + NODE_GAP_PX
    at = pos * px
    for _ in range(rounds):
        delta = at[:, None, :] - at[None, :, :]
        dist = np.sqrt((delta**2).sum(axis=-1))
        np.fill_diagonal(dist, np.inf)
        short = np.maximum(need - dist, 0.0)
        np.fill_diagonal(short, 0.0)
        if not short.any():
            break
        # Two nodes on the same spot: apart along a direction that depends on their indexes only.
        same = dist < 1e-9
        if same.any():
            i, j = np.nonzero(same)
            angle = (i * 7 + j * 13) % 360 * np.pi / 180
            delta[i, j] = np.column_stack([np.cos(angle), np.sin(angle)]) * np.sign(j - i)[:, None]
            dist = np.where(same, 1.0, dist)
        push = (delta / dist[:, :, None] * (short / 2)[:, :, None]).sum(axis=1)
        if pinned is not None:
            push[pinned] = 0.0
        at = np.clip(at + push, -px, px)
    return at / px


def layout_network(
    nodes: pd.DataFrame, pairs: pd.DataFrame, min_weight: int = 1, centre: str | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(nodes, edges) as ``charts.network_chart`` draws them (see the module docstring).

    ``nodes``: one row per actor (entity_id, name_ar, name_en, type, mentions); ``pairs``:
    source_id, target_id, weight, any order and direction. Only pairs of these actors named
    together in ``min_weight`` passages or more become edges, and only they shape the layout.
    ``centre``: an actor's id, kept in the middle (an ego network).
    """
    cols = ["entity_id", "name_ar", "name_en", "type", "mentions"]
    if nodes is None or nodes.empty:
        empty_nodes = pd.DataFrame({c: pd.Series(dtype="float64" if c in ("x", "y") else object) for c in NODE_COLUMNS})
        empty_edges = pd.DataFrame({c: pd.Series(dtype="int64" if c == "weight" else "float64") for c in EDGE_COLUMNS})
        return empty_nodes, empty_edges.astype({"source_id": object, "target_id": object})
    # The order the layout sees does not depend on the order the rows came in.
    n = nodes[cols].drop_duplicates("entity_id").assign(entity_id=lambda d: d["entity_id"].astype(str))
    n = n.sort_values(["mentions", "entity_id"], ascending=[False, True], kind="stable").reset_index(drop=True)
    edges = strong_pairs(pairs, n["entity_id"], min_weight)
    index = pd.Series(np.arange(len(n)), index=n["entity_id"])
    ends = np.column_stack([index[edges["source_id"]].to_numpy(), index[edges["target_id"]].to_numpy()]) if len(
        edges) else np.zeros((0, 2), dtype=np.int64)
    pinned = int(index[centre]) if centre is not None and centre in index.index else None
    radii = np.sqrt(node_areas(n["mentions"]) / np.pi)
    pos = force_layout(len(n), ends, edges["weight"].to_numpy(), pinned=pinned, radii=radii)
    degree = np.bincount(ends.reshape(-1), minlength=len(n)) if len(ends) else np.zeros(len(n), dtype=np.int64)
    n = n.assign(mentions=n["mentions"].astype("int64"), degree=degree.astype("int64"), x=pos[:, 0], y=pos[:, 1])
    edges = edges.assign(
        x=pos[ends[:, 0], 0] if len(ends) else [], y=pos[ends[:, 0], 1] if len(ends) else [],
        x2=pos[ends[:, 1], 0] if len(ends) else [], y2=pos[ends[:, 1], 1] if len(ends) else [],
    )
    return n[NODE_COLUMNS], edges[EDGE_COLUMNS]
