"""The matching view folds Arabic spelling variation and maps every match back to the original text."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data_pipeline.lang.ar.normalize import TOKEN_RE, clitic_variants, normalize, normalize_key


@pytest.mark.parametrize(
    "raw, folded",
    [
        ("الثُّلاثاء", "الثلاثاء"),  # diacritics
        ("بـ«كيم", "ب«كيم"),  # tatweel
        ("أحمد إبراهيم آمال ٱلله", "احمد ابراهيم امال الله"),  # alef forms
        ("مستشفى", "مستشفي"),  # alef maqsura
        ("الجامعة", "الجامعه"),  # teh marbuta
        ("١٨ يونيو ٢٠٢٤", "18 يونيو 2024"),  # Arabic-Indic digits
        ("۱۴۰۳", "1403"),  # Persian digits
        ("کتاب فارسی", "كتاب فارسي"),  # Persian letters
        ("\ufefb", "لا"),  # presentation form lam-alef
        ("كو\u200cريا\u200f", "كوريا"),  # zero-width and bidi marks
        ("TASS", "tass"),
    ],
)
def test_normalize_folds_variants(raw, folded):
    assert normalize(raw).text == folded


def test_spans_point_into_the_original():
    raw = "قال «جُو بايدنُ» الثلاثاء"
    norm = normalize(raw)
    m = next(m for m in TOKEN_RE.finditer(norm.text) if m.group() == "بايدن")
    start, end = norm.span(m.start(), m.end())
    assert raw[start:end] == "بايدنُ"  # the trailing damma belongs to the word


def test_presentation_form_expands_but_maps_back():
    raw = "\ufefbعب"  # ﻻ + عب
    norm = normalize(raw)
    assert norm.text == "لاعب"
    assert norm.span(0, 4) == (0, 3)


def test_normalize_key_drops_quotes_and_punctuation():
    assert normalize_key("«كيم يونج» أون") == normalize_key("كيم يونج أون") == "كيم يونج اون"


@pytest.mark.parametrize(
    "token, stem, n",
    [("وروسيا", "روسيا", 1), ("بكوريا", "كوريا", 1), ("للولايات", "الولايات", 0), ("وللولايات", "الولايات", 1), ("فبيونغ", "بيونغ", 1)],
)
def test_clitic_variants(token, stem, n):
    assert (stem, n) in clitic_variants(token)


@settings(max_examples=300)
@given(st.text())
def test_span_map_is_monotonic_and_inside_text(raw):
    norm = normalize(raw)
    n = len(norm.text)
    for i in range(n):
        a, b = norm.span(i, i + 1)
        assert 0 <= a < b <= len(raw)
    assert norm.span(0, n) == ((0, len(raw)) if norm.starts is None else norm.span(0, n))


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list("كتب الرئيس بوتين قال") + ["\u064b", "\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u0640"])))
def test_marks_removed_like_pyarabic(raw):
    """pyarabic's strip_tashkeel/strip_tatweel is the reference for what counts as a mark."""
    from pyarabic import araby

    assert normalize(raw).text == araby.strip_tatweel(araby.strip_tashkeel(raw)).translate({ord("A") + i: chr(ord("a") + i) for i in range(26)})
