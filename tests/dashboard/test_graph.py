"""The co-mention network: SQL pair counts equal a direct count, the layout is deterministic and draws
only the pairs above the minimum, and an ego network is centred on its actor."""

from __future__ import annotations

import itertools
from collections import Counter

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from dashboard import charts, graph, query

ACTORS = ["فلاديمير بوتين", "كيم جونغ أون", "الكرملين", "سيول", "روسيا", "إيران", "الأمم المتحدة", "ترامب"]
IDS = [f"e{i}" for i in range(len(ACTORS))]
TYPES = ["PERSON", "PERSON", "ORG", "GPE", "GPE", "GPE", "ORG", "PERSON"]


def random_mentions(seed: int = 3, passages: int = 300) -> pd.DataFrame:
    """Mentions of IDS in ``passages`` passages, a few actors each (some named twice), the popular first
    more often: pairs with weights from 1 to dozens."""
    rng = np.random.default_rng(seed)
    rows = []
    popularity = np.linspace(2.0, 0.3, len(IDS))
    popularity /= popularity.sum()
    for p in range(passages):
        doc = f"d{p // 5}"
        named = rng.choice(len(IDS), size=rng.integers(1, 5), p=popularity)  # repeats: named twice
        rows += [(doc, f"{doc}:p{p}", IDS[i], TYPES[i]) for i in named]
    return pd.DataFrame(rows, columns=["doc_id", "passage_id", "entity_id", "type"])


def direct_pairs(mentions: pd.DataFrame, ids) -> Counter:
    """Passages naming both, counted by hand: {(a, b): passages} with a < b."""
    ids = set(ids)
    count: Counter = Counter()
    for _, group in mentions.groupby("passage_id"):
        named = sorted(set(group["entity_id"]) & ids)
        count.update(itertools.combinations(named, 2))
    return count


MENTIONS = random_mentions()


@pytest.fixture
def con():
    """The mentions table the dashboard's queries read (a DuckDB table instead of Parquet views)."""
    c = duckdb.connect(":memory:")
    c.register("m_df", MENTIONS)
    c.execute("CREATE TABLE mentions AS SELECT *, 'f' AS _file, row_number() OVER () AS _row FROM m_df")
    c.unregister("m_df")
    return c


def nodes_of(mentions: pd.DataFrame) -> pd.DataFrame:
    counts = mentions.groupby("entity_id").size()
    return pd.DataFrame({
        "entity_id": IDS, "name_ar": ACTORS, "name_en": [f"Actor {i}" for i in range(len(IDS))], "type": TYPES,
        "mentions": [int(counts.get(e, 0)) for e in IDS],
    })


# ---------------------------------------------------------------- counts (query)


def test_co_mentions_weights_equal_a_direct_count_of_passages_naming_both(con):
    got = query.co_mentions(con, None, IDS)
    want = direct_pairs(MENTIONS, IDS)
    assert dict(zip(zip(got["source_id"], got["target_id"]), got["weight"])) == dict(want)
    assert (got["source_id"] < got["target_id"]).all()
    assert got["weight"].is_monotonic_decreasing
    assert got["weight"].max() > 5  # the fixture has heavy pairs, not only ones


def test_co_mentions_count_only_the_kept_passages_and_the_chosen_actors(con):
    kept_ids = sorted(MENTIONS["passage_id"].unique())[::3]
    sel = pa.table({"passage_id": kept_ids, "doc_id": [p.split(":")[0] for p in kept_ids]})
    got = query.co_mentions(con, sel, IDS[:4])
    kept = MENTIONS[MENTIONS["passage_id"].isin(kept_ids)]
    assert dict(zip(zip(got["source_id"], got["target_id"]), got["weight"])) == dict(direct_pairs(kept, IDS[:4]))


def test_co_mentions_match_the_pandas_reference(con):
    m = MENTIONS.assign(name_ar="", name_en="")
    ref = charts.cooccurrence_pairs(m, None, top_n=len(IDS))
    got = query.co_mentions(con, None, IDS)
    assert sorted(zip(ref["source_id"], ref["target_id"], ref["weight"])) == sorted(
        zip(got["source_id"], got["target_id"], got["weight"]))


