"""Nothing lost, nothing hangs, in the browser: the dashboard served by ``marsad serve --data DIR``
takes uploads while DIR is rebuilt, two sessions upload at once, the server restarts, and a
500-article upload runs outside the server with a progress bar while other sessions keep working.
Every wait is for a condition on the page, never a fixed time."""

from __future__ import annotations

import contextlib
import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from playwright.sync_api import expect

from data_pipeline.layout import staging_dir as layout_staging
from data_pipeline.layout import uploads_dir, versions_dir
from scripts.browser import VIEWPORT, build_tables, serve_process, wait_idle, wait_rendered

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
JOB_TIMEOUT_MS = 240_000  # a whole job on a loaded 2-core machine; the page is polled, not slept on

ARTICLES = {
    "khartoum.txt": "وصول بعثة أممية إلى الخرطوم\n\nقال المتحدث باسم البعثة إن نحو 25 ألف أسرة في الخرطوم تحتاج إلى مساعدات عاجلة.\n",
    "tunis.txt": "انتخابات بلدية في تونس\n\nأعلنت الهيئة العليا المستقلة للانتخابات في تونس أن نسبة المشاركة بلغت 33 في المئة.\n",
    "amman.txt": "قمة اقتصادية في عمان\n\nقال وزير المالية الأردني إن الدين العام بلغ 30 مليار دينار في عمان.\n",
}


def _bulk(n: int) -> bytes:
    cities = ["الرياض", "القاهرة", "بغداد", "عمان", "الدوحة", "تونس", "الرباط", "بيروت"]
    rows = [
        {"id": f"bulk-{i}", "title": f"خبر رقم {i} من {cities[i % 8]}", "published": "2018-03-05",
         "text": (f"قال مسؤول في {cities[i % 8]} إن {i + 3} أشخاص أصيبوا في حادث سير يوم الاثنين. "
                  f"وأضاف أن السلطات فتحت تحقيقا في الحادث الذي وقع قرب {cities[(i + 3) % 8]}. ") * 3}
        for i in range(n)
    ]
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


def _doc_ids(out: Path) -> set[str]:
    return set(pq.read_table(out / "documents.parquet", columns=["doc_id"])["doc_id"].to_pylist())


def _rebuild(out: Path) -> None:
    subprocess.run([sys.executable, "-m", "data_pipeline.cli", "build", str(REPO / "seeds" / "000_af8d0ac7418768f7.txt"), "--out", str(out),
                    "--no-progress"], cwd=REPO, check=True, capture_output=True, text=True, timeout=300)


@contextlib.contextmanager
def _sessions(browser, n: int):
    """``n`` analysts, each in a browser context of their own (a Streamlit session each)."""
    contexts = [browser.new_context(viewport=VIEWPORT, locale="en") for _ in range(n)]
    try:
        for ctx in contexts:
            ctx.set_default_timeout(60_000)
        yield [ctx.new_page() for ctx in contexts]
    finally:
        for ctx in contexts:
            ctx.close()


def _open_add_page(page, url: str) -> None:
    page.goto(url + "add_articles?lang=en")
    wait_rendered(page)


def _choose(page, files: list[dict]) -> None:
    """Give the uploader its files and wait until they are sent (the widget's rerun is over)."""
    page.locator(".st-key-upload_files input[type=file]").set_input_files(files)
    widget = page.locator(".st-key-upload_files")
    expect(widget.get_by_role("button", name=re.compile("^Remove "))).to_have_count(len(files))
    wait_idle(page)


def _upload(page, name: str, content: bytes, mime: str = "text/plain") -> None:
    _choose(page, [{"name": name, "mimeType": mime, "buffer": content}])
    page.locator(".st-key-upload_process button").click()


def _added(page, n: int):
    return page.locator("[data-testid=stAlert]").filter(has_text=f"{n:,} article added." if n == 1 else f"{n:,} articles added.")


def _sentence_documents(page, url: str, n: int) -> None:
    page.goto(url + "?lang=en")
    wait_rendered(page)
    expect(page.locator("p.marsad-filters")).to_contain_text(re.compile(rf"\b{n} documents?\b"))


