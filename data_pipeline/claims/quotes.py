"""Quotation marks around statements and around names.

Only double marks quote (``lang.ar.punctuation.DOUBLE_QUOTES``): an apostrophe inside a transliterated
name is no quote. A quoted statement is long (``QUOTE_MIN_TOKENS`` words or more) and never runs over a
line break; a short quoted run after a verb is a name ("تاس").
"""

from __future__ import annotations

import re

from ..lang.ar.normalize import TOKEN_RE
from ..lang.ar.punctuation import CLOSING_QUOTE, DOUBLE_QUOTES
from .lexicon import AN
from .text import ClaimText, Span

QUOTE_MAX_CHARS = 1500
QUOTE_MIN_TOKENS = 5  # a shorter quoted run after the verb is a name ("تاس"), not a statement
NAME_QUOTE_MAX_CHARS = 120  # a quoted name («...: ...») closes within this many characters
QUOTED_NAME_MAX_TOKENS = 3  # "إن إتش كيه": a quote opening with إن that closes this soon is a name
NAME_END_PUNCT_MAX = 3  # punctuation that may end a quoted name before its closing mark («alert(1)»)

OPEN_QUOTE_RE = re.compile("[" + "".join(CLOSING_QUOTE) + "]")
_NEXT_QUOTE_RE = re.compile("[" + re.escape(DOUBLE_QUOTES) + "]")
_GUILLEMETS = ("«", "»")
_CURLY = ("“", "”")
DIRECTED_QUOTES = (_GUILLEMETS, _CURLY)  # the pairs whose opening and closing marks differ
_OPENERS_ONLY = "«„"  # marks that never close a quotation


def quote_open(seg: str) -> bool:
    """True when ``seg`` leaves a «...», “...” or "..." pair open."""
    return (
        seg.count(_GUILLEMETS[0]) > seg.count(_GUILLEMETS[1])
        or seg.count('"') % 2 == 1
        or seg.count(_CURLY[0]) > seg.count(_CURLY[1])
    )


class _Depth:
    """How deep inside «» “” and "" pairs a left-to-right scan is."""

    def __init__(self, t: str, a: int):
        self.t, self.last = t, a
        self.guil = self.dq = self.curly = 0

    def outside_at(self, pos: int) -> bool:
        """Count the marks up to pos (each character once) and say whether pos is outside every pair."""
        seg = self.t[self.last : pos]
        self.guil += seg.count(_GUILLEMETS[0]) - seg.count(_GUILLEMETS[1])
        self.dq += seg.count('"')
        self.curly += seg.count(_CURLY[0]) - seg.count(_CURLY[1])
        self.last = pos
        return self.guil <= 0 and self.dq % 2 == 0 and self.curly <= 0


def marks_outside_quotes(t: str, a: int, marks) -> list[int]:
    """The positions in ``marks`` (ascending, >= a) not inside a quote pair opened from a on.

    A colon or comma inside a quoted name («javascript:alert(1)») does not end a phrase.
    Each character between a and the last mark is counted once, so this is linear.
    """
    depth = _Depth(t, a)
    return [pos for pos in marks if depth.outside_at(pos)]


def search_outside_quotes(t: str, rx: re.Pattern, a: int, b: int) -> re.Match | None:
    """The first match of ``rx`` in [a, b) that is not inside a quote pair opened from a on."""
    depth = _Depth(t, a)
    for m in rx.finditer(t, a, b):
        if depth.outside_at(m.start()):
            return m
        # A quote opened right before the match opens the complement (قالت، "إن ...): not a name.
        opened = max(t.rfind(c, a, m.start()) for c in DOUBLE_QUOTES)
        if not closes_later(t, m.end(), b):
            return m
        if not t[opened + 1 : m.start()].strip() and not (m.group() == AN and short_quoted_name(t, m.end(), b)):
            return m
    return None


def closes_later(t: str, pos: int, b: int) -> bool:
    """True when the next quote mark after pos closes a pair (a quote left open by a typo does not).

    ``"سكاي نيوز عربي، إن "ممارسات``: the next mark opens a new quote (space before, letter
    after), so the earlier one was never closed and the إن after it is a real boundary.
    """
    q = _NEXT_QUOTE_RE.search(t, pos, min(b, pos + NAME_QUOTE_MAX_CHARS))
    if q is None:
        return False
    c, i = q.group(), q.start()
    if c in _OPENERS_ONLY:
        return False
    # a " with a space before and a letter after opens a new quote
    return not (c == '"' and (i == 0 or t[i - 1].isspace()) and i + 1 < len(t) and t[i + 1].isalnum())


def short_quoted_name(t: str, pos: int, b: int) -> bool:
    """True when the quote holding pos closes within a few words (a name such as "إن إتش كيه")."""
    q = _NEXT_QUOTE_RE.search(t, pos, b)
    return q is not None and len(TOKEN_RE.findall(t, pos, q.start())) < QUOTED_NAME_MAX_TOKENS


def match_quote(tx: ClaimText, pos: int) -> int:
    """If a quote opens at pos (after spaces), the index of its closing mark, else -1."""
    t = tx.t
    while pos < len(t) and t[pos] == " ":
        pos += 1
    if pos >= len(t) or t[pos] not in CLOSING_QUOTE:
        return -1
    if t[pos] == '"' and tx.closes_quote(pos):
        return -1  # this " closes an earlier quotation
    close = t.find(CLOSING_QUOTE[t[pos]], pos + 1, pos + QUOTE_MAX_CHARS)
    if close < 0 or "\n" in t[pos:close]:
        return -1  # a quotation does not run over a paragraph break
    return close


def quote_start(t: str, pos: int) -> int:
    """Where the quoted text begins: after the mark that opens at pos (after spaces)."""
    while pos < len(t) and t[pos] == " ":
        pos += 1
    return pos + 1


def long_quote(tx: ClaimText, a: int, b: int) -> Span | None:
    """The first quotation opening in [a, b) that is long enough to be the statement itself."""
    t = tx.t
    for q in OPEN_QUOTE_RE.finditer(t, a, b):
        i = q.start()
        if t[i] != '"' or not tx.closes_quote(i):
            close = t.find(CLOSING_QUOTE[t[i]], i + 1, i + QUOTE_MAX_CHARS)
            if close > 0 and "\n" not in t[i:close] and len(TOKEN_RE.findall(t, i, close)) >= QUOTE_MIN_TOKENS:
                return i, close
    return None


def extend_quotes(t: str, a: int, b: int, lo: int, hi: int) -> Span:
    """Widen [a, b) over quote marks that open or close a name at its edges."""
    if a - 1 >= lo and t[a - 1] in DOUBLE_QUOTES:
        a -= 1
    if quote_open(t[a:b]) and b < hi:
        # the closing mark, possibly after punctuation that ends the quoted name («alert(1)»)
        close = b
        while close < hi and close - b < NAME_END_PUNCT_MAX and t[close] not in DOUBLE_QUOTES \
                and not t[close].isspace() and not t[close].isalnum():
            close += 1
        if close < hi and t[close] in DOUBLE_QUOTES:
            b = close + 1
    return a, b
