"""Each extractor on its own, fed random and hostile Unicode: it never raises, every span
lies inside the text with ``rec.text == doc.text[start:end]``, and two runs agree.

The strategies lean on what breaks Arabic text handling: presentation forms
(U+FB50-U+FDFF, U+FE70-U+FEFF, NFKC expands some to many letters), bidi and
zero-width controls inside words, long runs of diacritics and tatweel, Persian and
Urdu letters, Arabic-Indic and Persian digits, emoji with ZWJ and skin tones, and
real words that trigger the extractors (numbers, units, months, reporting verbs).
"""

from __future__ import annotations

import math
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data_pipeline.claims import extract_claims
from data_pipeline.entities import extract_mentions
from data_pipeline.lang.ar.normalize import normalize
from data_pipeline.passages import MAX_CHARS, split_passages
from data_pipeline.quantities import extract_quantities
from data_pipeline.records import Document, check_offsets
from data_pipeline.timeline import extract_dates
from scripts.benchmark_scaling import SCALING_CASES

ARABIC_LETTERS = st.characters(min_codepoint=0x0621, max_codepoint=0x064A)
PRESENTATION_FORMS = st.one_of(
    st.characters(min_codepoint=0xFB50, max_codepoint=0xFDFF),
    st.characters(min_codepoint=0xFE70, max_codepoint=0xFEFF),
)
BIDI_AND_ZERO_WIDTH = st.sampled_from(
    ["\u200c", "\u200d", "\u200b", "\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
     "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff", "\u00ad", "\u2060"]
)
DIACRITICS = st.characters(min_codepoint=0x064B, max_codepoint=0x065F) | st.sampled_from(["\u0670", "\u06e1", "\u08f0"])
PERSIAN_URDU = st.sampled_from(list("کگپچژیےۀھۃ") + ["\u06c1", "\u06be", "\u06d3"])
DIGITS = st.sampled_from([chr(base + i) for base in (0x30, 0x0660, 0x06F0) for i in range(10)])  # ASCII, Arabic, Persian
EMOJI = st.sampled_from(["😀", "👍🏽", "👨\u200d👩\u200d👧", "🇸🇦", "❤️", "🏳️\u200d🌈", "\U0001fae0", "🕌"])
PUNCT = st.sampled_from(list(" \n\t\r.,،؛؟!:«»\"'()-–—/%٪٫٬…") + ["\r\n", "\u2028", "\u00a0", "\x85"])
WORDS = st.sampled_from(
    ["قال", "قالت", "أكد", "نفى", "وأضاف", "إن", "أن", "الرئيس", "بوتين", "كيم جونغ أون", "موسكو", "السعودية",
     "وزارة الخارجية", "مليون", "مليار", "ألف", "آلاف", "دولار", "ريال", "بالمئة", "في المئة", "كيلومتر", "جندي",
     "حاوية", "عام", "يونيو", "حزيران", "جوان", "رمضان", "الثلاثاء", "أمس", "اليوم", "غدا", "الأسبوع الماضي",
     "منذ", "قبل", "هـ", "م", "ربما", "حوالي", "نحو", "أكثر من", "عشرة", "ثلاثة", "خمسون", "2024", "١٤٤٥",
     "18/6/2024", "3.5", "٣٫٥", "1,000", "$", "%", "ـــــ", "ﻻ", "ﷺ", "ﷲ", "ﺍﻟﺮﺋﻴﺲ", "الرئيـــــس", "بُوتِينُ"]
)
DIACRITIC_RUN = st.lists(DIACRITICS, min_size=1, max_size=30).map("".join)
TATWEEL_RUN = st.integers(min_value=1, max_value=40).map(lambda n: "\u0640" * n)

PIECE = st.one_of(
    WORDS, WORDS, WORDS, ARABIC_LETTERS, PRESENTATION_FORMS, BIDI_AND_ZERO_WIDTH, DIACRITIC_RUN, TATWEEL_RUN,
    PERSIAN_URDU, DIGITS, EMOJI, PUNCT, PUNCT,
)
ARABIC_HEAVY = st.lists(PIECE, max_size=120).map("".join)
# Any code point hypothesis likes (surrogates excluded: they cannot come out of a decoded file).
RANDOM_UNICODE = st.text(max_size=400)
TEXTS = st.one_of(RANDOM_UNICODE, ARABIC_HEAVY, ARABIC_HEAVY)
PUBLISHED = st.sampled_from(
    [None, "2024-06-18", "2018-02-26", "2000-02-29", "not a date", "", "0001-01-01", "9999-12-31"]
)

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _assert_spans(doc: Document, records) -> None:
    check_offsets(doc, records)  # the project's one check, plus the stricter ones below
    for rec in records:
        assert 0 <= rec.start <= rec.end <= len(doc.text), rec
        assert rec.text == doc.text[rec.start : rec.end], rec


def _assert_in_order_without_overlap(records) -> None:
    for a, b in zip(records, records[1:]):
        assert a.start <= b.start and a.end <= b.start, (a, b)


