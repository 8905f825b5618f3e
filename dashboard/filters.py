"""The analyst's filters: one frozen value, its URL form, its sentence, and how it cuts the tables.

Everything here is pure (no Streamlit). The filters pick a set of *passages*
(the unit an analyst reads); every other table is cut to the facts found in
those passages, so all views agree:

- outlet, document and publication date: passages of the matching documents;
- actor: passages that mention any of the chosen entities (under any spelling,
  since mentions carry the resolved ``entity_id``);
- entity type: passages that name an entity of any chosen type (mentions and
  entities are also cut to those types);
- topic: passages tagged with any chosen topic;
- text: passages whose normalised text contains the normalised query
  (``normalize_key`` on both sides: diacritics, hamza forms, ى/ي, ة/ه ignored, and
  a substring match finds لكوريا for كوريا).

Different filters combine with AND, the values of one filter with OR.
Filtering is vectorised: ``build_index`` precomputes, once per dataset, the
row position of every fact's passage, so a filter change is a few numpy masks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from urllib.parse import quote, urlencode

import numpy as np
import pandas as pd

from dashboard.i18n import t
from data_pipeline.normalize import normalize_key
from data_pipeline.schemas import TABLES

TABLE_NAMES = ("documents", "passages", "mentions", "entities", "quantities", "timeline", "claims")
FACT_TABLES = ("mentions", "quantities", "timeline", "claims")
ISO_DATE = r"^\d{4}-\d{2}-\d{2}"
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP")

# URL query parameter of each Filters field (repeated keys for tuples).
URL_KEYS = {
    "actors": "actor",
    "topics": "topic",
    "types": "type",
    "date_from": "from",
    "date_to": "to",
    "outlets": "outlet",
    "docs": "doc",
    "text": "q",
}


@dataclass(frozen=True)
class Filters:
    """What the analyst asked for. Empty fields do not filter.

    Tuples are kept sorted and de-duplicated so equal filters compare (and
    cache) equal whatever order they were chosen in. Dates are ISO YYYY-MM-DD,
    inclusive, compared with the documents' publication date.
    """

    actors: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    outlets: tuple[str, ...] = ()
    docs: tuple[str, ...] = ()
    text: str = ""

    def __post_init__(self):
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, (list, tuple, set, frozenset)):
                object.__setattr__(self, f.name, tuple(sorted({str(v) for v in value if str(v)})))
        object.__setattr__(self, "text", (self.text or "").strip())
        for name in ("date_from", "date_to"):
            object.__setattr__(self, name, _iso_date(getattr(self, name)))

    @property
    def active(self) -> bool:
        return self != Filters()

    @property
    def text_key(self) -> str:
        """The normalised form of the free-text query (what is searched for)."""
        return normalize_key(self.text) if self.text else ""

    def to_query_params(self) -> dict[str, list[str] | str]:
        """URL query parameters; empty fields are left out."""
        out: dict[str, list[str] | str] = {}
        for name, key in URL_KEYS.items():
            value = getattr(self, name)
            if isinstance(value, tuple):
                if value:
                    out[key] = list(value)
            elif value:
                out[key] = value
        return out

    def query_string(self, **extra: str) -> str:
        """``?actor=...&q=...`` for a link to the same view (``extra`` params appended)."""
        params = [(k, v) for k, vs in self.to_query_params().items() for v in ([vs] if isinstance(vs, str) else vs)]
        params += [(k, v) for k, v in extra.items() if v]
        return "?" + urlencode(params) if params else ""

    @classmethod
    def from_query_params(cls, params: Mapping) -> Filters:
        """Inverse of ``to_query_params``; accepts st.query_params or a dict of str / list[str]."""

        def values(key: str) -> list[str]:
            if hasattr(params, "get_all"):
                raw = params.get_all(key)
            else:
                raw = params.get(key, [])
            if isinstance(raw, str):
                raw = [raw]
            return [v for v in raw if v]

        kwargs = {}
        for name, key in URL_KEYS.items():
            vals = values(key)
            if name in ("date_from", "date_to", "text"):
                kwargs[name] = vals[0] if vals else ("" if name == "text" else None)
            else:
                kwargs[name] = tuple(vals)
        return cls(**kwargs)


def _iso_date(value) -> str | None:
    if value is None or value == "":
        return None
    try:
        return pd.Timestamp(str(value)).strftime("%Y-%m-%d")
    except (ValueError, TypeError):
        return None


def passage_link(passage_id: str, lang: str | None = None) -> str:
    """Relative link to one passage on the passages page."""
    return f"passages?passage={quote(str(passage_id), safe='')}" + (f"&lang={lang}" if lang else "")


def doc_link(doc_id: str, lang: str | None = None) -> str:
    """Relative link to a whole article (the passages page filtered to that document)."""
    return f"passages?doc={quote(str(doc_id), safe='')}" + (f"&lang={lang}" if lang else "")


def passage_links(passage_ids: pd.Series, lang: str | None = None) -> pd.Series:
    """``passage_link`` over a column, computed once per distinct id."""
    suffix = f"&lang={lang}" if lang else ""
    codes, uniques = pd.factorize(passage_ids.astype(str))
    links = np.array([f"passages?passage={quote(u, safe='')}{suffix}" for u in uniques] + [""], dtype=object)
    return pd.Series(links[codes], index=passage_ids.index, dtype=object)


# ---------------------------------------------------------------- tables and index


@dataclass(frozen=True)
class Tables:
    """The pipeline's tables (documents may lack the ``text`` column: the dashboard never needs it)."""

    documents: pd.DataFrame
    passages: pd.DataFrame
    mentions: pd.DataFrame
    entities: pd.DataFrame
    quantities: pd.DataFrame
    timeline: pd.DataFrame
    claims: pd.DataFrame

    @classmethod
    def from_frames(cls, frames: Mapping[str, pd.DataFrame]) -> Tables:
        """Tables from a dict; a missing table becomes an empty frame with the schema's columns."""
        out = {}
        for name in TABLE_NAMES:
            df = frames.get(name)
            if df is None:
                df = pd.DataFrame({c: pd.Series(dtype=object) for c in TABLES[name].names})
            out[name] = df.reset_index(drop=True)
        return cls(**out)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return getattr(self, name)


