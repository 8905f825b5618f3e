"""What a claim reports: where its content starts after a cue, and where it ends.

Offsets index the normalised text. A content is the quoted text without its marks, or the clause
after إن/أن, a colon, a preposition or a fact noun, up to the end of the statement, a colon or the
next claim of the statement.
"""

from __future__ import annotations

import re

from ..lang.ar.letters import ARTICLE, BA, WAW
from ..lang.ar.normalize import TOKEN_RE
from ..lang.ar.punctuation import COMMAS
from .lexicon import AN, OBJECT_SUFFIX_RE, WORD, ClaimLexicon, Grammar
from .quotes import quote_open
from .speaker import SUBJECT_MAX_TOKENS, TA
from .text import CLAUSE_MARK_RE, ClaimText, Span, in_role

REGION_MAX_TOKENS = 22  # verb ... إن: longer gaps are not one speaker phrase
APPOSITION_MAX_TOKENS = 40  # قال <name>، <a long apposition>، إن: the name before the first comma speaks
FACT_MAX_TOKENS = 10  # verb ... fact-noun object: the speaker phrase is short
MIN_CONTENT_TOKENS = 1
PREP_LOOKBACK_CHARS = 30  # the word before a topic preposition is looked for this far back
PREP_LOOKAHEAD_CHARS = 40  # a topic preposition needs a word within this many characters after it

ILA_RE = re.compile(f"(?<!{WORD})الي(?!{WORD})")  # إلى (a call: دعا إلى)
BI_RE = re.compile(f"(?<!{WORD}){BA}(?:(?={WORD}{{3}})|\\s*(?=\\d))")  # بوقف، بـ 6,2 (tatweel is folded away)
_COLON_AFTER_RE = re.compile(r" *:(?= *\S)")
_TRAILING_PUNCT = " " + COMMAS + "-–("  # dropped from the end of a content


def content_start_after_intro(t: str, m: re.Match) -> int:
    """Content begins after إن/أن, or at it when it carries the subject pronoun (إنها ستعيد)."""
    if m.group(0) == ":":
        return m.end()
    if m.group(2) and len(m.group(2)) > len(AN):
        return m.start(2)
    colon = _COLON_AFTER_RE.match(t, m.end())  # قال إن: "..." -- the colon is punctuation, not the end
    return colon.end() if colon else m.end()


def is_bare_intro(t: str, intro: re.Match) -> bool:
    """إن/أن with nothing before it (no preposition, no ب), as opposed to بأن، إلى أن or a colon."""
    return intro.group(0) != ":" and not t[intro.start() : intro.start(2)].strip()


def fact_head(tx: ClaimText, lex: ClaimLexicon, a: int, b: int) -> int | None:
    """Start of a fact-noun object (``مقتل``، ``استعداده``، ``عن وجود``) in [a, b), or None.

    The noun may carry ب (اعترف بوجود) or a pronoun suffix; a definite word is part of the
    speaker (``وزير الدفاع``), so only indefinite heads and demonstratives count.
    """
    g = lex.grammar
    heads = g.fact_head | g.object_head
    toks = tx.tokens(a, b)[:FACT_MAX_TOKENS]
    for i, tok in enumerate(toks):
        w = tx.word(tok)
        if not _may_open_object(tx, g, toks, i) or not any(_is_fact_noun(c, heads) for c in _readings(g, w, i)):
            continue
        prev = tx.word(toks[i - 1]) if i else ""
        if prev in g.stop and prev not in g.fact_prep:
            continue  # في هذا الوقت: an adjunct, not the object
        return toks[i - 1][0] if prev in g.fact_prep else tok[0]
    return None


def _may_open_object(tx: ClaimText, g: Grammar, toks: list[Span], i: int) -> bool:
    w = tx.word(toks[i])
    if i == 0 and w not in g.object_head and (w in g.fact_prep or not w.startswith(BA)):
        # The first word after the verb is its subject unless a preposition opens the object.
        return False
    # After the subject a definite head opens the object too (أكدت الشرطة الأمريكية القبض على ...),
    # but هذا الأسبوع، تلك الليلة are time adverbials, not the object.
    return not (w in g.object_head and i + 1 < len(toks) and in_role(g.time, tx.word(toks[i + 1])))


