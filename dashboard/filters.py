"""The analyst's filters: one frozen value, its URL form, its links, and its sentence.

Everything here is pure (no Streamlit). The filters pick a set of *passages*
(the unit an analyst reads); every other table is cut to the facts found in
those passages, so all views agree:

- outlet, document and publication date: passages of the matching documents;
- actor: passages that mention any of the chosen entities (under any spelling,
  since mentions carry the resolved ``entity_id``), or, with ``actor_mode="all"``,
  passages that mention every one of them. The unit is the passage, not the
  article: two actors named in different paragraphs of one article do not meet
  (a passage is where an analyst reads them together);
- entity type: passages that name an entity of any chosen type (mentions and
  entities are also cut to those types);
- topic: passages tagged with any chosen topic;
- text: passages whose text contains the query under ``normalize_key`` folding
  (diacritics, hamza forms, ى/ي, ة/ه ignored, and a substring match finds
  لكوريا for كوريا); see ``text_pattern``.

Different filters combine with AND, the values of one filter with OR (actors
with AND when ``actor_mode`` is ``"all"``).

The app filters in SQL (``dashboard.query.selection_sql``, DuckDB over the
Parquet files). The tests hold a pandas reference with the same semantics
(``tests/dashboard/oracle.py``) and compare the two; nothing here cuts tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from urllib.parse import quote, urlencode

import numpy as np
import pandas as pd

from dashboard import bidi
from dashboard.i18n import t, tn
from data_pipeline.lang.ar.letters import TATWEEL
from data_pipeline.lang.ar.normalize import DIACRITIC_RANGES, FOLD_TABLE, FORMAT_RANGES, normalize, normalize_key
from data_pipeline.records import ENTITY_TYPES  # noqa: F401 (the app's and pages' name for it)

TABLE_NAMES = ("documents", "passages", "mentions", "entities", "quantities", "timeline", "claims")
ISO_DATE = r"^\d{4}-\d{2}-\d{2}"
# How several actors combine: passages naming any of them, or passages naming all of them.
ACTOR_MODES = ("any", "all")

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
    "actor_mode": "actor_mode",  # only "all" is written (``any`` is the default)
    "event_from": "event_from",
    "event_to": "event_to",
}
DATE_FIELDS = ("date_from", "date_to", "event_from", "event_to")


@dataclass(frozen=True)
class Filters:
    """What the analyst asked for. Empty fields do not filter.

    Tuples are kept sorted and de-duplicated so equal filters compare (and
    cache) equal whatever order they were chosen in. Dates are ISO YYYY-MM-DD,
    inclusive: ``date_from``/``date_to`` are compared with the documents' publication date and
    pick passages; ``event_from``/``event_to`` are compared with the dates the articles speak
    of and cut the timeline rows only (a point is kept when its day, month or year overlaps
    the range, see ``event_mask``), never the passages. ``actor_mode`` is
    ``"all"`` only with two actors or more (with fewer it means the same as
    ``"any"``, so it is reset to it: equal selections stay equal values).
    """

    actors: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    outlets: tuple[str, ...] = ()
    docs: tuple[str, ...] = ()
    text: str = ""
    actor_mode: str = "any"  # "all": passages naming every actor (see ACTOR_MODES)
    event_from: str | None = None
    event_to: str | None = None

    def __post_init__(self):
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, (list, tuple, set, frozenset)):
                object.__setattr__(self, f.name, tuple(sorted({str(v) for v in value if str(v)})))
        object.__setattr__(self, "text", (self.text or "").strip())
        for name in DATE_FIELDS:
            object.__setattr__(self, name, _iso_date(getattr(self, name)))
        all_of = self.actor_mode == "all" and len(self.actors) >= 2
        object.__setattr__(self, "actor_mode", "all" if all_of else "any")

    @property
    def active(self) -> bool:
        return self != Filters()

    @property
    def passage_filters(self) -> Filters:
        """These filters without the event dates: what picks the passages."""
        return replace(self, event_from=None, event_to=None)

    @property
    def has_event_dates(self) -> bool:
        return bool(self.event_from or self.event_to)

    @property
    def text_key(self) -> str:
        """The normalised form of the free-text query (what is searched for)."""
        return normalize_key(self.text) if self.text else ""

    def to_query_params(self) -> dict[str, list[str] | str]:
        """URL query parameters; empty fields (and ``actor_mode="any"``, the default) are left out."""
        out: dict[str, list[str] | str] = {}
        defaults = Filters.__dataclass_fields__
        for name, key in URL_KEYS.items():
            value = getattr(self, name)
            if isinstance(value, tuple):
                if value:
                    out[key] = list(value)
            elif value and value != defaults[name].default:
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
            if name in (*DATE_FIELDS, "text", "actor_mode"):
                kwargs[name] = vals[0] if vals else Filters.__dataclass_fields__[name].default
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


def entity_link(entity_id: str, lang: str | None = None) -> str:
    """Relative link to one entity's page (names, mentions over time, claims, passages)."""
    return f"entity?entity={quote(str(entity_id), safe='')}" + (f"&lang={lang}" if lang else "")


