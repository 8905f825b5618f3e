"""Every supported input format and encoding is read; bad files are reported, never fatal."""

import gzip
import json

import pytest

from data_pipeline.readers import Skipped, decode_bytes, parse_published, read_inputs, split_title_source

ARTICLE = "الرياض، الأحد 3 مارس 2024 - قال وزير الخارجية إن المحادثات مستمرة."


def _docs(results):
    return [r[0] for r in results if not isinstance(r, Skipped)]


def _skips(results):
    return [r for r in results if isinstance(r, Skipped)]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1256"])
def test_text_file_in_common_encodings(tmp_path, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes(f"عنوان الخبر هنا - وكالة الأنباء\n\n{ARTICLE}\n".encode(encoding))
    (doc,) = _docs(read_inputs([path]))
    assert doc.title == "عنوان الخبر هنا"
    assert doc.source == "وكالة الأنباء"
    assert doc.text.startswith("الرياض")
    assert doc.published == "2024-03-03"


def test_dateline_gives_outlet_and_date(tmp_path):
    path = tmp_path / "b.md"
    path.write_text("عنوان بلا مصدر\n\nالإيطالية نيوز، الثلاثاء 18 يونيو 2024 - بدأ الرئيس زيارته.", encoding="utf-8")
    (doc,) = _docs(read_inputs([path]))
    assert doc.source == "الإيطالية نيوز"
    assert doc.published == "2024-06-18"


def test_jsonl_gz_with_metadata_and_a_truncated_line(tmp_path):
    rows = [
        {"id": "a1", "title": "خبر", "text": ARTICLE, "published": "Mon, 26 Feb 2018 02:20:10 GMT", "source": "BBC"},
        {"id": "a2", "title": "خبر آخر", "text": "نص الخبر الثاني عن الاقتصاد.", "published": "2018-03-01T10:00:00Z"},
    ]
    payload = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + '\n{"id": "a3", "text": "مقطو'
    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(gzip.compress(payload.encode("utf-8")))
    results = list(read_inputs([path]))
    docs = _docs(results)
    assert [d.doc_id for d in docs] == ["a1", "a2"]
    assert docs[0].published == "2018-02-26" and docs[0].source == "BBC"
    assert docs[1].published == "2018-03-01"
    (skip,) = _skips(results)
    assert skip.path.endswith(":3") and "invalid JSON" in skip.reason


def test_json_list_and_csv(tmp_path):
    (tmp_path / "d.json").write_text(json.dumps([{"id": "j1", "title": "ت", "text": ARTICLE}], ensure_ascii=False), encoding="utf-8")
    (tmp_path / "e.csv").write_text("id,title,text,published\nc1,عنوان,\"نص، مع فاصلة\",2020-01-02\n", encoding="utf-8-sig")
    (tmp_path / "f.csv").write_text("id,body\nx,نص\n", encoding="utf-8")
    results = list(read_inputs([tmp_path]))
    assert sorted(d.doc_id for d in _docs(results)) == ["c1", "j1"]
    (skip,) = _skips(results)
    assert "no 'text' column" in skip.reason


def test_html_drops_scripts_and_keeps_metadata(tmp_path):
    html = """<html><head><title>عنوان الصفحة</title>
    <meta property="article:published_time" content="2024-06-18T08:00:00Z">
    <meta property="og:site_name" content="الجزيرة"><script>alert('x')</script><style>p{color:red}</style></head>
    <body><nav>القائمة</nav><article><h1>العنوان</h1><p>الفقرة الأولى عن <b>روسيا</b>.</p><p>الفقرة الثانية.</p></article></body></html>"""
    (tmp_path / "g.html").write_text(html, encoding="utf-8")
    (doc,) = _docs(read_inputs([tmp_path / "g.html"]))
    assert doc.title == "عنوان الصفحة" and doc.source == "الجزيرة" and doc.published == "2024-06-18"
    assert "alert" not in doc.text and "color:red" not in doc.text and "القائمة" not in doc.text
    assert "الفقرة الأولى عن روسيا." in doc.text


def test_bad_files_are_skipped_with_reasons(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "image.png").write_bytes(b"\x89PNG....")
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("عنوان\nنص صالح للقراءة.", encoding="utf-8")
    results = list(read_inputs([tmp_path, tmp_path / "missing.txt"]))
    assert [d.title for d in _docs(results)] == ["عنوان"]
    reasons = {s.path.rsplit("/", 1)[-1]: s.reason for s in _skips(results)}
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert "unsupported file type" in reasons["image.png"]
    assert "invalid JSON" in reasons["bad.json"]
    assert reasons["missing.txt"] == "no such file or folder"


@pytest.mark.parametrize(
    "value, iso",
    [
        ("2024-06-18", "2024-06-18"),
        ("2024-06-18T23:10:00+03:00", "2024-06-18"),
        ("Mon, 26 Feb 2018 02:20:10 GMT", "2018-02-26"),
        ("18/06/2024", "2024-06-18"),
        ("not a date", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_published(value, iso):
    assert parse_published(value) == iso


def test_title_suffix_needs_a_short_outlet():
    assert split_title_source("بوتين في زيارة تاريخية لكوريا الشمالية - الإيطالية نيوز") == (
        "بوتين في زيارة تاريخية لكوريا الشمالية",
        "الإيطالية نيوز",
    )
    assert split_title_source("الحرب - بين روسيا وأوكرانيا تدخل عامها الثالث دون أي أفق") == (
        "الحرب - بين روسيا وأوكرانيا تدخل عامها الثالث دون أي أفق",
        None,
    )


def test_decode_rejects_binary():
    with pytest.raises(ValueError):
        decode_bytes(b"\x00\x01\x02\x03\xff\xfe\x00\x00" * 100)


def test_jsonl_line_separators_inside_strings_do_not_split_records(tmp_path):
    rows = [{"id": "u1", "title": "ت", "text": "سطر أول\u2028سطر ثان\x85 ونهاية."}, {"id": "u2", "title": "ت", "text": "نص آخر."}]
    path = tmp_path / "sep.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    results = list(read_inputs([path]))
    assert [d.doc_id for d in _docs(results)] == ["u1", "u2"] and not _skips(results)
    assert _docs(results)[0].text == rows[0]["text"]


def test_a_crawl_timestamp_dates_an_article_that_gives_no_publication_date():
    """Half of SaudiNewsNet has `published` empty and only the crawler's `extracted` time: without it
    their relative dates (اليوم, أمس) could not be placed on the calendar."""
    from data_pipeline.readers import make_document

    record = {"id": "a", "source": "alwatan", "published": "", "extracted": "2015-07-21 02:30:47", "text": "وصلت البعثة اليوم."}
    assert make_document(record, "x").published == "2015-07-21"
    record["published"] = "2015-07-20 23:00:00"
    assert make_document(record, "x").published == "2015-07-20"
