"""Claims: who said what (speaker, frame, cue, content, target, relaying outlet, hedged, denial), newest
first, each row linked to its passage and to its article in the reader. The speaker and frame filters and
the order are in the URL (``?speaker=<key>&claim_frame=<frame>&claims_sort=<order>``, page-level: the
frame drops them on other pages), so a shared link opens the same claims."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import bidi, data
from dashboard.i18n import t
from dashboard.query import CLAIM_FRAMES, CLAIM_SORTS
from dashboard.views.common import MAX_TABLE_ROWS, Context, nothing, require_context, show_table
from dashboard.views.fact_tables import CLAIM_OFF_SCREEN, claims_config, claims_frame, frame_label

# Speakers offered by the filter: the most frequent in the kept claims (the empty one last).
SPEAKER_CHOICES = 50
SPEAKER_KEY = "claims_speaker"
SORT_KEY = "claims_sort"
FRAME_KEY = "claims_frame"
# Page-level URL parameters; the empty speaker key (claims without a speaker) is written NO_SPEAKER.
SPEAKER_PARAM = "speaker"
SORT_PARAM = "claims_sort"
FRAME_PARAM = "claim_frame"
NO_SPEAKER = "-"
# Column widths in pixels, summing to what a laptop's page holds beside the sidebar (about 920 px):
# a wider grid scrolls, and in Arabic order (see common.reading_order) it would hide the speaker.


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


def claims_table(ctx: Context, speakers: tuple[str, ...] = (), sort: str = CLAIM_SORTS[0],
                 frames: tuple[str, ...] = ()) -> tuple[pd.DataFrame, int]:
    """The first MAX_TABLE_ROWS claims under the filters said by ``speakers`` in ``frames``, in ``sort``
    order, and how many there are."""
    c, total = data.claim_rows(ctx.folder, ctx.version, ctx.filters, speakers, sort, MAX_TABLE_ROWS, frames)
    return claims_frame(c, ctx.lang), total


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
    if FRAME_KEY not in ss:
        ss[FRAME_KEY] = [f for f in dict.fromkeys(st.query_params.get_all(FRAME_PARAM)) if f in CLAIM_FRAMES]


def sync_frames(frames: list[str]) -> None:
    if not frames:
        if FRAME_PARAM in st.query_params:
            del st.query_params[FRAME_PARAM]
    elif st.query_params.get_all(FRAME_PARAM) != frames:
        st.query_params[FRAME_PARAM] = frames if len(frames) > 1 else frames[0]


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
    left, middle, right = st.columns([3, 2, 1])
    speakers = left.multiselect(
        t("filter_speaker", lang), list(labels) + chosen, key=SPEAKER_KEY, help=t("filter_speaker_help", lang),
        format_func=lambda k: labels.get(k, k or t("no_speaker", lang)), placeholder=t("choose", lang),
    )
    frames = middle.multiselect(t("filter_frame", lang), list(CLAIM_FRAMES), key=FRAME_KEY,
                                help=t("filter_frame_help", lang), format_func=lambda f: frame_label(f, lang),
                                placeholder=t("choose", lang))
    sort = right.selectbox(t("claims_sort", lang), CLAIM_SORTS, key=SORT_KEY,
                           format_func=lambda s: t(f"claims_sort_{s}", lang))
    sync_url(speakers, sort)
    sync_frames(frames)
    table, total = claims_table(ctx, tuple(speakers), sort, tuple(frames))
    if total == 0:
        st.info(t("empty_claims", lang))
        return
    config = claims_config(lang)
    # The passage id is in the link, the title in the article and the denial in the frame (all three in
    # the export): on screen they would push the text off the grid.
    show_table(table, config, "claims_table", lang, "claims", total=total,
               off_screen=tuple(t(key, lang) for key in CLAIM_OFF_SCREEN))


render(require_context())
