"""Bidirectional-text isolation for chart labels.

Vega draws every label left to right. A label that mixes Arabic with Latin
letters or digits then comes out scrambled, and an ISO date or a number next to
Arabic text is reordered (``2024-03-01`` turns into ``01-03-2024``). Wrapping a
label in Unicode isolates fixes both, in the browser and in vl-convert's
PNG/SVG: RLI ... PDI around Arabic or mixed labels, LRI ... PDI around dates
and numbers. The marks are invisible and leave the text itself in logical order,
so ``strip`` gives the original back.

Names, titles and outlets come from articles and may carry bidi *controls* of
their own (U+202E RIGHT-TO-LEFT OVERRIDE and friends) that would flip the text
around them. ``strip`` drops every control, and ``isolate`` wraps an untrusted
string in FSI ... PDI so it cannot reorder the sentence it is placed in.
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
# Every character that changes the bidi order of the text around it: the isolates, the
# embeddings and overrides (LRE, RLE, PDF, LRO, RLO), the marks LRM, RLM and ALM.
# ZWJ/ZWNJ are not controls (they shape Arabic and Persian letters) and are kept.
EMBEDDINGS = "\u202a\u202b\u202c\u202d\u202e"
DIRECTION_MARKS = "\u200e\u200f\u061c"
BIDI_CONTROLS = ISOLATE_MARKS + EMBEDDINGS + DIRECTION_MARKS
_MARKS_RE = re.compile(f"[{BIDI_CONTROLS}]")
# What a name shown to the analyst may not hide: C0/C1 controls (a NUL in an uploaded file's name
# broke Streamlit's uploader) and the bidi controls.
_INVISIBLE_RE = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}]")


def has_arabic(text: str) -> bool:
    """True when ``text`` contains at least one Arabic letter."""
    return bool(ARABIC_RE.search(text or ""))


def rtl(text: str) -> str:
    """``text`` isolated as a right-to-left run (RLI ... PDI)."""
    return f"{RLI}{strip(text)}{PDI}"


def ltr(text: str) -> str:
    """``text`` isolated as a left-to-right run (LRI ... PDI): ISO dates, numbers, Latin names."""
    return f"{LRI}{strip(text)}{PDI}"


def visible(text: str) -> str:
    """``text`` with every control character (C0, C1, bidi) shown as U+FFFD, one for one."""
    return _INVISIBLE_RE.sub("\ufffd", text)


def strip(text: str) -> str:
    """``text`` without any bidi control: the inverse of ``rtl``/``ltr``/``label``/``isolate``
    for text that had none, and the safe form of a name that came with its own overrides."""
    return _MARKS_RE.sub("", _text(text))


def _text(value) -> str:
    """``value`` as a string; None and NaN (missing) become ""."""
    if isinstance(value, str):
        return value
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    return str(value)


def strip_series(values: pd.Series) -> pd.Series:
    """``strip`` over a Series of strings (missing values stay missing)."""
    return values.astype(object).where(values.isna(), values.astype(str).str.replace(_MARKS_RE, "", regex=True))


def isolate(text) -> str:
    """An untrusted string for UI text: bidi controls dropped, wrapped in FSI ... PDI so its own
    direction (taken from its first strong letter) never reorders the sentence around it.
    Missing or empty values become the empty string."""
    text = strip(text)
    return f"{FSI}{text}{PDI}" if text else ""


def label(text) -> str:
    """A chart label isolated by its content.

    Arabic (or mixed Arabic/Latin) -> RLI ... PDI; dates and numbers -> LRI ... PDI;
    plain Latin text is returned unchanged (it already lays out left to right).
    Bidi controls the text brought along are dropped; missing values become the empty string.
    """
    text = strip(text)
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
