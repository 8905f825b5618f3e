"""Arabic and English interface strings, kept as data in ``strings.json``.

``t(key, lang, **values)`` looks a string up and fills its ``{placeholders}``;
a key missing in one language falls back to English, then to the key itself, so
a forgotten translation shows up on screen instead of raising.

``tn(key, n, lang, **values)`` is for sentences that count: the entry holds one text per CLDR
plural category of the language (babel's rules: English one/other; Arabic zero, one, two, few
(3-10), many (11-99) and other (100-102 ...)), and ``{n}`` is the number written with thousands
separators.
"""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from pathlib import Path

from babel import Locale

LANGS = ("ar", "en")
DEFAULT_LANG = "ar"
LANG_NAMES = {"ar": "العربية", "en": "English"}


@lru_cache(maxsize=1)
def strings() -> dict[str, dict[str, str | dict[str, str]]]:
    with open(Path(__file__).with_name("strings.json"), encoding="utf-8") as f:
        return json.load(f)


def lang_or_default(lang: str | None) -> str:
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str, **values) -> str:
    """The UI string ``key`` in ``lang`` (``ar`` or ``en``) with ``values`` filled in."""
    table = strings()
    text = table.get(lang, {}).get(key) or table["en"].get(key) or key
    return text.format(**values) if values else text


@lru_cache(maxsize=1)
def _unit_labels() -> dict[str, dict[str, str]]:
    with open(Path(__file__).with_name("unit_labels.tsv"), encoding="utf-8") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return {row["unit"]: {"en": row["en"], "ar": row["ar"]} for row in rows}


def unit_label(unit: str | None, lang: str) -> str:
    """The name of a unit id of ``data_pipeline/resources/units.tsv`` (``m2``, ``item``) in ``lang``,
    from ``unit_labels.tsv``; an id the file lacks is shown as is, "" for none."""
    if not isinstance(unit, str) or not unit:
        return ""
    labels = _unit_labels().get(unit)
    return labels[lang_or_default(lang)] if labels else unit


@lru_cache(maxsize=1)
def _rule_labels() -> dict[str, dict[str, str]]:
    from data_pipeline.resources import load_tsv

    return {row["rule"]: {"en": row["en"], "ar": row["ar"]} for row in load_tsv("rules.tsv", required=("rule", "en", "ar"))}


def rule_label(rule: str | None, lang: str) -> str:
    """Why a fact was extracted: the sentence ``data_pipeline/resources/rules.tsv`` gives its rule id in
    ``lang``; an id the file lacks is shown as is, "" for none (tables built before rules were named)."""
    if not isinstance(rule, str) or not rule:
        return ""
    labels = _rule_labels().get(rule)
    return labels[lang_or_default(lang)] if labels else rule


@lru_cache(maxsize=2)
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def plural_category(n: int, lang: str) -> str:
    """The CLDR plural category of ``n`` in ``lang``: zero, one, two, few, many or other."""
    return _locale(lang_or_default(lang)).plural_form(abs(n))


def tn(key: str, n: int, lang: str, **values) -> str:
    """The counting string ``key`` for ``n`` in ``lang``: the form of ``n``'s plural category (else
    "other"), with ``{n}`` and ``values`` filled in. Falls back to English like ``t``."""
    table = strings()
    forms = table.get(lang, {}).get(key)
    if not isinstance(forms, dict):
        lang, forms = "en", table["en"].get(key)
    if not isinstance(forms, dict):
        return key
    text = forms.get(plural_category(n, lang)) or forms["other"]
    return text.format(n=f"{n:,}", **values)


def direction(lang: str) -> str:
    """``rtl`` for Arabic, ``ltr`` otherwise: for our own HTML containers."""
    return "rtl" if lang == "ar" else "ltr"


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal (quotes, backslashes and line breaks escaped)."""
    escaped = "".join(f"\\{ord(c):x} " if c in '"\\' or ord(c) < 32 else c for c in text)
    return f'"{escaped}"'


def uploader_css(lang: str, max_mb: int, extensions) -> str:
    """A ``<style>`` that writes Streamlit's file uploader texts in ``lang``; "" in English.

    Streamlit 1.67 offers no option for the dropzone's own words (the "Upload" button, "200MB per
    file • TXT, ..."): their text is hidden (font size 0) and ours drawn in its place with CSS
    ``::after``. The widget's label and help are ours already."""
    if lang_or_default(lang) == "en":
        return ""
    types = ", ".join(ext.lstrip(".").upper() for ext in extensions)
    limit = _css_string(t("upload_instructions", lang, mb=f"{max_mb:,}", types=types))
    browse = _css_string(t("upload_browse", lang))
    zone = '[data-testid="stFileUploaderDropzone"]'
    return (
        "<style>"
        f'{zone} [data-testid="stFileUploaderDropzoneInstructions"] * {{ font-size: 0; }}'
        f'{zone} [data-testid="stFileUploaderDropzoneInstructions"]::after {{ content: {limit}; font-size: 0.875rem; }}'
        f'{zone} [data-testid="stBaseButton-secondary"] * {{ font-size: 0; }}'
        f'{zone} [data-testid="stBaseButton-secondary"]::after {{ content: {browse}; font-size: 0.875rem; }}'
        "</style>"
    )