def test_uploads_survive_rebuilds_concurrent_uploads_and_a_restart(browser, tmp_path):
    out = build_tables([REPO / "seeds" / "000_af8d0ac7418768f7.txt"], tmp_path / "tables")
    assert out.is_symlink()
    with _sessions(browser, 2) as (first, second):
        with serve_process(out, tmp_path / "server.log", via_cli=True) as (url, _):
            # 1. Upload one article; the result links to it.
            _open_add_page(first, url)
            _upload(first, "khartoum.txt", ARTICLES["khartoum.txt"].encode())
            expect(_added(first, 1)).to_be_visible(timeout=JOB_TIMEOUT_MS)
            link = first.locator(".marsad-upload-docs a")
            expect(link).to_have_text("وصول بعثة أممية إلى الخرطوم")
            href = link.get_attribute("href")
            assert re.fullmatch(r"article\?doc=[0-9a-f]{12}_khartoum&lang=en", href), href
            expect(first.locator("p.marsad-filters")).to_contain_text("2 documents")

            # 2. DIR is rebuilt twice from seeds/ while the dashboard runs: the upload stays, the page follows.
            _rebuild(out)
            _rebuild(out)
            _sentence_documents(first, url, 2)
            first.goto(url + href)  # the result's link opens the new article in the reader
            wait_rendered(first)
            expect(first.locator("div.marsad-passage").first).to_contain_text("25 ألف أسرة")

            # 3. Two sessions upload at once: both articles arrive.
            for page in (first, second):
                _open_add_page(page, url)
            for page, name in ((first, "tunis.txt"), (second, "amman.txt")):
                _choose(page, [{"name": name, "mimeType": "text/plain", "buffer": ARTICLES[name].encode()}])
            first.locator(".st-key-upload_process button").click()
            second.locator(".st-key-upload_process button").click()
            expect(_added(first, 1)).to_be_visible(timeout=JOB_TIMEOUT_MS)
            expect(_added(second, 1)).to_be_visible(timeout=JOB_TIMEOUT_MS)
            _sentence_documents(first, url, 4)

        # 4. Restart: everything is on disk, in the tables and on screen.
        saved = sorted(p.name.split("_", 1)[1] for p in uploads_dir(out).iterdir() if not p.name.startswith("."))
        assert saved == ["amman.txt", "khartoum.txt", "tunis.txt"]
        ids = _doc_ids(out)
        assert "000_af8d0ac7418768f7" in ids and len(ids) == 4
        assert sorted(i.split("_", 1)[1] for i in ids - {"000_af8d0ac7418768f7"}) == ["amman", "khartoum", "tunis"]
        with serve_process(out, tmp_path / "server2.log", via_cli=True) as (url, _):
            _sentence_documents(first, url, 4)
        assert not [p for p in versions_dir(out).iterdir() if p.name.endswith(".tmp")]


def test_a_500_article_upload_runs_outside_the_server_with_progress_and_can_be_cancelled(browser, tmp_path):
    out = build_tables([REPO / "seeds" / "000_af8d0ac7418768f7.txt"], tmp_path / "tables")
    with _sessions(browser, 2) as (uploader, reader):
        with serve_process(out, tmp_path / "server.log", via_cli=True) as (url, server):
            # A cancelled upload of 3,000 articles: nothing arrives, nothing is left behind.
            _open_add_page(uploader, url)
            _upload(uploader, "big.jsonl", _bulk(3000), "application/jsonl")
            progress = uploader.locator("[data-testid=stProgress]")
            expect(progress).to_contain_text(re.compile(r"Processing: [1-9][\d,]* of 3,000 articles"), timeout=JOB_TIMEOUT_MS)
            uploader.locator(".st-key-upload_cancel button").click()
            expect(uploader.locator("[data-testid=stAlert]").filter(has_text="Cancelled")).to_be_visible(timeout=JOB_TIMEOUT_MS)
            assert _doc_ids(out) == {"000_af8d0ac7418768f7"}
            assert not [p for p in uploads_dir(out).iterdir() if not p.name.startswith(".")]

            # 500 articles in one JSONL: a progress bar, other sessions answer meanwhile, all 500 arrive.
            _open_add_page(uploader, url)
            _upload(uploader, "five-hundred.jsonl", _bulk(500), "application/jsonl")
            expect(progress).to_be_visible(timeout=JOB_TIMEOUT_MS)
            _sentence_documents(reader, url, 1)  # another analyst's page renders while the job runs
            expect(_added(uploader, 500)).to_be_visible(timeout=JOB_TIMEOUT_MS)
            expect(uploader.locator(".marsad-upload-docs a")).to_have_count(50)
            _sentence_documents(reader, url, 501)
            assert len(_doc_ids(out)) == 501
            assert server.poll() is None
        assert server.returncode is not None and server.returncode != -9  # SIGTERM ended it, no kill needed


