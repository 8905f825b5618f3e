"""The article reader's parts, as pure functions: its header, its actors, its facts, its passages.

No Streamlit here (``views/article.py`` lays the parts out). Everything that comes from an article
(title, outlet, URL, names, text) is untrusted: bidi controls are dropped (``bidi.strip``), every
fragment is escaped (``highlight.esc``) before a tag is added, and names sit in ``<bdi>`` so an
Arabic name does not reorder the count after it. The source URL becomes a link only when it is a
plain http(s) address (``source_href``); anything else is shown as text.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from dashboard import bidi, palette
from dashboard.filters import article_link, entity_link, passage_link
from dashboard.highlight import esc, legend_html, render_passage, spans_by_passage
from dashboard.i18n import direction, rule_label, t, unit_label

FACT_KINDS = ("entity", "quantity", "date", "claim")  # the order of the facts table at one offset
FACT_TABLES = {"entity": "mentions", "quantity": "quantities", "date": "timeline", "claim": "claims"}
WEB_SCHEMES = ("http", "https")
MAX_URL_CHARS = 2000
# Our own script, constant (no article data in it): bring the marked passage into view once the
# page has drawn it (centred, unless it is already in view: then the article's head stays in sight).
# Streamlit draws asynchronously, so it looks for the passage a few times.
SCROLL_SCRIPT = """<script>
(function () {
  var tries = 0;
  var timer = setInterval(function () {
    var target = document.querySelector('.marsad-passage[data-marked="true"]');
    if (target) {
      clearInterval(timer);
      var box = target.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) { target.scrollIntoView({block: "center"}); }
    } else if (++tries > 100) { clearInterval(timer); }
  }, 100);
})();
</script>"""


def anchor_id(position: int) -> str:
    """The HTML id of the article's passage at ``position`` (0-based): ours, never article data."""
    return f"marsad-p{int(position) + 1}"


def source_href(url: object) -> str | None:
    """``url`` when it is a plain web address (http or https, with a host, no spaces or control
    characters), else None: a ``javascript:`` or ``data:`` URL from an article never becomes a link."""
    if not isinstance(url, str) or not url or len(url) > MAX_URL_CHARS:
        return None
    if url != url.strip() or any(ch.isspace() or not ch.isprintable() for ch in url) or bidi.strip(url) != url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in WEB_SCHEMES and parts.hostname else None


def _text(value: object) -> str:
    return bidi.strip(value).strip()


def header_html(doc: Mapping, lang: str) -> str:
    """Title, then outlet · publication date · source address (a link only when ``source_href`` allows)."""
    title = _text(doc.get("title")) or _text(doc.get("doc_id"))
    parts = []
    outlet = _text(doc.get("source"))
    if outlet:
        parts.append(f'{esc(t("col_source", lang))}: <bdi class="marsad-article-outlet">{esc(outlet)}</bdi>')
    published = _text(doc.get("published"))
    if published:
        parts.append(f'{esc(t("col_published", lang))}: <bdi class="marsad-article-date" dir="ltr">{esc(published)}</bdi>')
    url = doc.get("url")
    href = source_href(url)
    if href:
        parts.append(
            f'{esc(t("article_source_url", lang))}: <a class="marsad-article-url" dir="ltr" href="{esc(href)}" '
            f'target="_blank" rel="noopener noreferrer nofollow">{esc(href)}</a>'
        )
    elif _text(url):
        shown = bidi.visible(str(url))[:200]
        parts.append(f'{esc(t("article_source_url", lang))}: <bdi class="marsad-article-url" dir="ltr">{esc(shown)}</bdi>')
    meta = " · ".join(parts)
    return (
        f'<div class="marsad-article-head" dir="{direction(lang)}">'
        f'<h2 class="marsad-article-title" dir="auto" style="margin:0 0 .3rem 0;font-size:1.6rem;">{esc(title)}</h2>'
        f'<p style="margin:0;color:#444;font-size:.95rem;">{meta}</p></div>'
    )


def article_list_html(documents: pd.DataFrame, doc_ids: list[str], lang: str) -> str:
    """The articles ``doc_ids`` (in that order) as links to the reader: title · outlet · date."""
    rows = documents.drop_duplicates("doc_id").set_index("doc_id")
    items = []
    for doc_id in doc_ids:
        if doc_id not in rows.index:
            continue
        row = rows.loc[doc_id]
        title = _text(row.get("title")) or _text(doc_id)
        extra = [f"<bdi>{esc(x)}</bdi>" for x in (_text(row.get("source")),) if x]
        extra += [f'<bdi dir="ltr">{esc(x)}</bdi>' for x in (_text(row.get("published"))[:10],) if x]
        items.append(
            f'<li><a href="{esc(article_link(doc_id, lang))}" target="_self"><bdi>{esc(title)}</bdi></a>'
            + "".join(f" · {x}" for x in extra) + "</li>"
        )
    return f'<ul class="marsad-article-list" dir="{direction(lang)}" style="line-height:1.9;">{"".join(items)}</ul>'


def article_actors(mentions: pd.DataFrame) -> pd.DataFrame:
    """The article's actors: entity_id, type, name_ar, name_en, mentions, most mentioned first
    (ties: first named first). Mentions without an entity id are left out."""
    cols = ["entity_id", "type", "name_ar", "name_en", "mentions"]
    m = mentions[mentions["entity_id"].notna() & (mentions["entity_id"].astype(str) != "")]
    if m.empty:
        return pd.DataFrame(columns=cols)
    m = m.sort_values("start", kind="mergesort")
    out = m.groupby("entity_id", sort=False).agg(
        type=("type", "first"), name_ar=("name_ar", "first"), name_en=("name_en", "first"),
        mentions=("entity_id", "size"), first=("start", "min"),
    ).reset_index()
    out = out.sort_values(["mentions", "first"], ascending=[False, True], kind="mergesort")
    return out[cols].reset_index(drop=True)


