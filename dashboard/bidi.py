"""Bidirectional-text isolation for chart labels.

Vega draws every label left to right. A label that mixes Arabic with Latin
letters or digits then comes out scrambled, and an ISO date or a number next to
Arabic text is reordered (``2024-03-01`` turns into ``01-03-2024``). Wrapping a
label in Unicode isolates fixes both, in the browser and in vl-convert's
PNG/SVG: RLI ... PDI around Arabic or mixed labels, LRI ... PDI around dates
and numbers. The marks are invisible and leave the text itself in logical order,
so ``strip`` gives the original back.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

LRI = "\u2066"  # LEFT-TO-RIGHT ISOLATE
RLI = "\u2067"  # RIGHT-TO-LEFT ISOLATE
FSI = "\u2068"  # FIRST STRONG ISOLATE
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE
ISOLATE_MARKS = LRI + RLI + FSI + PDI

# Arabic, Arabic Supplement, Arabic Extended-A and the presentation forms.
ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
# Labels made of digits and date/number punctuation only: 2024, 2024-06, 1,200.5, 12%, 18/06/2024.
NUMERIC_RE = re.compile(r"^[\s\d\u0660-\u0669\u06f0-\u06f9.,:/%+\-\u066a-\u066c]+$")
_MARKS_RE = re.compile(f"[{ISOLATE_MARKS}]")


def has_arabic(text: str) -> bool:
    """True when ``text`` contains at least one Arabic letter."""
    return bool(ARABIC_RE.search(text or ""))


def rtl(text: str) -> str:
    """``text`` isolated as a right-to-left run (RLI ... PDI)."""
    return f"{RLI}{strip(text)}{PDI}"


def ltr(text: str) -> str:
    """``text`` isolated as a left-to-right run (LRI ... PDI): ISO dates, numbers, Latin names."""
    return f"{LRI}{strip(text)}{PDI}"


def strip(text: str) -> str:
    """``text`` without any isolate marks (the inverse of ``rtl``/``ltr``/``label``)."""
    return _MARKS_RE.sub("", text or "")


def label(text) -> str:
    """A chart label isolated by its content.

    Arabic (or mixed Arabic/Latin) -> RLI ... PDI; dates and numbers -> LRI ... PDI;
    plain Latin text is returned unchanged (it already lays out left to right).
    Missing values become the empty string.
    """
    if text is None or (isinstance(text, float) and text != text):
        return ""
    text = strip(str(text))
    if not text:
        return ""
    if NUMERIC_RE.match(text):
        return ltr(text)
    if has_arabic(text):
        return rtl(text)
    return text


def label_series(values: pd.Series) -> pd.Series:
    """``label`` over a Series, computed once per distinct value (fast on long columns)."""
    values = pd.Series(values)
    if values.empty:
        return values.astype(object)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    # The sentinel -1 (missing) picks the trailing "".
    wrapped = np.array([label(u) for u in uniques] + [""], dtype=object)
    return pd.Series(wrapped[codes], index=values.index, dtype=object)