@SETTINGS
@given(TEXTS)
def test_normalize_maps_every_character_back_into_the_original(text):
    norm = normalize(text)
    assert norm.original == text
    if norm.starts is None:
        assert len(norm.text) == len(text)
    else:
        assert len(norm.starts) == len(norm.ends) == len(norm.text)
        assert all(0 <= s < e <= len(text) for s, e in zip(norm.starts, norm.ends))
        assert norm.starts == sorted(norm.starts)
    for a in range(0, len(norm.text) + 1, 7):
        for b in (a, a + 1, a + 5, len(norm.text)):
            b = min(b, len(norm.text))
            s, e = norm.span(a, b)
            assert 0 <= s <= e <= len(text)
    assert normalize(text) == norm


@SETTINGS
@given(TEXTS)
def test_normalize_drops_marks_and_controls_from_the_view(text):
    view = normalize(text).text
    assert not re.search("[\u064b-\u065f\u0670\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]", view)
    # a presentation form with an NFKC letter is folded; symbols without one (U+FBB2) stay
    leftovers = re.findall("[\ufb50-\ufdff\ufe70-\ufefe]", view)
    assert all(unicodedata.normalize("NFKC", ch) == ch for ch in leftovers), leftovers


@SETTINGS
@given(TEXTS)
def test_split_passages(text):
    doc = Document("p", "t", text)
    passages = split_passages(doc)
    _assert_spans(doc, passages)
    _assert_in_order_without_overlap(passages)
    assert all(p.text.strip() == p.text and p.text for p in passages)
    assert len({p.passage_id for p in passages}) == len(passages)
    assert split_passages(doc) == passages
    assert split_passages(doc, normalize(text)) == passages


@SETTINGS
@given(TEXTS)
def test_extract_mentions(text):
    doc = Document("m", "t", text)
    mentions = extract_mentions(doc)
    _assert_spans(doc, mentions)
    _assert_in_order_without_overlap(mentions)
    assert all(m.end > m.start and m.entity_id and m.type for m in mentions)
    assert extract_mentions(doc) == mentions
    assert extract_mentions(doc, normalize(text)) == mentions


@SETTINGS
@given(TEXTS)
def test_extract_quantities(text):
    doc = Document("q", "t", text)
    quantities = extract_quantities(doc)
    _assert_spans(doc, quantities)
    assert all(math.isfinite(q.value) and q.unit for q in quantities)
    assert all(q.what in doc.text for q in quantities)
    assert extract_quantities(doc) == quantities
    assert extract_quantities(doc, normalize(text)) == quantities


ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?$")
PRECISION = {4: "year", 7: "month", 10: "day"}


@SETTINGS
@given(TEXTS, PUBLISHED)
def test_extract_dates_with_and_without_published(text, published):
    doc = Document("d", "t", text, published=published)
    points = extract_dates(doc)
    _assert_spans(doc, points)
    for p in points:
        assert ISO_DATE.match(p.date) and PRECISION[len(p.date)] == p.precision, p
        assert p.calendar in ("gregorian", "hijri")
    if published is None:
        assert not any(p.relative for p in points)
    assert extract_dates(doc) == points
    assert extract_dates(doc, normalize(text)) == points


@SETTINGS
@given(TEXTS)
def test_extract_claims_with_and_without_mentions(text):
    doc = Document("c", "t", text)
    mentions = extract_mentions(doc)
    for given_mentions in ((), mentions):
        claims = extract_claims(doc, given_mentions)
        _assert_spans(doc, claims)
        assert all(c.stance in ("assert", "deny") for c in claims)
        assert len({c.claim_id for c in claims}) == len(claims)
        assert extract_claims(doc, given_mentions) == claims
        assert extract_claims(doc, given_mentions, normalize(text)) == claims


# ------------------------------------------------------------- named hostile strings

