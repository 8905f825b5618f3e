"""Passages as HTML with their facts highlighted, built from offsets.

Article text is untrusted. Every fragment of it is ``html.escape``d before any
tag is added, and every attribute value we write (entity names, claim speakers,
ids) is escaped with quotes too, so nothing in an article can open a tag, run
script, load a resource or restyle the page. Render the result with
``st.html`` (never ``st.markdown(unsafe_allow_html=True)``).

Spans may overlap (an entity inside a claim, a date inside a quantity): the
text is cut at every span boundary and each piece is wrapped in the tags of all
spans covering it, outermost first, so the tags always nest properly.
``dir="rtl" lang="ar"`` goes on our own container only.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard import bidi
from dashboard.i18n import direction, rule_label, t, unit_label

KINDS = ("claim", "entity", "quantity", "date")  # outermost first when spans overlap

# One look per kind: background colours for the short spans, an underline for claims
# (long spans that contain the others).
STYLES = {
    "claim": "background:#f3e8ff;border-bottom:2px solid #7c3aed;",
    "entity": "background:#dbeafe;border-radius:3px;",
    "quantity": "background:#dcfce7;border-radius:3px;",
    "date": "background:#ffedd5;border-radius:3px;",
}
TAGS = {"claim": "span", "entity": "mark", "quantity": "mark", "date": "mark"}

CONTAINER_STYLE = (
    "font-family:'Noto Naskh Arabic',serif;font-size:1.15rem;line-height:2.1;"
    "white-space:pre-wrap;text-align:right;unicode-bidi:isolate;"
)

PASSAGE_STYLE = "border:1px solid #e5e7eb;border-radius:6px;padding:.5rem .8rem;margin-bottom:.6rem;"
# The passage a link asked for: a wider amber frame on a pale ground (the highlights stay readable).
MARKED_STYLE = (
    "border:3px solid #f59e0b;border-radius:6px;padding:.5rem .8rem;margin-bottom:.6rem;background:#fffbeb;"
    "scroll-margin-top:5rem;"
)


@dataclass(frozen=True)
class Span:
    """A highlight: ``start``/``end`` index the passage text (end exclusive); ``title`` shows on hover."""

    start: int
    end: int
    kind: str
    title: str = ""


def esc(value) -> str:
    """Escaped text for HTML content or a quoted attribute value."""
    return html.escape("" if value is None else str(value), quote=True)


def render_text(text: str, spans: list[Span]) -> str:
    """``text`` escaped, with each span wrapped in its kind's tag; overlaps nest properly.

    Spans outside the text are clipped; empty spans and unknown kinds are ignored.
    """
    n = len(text)
    order = {k: i for i, k in enumerate(KINDS)}
    clean = []
    for s in spans:
        a, b = max(0, int(s.start)), min(n, int(s.end))
        if a < b and s.kind in order:
            clean.append(Span(a, b, s.kind, s.title))
    if not clean:
        return esc(text)
    # Outer spans first: by kind, then longer before shorter, then by start.
    clean.sort(key=lambda s: (order[s.kind], s.start, -(s.end - s.start)))
    cuts = sorted({0, n, *(s.start for s in clean), *(s.end for s in clean)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [s for s in clean if s.start <= a and s.end >= b]
        piece = esc(text[a:b])
        for s in reversed(covering):
            tag = TAGS[s.kind]
            title = f' title="{esc(s.title)}"' if s.title else ""
            piece = f'<{tag} class="marsad-{s.kind}" style="{STYLES[s.kind]}"{title}>{piece}</{tag}>'
        out.append(piece)
    return "".join(out)


def legend_html(lang: str) -> str:
    """A small legend naming each highlight colour."""
    items = "".join(
        f'<mark style="{STYLES[k]}margin:0 .4em;">{esc(t("kind_" + k, lang))}</mark>'
        for k in ("entity", "quantity", "date", "claim")
    )
    return (
        f'<div class="marsad-legend" dir="{direction(lang)}" style="font-size:.9rem;margin-bottom:.5rem;">'
        f"{esc(t('legend', lang))}: {items}</div>"
    )


def render_passage(
    text: str,
    spans: list[Span],
    *,
    lang: str = "ar",
    header_links: list[tuple[str, str]] = (),
    caption: str = "",
    anchor: str = "",
    marked: bool = False,
) -> str:
    """A passage block: optional caption and links (label, relative href) above the highlighted text.

    The text container carries ``dir="rtl" lang="ar"``; the caption follows the UI language.
    ``anchor``: the block's HTML id (escaped; give one made by us, not article data). ``marked``:
    the passage the reader asked for, framed and flagged ``data-marked="true"`` (what the
    article page scrolls to).
    """
    links = " · ".join(f'<a href="{esc(href)}" target="_self">{esc(label)}</a>' for label, href in header_links)
    head = ""
    if caption or links:
        head = (
            f'<div dir="{direction(lang)}" style="font-size:.85rem;color:#555;margin-bottom:.2rem;">'
            f'{esc(caption)}{" · " if caption and links else ""}{links}</div>'
        )
    ident = f' id="{esc(anchor)}"' if anchor else ""
    flag = ' data-marked="true"' if marked else ""
    return (
        f'<div class="marsad-passage"{ident}{flag} style="{MARKED_STYLE if marked else PASSAGE_STYLE}">'
        f'{head}<div dir="rtl" lang="ar" style="{CONTAINER_STYLE}">{render_text(text, spans)}</div></div>'
    )


# ---------------------------------------------------------------- spans from the tables


def _records(df: pd.DataFrame) -> list[dict]:
    return df.to_dict("records") if len(df) else []


def _why(title: str, row: dict, lang: str) -> str:
    """A hover title with, on a line of its own, why the fact was extracted (its rule)."""
    why = rule_label(row.get("rule"), lang)
    return f"{title}\n{t('col_rule', lang)}: {why}" if why else title


def fact_spans(
    mentions: pd.DataFrame,
    quantities: pd.DataFrame,
    timeline: pd.DataFrame,
    claims: pd.DataFrame,
    lang: str = "en",
) -> list[tuple[str, Span]]:
    """Every fact of the frames as (doc_id, Span) in *document* offsets, with its hover title:
    entities, quantities, dates, then claims, each in frame order.

    Names, speakers and cues in the hover titles lose their bidi controls (``bidi.strip``): a
    U+202E in an entity name would otherwise reverse the rest of its title.
    """
    spans: list[tuple[str, Span]] = []
    for r in _records(mentions):
        name_en = bidi.strip(r.get("name_en", ""))
        name_ar = bidi.strip(r.get("name_ar", ""))
        kind_label = t(f"type_{r['type']}", lang)
        title = f"{name_en} ({kind_label}) · {name_ar}".strip()
        spans.append((r["doc_id"], Span(r["start"], r["end"], "entity", _why(title, r, lang))))
    for r in _records(quantities):
        value = r["value"]
        shown = f"{value:g}" if isinstance(value, (int, float, np.floating)) and not pd.isna(value) else str(value)
        approx = "~" if bool(r.get("approximate", False)) else ""
        what = bidi.strip(r.get("what", ""))
        what = f" · {what}" if what else ""
        title = f"{approx}{shown} {bidi.strip(unit_label(r['unit'], lang))}{what}"
        spans.append((r["doc_id"], Span(r["start"], r["end"], "quantity", _why(title, r, lang))))
    for r in _records(timeline):
        title = f"{r['date']} ({t('precision_' + str(r['precision']), lang)})"
        spans.append((r["doc_id"], Span(r["start"], r["end"], "date", _why(title, r, lang))))
    for r in _records(claims):
        flags = []
        if bool(r.get("hedged", False)):
            flags.append(t("col_hedged", lang))
        if r.get("stance", "") == "deny":
            flags.append(t("col_denial", lang))
        speaker = bidi.strip(r["speaker"]) or "?"
        title = f"{speaker}: {bidi.strip(r['cue'])}" + (f" ({', '.join(flags)})" if flags else "")
        spans.append((r["doc_id"], Span(r["start"], r["end"], "claim", _why(title, r, lang))))
    return spans


def _shifted(facts: list[tuple[str, Span]], doc_id: str, p_start: int, p_end: int) -> list[Span]:
    return [
        Span(int(s.start) - p_start, int(s.end) - p_start, s.kind, s.title)
        for d, s in facts
        if d == doc_id and s.start < p_end and s.end > p_start
    ]


def spans_for_passage(
    passage: Mapping,
    mentions: pd.DataFrame,
    quantities: pd.DataFrame,
    timeline: pd.DataFrame,
    claims: pd.DataFrame,
    lang: str = "en",
) -> list[Span]:
    """Highlights for one passage row, from facts that overlap its document range.

    Fact offsets index the document; they are shifted to the passage. The fact
    frames should already be cut to the passage's document (or passage). Titles as ``fact_spans``.
    """
    doc_id, p_start, p_end = passage["doc_id"], int(passage["start"]), int(passage["end"])

    def overlapping(df: pd.DataFrame) -> pd.DataFrame:
        if not len(df):
            return df
        return df[(df["doc_id"].to_numpy() == doc_id) & (df["start"].to_numpy() < p_end) & (df["end"].to_numpy() > p_start)]

    facts = fact_spans(overlapping(mentions), overlapping(quantities), overlapping(timeline), overlapping(claims), lang)
    return _shifted(facts, doc_id, p_start, p_end)


def spans_by_passage(
    passages: pd.DataFrame,
    mentions: pd.DataFrame,
    quantities: pd.DataFrame,
    timeline: pd.DataFrame,
    claims: pd.DataFrame,
    lang: str = "en",
) -> list[list[Span]]:
    """``spans_for_passage`` for every row of ``passages`` at once: each fact's title is built once
    (a 280-passage article took 8 s passage by passage, pandas slicing each fact table each time)."""
    facts = fact_spans(mentions, quantities, timeline, claims, lang)
    return [_shifted(facts, r["doc_id"], int(r["start"]), int(r["end"])) for r in _records(passages)]
