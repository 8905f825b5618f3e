"""Arabic number grammar: digits with separators, number words, multipliers, duals."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data_pipeline.lang.ar.normalize import normalize
from data_pipeline.numbers import find_numbers, number_words, parse_digits, parse_number

WORDS = [
    ("واحد", 1),
    ("اثنان", 2),
    ("ثلاثة", 3),
    ("عشرة", 10),
    ("أحد عشر", 11),
    ("إحدى عشرة", 11),
    ("اثنا عشر", 12),
    ("ثلاثة عشر", 13),
    ("سبعة عشر", 17),
    ("عشرون", 20),
    ("خمسة وعشرون", 25),
    ("واحد وعشرين", 21),
    ("تسعة وتسعون", 99),
    ("مئة", 100),
    ("مائة", 100),
    ("مئتان", 200),
    ("مائتي", 200),
    ("ثلاثمئة", 300),
    ("ثلاث مئة", 300),
    ("خمسمائة", 500),
    ("مئة وخمسة وعشرون", 125),
    ("ألف", 1000),
    ("ألفين", 2000),
    ("ألفان", 2000),
    ("ثلاثة آلاف", 3000),
    ("عشرة آلاف", 10000),
    ("خمسة عشر ألف", 15000),
    ("مليون", 1_000_000),
    ("مليوني", 2_000_000),
    ("مليونان", 2_000_000),
    ("ملياري", 2_000_000_000),
    ("مليون ونصف", 1_500_000),
    ("نصف مليون", 500_000),
    ("مليار وربع", 1_250_000_000),
    ("خمسمائة ألف", 500_000),
    ("مليارين وخمس عشرة مليون", 2_015_000_000),
    ("بليون", 1_000_000_000),
    ("تريليون", 1_000_000_000_000),
]

DIGITS = [
    ("11 ألف", 11_000),
    ("11 ألفا", 11_000),
    ("3 ملايين", 3_000_000),
    ("1.5 مليار", 1_500_000_000),
    ("1,5 مليون", 1_500_000),
    ("249,1 مليون", 249_100_000),
    ("2 مليون و500 ألف", 2_500_000),
    ("مليون و200 ألف", 1_200_000),
    ("23 ألفا و500", 23_500),
    ("1,500", 1500),
    ("1,500,000", 1_500_000),
    ("1.500.000", 1_500_000),
    ("1,500.25", 1500.25),
    ("12.5", 12.5),
    ("١٢٫٥", 12.5),
    ("١٬٥٠٠", 1500),
    ("٣٠٠ ألف", 300_000),
    ("۲۵", 25),
]

NOT_A_NUMBER = ["أحد", "آلاف", "ملايين", "عشرات", "مئات", "نصف", "1.2.3", "الثالث", "كم", "ست"]


@pytest.mark.parametrize("text,value", WORDS)
def test_number_words_have_their_value(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text,value", DIGITS)
def test_digits_and_multipliers_have_their_value(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", [t for t in NOT_A_NUMBER if t != "ست"])
def test_vague_and_ordinal_words_are_not_numbers(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    "s,value",
    [("1,500", 1500.0), ("1,5", 1.5), ("1.5", 1.5), ("1.500.000", 1.5e6), ("1,234,567.8", 1234567.8), ("1.234,5", 1234.5)],
)
def test_parse_digits_reads_separators(s, value):
    assert parse_digits(s) == pytest.approx(value)


@pytest.mark.parametrize("s", ["1.2.3", "10.0.0.1", "1,2,3"])
def test_parse_digits_rejects_versions_and_ids(s):
    assert parse_digits(s) is None


def _values(text: str) -> list[float]:
    return [n.value for n in find_numbers(normalize(text).text)]


def test_years_in_a_list_stay_separate():
    assert _values("الاتفاقيات السابقة من 1961 و2000 و2001") == [1961, 2000, 2001]


def test_ordinal_teen_is_not_a_number():
    assert _values("في القرن الثالث عشر الميلادي") == []


def test_time_of_day_date_and_phone_are_not_numbers():
    assert _values("الساعة 10:30 صباحا") == []
    assert _values("بتاريخ 18/06/2024") == []
    assert _values("اتصل على 0501234567") == []
    assert _values("طائرات F16 و S-400") == []


def test_definite_number_is_marked():
    (n,) = find_numbers(normalize("الخبراء الثمانية").text)
    assert n.value == 8 and n.definite
    (n,) = find_numbers(normalize("خلال الاثني عشر شهرا").text)
    assert n.value == 12 and n.definite


@pytest.mark.parametrize(
    "text,value",
    [("السنوات الخمس والعشرين", 25), ("الدول السبع والعشرين", 27), ("الساعات الثماني والأربعين", 48)],
)
def test_definite_compound_is_one_definite_number(text, value):
    (n,) = [n for n in find_numbers(normalize(text).text)]
    assert n.value == value and n.definite


def test_definite_ten_does_not_join_a_following_definite_number():
    # "العشرين والثلاثين": two numbers (a list of decades), not 50
    assert [n.value for n in find_numbers(normalize("العشرين والثلاثين").text)] == [20, 30]


def test_range_high_bound_keeps_its_scale():
    nums = find_numbers(normalize("بين 25 و30 مليار").text)
    assert [n.value for n in nums] == [25, 30e9]
    assert nums[1].scale == 1e9


def test_clitic_on_digits_is_outside_the_span():
    t = normalize("زودت روسيا بـ 11 ألف حاوية و2000 جندي").text
    spans = [t[n.start : n.end] for n in find_numbers(t)]
    assert spans == ["11 الف", "2000"]


def test_every_number_word_resource_row_has_a_value():
    words = number_words()
    assert len(words) > 100
    assert all(w.value > 0 for w in words.values())


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(list("0123456789٠١٢٣٤٥,.٫٬ -/:و") + ["ألف", "مليون", "ثلاثة", "عشر", " ", "ونصف", "الخمسة", "آلاف"]),
        max_size=30,
    ).map("".join)
)
def test_find_numbers_never_raises_and_spans_are_inside(text):
    norm = normalize(text).text
    nums = find_numbers(norm)
    assert nums == find_numbers(norm)
    for n in nums:
        assert 0 <= n.start < n.end <= len(norm)
        assert n.value > 0


def test_digits_glued_to_a_whole_word_are_read_but_not_after_a_code():
    # a missing space (قيمته5,3) still gives the number; a short code (ج2) does not
    assert [n.value for n in find_numbers(normalize("ما قيمته5,3 مليار دولار").text)] == [5.3e9]
    assert find_numbers(normalize("الحلقة ج2 من المسلسل").text) == []


def test_two_amounts_of_the_same_scale_stay_separate():
    # "بين 50 ألفا و60 ألف": two bounds, not 50,060; "مليون و200 ألف" still adds up
    assert [n.value for n in find_numbers(normalize("بين 50 ألفا و60 ألف شخص").text)] == [50000, 60000]
    assert [n.value for n in find_numbers(normalize("مليون و200 ألف").text)] == [1200000]


@pytest.mark.parametrize(
    "text,value,span",
    [
        ("فسقف الـ10 آلاف يورو", 10_000, "الـ10 آلاف"),
        ("السنوات الـ 25 المقبلة", 25, "الـ 25"),
        ("تجاوزت بالـ5 دولارات", 5, "الـ5"),
    ],
)
def test_digits_after_the_article_are_definite_numbers(text, value, span):
    norm = normalize(text)
    (n,) = [n for n in find_numbers(norm.text) if n.has_digits]
    s, e = norm.span(n.start, n.end)
    assert (n.value, n.definite, text[s:e]) == (value, True, span)


def test_digits_typed_against_a_short_preposition_are_read():
    (n,) = find_numbers(normalize("قتل أكثر من55 ألف شخص").text)
    assert n.value == 55_000


def test_a_definite_hundred_is_a_definite_number():
    (n,) = find_numbers(normalize("خلال الأعوام المئة الأخيرة").text)
    assert (n.value, n.definite) == (100, True)


@pytest.mark.parametrize(
    "text,value",
    [
        ("1,279 تريليون", 1.279e12),  # a comma before تريليون / مليار / ألف is decimal, as a dot is
        ("6,265 مليار", 6.265e9),
        ("25,800 ألف", 25_800),
        ("4,749 مليون", 4.749e9),  # before مليون it groups thousands (statements in millions)
        ("100,000", 100_000),
        ("2،5", 2.5),  # the Arabic comma between digits
        ("129،434", 129_434),
        ("2،3 مليار", 2.3e9),
    ],
)
def test_commas_before_scale_words_and_arabic_commas(text, value):
    assert parse_number(text) == pytest.approx(value)


def test_an_arabic_comma_between_years_does_not_join_them():
    assert _values("في عامي 2014،2015") == [2014, 2015]
