"""Hostile input in the readers: a decompression bomb is refused after a bounded amount of work and
memory, with its reason; bytes that are not UTF-8 are taken as Windows-1256 only when they read as
Arabic, else refused with the reason instead of being kept as pages of mojibake.

Bombs are generated at test time (no binary fixtures): one 1 MiB gzip member repeated, so a file of
about 1 MB inflates to 1 GiB and costs milliseconds to write.
"""

from __future__ import annotations

import gzip
import json
import random
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from data_pipeline import readers
from data_pipeline.readers import (
    MAX_DOCUMENT_BYTES,
    MAX_DOCUMENT_CHARS,
    MAX_FILE_BYTES,
    MAX_HTML_BYTES,
    MAX_INFLATE_RATIO,
    MAX_LINE_BYTES,
    NOT_ARABIC,
    Skipped,
    read_inputs,
)

from .conftest import CORPUS, REPO

MIB = 1 << 20
GIB = 1 << 30
ARTICLE = (
    "موسكو، الثلاثاء 18 يونيو 2024 - قال الرئيس الروسي فلاديمير بوتين إن بلاده سترسل 500 جندي إلى الحدود. "
    "وأضاف أن الاقتصاد نما بنسبة 3.5 في المئة خلال عام 2023، ونفت وزارة الخارجية الأمريكية هذه التصريحات."
)
FRENCH = (
    "À Paris, l'été dernier, Éric Martin a présenté à l'Assemblée une réforme très attendue.\n"
    "« Ça ne se fera pas sans nous », a-t-il déclaré devant les élus réunis à Bordeaux.\n"
    "Évidemment, l'opposition a critiqué ce projet jugé trop coûteux et mal préparé."
)
RATIO_REFUSAL = (
    f"decompressed to over {MAX_INFLATE_RATIO} times its compressed size: refused (possible decompression bomb)"
)
LINE_REFUSAL = (
    f"JSON line over {MAX_LINE_BYTES // 1_000_000} MB: refused (an article is at most {MAX_DOCUMENT_CHARS:,} characters)"
)


def size_refusal(limit: int) -> str:
    return f"decompressed size over {limit // 1_000_000} MB: refused (possible decompression bomb)"


