"""``extract_quantities``: propose candidates with every rule, resolve them once, build the records."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..lang.ar.letters import ARTICLE
from ..lang.ar.normalize import NormText, clitic_variants, normalize, shadda_positions
from ..numbers import find_numbers
from ..records import Document, Quantity
from .ages import ages_after_cue, ages_of_life
from .candidates import Candidate
from .lexicon import unit_forms
from .number_rules import ranges, reading_candidates, shared_units, symbols_before, unknown_nouns
from .readings import read_numbers
from .resolve import resolve
from .variants import specify_units
from .word_rules import duals, fractions, open_duals, twice, unit_and_fractions

# Rules over the numbers and what each was read as: (t, readings) -> candidates.
NUMBER_STAGES = (reading_candidates, ranges, shared_units, unknown_nouns)
# Rules over the normalised text alone: t -> candidates.
WORD_STAGES = (duals, open_duals, ages_of_life, ages_after_cue, fractions, unit_and_fractions, twice)


def propose(t: str, shadda: frozenset[int] = frozenset()) -> list[Candidate]:
    """Every rule's candidates on the normalised text ``t`` (``shadda``: see ``readings.read_numbers``).

    The order is the resolver's last tie-break: the ``NUMBER_STAGES`` candidates by the first number
    they read, then the symbols written before numbers, then the ``WORD_STAGES`` in turn.
    """
    reads = read_numbers(t, find_numbers(t), shadda)
    out = sorted((c for stage in NUMBER_STAGES for c in stage(t, reads)), key=lambda c: c.numbers[0])
    out += symbols_before(t, reads)
    for stage in WORD_STAGES:
        out += stage(t)
    return out


def extract_quantities(doc: Document, norm: NormText | None = None) -> list[Quantity]:
    """Quantities in ``doc``; offsets index ``doc.text``, end exclusive.

    ``norm`` is ``normalize(doc.text)`` when the caller already has it.
    """
    if norm is None or norm.original != doc.text:
        norm = normalize(doc.text)
    out = []
    for c in specify_units(norm.text, resolve(propose(norm.text, shadda_positions(norm))), doc.source):
        c = dot_thousands(norm.text, c)
        start, end = norm.span(c.start, c.end)
        what = _what(doc, norm, c.what)
        text = doc.text[start:end]
        out.append(Quantity(doc.doc_id, float(c.value), c.unit, what, text, start, end, c.approximate, c.rule))
    return out


_DOT_THOUSANDS = re.compile(r"\d{1,3}\.\d{3}(?![\d.,])")


@lru_cache(maxsize=1)
def _count_units() -> frozenset[str]:
    return frozenset(u.unit for u in unit_forms().values() if u.kind == "count")


def dot_thousands(t: str, c: Candidate) -> Candidate:
    """'90.500 مهاجر' = 90500: a dot before exactly three digits, with no scale word, in a count.

    Nothing counted comes in fractions, so the dot is a thousands separator there.
    """
    m = _DOT_THOUSANDS.match(t, c.start)
    if m is None or c.unit not in _count_units() or c.value != float(m.group()):
        return c
    return replace(c, value=c.value * 1000)


def _what(doc: Document, norm: NormText, span: tuple[int, int] | None) -> str:
    """The counted noun as written, without the proclitics on it (بـ، و، ل) when its stem is known."""
    if span is None:
        return ""
    ws, we = norm.span(*span)
    k = _known_clitic_len(clitic_variants(norm.text[span[0] : span[1]]))
    if k:
        ws, _ = norm.span(span[0] + k, span[1])
    return doc.text[ws:we]


def _known_clitic_len(variants: list[tuple[str, int]]) -> int:
    """How many leading characters are proclitics on a known noun (0 when the token itself is known)."""
    forms = unit_forms()
    token = variants[0][0]
    if len(variants) < 2 or token in forms or token.startswith(ARTICLE):
        return 0
    for v, k in variants[1:]:
        bare = v[2:] if v.startswith(ARTICLE) else v
        if (v in forms or bare in forms) and k:
            return k
    return 0
