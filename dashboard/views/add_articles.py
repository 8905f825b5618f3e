"""Add articles: upload files; a job outside the server merges them into the tables on disk.

The files are saved in a job folder under ``DIR-uploads/.staging/`` and ``marsad add`` runs in a
process of its own (``data_pipeline.uploads``, the ingest API); this page only watches its status file, with a progress
bar and a cancel button, so the server stays responsive however many articles arrive. A document
whose id is already in the tables is not replaced before the analyst says so. Merged files live in
``DIR-uploads/``, which every rebuild of DIR reads: new articles survive rebuilds and restarts.
The dashboard imports no extractor.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import bidi, data
from dashboard.filters import article_link
from dashboard.highlight import esc
from dashboard.i18n import direction, t, tn, uploader_css
from dashboard.views.common import current
from data_pipeline import layout, uploads

JOB_KEY = "_marsad_upload_job"
REJECTED_KEY = "_marsad_upload_rejected"
POLL_SECONDS = 0.5
MAX_LINKS = 50  # new articles listed with a link; the rest are counted


def printable(name: str) -> str:
    """A file name as shown: controls (NUL, bidi marks) made visible as U+FFFD, at most 120 characters."""
    shown = bidi.visible(name)
    return shown if len(shown) <= 120 else shown[:119] + "…"


def show_rejected(rejected: list, lang: str, key: str) -> None:
    if rejected:
        st.warning(t("upload_skipped", lang))
        frame = pd.DataFrame([(printable(name), reason) for name, reason in rejected],
                             columns=[t("col_file", lang), t("col_reason", lang)])
        st.dataframe(frame, hide_index=True, key=key)


def _reason(reason: str, lang: str) -> str:
    return t("upload_rejected", lang) if reason == "type" else reason


def show_result(job: Path, status: dict, lang: str) -> None:
    """The end of a job: what arrived (with links), what was replaced, skipped or failed."""
    state = status.get("state")
    if state == "failed":
        st.error(t("upload_failed", lang, error=status.get("error", "")))
    elif state == "cancelled":
        st.info(t("upload_cancelled", lang))
    elif state == "done":
        docs = status.get("documents") or []
        if docs:
            st.success(tn("upload_added", len(docs), lang))
        else:
            st.warning(t("upload_nothing", lang))
        if status.get("replaced"):
            st.info(tn("upload_replaced_n", len(status["replaced"]), lang))
        if docs:
            links = "".join(
                f'<li><a href="{esc(_doc_link(d["doc_id"], lang))}" target="_self">{esc(d.get("title") or d["doc_id"])}</a>'
                f' <code>{esc(d["doc_id"])}</code></li>'
                for d in docs[:MAX_LINKS]
            )
            more = f"<p>{esc(t('upload_more', lang, n=len(docs) - MAX_LINKS))}</p>" if len(docs) > MAX_LINKS else ""
            st.html(f'<div class="marsad-upload-docs" dir="{direction(lang)}"><ul>{links}</ul>{more}</div>')
    skipped = [(name, _reason(reason, lang)) for name, reason in status.get("skipped") or []]
    show_rejected(skipped, lang, "upload_skipped_table")


def _doc_link(doc_id: str, lang: str) -> str:
    """The new article in the reader."""
    return article_link(doc_id, lang)


def show_conflict(job: Path, status: dict, lang: str) -> None:
    clashes = status.get("conflicts") or []
    st.warning(tn("upload_conflict", len(clashes), lang))
    frame = pd.DataFrame(
        [(c["doc_id"], c.get("title") or "", c.get("new_title") or "") for c in clashes],
        columns=[t("col_doc_id", lang), t("col_title_now", lang), t("col_title_new", lang)],
    )
    st.dataframe(frame, hide_index=True, key="upload_conflicts")
    left, right = st.columns(2)
    if left.button(t("upload_replace", lang), key="upload_replace", type="primary"):
        uploads.start(data.data_dir(), job, replace=True)
        st.rerun()
    if right.button(t("upload_discard", lang), key="upload_discard"):
        uploads.discard(job)
        st.session_state.pop(JOB_KEY, None)
        st.rerun()


@st.fragment(run_every=POLL_SECONDS)
def watch(job: Path, lang: str) -> None:
    """Progress of a running job, redrawn on its own every ``POLL_SECONDS``; the whole app reruns
    when the job ends (the new tables are a new dataset version for every page)."""
    status = uploads.status(job)
    state = status.get("state")
    if state in ("done", "failed", "cancelled", "conflict"):
        st.rerun(scope="app")
    done, total = int(status.get("done") or 0), int(status.get("total") or 0)
    if state == "processing":
        label = tn("upload_state_processing", total, lang, done=f"{done:,}")
    else:
        label = t(f"upload_state_{state}", lang)
    st.progress(min(done / total, 1.0) if total else 0.0, text=label)
    if st.button(t("upload_cancel", lang), key="upload_cancel"):
        uploads.cancel(job)


def render() -> None:
    ctx = current()
    lang = ctx.lang if ctx else st.session_state.get("ui_lang", "ar")
    if data.read_only():
        st.info(t("upload_read_only", lang))
        return
    folder = data.data_dir()
    # The path and the list of suffixes read left to right inside the Arabic sentence.
    st.caption(t("upload_help", lang, path=bidi.ltr(str(layout.uploads_dir(folder))),
                 types=bidi.ltr(" ".join(uploads.ACCEPTED))))
    job = st.session_state.get(JOB_KEY)
    status = uploads.status(Path(job)) if job else None
    running = status is not None and status.get("state") not in ("done", "failed", "cancelled", "conflict")

    # Streamlit's uploader writes its own English ("Upload", "200MB per file"); no option changes them.
    css = uploader_css(lang, int(st.get_option("server.maxUploadSize")), uploads.ACCEPTED)
    if css:
        st.html(css)
    files = st.file_uploader(
        t("upload_files", lang),
        type=[ext.lstrip(".") for ext in uploads.ACCEPTED],
        accept_multiple_files=True,
        key="upload_files",
        disabled=running,
    )
    if st.button(t("upload_process", lang), key="upload_process", type="primary", disabled=running):
        if not files:
            st.info(t("upload_none", lang))
        else:
            new_job, rejected = uploads.stage(files, folder)
            st.session_state[REJECTED_KEY] = rejected
            st.session_state.pop(JOB_KEY, None)
            if new_job is not None:
                uploads.start(folder, new_job)
                st.session_state[JOB_KEY] = str(new_job)
            st.rerun()

    show_rejected([(name, _reason(reason, lang)) for name, reason in st.session_state.get(REJECTED_KEY, [])], lang,
                  "upload_rejected_table")
    if status is None:
        return
    if running:
        watch(Path(job), lang)
    elif status.get("state") == "conflict":
        show_conflict(Path(job), status, lang)
    else:
        show_result(Path(job), status, lang)


render()