def write_bomb(path: Path, prefix: bytes, unit: bytes, inflated: int = GIB) -> Path:
    """A gzip file of ``prefix`` then ``unit`` repeated to ``inflated`` bytes, about 1 MB on disk.

    A gzip file is any number of members one after another (RFC 1952) and every reader inflates
    them all, so one 1 MiB member written 1,024 times is a 1 GiB bomb."""
    member = gzip.compress(unit * (MIB // len(unit)))
    path.write_bytes(gzip.compress(prefix) + member * (inflated // MIB))
    return path


# name, what comes first, the unit repeated, the bound that stops it
ONE_DOCUMENT_BOMBS = [
    ("letters.txt.gz", "عنوان\n".encode(), b"a", MAX_DOCUMENT_BYTES),
    ("zeros.md.gz", b"", b"\0", MAX_DOCUMENT_BYTES),
    ("page.html.gz", b"<html><body><article><p>", b"a", MAX_HTML_BYTES),
]
# name, what comes first, the unit repeated
RECORD_BOMBS = [
    ("endless_line.jsonl.gz", b'{"id": "x", "title": "t", "text": "', b"a"),
    ("blank_lines.jsonl.gz", b"", b"\n"),
    ("empty_records.jsonl.gz", b"", b"{}\n"),
    ("tiny_articles.ndjson.gz", b"", b'{"text": "a"}\n'),
    ("list.json.gz", b'{"articles": [', b'{"text": "a"}, '),
    ("rows.csv.gz", b"id,text\n", b"x,a\n"),
]

# Reads files in a fresh interpreter and reports the growth of its peak resident memory
# (ru_maxrss, KiB on Linux) over the interpreter with the readers loaded.
PROBE = """
import json, resource, sys, time
from data_pipeline import readers
for name, value in json.loads(sys.argv[1]).items():
    setattr(readers, name, value)
readers.reads_as_arabic("تحميل")  # the letter-pair list is loaded before the baseline
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
results = [[r.path, r.reason] if isinstance(r, readers.Skipped) else [r[0].doc_id] for r in readers.read_inputs(sys.argv[2:])]
print(json.dumps({"results": results, "seconds": time.perf_counter() - t0,
                  "growth_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024}))
"""


def read_in_subprocess(paths: list[Path], **overrides) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(overrides), *map(str, paths)],
        cwd=REPO, capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def _docs(results):
    return [r[0] for r in results if not isinstance(r, Skipped)]


@pytest.fixture(scope="module")
def bombs(tmp_path_factory):
    root = tmp_path_factory.mktemp("bombs")
    one = {name: write_bomb(root / name, prefix, unit) for name, prefix, unit, _ in ONE_DOCUMENT_BOMBS}
    many = {name: write_bomb(root / name, prefix, unit) for name, prefix, unit in RECORD_BOMBS}
    return one, many


# ---------------------------------------------------------------- decompression bombs


@pytest.mark.parametrize("name, limit", [(name, limit) for name, _, _, limit in ONE_DOCUMENT_BOMBS])
def test_a_one_document_bomb_is_refused_past_the_document_bound(bombs, name, limit):
    path = bombs[0][name]
    assert path.stat().st_size < 1_200_000
    assert list(read_inputs([path])) == [Skipped(str(path), size_refusal(limit))]


@pytest.mark.parametrize("name", [name for name, _, _ in RECORD_BOMBS])
def test_a_many_record_bomb_is_refused_by_its_inflate_ratio_before_any_record(bombs, name):
    """Blank lines, empty records or tiny articles inflated a thousand times would give
    millions of records or skips: the file is refused as a whole instead."""
    path = bombs[1][name]
    assert list(read_inputs([path])) == [Skipped(str(path), RATIO_REFUSAL)]


@pytest.mark.timing
def test_reading_nine_one_gib_bombs_stays_within_a_few_megabytes(bombs):
    one, many = bombs
    paths = [*one.values(), *many.values()]
    probe = read_in_subprocess(paths)
    assert len(probe["results"]) == len(paths)
    assert all(reason.startswith("decompressed ") for _, reason in probe["results"])
    assert probe["growth_mb"] < 64, probe  # the old reader inflated each whole: over 1,024 MB
    assert probe["seconds"] < 30, probe


def test_an_endless_line_under_the_ratio_guard_is_read_past_until_the_file_bound(tmp_path):
    """With the ratio guard lifted (a bomb that inflates less), the endless second line is never
    held: it is read past in chunks until MAX_FILE_BYTES, and the first article is kept."""
    first = json.dumps({"id": "a1", "title": "عنوان", "text": ARTICLE}, ensure_ascii=False) + "\n"
    path = write_bomb(tmp_path / "feed.jsonl.gz", first.encode() + b'{"id": "x", "text": "', b"a")
    probe = read_in_subprocess([path], MAX_INFLATE_RATIO=10**6)
    assert probe["results"] == [["a1"], [str(path), f"{size_refusal(MAX_FILE_BYTES)}, after line 1"]]
    assert probe["growth_mb"] < 64, probe


def test_a_jsonl_line_over_the_line_bound_is_skipped_without_being_held(tmp_path):
    path = tmp_path / "feed.jsonl"
    meta = {"published": "2024-06-18", "source": "وكالة"}  # no dateline lookup: its gazetteers would count
    lines = [
        json.dumps({"id": "a1", "text": ARTICLE, **meta}, ensure_ascii=False).encode(),
        b'{"id": "long", "text": "' + b"a" * 50_000_000 + b'"}',
        json.dumps({"id": "a3", "text": ARTICLE, **meta}, ensure_ascii=False).encode(),
    ]
    path.write_bytes(b"\n".join(lines))
    tracemalloc.start()
    try:
        results = list(read_inputs([path]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [d.doc_id for d in _docs(results)] == ["a1", "a3"]
    assert [r for r in results if isinstance(r, Skipped)] == [Skipped(f"{path}:2", LINE_REFUSAL)]
    # The bounded read of one line (joined from its chunks: twice MAX_LINE_BYTES at most), not 50 MB.
    assert peak < 2 * MAX_LINE_BYTES + 4 * MIB, peak


def test_an_archive_past_the_file_bound_keeps_the_articles_before_it(tmp_path, monkeypatch):
    """An ordinary archive (inflating about 2 times) stops at MAX_FILE_BYTES decompressed; the
    articles read up to there are kept and the reason names the last line read."""
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 2_000_000)
    rng = random.Random(9)
    letters = [chr(c) for c in range(0x0628, 0x063B)]
    lines = []
    for i in range(1_000):
        words = ("".join(rng.choices(letters, k=rng.randint(2, 7))) for _ in range(300))
        lines.append(json.dumps({"id": f"n{i}", "text": " ".join(words)}, ensure_ascii=False))
    path = tmp_path / "archive.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    results = list(read_inputs([path]))
    docs, skips = _docs(results), [r for r in results if isinstance(r, Skipped)]
    assert 0 < len(docs) < len(lines)
    assert [d.doc_id for d in docs] == [f"n{i}" for i in range(len(docs))]
    assert skips == [Skipped(str(path), f"decompressed size over 2 MB: refused (possible decompression bomb), "
                                        f"after line {len(docs):,}")]


def test_the_news_corpus_archive_still_reads_completely():
    if not CORPUS.exists():
        pytest.skip("news corpus not available")
    results = list(read_inputs([CORPUS]))
    assert [r for r in results if isinstance(r, Skipped)] == []
    assert len(results) == 20_233


def _corrupt_block_type(data: bytearray) -> None:
    data[10] = 0xFF  # the first deflate block header (after the 10-byte gzip header): reserved type 3


def _corrupt_checksum(data: bytearray) -> None:
    data[-8] ^= 0xFF  # the CRC-32 of the trailer


@pytest.mark.parametrize(
    "corrupt, reason",
    [
        (_corrupt_block_type, "broken gzip file (Error -3 while decompressing data: invalid block type)"),
        (_corrupt_checksum, "broken gzip file (CRC check failed"),
    ],
)
def test_a_corrupt_gzip_is_skipped_with_its_reason(tmp_path, corrupt, reason):
    """A broken deflate stream raises zlib.error, which is no OSError: the old reader let it
    escape and end the whole build."""
    data = bytearray(gzip.compress("\n".join([ARTICLE] * 200).encode()))
    corrupt(data)
    path = tmp_path / "corrupt.txt.gz"
    path.write_bytes(bytes(data))
    (skip,) = list(read_inputs([path]))
    assert skip.path == str(path) and skip.reason.startswith(reason), skip


# ---------------------------------------------------------------- implausible decodings


def _high_bytes(n: int, seed: int) -> bytes:
    """``n`` random bytes with the high bit set: no ASCII, no control byte, never valid UTF-8 for long."""
    return bytes(b | 0x80 for b in random.Random(seed).randbytes(n))


def _shuffled(data: bytes, seed: int) -> bytes:
    shuffled = list(data)
    random.Random(seed).shuffle(shuffled)
    return bytes(shuffled)


@pytest.mark.parametrize(
    "name, data",
    [
        pytest.param("random_high_bytes.txt", _high_bytes(20_000, seed=1), id="random_high_bytes"),
        pytest.param("french_cp1252.txt", FRENCH.encode("cp1252"), id="french_cp1252"),
        pytest.param("shuffled.txt", _shuffled(("عنوان\n" + ARTICLE * 5).encode(), seed=2), id="shuffled_utf8_arabic"),
        pytest.param("shuffled.md", _shuffled(ARTICLE.encode(), seed=3), id="shuffled_utf8_arabic_short"),
    ],
)
def test_bytes_that_do_not_read_as_arabic_are_refused_with_the_reason(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    assert list(read_inputs([path])) == [Skipped(str(path), NOT_ARABIC)]


def test_a_garbage_line_in_a_utf8_file_is_refused_naming_the_line(tmp_path):
    garbage = _high_bytes(300, seed=4)
    path = tmp_path / "pasted.txt"
    path.write_bytes(b"\n".join(["عنوان".encode(), ARTICLE.encode(), garbage, ARTICLE.encode()]))
    assert list(read_inputs([path])) == [Skipped(str(path), f"line 3 is {NOT_ARABIC}")]


def test_a_jsonl_keeps_windows_1256_records_and_refuses_a_garbage_one(tmp_path):
    utf8 = json.dumps({"id": "u1", "text": ARTICLE}, ensure_ascii=False).encode()
    legacy = json.dumps({"id": "w1", "text": ARTICLE}, ensure_ascii=False).encode("cp1256")
    garbage = b'{"id": "g1", "text": "' + _high_bytes(400, seed=5) + b'"}'
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\n".join([utf8, legacy, garbage, utf8.replace(b"u1", b"u2")]))
    results = list(read_inputs([path]))
    assert [(d.doc_id, d.text) for d in _docs(results)] == [("u1", ARTICLE), ("w1", ARTICLE), ("u2", ARTICLE)]
    assert [r for r in results if isinstance(r, Skipped)] == [Skipped(f"{path}:3", NOT_ARABIC)]


@pytest.fixture(scope="module")
def corpus_article():
    """The first article of the news corpus that Windows-1256 can encode whole (every field)."""
    if not CORPUS.exists():
        pytest.skip("news corpus not available")
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            article = json.loads(line)
            try:
                json.dumps(article, ensure_ascii=False).encode("cp1256")
            except UnicodeEncodeError:
                continue
            return article
    pytest.fail("no article of the corpus encodes in Windows-1256")


def test_a_real_windows_1256_article_is_read_with_its_exact_text(tmp_path, corpus_article):
    path = tmp_path / "article.txt"
    path.write_bytes(f"{corpus_article['title']}\n\n{corpus_article['text']}".encode("cp1256"))
    (doc,) = _docs(read_inputs([path]))
    assert doc.text == corpus_article["text"]
    assert doc.title == readers.split_title_source(corpus_article["title"])[0]


def test_a_real_windows_1256_article_in_a_compressed_jsonl_is_read_with_its_exact_text(tmp_path, corpus_article):
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress(json.dumps(corpus_article, ensure_ascii=False).encode("cp1256")))
    (doc,) = _docs(read_inputs([path]))
    title = readers.split_title_source(corpus_article["title"])[0]
    assert (doc.doc_id, doc.title, doc.text) == (corpus_article["id"], title, corpus_article["text"])