def network_link(entity_id: str, lang: str | None = None) -> str:
    """Relative link to the network page centred on one entity (its ego network)."""
    return f"network?centre={quote(str(entity_id), safe='')}" + (f"&lang={lang}" if lang else "")


def article_link(doc_id: str, lang: str | None = None, passage_id: str | None = None) -> str:
    """Relative link to the article reader: the whole article with its facts highlighted, scrolled to
    ``passage_id`` when given."""
    link = f"article?doc={quote(str(doc_id), safe='')}"
    if passage_id:
        link += f"&passage={quote(str(passage_id), safe='')}"
    return link + (f"&lang={lang}" if lang else "")


# A LinkColumn whose ``display_text`` is this pattern shows what follows the link's ``#`` (the grid
# decodes it): a column of ``entity_name_links`` reads as names and opens entity pages.
NAME_IN_LINK = r"#(.+)$"


def entity_name_links(entity_ids: pd.Series, names: pd.Series, lang: str | None = None) -> pd.Series:
    """For a column of names that open entity pages (a LinkColumn with ``display_text=NAME_IN_LINK``):
    ``entity_link`` of each id, or, without an id, the entity page's search for the name
    (``entity?find=<name>``), followed by ``#<name>`` (quoted, without bidi controls). Rows without a
    name or id are None."""
    suffix = f"&lang={lang}" if lang else ""
    out = []
    for entity_id, name in zip(entity_ids, names):
        name = bidi.strip(name).strip()
        entity_id = bidi.strip(entity_id).strip()
        if entity_id:
            link = entity_link(entity_id, lang)
        elif name:
            link = f"entity?find={quote(name, safe='')}{suffix}"
        else:
            out.append(None)
            continue
        out.append(f"{link}#{quote(name or entity_id, safe='')}")
    return pd.Series(out, index=names.index, dtype=object)


def passage_links(passage_ids: pd.Series, lang: str | None = None) -> pd.Series:
    """``passage_link`` over a column, computed once per distinct id."""
    suffix = f"&lang={lang}" if lang else ""
    codes, uniques = pd.factorize(passage_ids.astype(str))
    links = np.array([f"passages?passage={quote(u, safe='')}{suffix}" for u in uniques] + [""], dtype=object)
    return pd.Series(links[codes], index=passage_ids.index, dtype=object)


def article_links(doc_ids: pd.Series, passage_ids: pd.Series | None = None, lang: str | None = None) -> pd.Series:
    """``article_link`` over columns (the reader at each row's passage when ``passage_ids`` is given)."""
    passages = passage_ids if passage_ids is not None else pd.Series([None] * len(doc_ids), index=doc_ids.index)
    links = [article_link(d, lang, p if isinstance(p, str) and p else None) if isinstance(d, str) and d else ""
             for d, p in zip(doc_ids.astype(object), passages.astype(object))]
    return pd.Series(links, index=doc_ids.index, dtype=object)


# ---------------------------------------------------------------- tables and index


def _re2_chars(chars: str) -> str:
    """Characters (and a-b ranges) for an RE2 character class, written as \\x{...} escapes."""
    return "".join("-" if ch == "-" else f"\\x{{{ord(ch):04x}}}" for ch in chars)


# What normalize() drops: diacritics, tatweel, zero-width and bidi controls.
_IGNORABLE = _re2_chars(DIACRITIC_RANGES + TATWEEL + FORMAT_RANGES)
_INSIDE = f"[{_IGNORABLE}]*"  # between two letters of a token
_GAP = f"(?:[^\\pL\\pN]|[{_IGNORABLE}])"
_SEPARATOR = f"{_GAP}*[^\\pL\\pN{_IGNORABLE}]{_GAP}*"  # what normalize_key turns into one space


