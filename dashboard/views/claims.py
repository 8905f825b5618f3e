"""Claims: who said what (speaker, cue, content, hedged, denial), newest first, each row linked to its
passage and to its article in the reader. The speaker filter and the order are in the URL
(``?speaker=<key>&claims_sort=<order>``, page-level: the frame drops them on other pages), so a shared
link opens the same claims."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import bidi, data
from dashboard.filters import article_links, entity_link, passage_links
from dashboard.i18n import t
from dashboard.query import CLAIM_SORTS
from dashboard.views.common import MAX_TABLE_ROWS, Context, link_column, nothing, require_context, show_table

# Speakers offered by the filter: the most frequent in the kept claims (the empty one last).
SPEAKER_CHOICES = 50
SPEAKER_KEY = "claims_speaker"
SORT_KEY = "claims_sort"
# Page-level URL parameters; the empty speaker key (claims without a speaker) is written NO_SPEAKER.
SPEAKER_PARAM = "speaker"
SORT_PARAM = "claims_sort"
NO_SPEAKER = "-"
# Column widths in pixels, summing to what a laptop's page holds beside the sidebar (about 920 px):
# a wider grid scrolls, and in Arabic order (see common.reading_order) it would hide the speaker.
COLUMN_PX = {
    "col_speaker": 130, "col_profile": 55, "col_cue": 60, "col_content": 205, "col_hedged": 55, "col_denial": 45,
    "col_published": 95, "col_title": 70, "col_source": 70, "col_link": 60, "col_article": 60,
}
LINKS = {"col_profile": "entity_open", "col_link": "open_passage", "col_article": "open_article"}
CHECKBOXES = {"col_hedged", "col_denial"}


def speaker_labels(speakers: pd.DataFrame, lang: str) -> dict[str, str]:
    """Speaker key -> "name (claims)": the entity's name in ``lang`` (else the other language's,
    else the speaker as written), "(no speaker)" for the empty key."""
    first, second = ("name_ar", "name_en") if lang == "ar" else ("name_en", "name_ar")
    out = {}
    for row in speakers.to_dict("records"):
        names = (row.get(first), row.get(second), row.get("speaker"))
        name = next((bidi.strip(n) for n in names if isinstance(n, str) and bidi.strip(n).strip()), "")
        out[row["key"]] = f"{name or t('no_speaker', lang)} ({int(row['claims']):,})"
    return out


def claims_table(ctx: Context, speakers: tuple[str, ...] = (), sort: str = CLAIM_SORTS[0]) -> tuple[pd.DataFrame, int]:
    """The first MAX_TABLE_ROWS claims under the filters said by ``speakers``, in ``sort`` order,
    and how many there are."""
    c, total = data.claim_rows(ctx.folder, ctx.version, ctx.filters, speakers, sort, MAX_TABLE_ROWS)
    return _claims_table(c, ctx.lang), total


def _claims_table(c: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("col_speaker", lang): c["speaker"],
            # The speaker's own page when the speaker is a known entity.
            t("col_profile", lang): c["speaker_entity_id"].map(
                lambda e: entity_link(e, lang) if isinstance(e, str) and e.strip() else ""
            ),
            t("col_cue", lang): c["cue"],
            t("col_content", lang): c["content"],
            t("col_hedged", lang): c["hedged"].astype(bool),
            t("col_denial", lang): (c["stance"] == "deny"),
            t("col_published", lang): c["published"],
            t("col_title", lang): c["title"],
            t("col_source", lang): c["source"],
            t("col_passage_id", lang): c["passage_id"],
            t("col_link", lang): passage_links(c["passage_id"], lang),
            t("col_article", lang): article_links(c["doc_id"], c["passage_id"], lang),
        }
    )


def speakers_from_url(values: list[str]) -> list[str]:
    """Speaker keys as written in the URL (``NO_SPEAKER`` is the empty key)."""
    return list(dict.fromkeys("" if v == NO_SPEAKER else v for v in values))


def speakers_to_url(keys: list[str]) -> list[str]:
    return [NO_SPEAKER if k == "" else k for k in keys]


def load_url_state() -> None:
    """Seed the speaker filter and the order from the URL when the page's widgets are new."""
    ss = st.session_state
    if SPEAKER_KEY not in ss:
        ss[SPEAKER_KEY] = speakers_from_url(st.query_params.get_all(SPEAKER_PARAM))
    if SORT_KEY not in ss:
        wanted = st.query_params.get(SORT_PARAM)
        ss[SORT_KEY] = wanted if wanted in CLAIM_SORTS else CLAIM_SORTS[0]


def sync_url(speakers: list[str], sort: str) -> None:
    values = speakers_to_url(speakers)
    if not values:
        if SPEAKER_PARAM in st.query_params:
            del st.query_params[SPEAKER_PARAM]
    elif st.query_params.get_all(SPEAKER_PARAM) != values:
        st.query_params[SPEAKER_PARAM] = values if len(values) > 1 else values[0]
    if sort == CLAIM_SORTS[0]:
        if SORT_PARAM in st.query_params:
            del st.query_params[SORT_PARAM]
    elif st.query_params.get(SORT_PARAM) != sort:
        st.query_params[SORT_PARAM] = sort


def render(ctx: Context) -> None:
    if nothing(ctx):
        return
    lang = ctx.lang
    load_url_state()
    top = data.speaker_counts(ctx.folder, ctx.version, ctx.filters, SPEAKER_CHOICES)
    labels = speaker_labels(top, lang)
    # A speaker chosen under other filters stays an option (a widget value must be one).
    chosen = [k for k in st.session_state.get(SPEAKER_KEY, []) if k not in labels]
    left, right = st.columns([3, 1])
    speakers = left.multiselect(
        t("filter_speaker", lang), list(labels) + chosen, key=SPEAKER_KEY, help=t("filter_speaker_help", lang),
        format_func=lambda k: labels.get(k, k or t("no_speaker", lang)), placeholder=t("choose", lang),
    )
    sort = right.selectbox(t("claims_sort", lang), CLAIM_SORTS, key=SORT_KEY,
                           format_func=lambda s: t(f"claims_sort_{s}", lang))
    sync_url(speakers, sort)
    table, total = claims_table(ctx, tuple(speakers), sort)
    if total == 0:
        st.info(t("empty_claims", lang))
        return
    config = {
        t(key, lang): (st.column_config.CheckboxColumn if key in CHECKBOXES else st.column_config.TextColumn)(
            t(key, lang), width=px
        )
        for key, px in COLUMN_PX.items()
        if key not in LINKS
    }
    for key, text_key in LINKS.items():
        config[t(key, lang)] = link_column(lang, key, text_key, width=COLUMN_PX[key])
    # The passage id is in the link (and the export): on screen it would push the text off the grid.
    show_table(table, config, "claims_table", lang, "claims", total=total, off_screen=(t("col_passage_id", lang),))


render(require_context())
