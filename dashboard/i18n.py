"""Arabic and English interface strings, kept as data in ``strings.json``.

``t(key, lang, **values)`` looks a string up and fills its ``{placeholders}``;
a key missing in one language falls back to English, then to the key itself, so
a forgotten translation shows up on screen instead of raising.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

LANGS = ("ar", "en")
DEFAULT_LANG = "ar"
LANG_NAMES = {"ar": "العربية", "en": "English"}


@lru_cache(maxsize=1)
def strings() -> dict[str, dict[str, str]]:
    with open(Path(__file__).with_name("strings.json"), encoding="utf-8") as f:
        return json.load(f)


def lang_or_default(lang: str | None) -> str:
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str, **values) -> str:
    """The UI string ``key`` in ``lang`` (``ar`` or ``en``) with ``values`` filled in."""
    table = strings()
    text = table.get(lang, {}).get(key) or table["en"].get(key) or key
    return text.format(**values) if values else text


def direction(lang: str) -> str:
    """``rtl`` for Arabic, ``ltr`` otherwise: for our own HTML containers."""
    return "rtl" if lang == "ar" else "ltr"