@lru_cache(maxsize=1)
def _fold_classes() -> dict[str, str]:
    """For each character of a normalised key, every original character that folds to it."""
    members: dict[str, set[str]] = {}
    for src, dst in FOLD_TABLE.items():
        if len(dst) == 1:
            members.setdefault(dst, {dst}).add(chr(src))
    for lo, hi in ((0xFB50, 0xFDFF), (0xFE70, 0xFEFE)):  # presentation forms of one letter
        for cp in range(lo, hi + 1):
            folded = normalize(chr(cp)).text
            if len(folded) == 1 and folded.isalnum():
                members.setdefault(folded, {folded}).add(chr(cp))
    return {dst: "".join(sorted(chars)) for dst, chars in members.items()}


@lru_cache(maxsize=256)
def text_pattern(query: str) -> str | None:
    """An RE2 pattern that finds ``query`` in original text as ``normalize_key`` would.

    ``text_pattern(q)`` matches ``text`` exactly when ``normalize_key(q)`` is a
    substring of ``normalize_key(text)`` (checked by a property test): each key
    letter matches any letter that folds to it (أ إ آ -> ا, ى -> ي, ة -> ه,
    Arabic-Indic digits, upper-case Latin ...), diacritics, tatweel and format
    characters may sit between letters, and a space matches any run of
    punctuation or spaces. A substring match finds لكوريا for كوريا. Searching
    the original text this way needs no normalised copy of the corpus (which
    took ~9 s to build for 20k articles) and runs in Arrow's RE2, in one pass.
    """
    key = normalize_key(query)
    if not key:
        return None
    classes = _fold_classes()

    def letter(ch: str) -> str:
        return f"[{_re2_chars(classes.get(ch, ch))}]"

    tokens = [_INSIDE.join(letter(ch) for ch in token) for token in key.split(" ")]
    return _SEPARATOR.join(tokens)


# ---------------------------------------------------------------- applying filters


# ---------------------------------------------------------------- the order of passages

# Orders of the passages page; the first is the default (``query.passage_order_sql`` does the same in SQL).
PASSAGE_SORTS = ("newest", "oldest", "relevance")
FILE_ORDER = "file"  # the order the pipeline wrote: not offered on screen


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
    doc id -> title); an id without a name is shown as is. Every name, outlet,
    title and the search text come from articles or the URL: each is placed in
    the sentence through ``bidi.isolate`` (its bidi controls dropped, wrapped in
    FSI ... PDI), so a U+202E in an outlet cannot reverse the rest of the
    sentence. Event dates (which cut the timeline only) follow as a sentence of their own.
    The sentence is plain text: escape it before putting it into HTML.
    """
    sentence = _describe_passages(
        filters.passage_filters, lang, n_passages=n_passages, n_documents=n_documents, actor_names=actor_names,
        topic_names=topic_names, doc_titles=doc_titles,
    )
    if filters.event_from and filters.event_to:
        events = t("describe_events_from_to", lang, start=filters.event_from, end=filters.event_to)
    elif filters.event_from:
        events = t("describe_events_from", lang, start=filters.event_from)
    elif filters.event_to:
        events = t("describe_events_to", lang, end=filters.event_to)
    else:
        return sentence
    return f"{sentence} {events}"


def _describe_passages(
    filters: Filters,
    lang: str,
    *,
    n_passages: int,
    n_documents: int,
    actor_names: Mapping[str, str] | None,
    topic_names: Mapping[str, str] | None,
    doc_titles: Mapping[str, str] | None,
) -> str:
    # Each count agrees with its number by the language's CLDR plural rules ("مقطعان", "11 مقطعًا").
    counts = {
        "passages": tn("count_passages", n_passages, lang),
        "documents": tn("count_in_documents", n_documents, lang),
    }
    if not filters.active:
        return tn("describe_all", n_passages, lang, **counts)  # not "all 1 passage"

    def names(values, mapping, kind=None, joiner="describe_or") -> str:
        mapping = mapping or {}
        if kind == "type":
            shown = [t(f"type_{v}", lang) for v in values]
        else:  # a name made only of controls falls back to the id
            shown = [bidi.isolate(bidi.strip(mapping.get(v)) or v) for v in values]
        return t(joiner, lang).join(shown)

    parts = []
    if filters.actors and filters.actor_mode == "all":
        parts.append(t("describe_actor_all", lang, names=names(filters.actors, actor_names, joiner="describe_also")))
    elif filters.actors:
        parts.append(t("describe_actor", lang, names=names(filters.actors, actor_names)))
    if filters.types:
        parts.append(t("describe_type", lang, names=names(filters.types, None, "type")))
    if filters.topics:
        parts.append(t("describe_topic", lang, names=names(filters.topics, topic_names)))
    if filters.text:
        parts.append(t("describe_text", lang, text=bidi.isolate(filters.text)))
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
    return t("describe_lead", lang, conditions=t("describe_and", lang).join(parts), **counts)
