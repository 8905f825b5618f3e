"""Highlighted passages: hostile text stays text, spans land on the right characters, overlaps nest."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.highlight import Span, legend_html, render_passage, render_text, spans_for_passage

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<style>body{display:none}</style>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '"><svg onload=alert(1)>',
    "<a href='javascript:alert(1)'>انقر</a>",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "&lt;script&gt; already escaped",
]


class TagCollector(HTMLParser):
    """Parses our HTML like a browser would: collects tags, attributes and the visible text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text, self.stack, self.attrs = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.stack.append(tag)
        self.attrs.extend(attrs)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(markup: str) -> TagCollector:
    p = TagCollector()
    p.feed(markup)
    p.close()
    assert not p.stack, f"unclosed tags {p.stack}"
    return p


OUR_TAGS = {"div", "span", "mark", "a"}
OUR_ATTRS = {"class", "style", "title", "dir", "lang", "href", "target"}


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_article_text_is_shown_as_text(payload):
    text = f"قال كيم {payload} في بيونغ يانغ"
    spans = [Span(4, 7, "entity", "Kim"), Span(8, 8 + len(payload), "claim", payload)]
    markup = render_passage(text, spans, header_links=[("doc", "passages?doc=x")], caption=payload)
    parsed = parse(markup)
    assert set(parsed.tags) <= OUR_TAGS
    assert {name for name, _ in parsed.attrs} <= OUR_ATTRS
    assert not any(name.startswith("on") for name, _ in parsed.attrs)
    assert payload in "".join(parsed.text)  # the visible text is the payload, literally
    for banned in ("<script", "<img", "<style", "<iframe", "<svg", "<link"):
        assert banned not in markup.lower()


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_entity_names_in_titles_cannot_break_out_of_the_attribute(payload):
    markup = render_text("كيم قال", [Span(0, 3, "entity", payload)])
    parsed = parse(markup)
    assert parsed.tags == ["mark"]
    assert dict(parsed.attrs)["title"] == payload


def test_hostile_links_are_escaped():
    markup = render_passage("نص", [], header_links=[('"><script>x</script>', 'passages?doc="><script>')])
    parsed = parse(markup)
    assert "script" not in parsed.tags
    assert dict((k, v) for k, v in parsed.attrs if k == "href")["href"] == 'passages?doc="><script>'


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("بدأ الرئيس الروسي فلاديمير بوتين زيارة", 18, 32),
        ("زيارة لكوريا الشمالية", 7, 21),  # mention after a one-letter proclitic
        ("وصل 11 ألف حاوية", 4, 16),
        ("في سبتمبر 2023، ذهب", 3, 14),
        ("كيم", 0, 3),  # the whole text
        ("قالَ المتحدثُ إنَّ", 0, 4),  # ends after a diacritic
    ],
)
def test_span_boundaries_wrap_exactly_the_slice(text, start, end):
    markup = render_text(text, [Span(start, end, "entity", "x")])
    m = re.search(r"<mark[^>]*>(.*?)</mark>", markup)
    assert html.unescape(m.group(1)) == text[start:end]
    assert html.unescape(re.sub(r"<[^>]+>", "", markup)) == text


def test_each_kind_has_its_own_colour_and_the_legend_names_them():
    text = "قال بوتين إن 11 ألف حاوية وصلت في 2024"
    spans = [Span(4, 9, "entity"), Span(13, 25, "quantity"), Span(34, 38, "date"), Span(0, 38, "claim")]
    markup = render_text(text, spans)
    styles = set(re.findall(r'class="marsad-(\w+)" style="([^"]+)"', markup))
    assert {k for k, _ in styles} == {"entity", "quantity", "date", "claim"}
    assert len({s for _, s in styles}) == 4
    legend = legend_html("en")
    for word in ("entity", "quantity", "date", "claim"):
        assert word in legend
    assert 'dir="rtl"' in legend_html("ar")


def test_overlapping_spans_nest_properly_and_keep_every_character():
    text = "أكد الرئيس كيم جونغ أون في سبتمبر 2023 أن"
    spans = [
        Span(0, len(text), "claim", "claim"),
        Span(11, 23, "entity", "Kim Jong Un"),
        Span(15, 23, "entity", "partial"),  # same kind, nested
        Span(20, 38, "date", "crosses the entity end"),  # crosses another span's boundary
    ]
    markup = render_text(text, spans)
    parsed = parse(markup)  # asserts proper nesting
    assert "".join(parsed.text) == text
    # Every character of the entity span is inside a mark titled Kim Jong Un.
    covered = "".join(re.findall(r'title="Kim Jong Un">(?:<[^>]+>)*([^<]*)', markup))
    assert covered == text[11:23]


def test_spans_outside_or_empty_are_ignored():
    text = "نص قصير"
    markup = render_text(text, [Span(-5, 2, "date"), Span(5, 99, "entity"), Span(3, 3, "quantity"),
                                Span(0, 2, "unknown")])
    assert "".join(parse(markup).text) == text
    assert markup.count("<mark") == 2


def test_container_is_rtl_arabic_and_ui_caption_follows_language():
    markup = render_passage("نص", [], lang="en", caption="Title")
    assert '<div dir="rtl" lang="ar"' in markup
    assert '<div dir="ltr"' in markup


def test_spans_for_passage_shift_document_offsets(fixture_tables):
    t = fixture_tables
    passage = t.passages.set_index("passage_id").loc["d1:p2"].to_dict() | {"passage_id": "d1:p2"}
    spans = spans_for_passage(passage, t.mentions, t.quantities, t.timeline, t.claims, "en")
    text = passage["text"]
    by_kind = {}
    for s in spans:
        by_kind.setdefault(s.kind, []).append(text[s.start : s.end])
    assert by_kind["entity"] == ["بوتين", "الكرملين"]
    assert by_kind["quantity"] == ["11 ألف حاوية"]
    assert len(by_kind["claim"]) == 2
    titles = [s.title for s in spans if s.kind == "entity"]
    assert titles[1].startswith("Kremlin <b>Moscow</b>")  # escaped when rendered, not here
    markup = render_text(text, spans)
    assert "<b>" not in markup and "&lt;b&gt;Moscow" in markup
    denial = [s.title for s in spans if s.kind == "claim" and "الكرملين" in s.title][0]
    from data_pipeline.resources import rule_descriptions

    why = rule_descriptions("claims")["claims.verb_then_clause"]
    assert denial == f"الكرملين: نفى (Denial)\nWhy extracted: {why}"  # what was read, then why


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(max_size=60),
    raw=st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70), st.sampled_from(["entity", "quantity", "date",
                                                                                      "claim"]),
                           st.text(max_size=10)), max_size=6),
)
def test_any_text_and_spans_render_to_well_formed_html_with_the_same_text(text, raw):
    spans = [Span(a, b, kind, title) for a, b, kind, title in raw]
    markup = render_text(text, spans)
    parsed = parse(markup)
    assert set(parsed.tags) <= {"mark", "span"}
    # The browser's view of the text is the text (html.parser folds \r like a browser does).
    assert "".join(parsed.text).replace("\r", "") == text.replace("\r\n", "\n").replace("\r", "") or \
        html.unescape(re.sub(r"<[^>]+>", "", markup)) == text
    assert render_text(text, spans) == markup  # deterministic
