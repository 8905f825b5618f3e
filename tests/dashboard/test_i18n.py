"""Interface language: CLDR plural forms of the count sentences, unit and precision names in
Arabic, Streamlit's uploader texts, and one colour per entity type and topic in both languages
and in exports."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import charts, export, palette
from dashboard.filters import Filters, describe
from dashboard.highlight import spans_for_passage
from dashboard.i18n import strings, tn, unit_label, uploader_css
from data_pipeline.resources import load_tsv

REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "dashboard" / "app.py")


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "0 مقال"),
        (1, "مقال واحد"),
        (2, "مقالين"),
        (3, "3 مقالات"),
        (11, "11 مقالًا"),
        (100, "100 مقال"),
        (103, "103 مقالات"),  # 103 is "few" again in CLDR's Arabic rules
        (1_000_011, "1,000,011 مقالًا"),
    ],
)
def test_arabic_document_count_takes_the_cldr_plural_form(n, expected):
    assert tn("count_in_documents", n, "ar") == expected


@pytest.mark.parametrize(("n", "expected"), [(1, "1 document"), (2, "2 documents"), (0, "0 documents")])
def test_english_document_count_is_singular_only_for_one(n, expected):
    assert tn("count_in_documents", n, "en") == expected


def test_arabic_filter_sentence_agrees_with_one_and_two_documents():
    f = Filters(outlets=("وكالة الأنباء",))
    assert describe(f, "ar", n_passages=1, n_documents=1) == "المقاطع التي مصدرها \u2068وكالة الأنباء\u2069: مقطع واحد في مقال واحد."
    assert describe(f, "ar", n_passages=2, n_documents=2) == "المقاطع التي مصدرها \u2068وكالة الأنباء\u2069: مقطعان في مقالين."
    assert describe(Filters(), "ar", n_passages=11, n_documents=1) == "عرض كل المقاطع: 11 مقطعًا في مقال واحد."
    assert describe(Filters(), "en", n_passages=1, n_documents=1) == "Showing the only passage, from 1 document."


def test_counting_strings_have_an_other_form_in_every_language():
    for lang, table in strings().items():
        for key, forms in table.items():
            if isinstance(forms, dict):
                assert "other" in forms, (lang, key)
                assert set(forms) <= {"zero", "one", "two", "few", "many", "other"}, (lang, key)


def test_table_caption_says_how_many_rows_are_shown_of_how_many():
    assert tn("table_first_rows", 109_819, "ar", shown="10,000") == (
        "أول 10,000 من 109,819 صفًّا؛ والتصدير يحوي الصفوف نفسها."
    )
    assert tn("table_first_rows", 109_819, "en", shown="10,000") == (
        "The first 10,000 of 109,819 rows; the export holds the same rows."
    )


def test_upload_result_counts_agree_with_their_number():
    assert tn("upload_added", 1, "en") == "1 article added. Open it:"
    assert tn("upload_added", 2, "ar") == "أُضيف مقالان. افتح أيًّا منهما:"
    assert tn("upload_added", 5, "ar") == "أُضيفت 5 مقالات. افتح أيًّا منها:"
    assert tn("upload_state_processing", 3000, "ar", done="12") == "المعالجة: 12 من 3,000 مقال"


def _unit_ids() -> set[str]:
    path = REPO / "data_pipeline" / "resources" / "units.tsv"
    with open(path, encoding="utf-8") as f:
        return {row["unit"] for row in csv.DictReader((x for x in f if not x.startswith("#")), delimiter="\t")}


def test_every_unit_id_has_an_arabic_label_without_latin_letters():
    for unit in _unit_ids():
        arabic = unit_label(unit, "ar")
        assert arabic != unit and not any("a" <= c.lower() <= "z" for c in arabic), unit
        assert unit_label(unit, "en"), unit


@pytest.mark.parametrize(
    ("unit", "ar", "en"),
    [("m2", "متر مربع", "square metre"), ("year", "سنة", "year"), ("item", "عنصر", "item"), ("acre", "أكر", "acre")],
)
def test_unit_labels(unit, ar, en):
    assert (unit_label(unit, "ar"), unit_label(unit, "en")) == (ar, en)


def test_passage_hover_titles_name_the_unit_and_precision_in_arabic(fixture_tables):
    t = fixture_tables
    titles = {}
    for pid in ("d2:p1", "d1:p1"):
        passage = t.passages.set_index("passage_id").loc[pid].to_dict() | {"passage_id": pid}
        for span in spans_for_passage(passage, t.mentions, t.quantities, t.timeline, t.claims, "ar"):
            titles.setdefault(span.kind, []).append(span.title)
    why = {r["rule"]: r["ar"] for r in load_tsv("rules.tsv")}
    assert titles["quantity"] == [f"50 مليمتر · أمطار\nسبب الاستخراج: {why['quantities.number_then_unit']}"]
    assert titles["date"] == [f"2023-09 (شهر)\nسبب الاستخراج: {why['timeline.day_month_year']}"]


def _page(monkeypatch, data_dir: Path, page: str) -> AppTest:
    monkeypatch.setenv("MARSAD_DATA", str(data_dir))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "ar"
    at.switch_page(f"views/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_arabic_quantities_and_timeline_tables_show_no_unit_or_precision_id(monkeypatch, fixture_dir):
    ids = _unit_ids() | set(charts.PRECISIONS)
    quantities = _page(monkeypatch, fixture_dir, "quantities").dataframe[0].value
    assert quantities["الوحدة"].tolist() == ["حاوية", "مليمتر"]
    timeline = _page(monkeypatch, fixture_dir, "timeline").dataframe[0].value
    assert timeline["الدقة"].tolist() == ["شهر", "سنة", "يوم"]
    for table in (quantities, timeline):
        cells = {str(v) for col in table.columns for v in table[col]}
        assert not cells & ids


def test_arabic_uploader_texts_replace_streamlits_english():
    css = uploader_css("ar", 50, (".txt", ".csv"))
    assert 'content: "حتى 50 ميغابايت لكل ملف • TXT, CSV"' in css
    assert 'content: "رفع الملفات"' in css
    assert uploader_css("en", 50, (".txt",)) == ""


def _colours(spec: dict) -> dict[str, str]:
    scale = spec["encoding"]["color"]["scale"]
    return dict(zip(scale["domain"], scale["range"]))


ACTORS = pd.DataFrame(
    {
        "entity_id": ["kim", "putin", "russia", "kremlin"],
        "name_ar": ["كيم جونغ أون", "فلاديمير بوتين", "روسيا", "الكرملين"],
        "name_en": ["Kim Jong Un", "Vladimir Putin", "Russia", "Kremlin"],
        "type": ["PERSON", "PERSON", "GPE", "ORG"],
        "mentions": [5, 4, 3, 2],
        "documents": [3, 2, 2, 1],
    }
)


def test_a_person_has_the_same_colour_in_both_languages_and_in_the_svg_export():
    ar = _colours(charts.top_actors_chart(ACTORS, "ar").to_dict())
    en = _colours(charts.top_actors_chart(ACTORS, "en").to_dict())
    person = palette.type_colour("PERSON")
    assert ar["شخص"] == en["person"] == person == "#4e79a7"
    assert ar["منظمة"] == en["organisation"] == palette.type_colour("ORG")
    assert ar["دولة أو مدينة"] == en["country or city"] == palette.type_colour("GPE")
    for lang in ("ar", "en"):
        svg = export.chart_bytes(charts.top_actors_chart(ACTORS, lang), "svg").decode("utf-8")
        assert f'fill="{person}"' in svg, lang
        assert f'fill="{palette.type_colour("ORG")}"' in svg, lang


def test_a_topic_has_the_same_colour_in_both_languages():
    counts = pd.DataFrame(
        {
            "period": ["2024-05", "2024-06", "2024-06"],
            "topic": ["military", "military", "politics"],
            "passages": [1, 2, 4],
        }
    )
    by_lang = {}
    for lang in ("ar", "en"):
        labels = charts.topic_labels(lang)
        frame = counts.assign(topic_label=counts["topic"].map(labels))
        colours = _colours(json.loads(charts.topics_over_time_chart(frame, lang).to_json()))
        by_lang[lang] = {topic: colours[next(k for k in colours if labels[topic] in k)] for topic in ("military", "politics")}
    assert by_lang["ar"] == by_lang["en"] == {"military": "#e15759", "politics": "#76b7b2"}


@pytest.mark.parametrize(
    ("n", "lang", "expected"),
    [
        (1, "ar", "المعروض 2015 → 2018؛ مقطع واحد نُشر خارجه (1 قبله و0 بعده). اسحب للتنقل، ومرّر للتكبير."),
        (5, "ar", "المعروض 2015 → 2018؛ 5 مقاطع نُشرت خارجه (5 قبله و0 بعده). اسحب للتنقل، ومرّر للتكبير."),
        (1383, "ar", "المعروض 2015 → 2018؛ 1,383 مقطعًا نُشرت خارجه (1,383 قبله و0 بعده). اسحب للتنقل، ومرّر للتكبير."),
        (1, "en", "Showing 2015 → 2018; 1 passage published outside it (1 earlier, 0 later). Drag to pan, scroll to zoom."),
    ],
)
def test_topics_window_caption_counts_the_passages_outside_with_their_plural(n, lang, expected):
    assert tn("topics_window", n, lang, window="2015 → 2018", before=f"{n:,}", after="0") == expected
