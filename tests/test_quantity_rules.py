"""Quantity rules: every record names the rule that found it, the guards name why a number is no
amount, and the resolver keeps one reading per number and the longest of overlapping spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from data_pipeline.lang.ar.normalize import normalize
from data_pipeline.numbers import find_numbers
from data_pipeline.quantities import RULES, extract_quantities
from data_pipeline.quantities.candidates import Candidate
from data_pipeline.quantities.readings import read_numbers
from data_pipeline.quantities.resolve import longest_first, one_reading_per_number, resolve
from data_pipeline.quantities.rules import NUMBER_THEN_NOUN, NUMBER_THEN_UNIT, RANGE, SYMBOL_THEN_NUMBER
from data_pipeline.records import Document, check_offsets

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_af8d0ac7418768f7.txt"

# (sentence, rule id, span text, value, unit): one sentence for each rule of RULES
BY_RULE = [
    ("ذخيرة مدفعية عيار 152 ملم", "quantities.number_then_unit", "152 ملم", 152, "mm"),
    ("ارتفعت الأسعار 7 بالمئة", "quantities.percent", "7 بالمئة", 7, "percent"),
    ("بقيمة 61 مليون ريال", "quantities.currency", "61 مليون ريال", 61_000_000, "riyal"),
    ("وصل سعر البرميل إلى $100 أمس", "quantities.symbol_then_number", "$100", 100, "dollar"),
    ("قتل 20 من الجنود في الكمين", "quantities.number_of_noun", "20 من الجنود", 20, "soldier"),
    ("تسلمت السلطات 38 من رفات الجنود", "quantities.number_of_plural", "38 من رفات", 38, "item"),
    ("بلغ عدد القتلى 300", "quantities.count_of", "300", 300, "person"),
    ("انتهت ولاية مجموعة الخبراء الثمانية", "quantities.noun_then_cardinal", "الخبراء الثمانية", 8, "expert"),
    ("بقي يوم واحد", "quantities.noun_then_one", "يوم واحد", 1, "day"),
    ("أصيب بين 10 و20 شخصا", "quantities.range", "10 و20 شخصا", 10, "person"),
    ("يستغرق الأمر 3 أو 4 أيام", "quantities.shared_unit", "3", 3, "day"),
    ("أفرجت عن 500 فلسطيني", "quantities.number_then_noun", "500 فلسطيني", 500, "person"),
    ("تستغرق الزيارة يومين", "quantities.dual", "يومين", 2, "day"),
    ("وعرض فريق الباحثين على الماعز مجموعتين من الصور", "quantities.open_dual", "مجموعتين", 2, "item"),
    ("توفي في الرابعة والخمسين من عمره", "quantities.age_of_life", "الرابعة والخمسين من عمره", 54, "year"),
    ("الشباب دون سن الثلاثين", "quantities.age_after_cue", "الثلاثين", 30, "year"),
    ("انتظر نصف ساعة", "quantities.fraction", "نصف ساعة", 0.5, "hour"),
    ("بعد قضاء عام ونصف العام، ووضعته", "quantities.unit_and_fraction", "عام ونصف العام", 1.5, "year"),
    ("بما يعادل مثلي وتيرة الأشهر الثلاثة الأولى", "quantities.twice", "مثلي", 2, "fold"),
]


def _quantities(text: str):
    doc = Document("t", "", text)
    qs = extract_quantities(doc)
    check_offsets(doc, qs)
    return qs


@pytest.mark.parametrize("text,rule,span,value,unit", BY_RULE)
def test_each_rule_names_the_quantity_it_found(text, rule, span, value, unit):
    found = [(q.text, q.value, q.unit) for q in _quantities(text) if q.rule == rule]
    assert found == [(span, pytest.approx(value), unit)]


def test_every_rule_is_described_and_exercised():
    assert {rule for _, rule, *_ in BY_RULE} == set(RULES)
    assert all(rule.startswith("quantities.") and RULES[rule].endswith(".") for rule in RULES)


@pytest.mark.parametrize(
    "text",
    [
        SEED.read_text(encoding="utf-8"),
        "وقال المتحدث إن 25 شخصا قتلوا وأصيب نحو 40 آخرين، بينهم 3 أطفال، في الهجوم الذي استمر ساعتين ونصف.",
        "ارتفعت الصادرات 12% إلى 4.5 مليار دولار خلال الأشهر التسعة الأولى من عام 2017، مقابل 3 مليارات قبل عام.",
        "وتضم اللجنة 15 عضوا من أصل 20، واجتمع أعضاؤها الخمسة عشر يوم 18 يونيو لمدة ثلاث ساعات.",
    ],
)
def test_every_record_has_a_rule_from_rules(text):
    qs = _quantities(text)
    assert qs
    assert all(q.rule in RULES for q in qs), [(q.text, q.rule) for q in qs]


def _guards(text: str) -> list[tuple[float, str]]:
    t = normalize(text).text
    return [(r.number.value, r.guard) for r in read_numbers(t, find_numbers(t))]


@pytest.mark.parametrize(
    "text,guards",
    [
        ("الاتفاقيات السابقة من عام 1961 و2000", [(1961, "year_or_identifier"), (2000, "year_list")]),
        ("وصل الوفد في 18 يونيو", [(18, "month_day_or_year")]),
        ("بدأ الاجتماع الساعة 10", [(10, "time_of_day")]),
        ("ولد عام 1445 هـ", [(1445, "year_or_identifier")]),
        ("وصل في 1445 هـ", [(1445, "year_suffix")]),
        ("ارتفع 40 في المئة", [(40, ""), (100, "percent_word")]),
        ("قتل 25 شخصا", [(25, "")]),
        ("الكاتب الذي ألف كتابا عن الحرب", [(1000, "verb_homograph")]),
        ("وكان الروائي قد ألف رواية عن المدينة", [(1000, "verb_homograph")]),
        ("فقهاء الأمة ألف كتبا كثيرة", [(1000, "verb_homograph")]),
        ("تضم المكتبة أكثر من ألف كتاب", [(1000, "")]),
        ("قرأ حكايات ألف ليلة وليلة", [(1000, "name")]),
    ],
)
def test_guards_name_why_a_number_is_not_an_amount(text, guards):
    assert _guards(text) == guards


def _cand(start, end, rule, numbers=(), value=1.0):
    return Candidate(start, end, value, "item", None, False, rule, numbers)


def test_a_range_takes_its_second_number_from_that_numbers_own_reading():
    # the reading of the high bound is longer than the range, yet the range reads that number first
    rng = _cand(0, 15, RANGE, (0, 1))
    own = _cand(8, 30, NUMBER_THEN_UNIT, (1,))
    assert resolve([rng, own]) == [rng]


def test_a_symbol_before_a_number_gives_way_to_the_numbers_own_reading():
    symbol = _cand(0, 12, SYMBOL_THEN_NUMBER, (0,))
    own = _cand(2, 9, NUMBER_THEN_UNIT, (0,))
    unknown_noun = _cand(2, 14, NUMBER_THEN_NOUN, (0,))
    assert one_reading_per_number([symbol, own, unknown_noun]) == [own]


def test_longest_span_wins_then_earlier_start_then_first_proposed():
    short, long_ = _cand(0, 5, NUMBER_THEN_UNIT, (0,)), _cand(3, 12, NUMBER_THEN_UNIT, (1,))
    assert longest_first([short, long_]) == [long_]
    left, right = _cand(0, 6, NUMBER_THEN_UNIT, (0,)), _cand(4, 10, NUMBER_THEN_UNIT, (1,))
    assert longest_first([right, left]) == [left]
    first, second = _cand(0, 6, "quantities.dual", value=1.0), _cand(0, 6, "quantities.fraction", value=2.0)
    assert longest_first([first, second]) == [first]
    apart = [_cand(10, 12, NUMBER_THEN_UNIT, (1,)), _cand(0, 4, NUMBER_THEN_UNIT, (0,))]
    assert longest_first(apart) == sorted(apart, key=lambda c: c.start)


def _amounts(text: str, source: str | None = None) -> list[tuple[str, float, str]]:
    doc = Document("t", "", text, source=source)
    qs = extract_quantities(doc)
    check_offsets(doc, qs)
    return [(q.text, q.value, q.unit) for q in qs]


@pytest.mark.parametrize(
    "text",
    ["وكان المؤرخ قد ألّف كتاباً عن تاريخ المدينة.", "ودرس الفقه وألّف كتاب الأصول في شبابه."],
)
def test_the_verb_written_with_its_shadda_is_no_thousand(text):
    assert _amounts(text) == []


@pytest.mark.parametrize(
    "text,source,unit",
    [
        ("رفعت الحكومة المصرية سعر لتر البنزين إلى 5.5 جنيه.", None, "egyptian_pound"),
        ("ارتفع سعر التذكرة إلى 40 جنيها. وقالت الشركة في القاهرة إن الزيادة مؤقتة.", None, "egyptian_pound"),
        ("دفع النادي غرامة قدرها 500 جنيه.", "BBC", "pound_sterling"),
        ("دفع النادي غرامة قدرها 500 جنيه.", "alriyadh", "pound"),
        ("دفع النادي غرامة قدرها 500 جنيه في الخرطوم.", "BBC", "sudanese_pound"),
        ("بيعت اللوحة بمبلغ 30 ألف جنيه إسترليني.", "skynews", "pound_sterling"),
        ("بيعت اللوحة بمبلغ £300 فقط.", None, "pound_sterling"),
    ],
)
def test_the_pound_is_the_one_the_article_or_its_outlet_names(text, source, unit):
    assert [u for _, _, u in _amounts(text, source)] == [unit]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("يتراوح قطر الحبة بين 1 ميليمتر و3 ميليمترات", [("1 ميليمتر", 1, "mm"), ("3 ميليمترات", 3, "mm")]),
        ("يدفع المشترك عن الاستهلاك الذي يزيد على 60 مترا مكعبا", [("60 مترا مكعبا", 60, "m3")]),
        ("زارت اللجنة ثلاثين مريضة وثلاث مواطنات", [("ثلاثين مريضة", 30, "patient"), ("ثلاث مواطنات", 3, "citizen")]),
        ("وخفضت الحكومة الوزارات إلى 14 من 21 حاليا", []),  # an adverb is no counted noun
        ("ازدهرت المدينة بين القرنين الثالث والسابع للميلاد", []),  # two named centuries, not a span
    ],
)
def test_spellings_adverbs_and_named_duals(text, expected):
    assert _amounts(text) == expected