@dataclass(frozen=True)
class Index:
    """Per-dataset lookups that make filtering a matter of numpy masks.

    ``*_prow`` arrays hold, for each row of a fact table, the row position of
    its passage in ``tables.passages`` (-1 when unknown); ``passage_drow`` the
    row of each passage's document in ``tables.documents``.
    """

    passage_drow: np.ndarray
    passage_published: np.ndarray  # object array of ISO dates ('' when unknown)
    passage_source: np.ndarray
    prow: Mapping[str, np.ndarray]
    topic_prow: np.ndarray  # exploded passages.topics: passage row of each (passage, topic) pair
    topic_ids: np.ndarray  # ... and its topic id
    entity_counts: pd.DataFrame  # entity_id, name_ar, name_en, type, mentions, documents (corpus-wide)
    topics: tuple[str, ...]
    outlets: tuple[str, ...]
    date_min: str | None
    date_max: str | None


def _rows(keys: pd.Series, index: pd.Index) -> np.ndarray:
    return index.get_indexer(keys.astype(str)) if len(keys) else np.zeros(0, dtype=np.intp)


def build_index(tables: Tables) -> Index:
    """Precompute the lookups used by ``apply`` (once per dataset)."""
    docs, passages = tables.documents, tables.passages
    doc_index = pd.Index(docs["doc_id"].astype(str))
    passage_index = pd.Index(passages["passage_id"].astype(str))
    drow = _rows(passages["doc_id"], doc_index)

    def per_passage(column: str) -> np.ndarray:
        if column not in docs or not len(docs):
            return np.full(len(passages), "", dtype=object)
        values = np.append(docs[column].fillna("").astype(str).to_numpy(dtype=object), "")
        return values[drow]  # -1 picks the trailing ""

    prow = {name: _rows(tables[name]["passage_id"], passage_index) for name in FACT_TABLES}
    exploded = passages[["topics"]].explode("topics") if len(passages) else pd.DataFrame({"topics": []})
    exploded = exploded[exploded["topics"].notna()]
    topic_prow = exploded.index.to_numpy()
    topic_ids = exploded["topics"].astype(str).to_numpy(dtype=object)

    published = docs["published"].dropna().astype(str) if "published" in docs else pd.Series(dtype=str)
    published = published[published.str.match(ISO_DATE)]
    outlets = docs["source"].dropna().astype(str) if "source" in docs else pd.Series(dtype=str)
    return Index(
        passage_drow=drow,
        passage_published=per_passage("published"),
        passage_source=per_passage("source"),
        prow=prow,
        topic_prow=topic_prow,
        topic_ids=topic_ids,
        entity_counts=_entity_counts(tables.mentions, tables.entities),
        topics=tuple(sorted(set(topic_ids))),
        outlets=tuple(sorted(set(outlets[outlets != ""]))),
        date_min=published.min() if len(published) else None,
        date_max=published.max() if len(published) else None,
    )


