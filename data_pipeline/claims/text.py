"""One normalised text seen as statements, clauses and tokens, and the word tests the claim rules share.

A statement ends at ``lang.ar.sentences.STATEMENT_END`` (. ! ? ؟ ؛ or a line break); a clause of it
at a comma or a colon.
"""

from __future__ import annotations

import bisect
import re

from ..lang.ar.letters import LAM
from ..lang.ar.normalize import TOKEN_RE
from ..lang.ar.punctuation import COMMAS
from ..lang.ar.sentences import STATEMENT_END
from .lexicon import WAW_FA

CLAUSE_MARK_RE = re.compile(f"[{COMMAS}:]")
SPACES_RE = re.compile(r"\s+")
LOCAL_TOKENISE_CHARS = 400  # a clause before a verb up to this long is tokenised on its own

Span = tuple[int, int]


class ClaimText:
    """Statement and token helpers over one normalised text."""

    def __init__(self, t: str, names: list[tuple[int, int, str]] | None = None):
        self.t = t
        # Entity mentions (start, end, type) in normalised offsets, by start: a name is one noun phrase.
        self.names = sorted(names or [])
        self._name_starts = [n[0] for n in self.names]
        self.ends = [m.start() for m in STATEMENT_END.finditer(t)]
        self.dquotes = [m.start() for m in re.finditer('"', t)]
        # Built on first use: clause marks, token runs, and where each run of lead words ends.
        self._clause_marks: list[int] | None = None
        self._runs: tuple[list[int], list[int]] | None = None
        self._after_leads: dict[frozenset, dict[int, int]] = {}

    def clause_start(self, a: int, b: int) -> int:
        """Where the clause holding b begins: after the last comma or colon in [a, b), else a."""
        if self._clause_marks is None:
            self._clause_marks = [m.start() for m in CLAUSE_MARK_RE.finditer(self.t)]
        i = bisect.bisect_left(self._clause_marks, b)
        return self._clause_marks[i - 1] + 1 if i > 0 and self._clause_marks[i - 1] >= a else a

    def core_tokens(self, a: int, b: int, lead: frozenset, limit: int) -> list[Span] | None:
        """``tokens(a, b)`` without ``lead`` words at either end; None when more than ``limit`` remain.

        A short span is tokenised on the spot; a long one through the token runs of the whole
        text, found once, so a sentence of thousands of reporting verbs is not re-tokenised from
        its start for each of them (that would be quadratic).
        """
        if b - a <= LOCAL_TOKENISE_CHARS:
            toks = self.tokens(a, b)
            while toks and in_role(lead, self.word(toks[-1])):
                toks.pop()
            i = 0
            while i < len(toks) and in_role(lead, self.word(toks[i])):
                i += 1
            return toks[i:] if len(toks) - i <= limit else None
        if a >= b:
            return []
        return self._core_runs(a, b, lead, limit)

    def _core_runs(self, a: int, b: int, lead: frozenset, limit: int) -> list[Span] | None:
        if self._runs is None:
            spans = [m.span() for m in TOKEN_RE.finditer(self.t)]
            self._runs = [s for s, _ in spans], [e for _, e in spans]
        starts, ends = self._runs
        lo = bisect.bisect_right(ends, a)  # runs that end after a ...
        hi = bisect.bisect_left(starts, b)  # ... and start before b, cut to [a, b) like tokens()

        def tok(i: int) -> Span:
            return max(starts[i], a), min(ends[i], b)

        while hi > lo and in_role(lead, self.word(tok(hi - 1))):
            hi -= 1
        if hi > lo and in_role(lead, self.word(tok(lo))):
            # runs strictly between lo and hi - 1 are whole, and run hi - 1 is not a lead word
            lo = min(self._next_non_lead(lo + 1, lead), hi - 1)
        if hi - lo > limit:
            return None
        return [tok(i) for i in range(lo, hi)]

    def _next_non_lead(self, i: int, lead: frozenset) -> int:
        """The first whole token run from i on that is not a lead word (memoised, so linear per text)."""
        starts, ends = self._runs
        memo = self._after_leads.setdefault(lead, {})
        walked = []
        while i < len(starts) and i not in memo and in_role(lead, self.t[starts[i] : ends[i]]):
            walked.append(i)
            i += 1
        found = memo.get(i, i)
        for w in walked:
            memo[w] = found
        return found

    def name_at(self, pos: int) -> tuple[int, int, str] | None:
        """The entity mention covering normalised offset ``pos``, or None."""
        i = bisect.bisect_right(self._name_starts, pos) - 1
        return self.names[i] if i >= 0 and self.names[i][0] <= pos < self.names[i][1] else None

    def closes_quote(self, pos: int) -> bool:
        """True when the " at pos closes an earlier quotation (odd number before it)."""
        return bisect.bisect_left(self.dquotes, pos) % 2 == 1

    def sentence(self, pos: int) -> Span:
        """The statement holding pos: from after the previous end mark to the next one (excluded)."""
        i = bisect.bisect_left(self.ends, pos)
        start = self.ends[i - 1] + 1 if i > 0 else 0
        end = self.ends[i] if i < len(self.ends) else len(self.t)
        return start, end

    def tokens(self, a: int, b: int) -> list[Span]:
        return [m.span() for m in TOKEN_RE.finditer(self.t, a, b)]

    def word(self, span: Span) -> str:
        return self.t[span[0] : span[1]]


def bare(word: str) -> str:
    """A token without its و/ف conjunction."""
    return word[1:] if len(word) > 2 and word[0] in WAW_FA else word


def in_role(role: frozenset, word: str) -> bool:
    """``word`` is one of ``role``, with or without its و/ف conjunction."""
    return word in role or bare(word) in role


def is_addressee(addressees: frozenset, word: str) -> bool:
    """``لشبكة``، ``للصحفيين``، ``لوكالة``: ل + a media or audience noun (role ``addressee``)."""
    if not word.startswith(LAM) or len(word) < 4:
        return False
    return word[1:] in addressees or (word.startswith(LAM + LAM) and word[2:] in addressees)
