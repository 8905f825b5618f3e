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
import time
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data_pipeline.claims import extract_claims
from data_pipeline.entities import extract_mentions
from data_pipeline.normalize import normalize
from data_pipeline.passages import split_passages
from data_pipeline.quantities import extract_quantities
from data_pipeline.records import Document, check_offsets
from data_pipeline.timeline import extract_dates

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


# ------------------------------------------------------------- run time on repetitive input

def _seconds(fn, doc) -> float:
    """CPU seconds of one run: unlike wall time, hardly moved by other processes on a busy machine."""
    t0 = time.process_time()
    fn(doc)
    return time.process_time() - t0


PUNCTUATION_RUNS = "passages._SENTENCE_END backtracks over punctuation runs: O(n^2)"
ALL_PAIRS = "{} compares every candidate with every kept one: O(k^2)"
VERB_RESCAN = "claims._speaker_before re-tokenises from the sentence start for every verb: O(n^2)"

SCALING_CASES = [
    # (extractor, repeated unit, repetitions): timed at n and at 4n repetitions
    pytest.param(split_passages, ".", 1500, id="passages-dots",
                 marks=pytest.mark.xfail(strict=True, reason=PUNCTUATION_RUNS)),
    pytest.param(split_passages, "\u061f", 1500, id="passages-question-marks",
                 marks=pytest.mark.xfail(strict=True, reason=PUNCTUATION_RUNS)),
    pytest.param(extract_quantities, "5% ", 1500, id="quantities-percentages",
                 marks=pytest.mark.xfail(strict=True, reason=ALL_PAIRS.format("quantities._resolve"))),
    pytest.param(extract_dates, "2024 ", 1500, id="timeline-years",
                 marks=pytest.mark.xfail(strict=True, reason=ALL_PAIRS.format("timeline._resolve_overlaps"))),
    pytest.param(extract_mentions, "الرئيس بوتين ", 800, id="mentions-names"),
    pytest.param(extract_claims, "قال إن ", 400, id="claims-verbs-in-one-sentence",
                 marks=pytest.mark.xfail(strict=True, reason=VERB_RESCAN)),
    pytest.param(extract_claims, "قال «", 1500, id="claims-open-quotes"),
    pytest.param(extract_quantities, "مليون ", 1500, id="quantities-scale-words"),
    pytest.param(extract_dates, "عام 2024 ", 1500, id="timeline-years-with-cue"),
]


@pytest.mark.parametrize("fn, unit, n", SCALING_CASES)
def test_repetitive_input_runs_in_linear_time(fn, unit, n):
    """A table of numbers or a line of dots (real in scraped pages) must not make a stage quadratic.

    Four times the input may take about four times as long (under 7x allowed); a
    quadratic stage takes 9-15x. Runs too short to time (< 50 ms) pass.
    """
    fn(Document("w", "t", unit, published="2024-06-18"))  # load the lexicons outside the timing
    small = min(_seconds(fn, Document("r", "t", unit * n, published="2024-06-18")) for _ in range(2))
    big_doc = Document("r", "t", unit * (4 * n), published="2024-06-18")
    big = _seconds(fn, big_doc)
    if big >= 0.05 and big / small >= 7:
        small = min(small, _seconds(fn, Document("r", "t", unit * n, published="2024-06-18")))  # one retry
        big = min(big, _seconds(fn, big_doc))
    assert big < 0.05 or big / small < 7, f"{fn.__name__}: {small:.3f}s -> {big:.3f}s for 4x the input"