def normalized_passages(passages: pd.DataFrame) -> pd.Series:
    """``normalize_key`` of every passage text (the haystack of the text filter)."""
    return passages["text"].astype(str).map(normalize_key)


def _entity_counts(mentions: pd.DataFrame, entities: pd.DataFrame) -> pd.DataFrame:
    """Entities with mention and document counts over ``mentions``, most mentioned first."""
    cols = ["entity_id", "type", "name_ar", "name_en", "aliases", "known"]
    if len(mentions):
        counts = mentions.groupby("entity_id", sort=False).agg(
            mentions=("doc_id", "size"), documents=("doc_id", "nunique")
        )
    else:
        counts = pd.DataFrame({"mentions": pd.Series(dtype="int64"), "documents": pd.Series(dtype="int64")})
        counts.index.name = "entity_id"
    base = entities[[c for c in cols if c in entities]].drop_duplicates("entity_id").set_index("entity_id")
    out = counts.join(base, how="left")
    if len(mentions):
        # Entities missing from the entities table still get a name from their mentions.
        first = mentions.drop_duplicates("entity_id").set_index("entity_id")
        for c in ("type", "name_ar", "name_en"):
            if c not in out:
                out[c] = None
            out[c] = out[c].fillna(first[c].reindex(out.index))
    out = out.reset_index()
    for c in cols:
        if c not in out:
            out[c] = None
    out = out[cols + ["mentions", "documents"]]
    return out.sort_values(["mentions", "documents", "entity_id"], ascending=[False, False, True], ignore_index=True)


# ---------------------------------------------------------------- applying filters


def passage_mask(filters: Filters, tables: Tables, index: Index, normalized: pd.Series | None = None) -> np.ndarray:
    """Boolean mask over ``tables.passages``: the passages the filters keep.

    ``normalized`` (from ``normalized_passages``) is needed only for a text filter.
    """
    n = len(tables.passages)
    mask = np.ones(n, dtype=bool)
    if filters.outlets:
        mask &= np.isin(index.passage_source, list(filters.outlets))
    if filters.docs:
        mask &= tables.passages["doc_id"].astype(str).isin(filters.docs).to_numpy()
    if filters.date_from or filters.date_to:
        pub = index.passage_published
        known = pub != ""
        if filters.date_from:
            known &= pub >= filters.date_from
        if filters.date_to:
            # Compare on the day: a published value with a time still counts on its day.
            known &= pub <= filters.date_to + "\uffff"
        mask &= known.astype(bool)
    mentions = tables.mentions
    prow = index.prow["mentions"]
    if filters.actors:
        mask &= _rows_hit(n, prow, mentions["entity_id"].astype(str).isin(filters.actors).to_numpy())
    if filters.types:
        mask &= _rows_hit(n, prow, mentions["type"].astype(str).isin(filters.types).to_numpy())
    if filters.topics:
        mask &= _rows_hit(n, index.topic_prow, np.isin(index.topic_ids, list(filters.topics)))
    if filters.text_key:
        if normalized is None:
            normalized = normalized_passages(tables.passages)
        mask &= normalized.str.contains(filters.text_key, regex=False).fillna(False).to_numpy(dtype=bool)
    return mask


