"""Passages (sentences or short paragraphs) and their topics.

A passage is the unit an analyst reads and cites. Paragraphs are split at line
breaks, then at sentence ends (. ! ? ؟ followed by a space); a fragment shorter
than ``MIN_CHARS`` joins the next one, and a run longer than ``MAX_CHARS`` with no
sentence end is cut at the last space before the limit. Offsets index
``Document.text``; passage spans exclude surrounding whitespace.

Topics come from the lexicon in ``resources/topics.tsv`` (see that file's header).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lang.ar.letters import ARTICLE
from .lang.ar.normalize import NormText, normalize, normalize_key
from .lang.ar.sentences import sentence_spans
from .records import Document, Passage
from .resources import load_tsv

MIN_CHARS = 40
MAX_CHARS = 1200
_PARAGRAPH = re.compile(r"[^\n]+")
def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    for a, b in sentence_spans(text, start, end):
        while b - a > MAX_CHARS:
            cut = text.rfind(" ", a + MAX_CHARS // 2, a + MAX_CHARS)
            cut = cut if cut > a else a + MAX_CHARS
            out.append((a, cut))
            a = cut
        out.append((a, b))
    return out


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def passage_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each passage of ``text``, in order, non-overlapping."""
    spans: list[tuple[int, int]] = []
    pending: tuple[int, int] | None = None
    for para in _PARAGRAPH.finditer(text):
        for a, b in _sentence_spans(text, para.start(), para.end()):
            a, b = _strip(text, a, b)
            if a == b:
                continue
            if pending is not None:
                a = pending[0]
                pending = None
            if b - a < MIN_CHARS:
                pending = (a, b)
                continue
            spans.append((a, b))
    if pending is not None:
        if spans and spans[-1][1] <= pending[0] and len(text[pending[0] : pending[1]]) < MIN_CHARS // 2:
            spans[-1] = (spans[-1][0], pending[1])
        else:
            spans.append(pending)
    return spans


@lru_cache(maxsize=1)
def _topic_matcher() -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    rows = load_tsv("topics.tsv", required=("topic", "label_ar", "label_en", "keywords"))
    by_key: dict[str, set[str]] = {}
    for row in rows:
        for kw in row["keywords"].split("|"):
            key = normalize_key(kw)
            if key.startswith(ARTICLE) and len(key) > 4:
                key = key[2:]  # the article is optional, like any proclitic
            if key:
                by_key.setdefault(key, set()).add(row["topic"])
    alternation = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(by_key, key=len, reverse=True))
    pattern = re.compile(
        rf"(?<![^\W_])(?:[وفبلك]{{0,2}}(?:ال|ل)?)(?P<kw>{alternation})(?:ات|ه|يه|ين|ون|ي|ها|هم|ان)?(?![^\W_])"
    )
    return pattern, {k: tuple(sorted(v)) for k, v in by_key.items()}


def topic_labels() -> dict[str, dict[str, str]]:
    """Topic id -> {"ar": label, "en": label}, in taxonomy order."""
    rows = load_tsv("topics.tsv", required=("topic", "label_ar", "label_en", "keywords"))
    return {r["topic"]: {"ar": r["label_ar"], "en": r["label_en"]} for r in rows}


def topics_of(norm_text: str) -> tuple[str, ...]:
    """Topic ids whose keywords occur in a normalised text."""
    pattern, by_key = _topic_matcher()
    found: set[str] = set()
    for m in pattern.finditer(norm_text):
        found.update(by_key.get(re.sub(r"\s+", " ", m["kw"]), ()))
    return tuple(sorted(found))


def split_passages(doc: Document, norm: NormText | None = None) -> list[Passage]:
    """Passages of ``doc`` with their topics; offsets index ``doc.text``."""
    norm = norm or normalize(doc.text)
    out = []
    if norm.starts is None:
        nspan = lambda a, b: (a, b)  # noqa: E731 - identity map
    else:
        import bisect

        def nspan(a: int, b: int) -> tuple[int, int]:
            return bisect.bisect_left(norm.starts, a), bisect.bisect_left(norm.starts, b)

    for i, (a, b) in enumerate(passage_spans(doc.text), start=1):
        na, nb = nspan(a, b)
        out.append(Passage(doc.doc_id, f"{doc.doc_id}:p{i}", a, b, doc.text[a:b], topics_of(norm.text[na:nb])))
    return out
