"""The token view of one document that every rule reads, and the mentions accepted so far.

Offsets: tokens are ``TOKEN_RE`` matches of the normalised text (``NormText.text``); a
:class:`Match` holds token indexes (end exclusive) and normalised character offsets, mapped
back to the original text only when mentions are made (``extract.to_mention``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..lang.ar.normalize import TOKEN_RE, NormText, strip_marks
from ..lang.ar.punctuation import QUOTES
from .gazetteer import load_gazetteer, word_info
from .linking import unknown_entity_id
from .naming import english_name

_HAMZA_ALEFS = ("أ", "إ", "آ")
# Between two tokens of one name only spaces, quotes, guillemets, hyphens, '#' and '_'
# (hashtags: #رامز_جلال) may stand; any other character (and a newline) ends the name.
_GAP_BREAK = re.compile(r"[^\w \t\u00a0#_" + re.escape(QUOTES) + r"\-\u2010\u2011]")
OPEN_QUOTES = "\u00ab\"\u201c\u201e\u2039'"  # « " “ „ ‹ '
_OPEN_QUOTE_RE = re.compile(f"[{re.escape(OPEN_QUOTES)}]")


def strip_quotes(text: str) -> str:
    return re.sub(r"\s+", " ", "".join(ch for ch in text if ch not in QUOTES)).strip()


@dataclass(eq=False)
class Match:
    """A mention on the token view (identity matters: the layer records which match holds a token)."""

    start_tok: int
    end_tok: int  # exclusive
    nstart: int  # normalised offsets
    nend: int
    entity_id: str
    etype: str
    method: str  # gazetteer, pattern, coreference
    name_ar: str = ""
    name_en: str = ""
    rule: str = ""


class DocView:
    """Tokens of the normalised text, which gaps join them into one name, and what each word can be."""

    def __init__(self, norm: NormText):
        self.norm = norm
        text = norm.text
        self.tok_spans = [(m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
        self.tok_starts = [a for a, _ in self.tok_spans]
        self.words = [text[a:b] for a, b in self.tok_spans]
        self.joined = self._joined()
        # run[i]: how many tokens from i on are joined by name-internal gaps (i itself counts).
        n = len(self.words)
        run = [1] * n
        for i in range(n - 2, -1, -1):
            if self.joined[i]:
                run[i] = run[i + 1] + 1
        self.run = run
        self.info = [word_info(w) for w in self.words]
        self.quoted = {bisect_left(self.tok_starts, q.end()) for q in _OPEN_QUOTE_RE.finditer(text)}  # after a quote
        self.stop = load_gazetteer().stopwords

    def _joined(self) -> list[bool]:
        """joined[k]: token k and token k+1 may belong to one name."""
        n = len(self.words)
        joined = [True] * max(n - 1, 0)
        if n > 1:
            for m in _GAP_BREAK.finditer(self.norm.text, self.tok_spans[0][1], self.tok_spans[-1][0]):
                k = bisect_right(self.tok_starts, m.start()) - 1  # the gap after token k
                if 0 <= k < n - 1:
                    joined[k] = False
        return joined

    def __len__(self) -> int:
        return len(self.words)

    def gap(self, i: int) -> str:
        """Normalised text between token i-1 and token i."""
        a = self.tok_spans[i - 1][1] if i > 0 else 0
        return self.norm.text[a : self.tok_spans[i][0]]

    def quote_before(self, k: int) -> bool:
        """A quotation mark stands between token k-1 and token k."""
        return any(c in QUOTES for c in self.gap(k))

    def after(self, k: int) -> str:
        """The text from the end of token k-1 to token k (to the end of the text when k is the last)."""
        return (self.gap(k) if k < len(self.words) else self.norm.text[self.tok_spans[k - 1][1] :]).lstrip()

    def definite(self, k: int) -> bool:
        """Token k really starts with ال: ألمانية and إلكترونية only look so once hamza is folded."""
        a, _ = self.tok_spans[k]
        start, _ = self.norm.span(a, a + 1)
        return self.norm.original[start : start + 1] not in _HAMZA_ALEFS

    def spelled(self, nstart: int, nend: int) -> str:
        """The original letters of a normalised span, hamza seats kept, marks and tatweel dropped."""
        start, end = self.norm.span(nstart, nend)
        return strip_marks(self.norm.original[start:end])

    def written(self, k: int) -> str:
        """Token k as the original text writes it."""
        a, b = self.tok_spans[k]
        return self.norm.to_original(a, b)

    def stem(self, m: Match) -> str:
        """The first token of ``m`` without the proclitic its span leaves out."""
        return self.words[m.start_tok][m.nstart - self.tok_spans[m.start_tok][0] :]

    def key(self, m: Match) -> tuple[str, ...]:
        """The normalised tokens of ``m``'s span."""
        return (self.stem(m), *self.words[m.start_tok + 1 : m.end_tok])

    def unknown(self, i: int, k: int, etype: str, rule: str, cut: int = 0) -> Match:
        """A pattern match of tokens i .. k-1 (the first without its ``cut`` proclitic letters) naming
        an entity no gazetteer has."""
        nstart = self.tok_spans[i][0] + cut
        nend = self.tok_spans[k - 1][1]
        name_norm = " ".join([self.words[i][cut:], *self.words[i + 1 : k]])
        name_ar = strip_quotes(self.norm.to_original(nstart, nend))
        return Match(i, k, nstart, nend, unknown_entity_id(etype, name_norm), etype, "pattern", name_ar,
                     english_name(etype, name_ar), rule)


class Layer:
    """The matches accepted so far: which match holds each token, and the matches in the order they
    were accepted (later stages read that order: the first full mention of an entity)."""

    def __init__(self, n: int):
        self.owner: list[Match | None] = [None] * n
        self.found: list[Match] = []
        self.blocked: list[tuple[int, int]] = []  # normalised spans that are no entity here (سيول: floods)

    def holders(self, start: int, end: int) -> set[Match]:
        return {m for m in self.owner[start:end] if m is not None}

    def free(self, i: int, j: int) -> bool:
        return all(self.owner[k] is None for k in range(i, j))

    def add(self, m: Match) -> Match:
        self.found.append(m)
        for k in range(m.start_tok, m.end_tok):
            self.owner[k] = m
        return m

    def swap(self, old: Match, new: Match) -> Match:
        """``new`` takes the place of ``old`` (a narrower, wider or retyped span): the tokens only
        ``old`` covered are free again."""
        for k in range(old.start_tok, old.end_tok):
            if self.owner[k] is old:
                self.owner[k] = None
        for k in range(new.start_tok, new.end_tok):
            self.owner[k] = new
        self.found[self.found.index(old)] = new
        return new

    def remove(self, m: Match) -> None:
        self.found.remove(m)
        for k in range(m.start_tok, m.end_tok):
            self.owner[k] = None

    def block(self, m: Match) -> None:
        """``m`` is no entity here: removed, and the tagger may not find one in its span."""
        self.blocked.append((m.nstart, m.nend))
        self.remove(m)
