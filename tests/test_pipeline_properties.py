"""Every stage together: random and real text never raise, every span satisfies the offset invariant, runs are deterministic."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data_pipeline.pipeline import process_document
from data_pipeline.records import Document

ARABIC_BITS = st.sampled_from(
    ["قال", "الرئيس", "«بوتين»", "إن", "11 ألف", "حاوية", "في", "عام 2000", "الثلاثاء", "يونيو", "١٨", "ـ", "ُ", "،", ".",
     "\n", " ", "\u200f", "ﻻ", "وفقًا لـ", "نفت", "ربما", "مليون دولار", "كيم جونغ أون", "\"", "%", "😀"]
)
TEXTS = st.one_of(st.text(max_size=400), st.lists(ARABIC_BITS, max_size=80).map("".join))


def _all_records(facts):
    return facts.passages + facts.mentions + facts.quantities + facts.timeline + facts.claims


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.sampled_from([None, "2024-06-18", "2018-02-26"]))
def test_random_text_never_raises_and_spans_hold(text, published):
    doc = Document("r", "t", text, published=published)
    facts = process_document(doc)
    assert facts.errors == []
    for rec in _all_records(facts):
        assert 0 <= rec.start <= rec.end <= len(text)
        if getattr(rec, "text", ""):
            assert text[rec.start : rec.end] == rec.text
    again = process_document(doc)
    assert _all_records(again) == _all_records(facts)


def test_real_articles_keep_the_offset_invariant(corpus_sample):
    for doc in corpus_sample:
        facts = process_document(doc)
        assert facts.errors == [], (doc.doc_id, facts.errors)
        for rec in _all_records(facts):
            assert doc.text[rec.start : rec.end] == rec.text