def _rows_hit(n: int, rows: np.ndarray, selected: np.ndarray) -> np.ndarray:
    hit = np.zeros(n + 1, dtype=bool)  # the extra slot absorbs row -1 (unknown passage)
    hit[rows[selected]] = True
    return hit[:n]


def apply(filters: Filters, tables: Tables, index: Index, normalized: pd.Series | None = None) -> Tables:
    """The tables cut to what the filters keep (new frames; the inputs are never modified).

    ``entities`` gets ``mentions`` and ``documents`` recounted over the kept
    mentions, most mentioned first.
    """
    if not filters.active:
        return Tables(
            documents=tables.documents,
            passages=tables.passages,
            mentions=tables.mentions,
            entities=index.entity_counts,
            quantities=tables.quantities,
            timeline=tables.timeline,
            claims=tables.claims,
        )
    mask = passage_mask(filters, tables, index, normalized)
    keep = np.append(mask, False)  # position -1 (unknown passage) -> dropped
    cut = {name: tables[name][keep[index.prow[name]]] for name in FACT_TABLES}
    if filters.types:
        cut["mentions"] = cut["mentions"][cut["mentions"]["type"].astype(str).isin(filters.types)]
    doc_keep = np.zeros(len(tables.documents) + 1, dtype=bool)
    doc_keep[index.passage_drow[mask]] = True
    return Tables(
        documents=tables.documents[doc_keep[:-1]],
        passages=tables.passages[mask],
        entities=_entity_counts(cut["mentions"], tables.entities),
        **cut,
    )


# ---------------------------------------------------------------- the sentence


def describe(
    filters: Filters,
    lang: str,
    *,
    n_passages: int,
    n_documents: int,
    actor_names: Mapping[str, str] | None = None,
    topic_names: Mapping[str, str] | None = None,
    doc_titles: Mapping[str, str] | None = None,
) -> str:
    """The filters as one readable sentence in ``lang`` (``ar`` or ``en``).

    Names come from the mappings (entity id -> name, topic id -> label,
    doc id -> title); an id without a name is shown as is. The sentence is
    plain text: escape it before putting it into HTML.
    """
    counts = {
        "n_passages": f"{n_passages:,}",
        "n_documents": f"{n_documents:,}",
        "passages_word": t("word_passages_one" if n_passages == 1 else "word_passages_other", lang),
        "documents_word": t("word_documents_one" if n_documents == 1 else "word_documents_other", lang),
    }
    if not filters.active:
        return t("describe_all", lang, **counts)

    def names(values, mapping, kind=None) -> str:
        mapping = mapping or {}
        shown = [(t(f"type_{v}", lang) if kind == "type" else mapping.get(v) or v) for v in values]
        return t("describe_or", lang).join(shown)

    parts = []
    if filters.actors:
        parts.append(t("describe_actor", lang, names=names(filters.actors, actor_names)))
    if filters.types:
        parts.append(t("describe_type", lang, names=names(filters.types, None, "type")))
    if filters.topics:
        parts.append(t("describe_topic", lang, names=names(filters.topics, topic_names)))
    if filters.text:
        parts.append(t("describe_text", lang, text=filters.text))
    if filters.date_from and filters.date_to:
        parts.append(t("describe_from_to", lang, start=filters.date_from, end=filters.date_to))
    elif filters.date_from:
        parts.append(t("describe_from", lang, start=filters.date_from))
    elif filters.date_to:
        parts.append(t("describe_to", lang, end=filters.date_to))
    if filters.outlets:
        parts.append(t("describe_outlet", lang, names=names(filters.outlets, None)))
    if filters.docs:
        parts.append(t("describe_doc", lang, names=names(filters.docs, doc_titles)))
    return t("describe_lead", lang, **counts) + " " + t("describe_and", lang).join(parts) + t("describe_end", lang)
