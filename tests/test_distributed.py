"""The same build on a Dask LocalCluster writes partitioned tables equal to a local run's."""

import json
import sys
import types

import pandas as pd
import pytest

from data_pipeline.build import build, read_tables
from data_pipeline.schemas import TABLES

distributed = pytest.importorskip("distributed")

ARTICLES = [
    {"id": f"d{i:03d}", "title": "خبر", "published": "2024-06-18",
     "text": f"قال الرئيس الروسي فلاديمير بوتين، اليوم الثلاثاء، إن بلاده سترسل {i + 3} آلاف جندي إلى الحدود في عام 2025. "
             "وأعلنت وكالة تاس أن الاتفاق سيوقع في موسكو."}
    for i in range(40)
]


@pytest.fixture(scope="module")
def cluster_client():
    # Worker processes are spawned and re-import ``__main__``; an AppTest run earlier in the same session
    # leaves Streamlit's script module there, so give the spawn a plain one.
    saved_main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()
    sys.modules["__main__"] = saved_main


def test_cluster_build_equals_local_build(tmp_path, cluster_client):
    src = tmp_path / "a.jsonl"
    src.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in ARTICLES), encoding="utf-8")
    build([src], tmp_path / "local", workers=1)
    summary = build([src], tmp_path / "cluster", scheduler=cluster_client, partition_rows=50)
    assert summary.documents_processed == 40 and not summary.errors
    mentions_dir = tmp_path / "cluster" / "mentions.parquet"
    assert mentions_dir.is_dir() and len(list(mentions_dir.glob("part-*.parquet"))) >= 2
    local, cluster = read_tables(tmp_path / "local"), read_tables(tmp_path / "cluster")
    def printable(df):  # every value as text; bytes (the story MinHash) as hex, so astype(str) cannot fail
        return df.drop(columns=["input_path"], errors="ignore").map(
            lambda v: v.hex() if isinstance(v, bytes) else v).astype(str).reset_index(drop=True)

    for name in TABLES:
        pd.testing.assert_frame_equal(printable(local[name]), printable(cluster[name]), obj=name)
    assert local["documents"]["story_minhash"].map(len).gt(0).any()
    assert (local["quantities"]["value"] >= 3000).all()


def test_partitioned_tables_read_with_duckdb(tmp_path):
    duckdb = pytest.importorskip("duckdb")
    src = tmp_path / "a.jsonl"
    src.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in ARTICLES[:10]), encoding="utf-8")
    build([src], tmp_path / "out", workers=1, partition_rows=5)
    n = duckdb.sql(f"select count(distinct doc_id) from read_parquet('{tmp_path}/out/documents.parquet/*.parquet')").fetchall()[0][0]
    assert n == 10
    putin = duckdb.sql(
        f"select count(*) from read_parquet('{tmp_path}/out/mentions.parquet/*.parquet') where name_en = 'Vladimir Putin'"
    ).fetchall()[0][0]
    assert putin == 10
