"""Which currency a shared unit is in this article: جنيه is a pound sterling, an Egyptian or a Sudanese pound.

``specify_units(t, cands, source)`` rewrites the unit of every candidate whose unit ``unit_variants.tsv``
splits, by the first of ``DECIDERS`` that names one variant (cues are whole tokens of the normalised text ``t``,
proclitics allowed: وبريطانيا، بالقاهرة):
- ``statement``: only one variant has cues in the statement of the amount (between ``STATEMENT_BREAK``s);
- ``article``: one variant has more cues in the article than every other;
- ``outlet``: the variant of the outlet's country (``outlets.tsv``: BBC is British, the SaudiNewsNet outlets
  Saudi); a unit no decider names stays as it is (``pound``: undecidable).
A unit written with its country (جنيه إسترليني، جنيه مصري، £) is its own row of ``units.tsv`` already.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from ..lang.ar.lexicon import Lexicon
from ..lang.ar.normalize import clitic_variants, normalize_key
from ..lang.ar.sentences import STATEMENT_BREAK
from .candidates import Candidate

UNIT_VARIANTS = Lexicon("unit_variants.tsv", key="variant", required=("unit", "country", "cues", "gloss"))
OUTLETS = Lexicon("outlets.tsv", key="source", required=("country", "gloss"))
_TOKEN = re.compile(r"[^\W\d_]+|£")


@dataclass(frozen=True)
class Variant:
    unit: str  # the shared unit of units.tsv (pound)
    variant: str  # the unit written instead (egyptian_pound)
    country: str


@lru_cache(maxsize=1)
def _variants() -> tuple[dict[str, tuple[Variant, ...]], dict[str, str]]:
    """(shared unit -> its variants, normalised cue (one or two words) -> variant)."""
    by_unit: dict[str, list[Variant]] = {}
    cues: dict[str, str] = {}
    for row in UNIT_VARIANTS.rows():
        v = Variant(row["unit"], row["variant"], row["country"])
        by_unit.setdefault(v.unit, []).append(v)
        for cue in row["cues"].split("|"):
            cues[normalize_key(cue) or cue] = v.variant
    return {u: tuple(vs) for u, vs in by_unit.items()}, cues


@lru_cache(maxsize=1)
def _outlet_countries() -> dict[str, str]:
    return {r["source"].lower(): r["country"] for r in OUTLETS.rows()}


def _cue_of(token: str) -> str | None:
    cues = _variants()[1]
    return next((cues[v] for v, _ in clitic_variants(token) if v in cues), None)


def _cues(t: str, start: int = 0, end: int | None = None) -> Counter:
    """How many cues of each variant ``t[start:end]`` holds."""
    found = (_cue_of(m.group()) for m in _TOKEN.finditer(t, start, len(t) if end is None else end))
    return Counter(v for v in found if v)


@dataclass(frozen=True)
class _Context:
    t: str
    article: Counter
    country: str  # the outlet's, '' when unknown


def _statement(c: Candidate, ctx: _Context, variants: tuple[Variant, ...]) -> str | None:
    """The only variant with cues in the statement of the amount."""
    start = max((m.end() for m in STATEMENT_BREAK.finditer(ctx.t, 0, c.start)), default=0)
    stop = STATEMENT_BREAK.search(ctx.t, c.end)
    found = _cues(ctx.t, start, stop.start() if stop else None)
    return next(iter(found)) if len(found) == 1 else None


def _article(c: Candidate, ctx: _Context, variants: tuple[Variant, ...]) -> str | None:
    """The variant with more cues in the article than any other."""
    top = ctx.article.most_common(2)
    return top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None


def _outlet(c: Candidate, ctx: _Context, variants: tuple[Variant, ...]) -> str | None:
    """The variant of the outlet's country."""
    return next((v.variant for v in variants if v.country == ctx.country), None)


# The deciders in the order they are tried; the first that names a variant decides.
DECIDERS: tuple[Callable[[Candidate, _Context, tuple[Variant, ...]], str | None], ...] = (_statement, _article, _outlet)


def specify_units(t: str, cands: list[Candidate], source: str | None) -> list[Candidate]:
    """``cands`` with each shared unit replaced by the variant the article names (see the module docstring)."""
    by_unit = _variants()[0]
    if not any(c.unit in by_unit for c in cands):
        return cands
    ctx = _Context(t, _cues(t), _outlet_countries().get((source or "").lower(), ""))
    out = []
    for c in cands:
        variants = by_unit.get(c.unit)
        if variants:
            chosen = next((v for v in (d(c, ctx, variants) for d in DECIDERS) if v), None)
            c = replace(c, unit=chosen) if chosen else c
        out.append(c)
    return out
