"""Tokens around a position of the normalised text, and the cue tests the rules ask about them.

A token is ``(word, start, end)``; tokens are separated only by spaces (a punctuation mark or a
newline ends the window), and the window reaches ``WINDOW`` characters at most.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lang.ar.letters import ARTICLE
from ..lang.ar.normalize import clitic_variants
from .lexicon import SYMBOLS, cue_words

Token = tuple[str, int, int]

WINDOW = 80  # characters looked at around a number
_SPACES = " \t\u00a0"
_TOKEN_RE = re.compile(rf"[^\W_]+[23\u00b2\u00b3]?|[{re.escape(SYMBOLS)}]")  # م2، كم², or a symbol


def tokens_after(t: str, pos: int, k: int) -> list[Token]:
    """Up to k tokens after pos, separated only by spaces (stops at punctuation and newlines)."""
    out = []
    end = min(len(t), pos + WINDOW)
    while len(out) < k:
        p = pos
        while p < end and t[p] in _SPACES:
            p += 1
        m = _TOKEN_RE.match(t, p, end)
        if not m:
            break
        out.append((m.group(), m.start(), m.end()))
        pos = m.end()
    return out


def tokens_before(t: str, pos: int, k: int) -> list[Token]:
    """Up to k tokens before pos, nearest last, separated only by spaces."""
    lo = max(0, pos - WINDOW)
    out: list[Token] = []
    i = pos
    while len(out) < k:
        j = i
        while j > lo and t[j - 1] in _SPACES:
            j -= 1
        if j > lo and t[j - 1] in SYMBOLS:
            out.append((t[j - 1], j - 1, j))
            i = j - 1
            continue
        b = j
        while b > lo and (t[b - 1].isalnum() and t[b - 1] != "_"):
            b -= 1
        if b == j:
            break
        out.append((t[b:j], b, j))
        i = b
    out.reverse()
    return out


def last_word(tokens: list[Token]) -> str:
    return tokens[-1][0] if tokens else ""


@lru_cache(maxsize=65536)
def strip_clitics(token: str) -> tuple[str, ...]:
    """The token and its readings without proclitics (وللجنود -> للجنود، الجنود ...)."""
    return tuple(v for v, _ in clitic_variants(token))


def bare_noun(word: str) -> str:
    """The word without its article."""
    return word[2:] if word.startswith(ARTICLE) else word


def cue_before(tokens: list[Token], role: str, max_len: int = 4) -> bool:
    """Do the last tokens form a cue of ``role``? The cue's first word may carry proclitics."""
    table = cue_words(role)
    words = [w for w, _, _ in tokens]
    for n in range(1, min(max_len, len(words)) + 1):
        tail = words[-n:]
        for head in strip_clitics(tail[0]):
            if " ".join([head] + tail[1:]) in table:
                return True
    return False


def in_role(token: str, role: str) -> bool:
    """Is the token, or a reading of it without proclitics, a cue of ``role``?"""
    table = cue_words(role)
    return any(v in table for v in strip_clitics(token))


def approximate_before(t: str, pos: int) -> bool:
    """A hedge (نحو، أكثر من ...) right before ``pos``."""
    return cue_before(tokens_before(t, pos, 4), "approx")
