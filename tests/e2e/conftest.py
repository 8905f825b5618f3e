"""Fixtures for the headless-Chromium tests: dashboards on temporary datasets, a browser.

Each dataset is built by the real pipeline (``marsad build``) into a temporary
folder and served by a real ``streamlit run`` on a free port of 127.0.0.1:

- ``seed_url``: the seed article (read-only: nothing uploads to it);
- ``hostile_url``: the seed plus ``hostile_article.txt`` (script, iframe, style,
  remote images, Markdown links ... as article text);
- ``upload_url``: a copy of the seed tables per test module, for the upload page
  (refusals leave it unchanged; the one accepted upload adds a document);
- ``corpus_url``: the first 2,000 articles of the ANT news corpus (``../shared/corpora/news/``,
  or ``MARSAD_CORPUS``), else the shipped 1,000-article sample in ``seeds/``.

The tests skip when ``/usr/bin/chromium`` is absent, except in CI (``CI`` set),
where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from scripts.browser import CHROMIUM, RENDER_TIMEOUT_MS, VIEWPORT, build_tables, launch_chromium, serve

# Every `expect` waits for its condition as long as a page may take to render on a shared, loaded
# machine (Playwright's 5 s default failed a filter change that reran behind a busy build).
expect.set_options(timeout=RENDER_TIMEOUT_MS)

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
HOSTILE_ARTICLE = HERE / "hostile_article.txt"


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists() or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is absent (install Debian's chromium: scripts/setup.sh)")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def seed_tables(tmp_path_factory) -> Path:
    return build_tables([REPO / "seeds" / "000_af8d0ac7418768f7.txt"], tmp_path_factory.mktemp("seed") / "tables")


@pytest.fixture(scope="session")
def hostile_tables(tmp_path_factory) -> Path:
    inputs = tmp_path_factory.mktemp("hostile_inputs")
    for path in [*sorted((REPO / "seeds").glob("*.txt")), HOSTILE_ARTICLE]:
        shutil.copy(path, inputs / path.name)
    return build_tables([inputs], tmp_path_factory.mktemp("hostile") / "tables")


@pytest.fixture(scope="session")
def seed_url(seed_tables, tmp_path_factory):
    with serve(seed_tables, tmp_path_factory.mktemp("logs") / "seed.log") as url:
        yield url


@pytest.fixture(scope="session")
def hostile_url(hostile_tables, tmp_path_factory):
    with serve(hostile_tables, tmp_path_factory.mktemp("logs") / "hostile.log") as url:
        yield url


@pytest.fixture(scope="module")
def upload_url(seed_tables, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("upload")
    data = tmp / "tables"
    shutil.copytree(seed_tables, data)
    with serve(data, tmp / "server.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is absent and CI is set: the browser tests must run in CI")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport=VIEWPORT, accept_downloads=True, locale="ar")
    ctx.set_default_timeout(30_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()


# The real-corpus fixture: enough articles for ranking, paging and date windows to mean something.
CORPUS = Path(os.environ.get("MARSAD_CORPUS", REPO.parent / "shared" / "corpora" / "news" / "ant-news-2018.jsonl.gz"))
SAMPLE = REPO / "seeds" / "ant-news-2018-sample.jsonl.gz"
CORPUS_ARTICLES = 2_000


def first_articles(source: Path, n: int, out: Path) -> Path:
    """The first ``n`` lines of the gzipped JSONL ``source``, written as a plain JSONL at ``out``."""
    import gzip
    import itertools

    with gzip.open(source, "rt", encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        dst.writelines(itertools.islice(src, n))
    return out


@pytest.fixture(scope="session")
def corpus_tables(tmp_path_factory) -> Path:
    """Tables of the first 2,000 articles of the ANT news corpus (``MARSAD_CORPUS`` overrides its
    path), or of the shipped 1,000-article sample when the corpus is absent (as in CI)."""
    tmp = tmp_path_factory.mktemp("corpus")
    source = first_articles(CORPUS, CORPUS_ARTICLES, tmp / "articles.jsonl") if CORPUS.exists() else SAMPLE
    return build_tables([source], tmp / "tables")


@pytest.fixture(scope="session")
def corpus_url(corpus_tables, tmp_path_factory):
    with serve(corpus_tables, tmp_path_factory.mktemp("logs") / "corpus.log") as url:
        yield url
