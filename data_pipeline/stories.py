"""Near-duplicate articles grouped as one story: wire copies and syndicated versions.

An agency story reaches a corpus many times: the same text under each outlet that ran it, a later
version with a paragraph added, a copy with its own headline. Counting such copies as separate
articles inflates whatever an analyst charts, so every document gets a ``story_id``, the ``doc_id``
of the first copy, and the dashboard counts distinct stories.

Two steps:

1. ``sketch(text, mentions)``, in the build's workers with the other per-document stages: the
   document's 64-permutation MinHash (``datasketch``) of its word 3-grams (diacritics, tatweel and
   letter variants folded, so a re-typed copy still matches), the numbers it writes in digits, and
   the entities it names. Kept in the documents table (``story_minhash``, ``story_figures``,
   ``story_actors``), so an incremental build does not compute them again.
2. ``story_ids(sketches)``, once per build over every document: documents are taken in publication
   order, and locality-sensitive hashing proposes the earlier ones whose 3-gram overlap (Jaccard,
   estimated) may reach ``THRESHOLD``. A document joins the story of the most similar earlier one that

   - overlaps it by ``THRESHOLD`` or more,
   - was published within ``WINDOW_DAYS`` of that story's first copy (a copy runs within days; a
     template reused every week is not one story),
   - states the same figures: when both give two numbers or more, half of them are shared (a weather
     report of another day, a results table of another week),
   - and names the same rare actors: of the entities it names that few documents of the build name
     (at most ``RARE_ACTOR_SHARE`` of them, and never fewer than ``RARE_ACTOR_MIN``), half of the smaller
     set are in the other, when both have one. A cable of congratulation to another president or
     another execution statement shares the template's words and its common actors (the king, the
     country), not its rare ones (the other president, the other country).

   Otherwise it starts a story of its own. Joining the first copy's story rather than merging pairs
   means a chain of slowly drifting texts cannot grow into one story.

Measured overlaps and group sizes on both corpora are in ``docs/building.md``.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np

from .lang.ar.normalize import FOLD_TABLE, TOKEN_RE, strip_marks

NUM_PERM = 64
SHINGLE_WORDS = 3
THRESHOLD = 0.5  # estimated Jaccard overlap of word 3-grams at which two articles may be one story
MIN_WORDS = 20  # shorter texts (captions, one-line briefs) are each their own story
RARE_ACTOR_SHARE = 0.002  # an actor named in at most this share of the build's documents is rare ...
RARE_ACTOR_MIN = 20  # ... or in at most this many, on a small build
WINDOW_DAYS = 3  # a copy is published within this many days of the story's first copy
DIGITS_RE = re.compile(r"\d+")


@dataclass(frozen=True)
class Sketch:
    """What story grouping compares of one document (empty ``minhash`` for a text too short to compare)."""

    minhash: bytes  # NUM_PERM little-endian uint32 hash values
    figures: tuple[str, ...]  # the numbers written in digits, as canonical decimal strings
    actors: tuple[str, ...]  # entity ids of the document's mentions


def _hash32(data: bytes) -> int:
    return zlib.crc32(data)


@lru_cache(maxsize=1)
def _template():
    """The one MinHash every sketch copies: the same permutations in every process (fixed seed)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, hashfunc=_hash32)


def words(text: str) -> list[str]:
    """The words of ``text``, folded so spelling variants match: diacritics and tatweel dropped, letter
    variants folded (``FOLD_TABLE``, the 1:1 folds of ``normalize``, without the offsets it keeps)."""
    return TOKEN_RE.findall(strip_marks(text).translate(FOLD_TABLE))


def shingles(text: str) -> set[bytes]:
    """The word 3-grams of ``text`` (empty for a text under ``MIN_WORDS`` words)."""
    tokens = words(text)
    if len(tokens) < MIN_WORDS:
        return set()
    return {" ".join(tokens[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(tokens) - SHINGLE_WORDS + 1)}


def numbers(text: str) -> tuple[str, ...]:
    """The whole numbers written in digits (Arabic-Indic digits read too), sorted, as decimal strings."""
    out = set()
    for token in DIGITS_RE.findall(text):
        try:
            out.add(str(int(token)))
        except ValueError:  # a run mixing digits of several scripts
            continue
    return tuple(sorted(out))


def sketch(text: str, entity_ids: Iterable[str | None] = ()) -> Sketch:
    """The sketch of one document, from its text and the entity ids of its mentions."""
    grams = shingles(text)
    actors = tuple(sorted({e for e in entity_ids if e}))
    if not grams:
        return Sketch(b"", numbers(text), actors)
    minhash = _template().copy()
    minhash.update_batch(list(grams))
    return Sketch(minhash.hashvalues.astype("<u4").tobytes(), numbers(text), actors)


def same_figures(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two texts state the same figures: half shared, when both give two or more."""
    if len(a) < 2 or len(b) < 2:
        return True
    sa, sb = set(a), set(b)
    return len(sa & sb) * 2 >= len(sa | sb)


def same_actors(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two texts name the same (rare) actors: half of the smaller set shared, when both name one."""
    if not a or not b:
        return True
    sa, sb = set(a), set(b)
    return len(sa & sb) * 2 >= min(len(sa), len(sb))


def _days(iso: str | None) -> int | None:
    try:
        return date.fromisoformat((iso or "")[:10]).toordinal()
    except ValueError:
        return None


def _near(a: int | None, b: int | None) -> bool:
    return a is None or b is None or abs(a - b) <= WINDOW_DAYS


def story_ids(docs: Iterable[tuple[str, str | None, Sketch]]) -> dict[str, str]:
    """``doc_id -> story_id`` for ``(doc_id, published, sketch)`` triples; a story id is its first copy's doc_id."""
    from datasketch import MinHashLSH

    docs = sorted((p or "9999", d, s) for d, p, s in docs)
    named = Counter(actor for _, _, sk in docs for actor in sk.actors)
    common = max(RARE_ACTOR_MIN, int(RARE_ACTOR_SHARE * len(docs)))
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    story: dict[str, str] = {}
    seen: dict[str, tuple] = {}
    day: dict[str, int | None] = {}
    for published, doc_id, sk in docs:
        day[doc_id] = _days(published)
        story[doc_id] = doc_id
        if not sk.minhash:
            continue
        minhash = _template().copy()
        minhash.hashvalues = np.frombuffer(sk.minhash, dtype="<u4").astype(np.uint64)
        rare = tuple(a for a in sk.actors if named[a] <= common)
        best = 0.0
        for other in lsh.query(minhash):
            other_hash, other_sketch, other_rare = seen[other]
            overlap = minhash.jaccard(other_hash)
            if (overlap >= max(best, THRESHOLD) and _near(day[doc_id], day[story[other]])
                    and same_figures(sk.figures, other_sketch.figures) and same_actors(rare, other_rare)):
                best, story[doc_id] = overlap, story[other]
        seen[doc_id] = (minhash, sk, rare)
        lsh.insert(doc_id, minhash, check_duplication=False)
    return story