def _readings(g: Grammar, w: str, i: int) -> tuple[str, str, str]:
    """The word, the word without ب (بوجود), and after the subject the noun without ال (القبض)."""
    definite = w[2:] if i and w.startswith(ARTICLE) and w[2:] in g.definite_fact_head else ""
    return w, w[1:] if w.startswith(BA) and len(w) > 3 else "", definite


def _is_fact_noun(cand: str, heads: frozenset) -> bool:
    """A fact head, with a pronoun suffix (استعداده) or in the construct state (سيطرت for سيطرة)."""
    return bool(cand) and (
        cand in heads or OBJECT_SUFFIX_RE.sub("", cand) in heads or cand[:-1] in heads and cand.endswith(TA)
    )


def topic_prep(tx: ClaimText, lex: ClaimLexicon, a: int, b: int, preps: list[str]) -> re.Match | None:
    """The preposition in [a, b) that opens the verb's topic (أعلن ... عن، حذر ... من), or None.

    A من after a number or a partitive word (عدد من الخبراء، أحد من) belongs to the subject.
    """
    for m in lex.topic_prep_re.finditer(tx.t, a, b):
        if m.group() not in preps:
            continue
        prev = tx.tokens(max(a, m.start() - PREP_LOOKBACK_CHARS), m.start())
        w = tx.word(prev[-1]) if prev else ""
        if w.isdigit() or in_role(lex.grammar.partitive, w) or w in lex.number_words:
            continue
        nxt = tx.tokens(m.end(), min(b, m.end() + PREP_LOOKAHEAD_CHARS))
        return m if nxt else None
    return None


def region_too_long(tx: ClaimText, a: int, b: int) -> bool:
    """Too many words between a verb and its complement for them to be its speaker phrase."""
    n = len(tx.tokens(a, b))
    return n > REGION_MAX_TOKENS and not (n <= APPOSITION_MAX_TOKENS and _closed_apposition(tx, a, b))


def _closed_apposition(tx: ClaimText, a: int, b: int) -> bool:
    """``وقالت آمايا آرانز، الباحثة في جامعة ... (دورية ...)، إن``: a short name, a comma, a long
    apposition closed by a comma right before the complement."""
    t = tx.t
    tail = t[a:b].rstrip()
    if not tail or tail[-1] not in COMMAS:
        return False
    first = CLAUSE_MARK_RE.search(t, a, b)
    return first is not None and 1 <= len(tx.tokens(a, first.start())) <= SUBJECT_MAX_TOKENS \
        and not quote_open(t[a : first.start()])


def skip_spaces(t: str, pos: int) -> int:
    while pos < len(t) and t[pos] == " ":
        pos += 1
    return pos


def content_end(tx: ClaimText, cs: int, end: int, next_head: int | None) -> int:
    """Where a content starting at cs ends: at ``end`` (-1: the statement end), a colon, or the next
    claim's head; trailing commas, dashes and a dangling و dropped."""
    t = tx.t
    if end < 0:
        end = tx.sentence(cs)[1]
    colon = t.find(":", cs, end)
    if colon >= 0:
        end = colon
    if next_head is not None and next_head < end:
        end = next_head
    while end > cs and t[end - 1] in _TRAILING_PUNCT:
        end -= 1
    # Drop a dangling conjunction و before the next claim.
    if end - 1 > cs and t[end - 1] == WAW and t[end - 2] == " ":
        end -= 1
        while end > cs and t[end - 1] in " " + COMMAS:
            end -= 1
    return end


def has_content(t: str, start: int, end: int) -> bool:
    return len(TOKEN_RE.findall(t, start, end)) >= MIN_CONTENT_TOKENS
