"""Add articles: upload files, run the pipeline on them, merge them into the tables on disk.

Files are saved in ``<data dir>/uploads/`` and handed to
``data_pipeline.build.add_files`` (which merges atomically), so new articles
appear in every view and survive a restart. The dashboard imports no extractor.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.i18n import t
from dashboard.views.common import current

RESULT_KEY = "_marsad_upload_result"


def show_result(result: dict, lang: str) -> None:
    if result.get("error"):
        key, msg = result["error"]
        st.error(t(key, lang, error=msg))
    if result["documents_read"] or result["rows"]:
        st.success(t("upload_done", lang, n=result["documents_read"]))
        st.dataframe(pd.DataFrame(list(result["rows"].items()), columns=["table", "rows"]), hide_index=True)
    problems = [(name, t("upload_rejected", lang)) for name, _ in result["rejected"]] + result["skipped"]
    if problems:
        st.warning(t("upload_skipped", lang))
        st.dataframe(pd.DataFrame(problems, columns=["file", "reason"]), hide_index=True, key="upload_skipped_table")


def render() -> None:
    ctx = current()
    lang = ctx.lang if ctx else st.session_state.get("ui_lang", "ar")
    folder = data.data_dir()
    st.caption(t("upload_help", lang, path=str(folder / "uploads")))
    files = st.file_uploader(
        t("upload_files", lang),
        type=[ext.lstrip(".") for ext in data.ACCEPTED_UPLOADS],
        accept_multiple_files=True,
        key="upload_files",
    )
    if st.button(t("upload_process", lang), key="upload_process", type="primary"):
        if not files:
            st.info(t("upload_none", lang))
        else:
            with st.spinner("…"):
                st.session_state[RESULT_KEY] = data.add_uploaded(files, folder)
            st.rerun()  # the frame reloads the tables (new dataset version) for every view
    if st.session_state.get(RESULT_KEY):
        show_result(st.session_state[RESULT_KEY], lang)


render()