def test_co_mentioned_with_ranks_the_neighbours_of_an_actor_by_passages_together(con):
    pairs = direct_pairs(MENTIONS, IDS)
    centre = "e3"
    together = {(b if a == centre else a): w for (a, b), w in pairs.items() if centre in (a, b)}
    want = sorted(together, key=lambda e: (-together[e], e))[:3]
    assert query.co_mentioned_with(con, None, centre, (), 3) == want
    assert centre not in query.co_mentioned_with(con, None, centre, (), 10)
    # Types cut the neighbours: only organisations.
    orgs = query.co_mentioned_with(con, None, centre, ("ORG",), 10)
    assert orgs and {TYPES[IDS.index(e)] for e in orgs} == {"ORG"}


# ---------------------------------------------------------------- thresholds


def test_strong_pairs_keep_pairs_of_the_actors_at_or_above_the_minimum_once_each():
    pairs = pd.DataFrame({"source_id": ["b", "a", "a", "c", "a"], "target_id": ["a", "c", "x", "c", "b"],
                          "weight": [4, 2, 9, 7, 4]})
    got = graph.strong_pairs(pairs, ["a", "b", "c"], 3)
    assert list(zip(got["source_id"], got["target_id"], got["weight"])) == [("a", "b", 4)]
    assert len(graph.strong_pairs(pairs, ["a", "b", "c"], 1)) == 2  # a-x: x not drawn; c-c: no self pair


@pytest.mark.parametrize("n_nodes", [2, 4, 8])
def test_auto_minimum_keeps_at_most_three_pairs_per_actor(con, n_nodes):
    pairs = query.co_mentions(con, None, IDS)
    threshold = graph.auto_min_weight(pairs, n_nodes)
    kept = (pairs["weight"] >= threshold).sum()
    assert kept <= graph.AUTO_EDGES_PER_NODE * n_nodes
    # The smallest such minimum: one less would keep too many (or it is already 1).
    assert threshold == 1 or (pairs["weight"] >= threshold - 1).sum() > graph.AUTO_EDGES_PER_NODE * n_nodes


def test_auto_minimum_is_one_when_few_pairs():
    pairs = pd.DataFrame({"source_id": ["a"], "target_id": ["b"], "weight": [40]})
    assert graph.auto_min_weight(pairs, 2) == 1
    assert graph.auto_min_weight(pairs.iloc[:0], 2) == 1


# ---------------------------------------------------------------- layout


def test_layout_has_one_node_per_actor_inside_the_square_and_edges_above_the_minimum_only(con):
    pairs = query.co_mentions(con, None, IDS)
    minimum = int(pairs["weight"].median())
    nodes, edges = graph.layout_network(nodes_of(MENTIONS), pairs, minimum)
    assert sorted(nodes["entity_id"]) == IDS and len(nodes) == len(IDS)
    assert nodes["x"].between(-1, 1).all() and nodes["y"].between(-1, 1).all()
    assert np.isclose(nodes["x"].abs().max(), 1) and np.isclose(nodes["y"].abs().max(), 1)  # fills the chart
    want = {k: w for k, w in direct_pairs(MENTIONS, IDS).items() if w >= minimum}
    assert dict(zip(zip(edges["source_id"], edges["target_id"]), edges["weight"])) == want
    # Each line starts and ends on its actors' circles; degree counts the lines drawn.
    at = nodes.set_index("entity_id")
    assert (edges["x"].to_numpy() == at.loc[edges["source_id"], "x"].to_numpy()).all()
    assert (edges["y2"].to_numpy() == at.loc[edges["target_id"], "y"].to_numpy()).all()
    ends = Counter(list(edges["source_id"]) + list(edges["target_id"]))
    assert at["degree"].to_dict() == {e: ends.get(e, 0) for e in IDS}