def test_hostile_upload_names_and_an_id_clash_are_handled_in_the_browser(browser, tmp_path):
    """130 Arabic letters or 300 Latin ones as a name, a NUL in it: saved under a short safe name. A JSON
    article whose id is already in the tables is not merged before the analyst says "replace"."""
    src = tmp_path / "first.jsonl"
    src.write_text(json.dumps({"id": "wire-1", "title": "خبر أول", "text": "قال مسؤول في بغداد إن 5 أشخاص أصيبوا."},
                              ensure_ascii=False) + "\n", encoding="utf-8")
    out = build_tables([REPO / "seeds" / "000_af8d0ac7418768f7.txt", src], tmp_path / "tables")
    ctx = browser.new_context(viewport=VIEWPORT, locale="en")
    ctx.set_default_timeout(60_000)
    page = ctx.new_page()
    try:
        with serve_process(out, tmp_path / "server.log", via_cli=True) as (url, _):
            _open_add_page(page, url)
            names = ["ب" * 130 + ".txt", "L" * 300 + ".txt", "nul\x00name.txt"]
            _choose(page, [{"name": name, "mimeType": "text/plain", "buffer": ARTICLES[key].encode()}
                           for name, key in zip(names, ARTICLES)])
            page.locator(".st-key-upload_process button").click()
            expect(_added(page, 3)).to_be_visible(timeout=JOB_TIMEOUT_MS)
            saved = sorted(p.name.split("_", 1)[1] for p in uploads_dir(out).iterdir() if not p.name.startswith("."))
            assert len(saved) == 3 and all(len(n.encode()) <= 130 for n in saved), saved
            assert any(n.startswith("nul") and "\x00" not in n for n in saved), saved

            # A decompression bomb and a file that is not Arabic in any encoding: refused with their reasons.
            bomb = gzip.compress(b"\xd8\xa7" * (25 * 1024 * 1024), compresslevel=9)  # 50 MB of alef in 50 KB
            french = "Le ministre a déclaré à Genève que l'économie française était très solide.\n".encode("cp1252")
            _open_add_page(page, url)
            _choose(page, [{"name": "bomb.txt.gz", "mimeType": "application/gzip", "buffer": bomb},
                           {"name": "french.txt", "mimeType": "text/plain", "buffer": french * 20}])
            page.locator(".st-key-upload_process button").click()
            expect(page.locator("[data-testid=stAlert]").filter(has_text="No article was added")).to_be_visible(
                timeout=JOB_TIMEOUT_MS)
            reasons = page.locator("[data-testid=stDataFrame]")
            expect(reasons).to_have_count(1)
            # The grid draws on a canvas: its rows are read from the job's status, which feeds it.
            jobs = sorted(layout_staging(out).iterdir(), key=lambda j: j.stat().st_mtime)
            skipped = dict(json.loads((jobs[-1] / "status.json").read_text(encoding="utf-8"))["skipped"])
            assert set(skipped) == {"bomb.txt.gz", "french.txt"}, skipped
            assert "decompression bomb" in skipped["bomb.txt.gz"]
            assert "does not read as Arabic text" in skipped["french.txt"]
            assert len(_doc_ids(out)) == 5

            # The same id with other content: a question first, the tables unchanged until the answer.
            clash = json.dumps({"id": "wire-1", "title": "خبر أول (مصحح)", "text": "قال مسؤول في بغداد إن 7 أشخاص أصيبوا."},
                               ensure_ascii=False).encode()
            _open_add_page(page, url)
            _upload(page, "fix.json", clash, "application/json")
            warning = page.locator("[data-testid=stAlert]").filter(has_text="already in the tables")
            expect(warning).to_be_visible(timeout=JOB_TIMEOUT_MS)
            expect(page.locator("[data-testid=stDataFrame]")).to_have_count(1)  # the clashing ids, old and new titles
            titles = dict(zip(*pq.read_table(out / "documents.parquet", columns=["doc_id", "title"]).to_pydict().values()))
            assert titles["wire-1"] == "خبر أول"
            page.locator(".st-key-upload_replace button").click()
            expect(_added(page, 1)).to_be_visible(timeout=JOB_TIMEOUT_MS)
            expect(page.locator("[data-testid=stAlert]").filter(has_text="1 document replaced by the upload.")).to_be_visible()
            titles = dict(zip(*pq.read_table(out / "documents.parquet", columns=["doc_id", "title"]).to_pydict().values()))
            assert titles["wire-1"] == "خبر أول (مصحح)" and len(titles) == 5
    finally:
        ctx.close()
