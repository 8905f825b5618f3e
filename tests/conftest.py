import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_af8d0ac7418768f7.txt"
CORPUS = Path(os.environ.get("MARSAD_CORPUS", REPO.parent / "shared" / "corpora" / "news" / "ant-news-2018.jsonl.gz"))


@pytest.fixture(scope="session")
def seed_tables(tmp_path_factory):
    """The tables built from seeds/ by the real pipeline, once per test session."""
    from data_pipeline.build import build, read_tables

    out = tmp_path_factory.mktemp("seed_tables")
    summary = build([REPO / "seeds" / "000_af8d0ac7418768f7.txt"], out, workers=1, progress=False)
    assert summary.documents_read == 1 and not summary.errors, summary.report()
    return read_tables(out)


@pytest.fixture(scope="session")
def corpus_sample():
    """The first 300 real articles of the news corpus (skipped when ../shared/corpora is absent)."""
    if not CORPUS.exists():
        pytest.skip("news corpus not available")
    import gzip
    import json

    from data_pipeline.readers import make_document

    docs = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= 300:
                break
            docs.append(make_document(json.loads(line), f"corpus-{i}"))
    return docs