def test_layout_is_the_same_for_the_same_data_in_any_row_order(con):
    pairs = query.co_mentions(con, None, IDS)
    nodes = nodes_of(MENTIONS)
    a, ea = graph.layout_network(nodes, pairs, 2)
    b, eb = graph.layout_network(nodes.sample(frac=1, random_state=1), pairs.sample(frac=1, random_state=2), 2)
    # Pairs given the other way round (target < source) count as the same pairs.
    flipped = pairs.rename(columns={"source_id": "target_id", "target_id": "source_id"})
    c, _ = graph.layout_network(nodes, flipped, 2)
    for other in (b, c):
        pd.testing.assert_frame_equal(a, other)
    pd.testing.assert_frame_equal(ea, eb)


def test_pairs_under_the_minimum_do_not_move_the_actors(con):
    pairs = query.co_mentions(con, None, IDS)
    nodes = nodes_of(MENTIONS)
    strong = pairs[pairs["weight"] >= 5]
    a, _ = graph.layout_network(nodes, pairs, 5)
    b, _ = graph.layout_network(nodes, strong, 5)
    pd.testing.assert_frame_equal(a, b)


def test_joined_actors_sit_closer_than_unjoined_ones():
    # Two triangles and no line between them: each actor is nearer its own triangle.
    pairs = pd.DataFrame({"source_id": ["a", "a", "b", "x", "x", "y"], "target_id": ["b", "c", "c", "y", "z", "z"],
                          "weight": 5})
    nodes = pd.DataFrame({"entity_id": list("abcxyz"), "name_ar": "", "name_en": list("abcxyz"), "type": "GPE",
                          "mentions": 10})
    placed, _ = graph.layout_network(nodes, pairs)
    xy = placed.set_index("entity_id")[["x", "y"]]
    dist = lambda p, q: float(np.hypot(*(xy.loc[p] - xy.loc[q])))
    assert max(dist("a", "b"), dist("x", "y")) < min(dist("a", "x"), dist("b", "y"), dist("c", "z"))


def test_circles_do_not_overlap_on_the_drawing(con):
    pairs = query.co_mentions(con, None, IDS)
    nodes, _ = graph.layout_network(nodes_of(MENTIONS), pairs, 1)
    px = np.array(graph.PLOT_PX) / (2 * graph.DOMAIN)
    at = nodes[["x", "y"]].to_numpy() * px
    radii = np.sqrt(graph.node_areas(nodes["mentions"]) / np.pi)
    for i, j in itertools.combinations(range(len(nodes)), 2):
        assert np.hypot(*(at[i] - at[j])) >= radii[i] + radii[j] - 0.5, (nodes["entity_id"][i], nodes["entity_id"][j])


def test_an_ego_network_keeps_its_centre_in_the_middle(con):
    pairs = query.co_mentions(con, None, IDS)
    nodes, _ = graph.layout_network(nodes_of(MENTIONS), pairs, 1, centre="e5")
    centre = nodes.set_index("entity_id").loc["e5"]
    assert (centre["x"], centre["y"]) == (0.0, 0.0)


def test_layout_of_no_actor_or_one_actor():
    nodes, edges = graph.layout_network(pd.DataFrame(), pd.DataFrame())
    assert nodes.empty and edges.empty and list(nodes.columns) == graph.NODE_COLUMNS
    one = pd.DataFrame({"entity_id": ["a"], "name_ar": ["أ"], "name_en": ["A"], "type": ["PERSON"], "mentions": [3]})
    nodes, edges = graph.layout_network(one, pd.DataFrame(columns=graph.PAIR_COLUMNS))
    assert nodes[["x", "y", "degree"]].iloc[0].tolist() == [0.0, 0.0, 0] and edges.empty


@pytest.mark.timing
def test_layout_of_sixty_actors_takes_under_a_second():
    import time

    rng = np.random.default_rng(0)
    ids = [f"e{i:02d}" for i in range(60)]
    nodes = pd.DataFrame({"entity_id": ids, "name_ar": "", "name_en": ids, "type": "GPE",
                          "mentions": rng.integers(1, 5000, 60)})
    pairs = pd.DataFrame([(a, b, int(rng.integers(1, 500))) for a, b in itertools.combinations(ids, 2)],
                         columns=graph.PAIR_COLUMNS)
    start = time.perf_counter()
    graph.layout_network(nodes, pairs, graph.auto_min_weight(pairs, 60))
    assert time.perf_counter() - start < 1.0  # about 0.2 s; the bound leaves room for a loaded machine