def actor_name(row: Mapping, lang: str) -> str:
    first, second = ("name_ar", "name_en") if lang == "ar" else ("name_en", "name_ar")
    return _text(row.get(first)) or _text(row.get(second)) or _text(row.get("entity_id"))


def actors_html(actors: pd.DataFrame, lang: str) -> str:
    """Each actor as a link to its entity page, a stripe in its type's colour, and its mentions."""
    items = []
    for row in actors.to_dict("records"):
        colour = palette.type_colour(str(row.get("type")))
        kind = t(f"type_{row.get('type')}", lang)
        items.append(
            f'<a class="marsad-actor" href="{esc(entity_link(row["entity_id"], lang))}" target="_self" '
            f'title="{esc(kind)}" style="display:inline-block;margin:0 0 .35rem .35rem;padding:.05rem .45rem;'
            f'border:1px solid #e5e7eb;border-inline-start:4px solid {colour};border-radius:4px;'
            f'text-decoration:none;"><bdi>{esc(actor_name(row, lang))}</bdi>'
            f' <span dir="ltr" style="color:#666;">({int(row["mentions"]):,})</span></a>'
        )
    return f'<div class="marsad-actors" dir="{direction(lang)}">{"".join(items)}</div>'


def fact_counts(facts: Mapping[str, pd.DataFrame]) -> dict[str, int]:
    """How many facts of each kind the article holds (actors: distinct entities)."""
    return {
        "actors": len(article_actors(facts["mentions"])),
        "mentions": len(facts["mentions"]),
        "claims": len(facts["claims"]),
        "quantities": len(facts["quantities"]),
        "dates": len(facts["timeline"]),
    }


def _detail(kind: str, row: Mapping, lang: str) -> str:
    if kind == "entity":
        kind_label = t(f"type_{row.get('type')}", lang)
        return f"{actor_name(row, lang)} ({kind_label})"
    if kind == "quantity":
        value = row.get("value")
        shown = f"{value:g}" if isinstance(value, (int, float, np.floating)) and not pd.isna(value) else str(value)
        approx = "~" if bool(row.get("approximate")) else ""
        what = _text(row.get("what"))
        return f"{approx}{shown} {_text(unit_label(row.get('unit'), lang))}" + (f" · {what}" if what else "")
    if kind == "date":
        precision = t(f"precision_{row.get('precision')}", lang)
        return f"{row.get('date')} ({precision})"
    flags = [t("col_hedged", lang)] if bool(row.get("hedged")) else []
    if row.get("stance") == "deny":
        flags.append(t("col_denial", lang))
    said = f"{_text(row.get('speaker')) or '?'}: {_text(row.get('cue'))} «{_text(row.get('content'))}»"
    return said + (f" ({', '.join(flags)})" if flags else "")


FACT_COLUMNS = ("col_fact", "col_text", "col_details", "col_paragraph", "col_start", "col_end", "col_passage_id",
                "col_link", "col_rule")


def fact_table(doc_id: str, passages: pd.DataFrame, facts: Mapping[str, pd.DataFrame], lang: str) -> pd.DataFrame:
    """Every fact of the article, by position (then entity, quantity, date, claim): what it is, its
    text (``document.text[start:end]``), what was read in it, why it was extracted (its rule), its passage's number, its offsets
    into the document, and a link to the reader at its passage. Columns labelled in ``lang``."""
    number = {pid: i + 1 for i, pid in enumerate(passages["passage_id"].astype(str))}
    rows = []
    for rank, kind in enumerate(FACT_KINDS):
        for row in facts[FACT_TABLES[kind]].to_dict("records"):
            pid = str(row.get("passage_id"))
            rows.append({
                "col_fact": t(f"fact_{kind}", lang), "col_text": row.get("text"), "col_details": _detail(kind, row, lang),
                "col_rule": rule_label(row.get("rule"), lang),
                "col_paragraph": number.get(pid), "col_start": int(row["start"]), "col_end": int(row["end"]),
                "col_passage_id": pid, "col_link": article_link(doc_id, lang, pid), "_rank": rank,
            })
    table = pd.DataFrame(rows, columns=[*FACT_COLUMNS, "_rank"])
    table = table.sort_values(["col_start", "_rank", "col_end"], kind="mergesort").drop(columns="_rank")
    table["col_paragraph"] = table["col_paragraph"].astype("Int64")
    return table.rename(columns={c: t(c, lang) for c in FACT_COLUMNS}).reset_index(drop=True)


def passages_html(
    passages: pd.DataFrame, facts: Mapping[str, pd.DataFrame], lang: str, marked: str | None = None
) -> str:
    """The legend, then every passage of the article in order with all its facts highlighted; each
    block has its own anchor id (``anchor_id``) and a link to the passage alone; ``marked`` (a
    passage id) is framed and flagged for ``SCROLL_SCRIPT``."""
    blocks = [legend_html(lang)]
    every = spans_by_passage(passages, facts["mentions"], facts["quantities"], facts["timeline"], facts["claims"], lang)
    for position, (row, spans) in enumerate(zip(passages.to_dict("records"), every)):
        is_marked = marked is not None and str(row["passage_id"]) == marked
        caption = t("article_paragraph", lang, n=position + 1)
        if is_marked:
            caption += " · " + t("article_marked", lang)
        links = [(f"{t('open_passage', lang)} {bidi.ltr(row['passage_id'])}", passage_link(row["passage_id"], lang))]
        blocks.append(render_passage(row["text"], spans, lang=lang, header_links=links, caption=caption,
                                     anchor=anchor_id(position), marked=is_marked))
    return "".join(blocks)
