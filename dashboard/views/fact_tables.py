"""The claims and quantities grids as every page shows them (the claims page, the quantities page,
the entity page): one definition of their columns, widths and links, in the interface's language."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.filters import article_links, entity_link, passage_links
from dashboard.i18n import rule_label, t, unit_label
from dashboard.views.common import link_column

# Claims: widths summing to what a laptop's page holds beside the sidebar (910 px; a wider grid scrolls,
# and in Arabic that hid the speaker). The title and the denial flag (the frame says "denies") are
# exported but not drawn (``CLAIM_OFF_SCREEN``), so the content keeps room to be read.
CLAIM_PX = {
    "col_speaker": 115, "col_profile": 45, "col_frame": 60, "col_cue": 50, "col_content": 175, "col_target": 70,
    "col_via": 50, "col_hedged": 45, "col_denial": 40, "col_published": 80, "col_title": 50, "col_source": 50,
    "col_link": 50, "col_article": 50, "col_rule": 70,
}
CLAIM_OFF_SCREEN = ("col_passage_id", "col_title", "col_denial")
RULE_PX = 140
LINKS = {"col_profile": "entity_open", "col_link": "open_passage", "col_article": "open_article"}
CHECKBOXES = {"col_hedged", "col_denial"}


def rule_labels(rows: pd.DataFrame, lang: str) -> pd.Series:
    """Why each row was extracted, in ``lang`` (query.connect gives tables built before rules were
    named an empty ``rule``, shown as an empty reason)."""
    return rows["rule"].map(lambda r: rule_label(r, lang))


def frame_label(frame: str | None, lang: str) -> str:
    """A claim's frame in ``lang`` (say -> "says" / "قول"); the id itself when it has no label."""
    key = f"frame_{frame or 'say'}"
    label = t(key, lang)
    return (frame or "") if label == key else label


def claims_frame(c: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Claim rows (with their document's title, source and published date) as shown and exported."""
    return pd.DataFrame(
        {
            t("col_speaker", lang): c["speaker"],
            # The speaker's own page when the speaker is a known entity.
            t("col_profile", lang): c["speaker_entity_id"].map(
                lambda e: entity_link(e, lang) if isinstance(e, str) and e.strip() else ""
            ),
            t("col_frame", lang): c["frame"].map(lambda f: frame_label(f, lang)),
            t("col_cue", lang): c["cue"],
            t("col_content", lang): c["content"],
            t("col_target", lang): c["target"],
            t("col_via", lang): c["via"],
            t("col_hedged", lang): c["hedged"].astype(bool),
            t("col_denial", lang): (c["stance"] == "deny"),
            t("col_published", lang): c["published"],
            t("col_title", lang): c["title"],
            t("col_source", lang): c["source"],
            t("col_passage_id", lang): c["passage_id"],
            t("col_link", lang): passage_links(c["passage_id"], lang),
            t("col_article", lang): article_links(c["doc_id"], c["passage_id"], lang),
            t("col_rule", lang): rule_labels(c, lang),  # last: the links stay in sight on a laptop
        }
    )


def claims_config(lang: str) -> dict:
    config = {
        t(key, lang): (st.column_config.CheckboxColumn if key in CHECKBOXES else st.column_config.TextColumn)(
            t(key, lang), width=px
        )
        for key, px in CLAIM_PX.items()
        if key not in LINKS
    }
    for key, text_key in LINKS.items():
        config[t(key, lang)] = link_column(lang, key, text_key, width=CLAIM_PX[key])
    return config


def quantities_frame(q: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Quantity rows as shown and exported; their article's date and title when the rows carry them."""
    columns = {
        t("col_value", lang): q["value"].astype(float),
        t("col_unit", lang): q["unit"].map(lambda u: unit_label(u, lang)),
        t("col_what", lang): q["what"],
        t("col_text", lang): q["text"],
        t("col_approximate", lang): q["approximate"].astype(bool),
    }
    for key, column in (("col_published", "published"), ("col_title", "title")):
        if column in q:
            columns[t(key, lang)] = q[column]
    columns[t("col_passage_id", lang)] = q["passage_id"]
    columns[t("col_link", lang)] = passage_links(q["passage_id"], lang)
    columns[t("col_article", lang)] = article_links(q["doc_id"], q["passage_id"], lang)
    columns[t("col_rule", lang)] = rule_labels(q, lang)  # last: the links stay in sight on a laptop
    return pd.DataFrame(columns)


def rule_column(lang: str):
    """The "why extracted" column: narrow (its sentence is read in full on a click), so the columns
    before it stay in sight."""
    return st.column_config.TextColumn(t("col_rule", lang), width=RULE_PX)


def quantities_config(lang: str) -> dict:
    return {
        t("col_link", lang): link_column(lang),
        t("col_article", lang): link_column(lang, "col_article", "open_article"),
        t("col_value", lang): st.column_config.NumberColumn(t("col_value", lang), format="localized"),
        t("col_approximate", lang): st.column_config.CheckboxColumn(t("col_approximate", lang)),
        t("col_rule", lang): rule_column(lang),
    }