HOSTILE = {
    "presentation forms": "ﺍﻟﺮﺋﻴﺲ ﺑﻮﺗﻴﻦ ﻗﺎﻝ ﺇﻥ ﻣﻮﺳﻜﻮ ﺳﺘﺮﺳﻞ ٥٠٠ ﺟﻨﺪﻱ ﻓﻲ ١٨ ﻳﻮﻧﻴﻮ ٢٠٢٤ ﷺ ﷲ ﻻ",
    "bidi inside words": (
        "قال\u200f الرئيس \u202bبو\u200cتين\u202c إن \u2067500\u2069 جندي وصلوا\u200d في \u2066يونيو 2024\u2069."
    ),
    "diacritics everywhere": "قَالَ الرَّئِيسُ بُوتِينُ إِنَّ خَمْسَمِائَةِ جُنْدِيٍّ وَصَلُوا فِي يُونْيُو ٢٠٢٤ مِ.",
    "tatweel everywhere": "قـــال الرئيـــــس بوتيـــن إن 500 جنـــدي وصلـــوا في يونيـــو 2024.",
    "persian and urdu": "رئیس جمهور پوتین گفت که ۵۰۰ سرباز در ژوئن ۲۰۲۴ رسیدند۔ یہ خبر ہے اور ۀ ے ک گ چ.",
    "emoji and flags": "قال 👨\u200d👩\u200d👧 الرئيس 🇷🇺 بوتين 😀 إن 500 جندي 👍🏽 وصلوا في يونيو 2024 ❤️.",
    "only controls": "\u200f\u200e\u202e\u2066\u2069\u200d\u200c\ufeff" * 50,
    "only marks": "\u064e\u0640\u0651\u0652" * 200,
    "lone marks before letters": "\u064e\u064fقال إن \u0651٥٠٠ جندي",
    "nul and controls": "قال\x00 الرئيس\x07 بوتين\x1b إن 500 جندي\x7f.",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_named_hostile_strings_keep_every_invariant(name):
    text = HOSTILE[name]
    for published in (None, "2024-06-18"):
        doc = Document("h", "t", text, published=published)
        mentions = extract_mentions(doc)
        for records in (split_passages(doc), mentions, extract_quantities(doc), extract_dates(doc),
                        extract_claims(doc, mentions)):
            _assert_spans(doc, records)


@pytest.mark.parametrize(
    "name, date",
    [("presentation forms", "2024-06-18"), ("bidi inside words", "2024-06"), ("diacritics everywhere", "2024-06"),
     ("tatweel everywhere", "2024-06"), ("emoji and flags", "2024-06")],
)
def test_folded_text_still_yields_the_facts(name, date):
    """What the normalised view folds away must not hide the facts behind it."""
    doc = Document("h", "t", HOSTILE[name], published="2024-06-18")
    assert "PERSON" in {m.type for m in extract_mentions(doc)}
    assert [d.date for d in extract_dates(doc)] == [date]
    if name != "diacritics everywhere":  # there the number is a word (خمسمائة)
        assert [(q.value, q.unit) for q in extract_quantities(doc)] == [(500.0, "soldier")]


# ------------------------------------------------------------- repetitive input

# Lines of dots, tables of percentages or years, and a reporting verb every few words are real in
# scraped pages, and each once made a stage quadratic. How long they take is measured by
# scripts/benchmark_scaling.py (figures in the README, not asserted: machines are shared and
# noisy); here, at the larger size it times, each must still give the right records.


def _hard_cuts(doc, passages):
    """A text with no space is cut every MAX_CHARS characters."""
    n = len(doc.text)
    assert [(p.start, p.end) for p in passages] == [(i, min(i + MAX_CHARS, n)) for i in range(0, n, MAX_CHARS)]


def _every(step, offset, length, **values):
    """One record per repetition, each with the same values."""

    def check(doc, records):
        assert len(records) == len(doc.text) // step
        starts = range(offset, len(doc.text), step)
        assert [(r.start, r.end) for r in records] == [(i, i + length) for i in starts]
        assert {tuple(getattr(r, k) for k in values) for r in records} == {tuple(values.values())}

    return check


def _nothing(doc, records):
    assert records == []


def _last_year_only(doc, records):
    """In "2024 عام" the number counts years: only the last 2024, with nothing after it, is a date."""
    expected = [("2024", "year", "عام 2024", len(doc.text) - 1)]
    assert [(r.date, r.precision, r.text, r.end) for r in records] == expected


def _claim_per_verb_but_last(doc, records):
    """Each قال الوزير إن reports the next one; the last has no content and is no claim."""
    assert [r.start for r in records] == list(range(0, len(doc.text) - 14, 14))
    assert {(r.cue, r.content, r.stance, r.speaker) for r in records} == {("قال", "قال الوزير إن", "assert", "الوزير")}


EXPECTED_ON_REPETITIVE_INPUT = {
    "passages-dots": _hard_cuts,
    "passages-question-marks": _hard_cuts,
    "quantities-percentages": _every(3, 0, 2, value=5.0, unit="percent", text="5%"),
    "quantities-scale-words": _nothing,  # a scale word with no number is no quantity
    "timeline-years": _every(5, 0, 4, date="2024", precision="year", calendar="gregorian"),
    "timeline-years-with-cue": _last_year_only,
    "mentions-names": _every(13, 7, 5, entity_id="person:vladimir_putin", type="PERSON"),
    "claims-verbs-in-one-sentence": _claim_per_verb_but_last,
    "claims-open-quotes": _nothing,  # a quotation that never closes is no statement
}


def test_every_scaling_case_has_expected_results():
    assert sorted(c.case_id for c in SCALING_CASES) == sorted(EXPECTED_ON_REPETITIVE_INPUT)


@pytest.mark.parametrize("case", SCALING_CASES, ids=lambda c: c.case_id)
def test_repetitive_input_gives_correct_offset_valid_results(case):
    doc = case.document(4 * case.n)
    records = case.extract(doc)
    _assert_spans(doc, records)
    EXPECTED_ON_REPETITIVE_INPUT[case.case_id](doc, records)
    assert case.extract(doc) == records
