"""Attributed claims: who said what, with hedges and denials kept.

``extract_claims(doc, mentions, norm) -> list[Claim]`` finds three kinds of frames
on the normalised view of the text and reports every span in ``Document.text``
(``end`` exclusive, ``claim.text == doc.text[claim.start:claim.end]``):

- a reporting verb (``reporting_verbs.tsv``) with its speaker and an إن/أن clause,
  a colon or a quote: VSO ``قال المتحدث ...، الإثنين، إن ...``, SVO ``الشركة قالت إن``,
  ``وهو ما وصفه X بأنه "..."``; denial verbs may take a plain object
  (``نفت الدولتان هذه التبادلات``);
- an attribution phrase (``attributions.tsv``) with its source noun phrase:
  ``وفقًا لمصادر ...، <claim>`` or ``<claim>، بحسب وكالة رويترز.``;
- a rumour noun (``hedges.tsv``, kind ``report_noun``) opening its own content:
  ``إشاعات تفيد بـ...``; always hedged, a denial when the sentence denies it.

Conventions a caller needs:

- ``speaker`` is the whole noun phrase as written (titles, names and quote marks
  included: ``المتحدث باسم مجلس الأمن القومي الأميركي «جون كيربي»``), cut before
  adjuncts (``في بيان``، time words, ``للصحفيين``). After an attribution phrase the
  attached preposition is dropped (``لمصادر`` -> ``مصادر``, ``للخبراء`` -> ``الخبراء``).
  ``""`` when unknown.
- A verb with no subject of its own (``وأضاف أن ...``، ``وتابع: ...``، ``لكنه قال``) carries
  over the speaker of the previous claim in the document, if it lies within
  ``INHERIT_WINDOW`` characters. Such a speaker is not inside ``[start, end)``:
  ``is_inherited(claim)`` tells the two cases apart.
- ``cue`` is the verb without its و/ف proclitic, or the attribution phrase.
- ``content`` is the quoted text without its quote marks when the complement is a
  quote, else the clause up to the end of the sentence (or a colon, or the next
  claim in the same sentence); a slice of ``doc.text``.
- ``start``/``end`` cover cue, explicit speaker and content (closing quote included).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .lang.ar.letters import ARTICLE
from .lang.ar.punctuation import DOUBLE_QUOTES
from .lang.ar.normalize import TOKEN_RE, NormText, normalize
from .records import Claim, Document, Mention
from .resources import load_tsv

# Limits, in tokens or normalised characters.
REGION_MAX_TOKENS = 22  # verb ... إن: longer gaps are not one speaker phrase
APPOSITION_MAX_TOKENS = 40  # قال <name>، <a long apposition>، إن: the name before the first comma speaks
SPEAKER_MAX_TOKENS = 14
SVO_MAX_TOKENS = 6
FACT_MAX_TOKENS = 10  # verb ... fact-noun object: the speaker phrase is short  # subject written before the verb
SOURCE_MAX_TOKENS = 10  # noun phrase after an attribution phrase
QUOTE_MAX_CHARS = 1500
INHERIT_WINDOW = 1500
QUOTE_PARAGRAPH_WINDOW = 600  # a verbless quoted paragraph continues a claim at most this far back
MIN_CONTENT_TOKENS = 1

SPEAKER_TYPE_PRIORITY = ("PERSON", "ORG", "GPE")

_W = r"[^\W_]"
_PRONOUN = "(?:\u0647|\u0647\u0627|\u0647\u0645|\u0647\u0645\u0627|\u0647\u0646|\u0646\u0627|\u0646\u064a|\u064a)"  # ه ها هم هما هن نا ني ي
_AN = "\u0627\u0646"  # ان (إن/أن folded)
_BA = "\u0628"  # ب
_LAM = "\u0644"  # ل
_AL = ARTICLE
_FA = "\u0641"
# . ! ? ؟ newline ؛ -- a dot between digits (3.5) or before a letter (سي.إن.إن، العربية.نت) ends nothing
_SENT_END = re.compile(r"(?:(?<!\d)\.|\.(?!\d))(?![^\W\d_])|[!?\u061f\n\u061b]")
_COMMA = "\u060c,"  # ، ,
_CLAUSE_RE = re.compile(f"[{_COMMA}:]")
_OPEN_QUOTES = {"\u00ab": "\u00bb", '"': '"', "\u201c": "\u201d", "\u201d": "\u201d", "\u201e": "\u201d"}
_QUOTE_CHARS = DOUBLE_QUOTES  # an apostrophe in a name is no quote


@dataclass(frozen=True)
class _Lexicon:
    verb_re: re.Pattern
    verbs: dict  # normalised form -> row
    attr_re: re.Pattern
    after_attr_verb_re: re.Pattern
    report_re: re.Pattern
    hedge_re: re.Pattern
    content_denial_re: re.Pattern
    sentence_denial_re: re.Pattern
    intro_re: re.Pattern
    role: dict  # role -> frozenset of normalised words
    trailing_attr: frozenset = frozenset()  # phrases that attribute only after the content, before a verb (كما)


def _norm(s: str) -> str:
    return " ".join(TOKEN_RE.findall(normalize(s).text))


def _alternation(words) -> str:
    """A regex matching any of ``words`` (spaces match any whitespace), factored as a trie.

    Python's engine tries alternatives one by one; sharing prefixes keeps the scan of
    a long verb list fast. The longest word wins because branches are tried longest first.
    """
    trie: dict = {}
    for w in {w for w in words if w}:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = []
        for ch in sorted((c for c in node if c), reverse=True):
            piece = r"\s+" if ch == " " else re.escape(ch)
            branches.append(piece + emit(node[ch]))
        if not branches:
            return ""
        optional = "" in node
        if len(branches) == 1 and not optional:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" + ("?" if optional else "")

    return emit(trie)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    verbs = {}
    for row in load_tsv("reporting_verbs.tsv", required=("form", "lemma", "gloss", "stance")):
        verbs.setdefault(_norm(row["form"]), row)
    verb_alt = _alternation(verbs)
    verb_re = re.compile(f"(?<!{_W})([\u0648\u0641]?)({verb_alt})(?!{_W})")

    attr_parts = []
    trailing_attr = set()
    for row in load_tsv("attributions.tsv", required=("phrase", "gloss")):
        phrase = normalize(row["phrase"]).text.strip()
        if row.get("trailing") == "verb":
            trailing_attr.add(_norm(phrase))
        if phrase.endswith(" " + _LAM) or phrase.endswith(_LAM) and phrase.split()[-1] == _LAM:
            body = " ".join(phrase.split()[:-1])
            attr_parts.append(re.escape(body).replace(r"\ ", r"\s+") + r"\s*" + _LAM)
        else:
            attr_parts.append(re.escape(" ".join(phrase.split())).replace(r"\ ", r"\s+") + f"(?!{_W})")
    attr_parts.sort(key=len, reverse=True)
    # و or ف may precede an attribution phrase (فبحسب، فوفقا), but فحسب alone means "only".
    attr_re = re.compile(f"(?<!{_W})(\u0648?|\u0641(?!\u062d\u0633\u0628(?!{_W})))(?:{'|'.join(attr_parts)})")
    after_attr_verb_re = re.compile(f"\\s*(?:\u0645\u0627\\s+)?[\u0648\u0641]?(?:{verb_alt}){_PRONOUN}?(?!{_W})")  # (ما) + verb (+ه)

    hedges = load_tsv("hedges.tsv", required=("term", "kind", "gloss"))
    words = [_norm(r["term"]) for r in hedges if r["kind"] in ("word", "report_noun")]
    modal = [_norm(r["term"]) for r in hedges if r["kind"] == "modal"]
    hedge_parts = [f"(?<!{_W})[\u0648\u0641]?(?:{_alternation(words)})(?!{_W})"]
    if modal:
        # قد + imperfect (ي ت ن prefix), not قد تم "has been".
        hedge_parts.append(f"(?<!{_W})(?:{_alternation(modal)})\\s+(?!\u062a\u0645(?!{_W}))[\u064a\u062a\u0646]{_W}{{2,}}")
    hedge_re = re.compile("|".join(hedge_parts))
    nouns = [_norm(r["term"]) for r in hedges if r["kind"] == "report_noun"]
    intro_verb = "\u062a\u0641\u064a\u062f|\u062a\u0634\u064a\u0631|\u062a\u0642\u0648\u0644|\u062a\u062a\u062d\u062f\u062b|\u0645\u0641\u0627\u062f\u0647\u0627"  # تفيد تشير تقول تتحدث مفادها
    intro_word = f"(?:{_BA}?{_AN}{_PRONOUN}?|\u0639\u0646|\u062d\u0648\u0644|\u0627\u0644\u064a)(?!{_W})"  # (ب)أن(ه) عن حول إلى
    report_re = re.compile(
        f"(?<!{_W})([\u0648\u0641]?)(?:{_alternation(nouns)})(?!{_W})"
        # after an introducing verb ب may be attached (تفيد بالتوصل); right after the noun it may not (المزاعم باطلة)
        f"(?:\\s+(?:{intro_verb})\\s+(?:{intro_word}|{_BA}(?={_W}{{3}}))|\\s+{intro_word})"
    )

    denials = load_tsv("denials.tsv", required=("term", "scope", "gloss"))
    content_den = [_norm(r["term"]) for r in denials if r["scope"] == "content"]
    all_den = [_norm(r["term"]) for r in denials]
    content_denial_re = re.compile(f"(?<!{_W})[\u0648\u0641]?(?:{_alternation(content_den)})(?!{_W})")
    sentence_denial_re = re.compile(f"(?<!{_W})[\u0648\u0641]?(?:{_alternation(all_den)})(?!{_W})")

    role: dict[str, set] = {}
    for row in load_tsv("speaker_grammar.tsv", required=("word", "role", "gloss")):
        role.setdefault(row["role"], set()).add(_norm(row["word"]))
    preps = _alternation(role.get("complement_prep", ()))
    # (prep) (ب)أن(ه) as a whole token, or a colon.
    # Not inside a dotted acronym (سي.إن.إن).
    intro_re = re.compile(f"(?<!{_W})(?<!{_W}\\.)(?:(?:{preps})\\s+)?({_BA}?)({_AN}{_PRONOUN}?)(?!{_W})(?!\\.{_W})|:")
    return _Lexicon(
        verb_re, verbs, attr_re, after_attr_verb_re, report_re, hedge_re,
        content_denial_re, sentence_denial_re, intro_re,
        {k: frozenset(v) for k, v in role.items()},
        frozenset(trailing_attr),
    )


@dataclass
class _Frame:
    kind: str  # verb, attr, report
    cue: tuple[int, int]  # normalised offsets
    head: int  # where the frame starts (cue or preposed speaker)
    speaker: tuple[int, int] | None = None
    speaker_prefix: str = ""  # "ال" restored after a dropped لـ
    content_start: int = -1
    quote_end: int = -1  # index of the closing quote when content is a quote
    before: tuple[int, int] | None = None  # content written before an attribution phrase
    stance: str = "assert"
    hedged: bool = False
    inherit: bool = False
    content_end: int = -1
    impersonal: bool = False  # ويذكر أن / يتوقع أن with no subject: "it is noted / expected", no claim
    gender: str = ""  # of the verb: "f" (قالت، تقول), "m" (قال، يقول) or "" (plural, attribution)
    embedded: bool = False  # no subject of its own (أدلة تشير إلى، إنه يؤكد): inside an earlier claim it is content
    named_source: bool = False  # the source must be a named entity (بحسب الأمم المتحدة inside a clause)


_LOCAL_TOKENISE_CHARS = 400  # a clause before a verb up to this long is tokenised on its own


class _Text:
    """Sentence and token helpers over one normalised text."""

    def __init__(self, t: str):
        self.t = t
        self.ends = [m.start() for m in _SENT_END.finditer(t)]
        self.dquotes = [m.start() for m in re.finditer('"', t)]
        # Built on first use: clause marks, token runs, and where each run of lead words ends.
        self._clause_marks: list[int] | None = None
        self._runs: tuple[list[int], list[int]] | None = None
        self._after_leads: dict[frozenset, dict[int, int]] = {}

    def clause_start(self, a: int, b: int) -> int:
        """Where the clause holding b begins: after the last comma or colon in [a, b), else a."""
        if self._clause_marks is None:
            self._clause_marks = [m.start() for m in _CLAUSE_RE.finditer(self.t)]
        i = bisect.bisect_left(self._clause_marks, b)
        return self._clause_marks[i - 1] + 1 if i > 0 and self._clause_marks[i - 1] >= a else a

    def core_tokens(self, a: int, b: int, lead: frozenset, limit: int) -> list[tuple[int, int]] | None:
        """``tokens(a, b)`` without ``lead`` words at either end; None when more than ``limit`` remain.

        A short span is tokenised on the spot; a long one through the token runs of the whole
        text, found once, so a sentence of thousands of reporting verbs is not re-tokenised from
        its start for each of them (that was quadratic).
        """
        if b - a <= _LOCAL_TOKENISE_CHARS:
            toks = self.tokens(a, b)
            while toks and _in(lead, self.word(toks[-1])):
                toks.pop()
            i = 0
            while i < len(toks) and _in(lead, self.word(toks[i])):
                i += 1
            return toks[i:] if len(toks) - i <= limit else None
        if a >= b:
            return []
        if self._runs is None:
            spans = [m.span() for m in TOKEN_RE.finditer(self.t)]
            self._runs = [s for s, _ in spans], [e for _, e in spans]
        starts, ends = self._runs
        lo = bisect.bisect_right(ends, a)  # runs that end after a ...
        hi = bisect.bisect_left(starts, b)  # ... and start before b, cut to [a, b) like tokens()

        def tok(i: int) -> tuple[int, int]:
            return max(starts[i], a), min(ends[i], b)

        while hi > lo and _in(lead, self.word(tok(hi - 1))):
            hi -= 1
        if hi > lo and _in(lead, self.word(tok(lo))):
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
        while i < len(starts) and i not in memo and _in(lead, self.t[starts[i] : ends[i]]):
            walked.append(i)
            i += 1
        found = memo.get(i, i)
        for w in walked:
            memo[w] = found
        return found

    def closes_quote(self, pos: int) -> bool:
        """True when the " at pos closes an earlier quotation (odd number before it)."""
        return bisect.bisect_left(self.dquotes, pos) % 2 == 1

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_left(self.ends, pos)
        start = self.ends[i - 1] + 1 if i > 0 else 0
        end = self.ends[i] if i < len(self.ends) else len(self.t)
        return start, end

    def tokens(self, a: int, b: int) -> list[tuple[int, int]]:
        return [m.span() for m in TOKEN_RE.finditer(self.t, a, b)]

    def word(self, span: tuple[int, int]) -> str:
        return self.t[span[0] : span[1]]


def _bare(word: str) -> str:
    """A token without its و/ف conjunction."""
    return word[1:] if len(word) > 2 and word[0] in "\u0648\u0641" else word


def _in(role: frozenset, word: str) -> bool:
    return word in role or _bare(word) in role


def _is_addressee(roles: dict, word: str) -> bool:
    """``لشبكة``، ``للصحفيين``، ``لوكالة``: ل + a media or audience noun (role ``addressee``)."""
    if not word.startswith(_LAM) or len(word) < 4:
        return False
    nouns = roles.get("addressee", frozenset())
    return word[1:] in nouns or (word.startswith(_LAM + _LAM) and word[2:] in nouns)


def _quote_open(seg: str) -> bool:
    """True when ``seg`` leaves a «...», “...” or "..." pair open."""
    return (
        seg.count("\u00ab") > seg.count("\u00bb")
        or seg.count('"') % 2 == 1
        or seg.count("\u201c") > seg.count("\u201d")
    )


def _marks_outside_quotes(t: str, a: int, marks) -> list[int]:
    """The positions in ``marks`` (ascending, >= a) not inside a quote pair opened from a on.

    A colon or comma inside a quoted name («javascript:alert(1)») does not end a phrase.
    Each character between a and the last mark is counted once, so this is linear.
    """
    out = []
    guil = dq = curly = 0
    last = a
    for pos in marks:
        seg = t[last:pos]
        guil += seg.count("\u00ab") - seg.count("\u00bb")
        dq += seg.count('"')
        curly += seg.count("\u201c") - seg.count("\u201d")
        last = pos
        if guil <= 0 and dq % 2 == 0 and curly <= 0:
            out.append(pos)
    return out


def _match_quote(tx: _Text, pos: int) -> int:
    """If a quote opens at pos (after spaces), the index of its closing mark, else -1."""
    t = tx.t
    while pos < len(t) and t[pos] == " ":
        pos += 1
    if pos >= len(t) or t[pos] not in _OPEN_QUOTES:
        return -1
    if t[pos] == '"' and tx.closes_quote(pos):
        return -1  # this " closes an earlier quotation
    close = t.find(_OPEN_QUOTES[t[pos]], pos + 1, pos + QUOTE_MAX_CHARS)
    if close < 0 or "\n" in t[pos:close]:
        return -1  # a quotation does not run over a paragraph break
    return close


def _quote_start(t: str, pos: int) -> int:
    while pos < len(t) and t[pos] == " ":
        pos += 1
    return pos + 1


def _extend_quotes(t: str, a: int, b: int, lo: int, hi: int) -> tuple[int, int]:
    """Widen [a, b) over quote marks that open or close a name at its edges."""
    if a - 1 >= lo and t[a - 1] in _QUOTE_CHARS:
        a -= 1
    seg = t[a:b]
    unbalanced = seg.count("\u00ab") > seg.count("\u00bb") or seg.count('"') % 2 or seg.count("\u201c") > seg.count("\u201d")
    if unbalanced and b < hi:
        # the closing mark, possibly after punctuation that ends the quoted name («alert(1)»)
        close = b
        while close < hi and close - b < 3 and t[close] not in _QUOTE_CHARS and not t[close].isspace() \
                and not t[close].isalnum():
            close += 1
        if close < hi and t[close] in _QUOTE_CHARS:
            b = close + 1
    return a, b


_PERCENT_NOUNS = frozenset({"\u0627\u0644\u0645\u0627\u0626\u0647", "\u0627\u0644\u0645\u0626\u0647"})  # المائة المئة


def _time_only(tx: _Text, time: frozenset, lead: frozenset, a: int, b: int, seen: list) -> bool:
    """A segment skipped before the subject held a time word (قال الاثنين،), or is empty and the
    next comma segment is only time words (أعلن، الأربعاء، التحالف ...)."""
    if seen:
        return any(_in(time, tx.word(x)) for x in seen)
    c = _CLAUSE_RE.search(tx.t, a, b)
    nxt = tx.tokens(a, c.start() if c else b)
    return bool(nxt) and all(_in(time, tx.word(x)) or _in(lead, tx.word(x)) for x in nxt)


def _speaker_after(tx: _Text, lex: _Lexicon, a: int, b: int) -> tuple[int, int] | None:
    """The speaker phrase in [a, b) (VSO: between verb and complement), or None."""
    roles = lex.role
    stop, time, lead = roles.get("stop", frozenset()), roles.get("time", frozenset()), roles.get("lead", frozenset())
    quote_noun = roles.get("quote_noun", frozenset())
    aside = roles.get("aside", frozenset())
    kept: list[tuple[int, int]] = []
    seg_start = a
    first = True
    first_segment = 0
    t = tx.t
    for seg_end in _marks_outside_quotes(t, a, [m.start() for m in _CLAUSE_RE.finditer(t, a, b)]) + [b]:
        toks = toks_all = tx.tokens(seg_start, seg_end)
        seg_start = seg_end + 1
        if first:
            # قال الاثنين وزير ...، أعلن، الأربعاء، التحالف ...: a time adverb may come before the subject
            skipped_time = False
            while toks and (_in(lead, tx.word(toks[0])) or _in(time, tx.word(toks[0]))):
                if _in(time, tx.word(toks[0])):
                    skipped_time = True
                elif skipped_time:
                    return None  # أعلن الأسبوع الماضي عن صدور ...: an object follows, the subject came before
                toks = toks[1:]
            if skipped_time and toks and tx.word(toks[0]) in stop:
                return None
            if not toks and seg_end < b and _time_only(tx, time, lead, seg_start - 1 if toks_all else seg_end + 1, b, toks_all):
                continue  # still looking for the first segment with a subject
        if not toks:
            if first:
                return None
            continue
        w0 = tx.word(toks[0])
        if not first and (_in(time, w0) or w0 in stop or w0.isdigit()):
            break
        cut = len(toks)
        for i, tok in enumerate(toks):
            w = tx.word(tok)
            if w in stop and i + 1 < len(toks) and tx.word(toks[i + 1]) in _PERCENT_NOUNS:
                continue  # قال 7 في المئة من المشاركين: a share of people speaks
            if w in stop or w in time or w in quote_noun or (i == 0 and w.isdigit() and not first) \
                    or _is_addressee(roles, w):
                cut = i
                break
            if w in aside:  # من جهته
                cut = i - 1 if i > 0 and tx.word(toks[i - 1]) == "\u0645\u0646" else i
                break
        kept.extend(toks[:cut])
        if first:
            first_segment = len(kept)
        first = False
        if cut < len(toks):
            break
    if len(kept) > SPEAKER_MAX_TOKENS and 1 < first_segment <= SPEAKER_MAX_TOKENS:
        kept = kept[:first_segment]  # قال مايك بومبيو، <a long apposition>، إن: the name before the comma
    if not kept or len(kept) > SPEAKER_MAX_TOKENS or all(k[1] - k[0] < 2 for k in kept):
        return None  # a lone clitic (لـ) is no speaker
    return _extend_quotes(t, kept[0][0], kept[-1][1], a, b)


_RELAY_LEMMA = "\u0646\u0642\u0644"  # نقل: نقلت X عن Y relays Y's words
_AN_PREP = "\u0639\u0646"  # عن


def _relayed_source(tx: _Text, lex: _Lexicon, speaker: tuple[int, int], b: int) -> tuple[int, int]:
    """``نقلت الوكالة (السبت) عن مصدر عسكري``: the relayed source after عن speaks, not the relay."""
    time = lex.role.get("time", frozenset())
    toks = tx.tokens(speaker[0], b)
    for i, tok in enumerate(toks):
        w = tx.word(tok)
        if w == _AN_PREP and i > 0:
            source = _speaker_after(tx, lex, tok[1], b)
            return source or speaker
        if tok[0] >= speaker[1] and not (_in(time, w) or w.isdigit()):
            break
    return speaker


def _speaker_before(tx: _Text, lex: _Lexicon, sent_start: int, verb_start: int) -> tuple[int, int] | None:
    """A subject written before the verb (SVO) in the same clause, or None."""
    t = tx.t
    clause = tx.clause_start(sent_start, verb_start)
    roles = lex.role
    toks = tx.core_tokens(clause, verb_start, roles.get("lead", frozenset()), SVO_MAX_TOKENS)
    if not toks:
        return None
    bad = (
        roles.get("subordinator", frozenset())
        | roles.get("stop", frozenset())
        | roles.get("pronoun_lead", frozenset())
        | roles.get("negator", frozenset())
    )
    if any(_in(bad, tx.word(tok)) for tok in toks) or tx.word(toks[0]).isdigit():
        return None
    if any(lex.verb_re.fullmatch(tx.word(tok)) for tok in toks):
        return None
    a = toks[0][0]
    # A conjunction written on the subject (ووزارة، والجيش) is not part of its name.
    if t.startswith("\u0648\u0648", a) or t.startswith("\u0648" + _AL, a):
        a += 1
    return _extend_quotes(t, a, toks[-1][1], clause, verb_start)


_COMP_RE = re.compile(f"(?<!{_W}){_FA}?{_AN}{_PRONOUN}?(?!{_W})")  # (ف)إن(ه)
_ILA_RE = re.compile(f"(?<!{_W})\u0627\u0644\u064a(?!{_W})")  # إلى
_BI_RE = re.compile(f"(?<!{_W}){_BA}(?:(?={_W}{{3}})|\\s*(?=\\d))")  # بوقف، بـ 6,2 (tatweel is folded away)
_OPEN_QUOTE_RE = re.compile("[" + "".join(_OPEN_QUOTES) + "]")
QUOTE_MIN_TOKENS = 5  # a shorter quoted run after the verb is a name ("تاس"), not a statement


def _long_quote(tx: _Text, a: int, b: int) -> tuple[int, int] | None:
    """The first quotation opening in [a, b) that is long enough to be the statement itself."""
    t = tx.t
    for q in _OPEN_QUOTE_RE.finditer(t, a, b):
        i = q.start()
        if t[i] != '"' or not tx.closes_quote(i):
            close = t.find(_OPEN_QUOTES[t[i]], i + 1, i + QUOTE_MAX_CHARS)
            if close > 0 and "\n" not in t[i:close] and len(TOKEN_RE.findall(t, i, close)) >= QUOTE_MIN_TOKENS:
                return i, close
    return None


_OBJ_SUFFIX_RE = re.compile("(?:\u0647\u0645\u0627|\u0647\u0645|\u0647\u0627|\u0647)$")  # هما هم ها ه
_MASDAR_PREPS = frozenset({"\u0639\u0644\u064a", "\u0641\u064a", "\u0627\u0644\u064a"})  # على في إلى + نفي (the noun)
_FACT_PREPS = ("\u0639\u0646", "\u0639\u0644\u064a")  # عن على (أعلن عن، أكد على)


def _fact_head(tx: _Text, lex: _Lexicon, a: int, b: int) -> int | None:
    """Start of a fact-noun object (``مقتل``، ``استعداده``، ``عن وجود``) in [a, b), or None.

    The noun may carry ب (اعترف بوجود) or a pronoun suffix; a definite word is part of the
    speaker (``وزير الدفاع``), so only indefinite heads and demonstratives count.
    """
    heads = lex.role.get("fact_head", frozenset()) | lex.role.get("object_head", frozenset())
    toks = tx.tokens(a, b)[:FACT_MAX_TOKENS]
    for i, tok in enumerate(toks):
        w = tx.word(tok)
        if i == 0 and w not in lex.role.get("object_head", frozenset()):
            # The first word after the verb is its subject unless a preposition opens the object.
            if w in _FACT_PREPS:
                continue
            if not w.startswith(_BA):
                continue
        # After the subject a definite head opens the object too (أكدت الشرطة الأمريكية القبض على ...).
        if w in lex.role.get("object_head", frozenset()) and i + 1 < len(toks) \
                and _in(lex.role.get("time", frozenset()), tx.word(toks[i + 1])):
            continue  # هذا الأسبوع، تلك الليلة: a time adverbial, not the object
        definite = w[2:] if i and w.startswith(_AL) and w[2:] in lex.role.get("definite_fact_head", ()) else ""
        for cand in (w, w[1:] if w.startswith(_BA) and len(w) > 3 else "", definite):
            if cand and (cand in heads or _OBJ_SUFFIX_RE.sub("", cand) in heads or cand[:-1] in heads and cand.endswith("\u062a")):
                prev = tx.word(toks[i - 1]) if i else ""
                if prev in lex.role.get("stop", frozenset()) and prev not in _FACT_PREPS:
                    break  # في هذا الوقت: an adjunct, not the object

                return toks[i - 1][0] if prev in _FACT_PREPS else tok[0]
    return None


def _search_outside_quotes(t: str, rx: re.Pattern, a: int, b: int) -> re.Match | None:
    """The first match of ``rx`` in [a, b) that is not inside a quote pair opened from a on."""
    guil = dq = curly = 0
    last = a
    for m in rx.finditer(t, a, b):
        seg = t[last : m.start()]
        guil += seg.count("\u00ab") - seg.count("\u00bb")
        dq += seg.count('"')
        curly += seg.count("\u201c") - seg.count("\u201d")
        last = m.start()
        if guil <= 0 and dq % 2 == 0 and curly <= 0:
            return m
        # A quote opened right before the match opens the complement (قالت، "إن ...): not a name.
        opened = max(t.rfind(c, a, m.start()) for c in _QUOTE_CHARS)
        if not _closes_later(t, m.end(), b):
            return m
        if not t[opened + 1 : m.start()].strip() and not (m.group() == _AN and _short_quoted_name(t, m.end(), b)):
            return m
    return None


_NEXT_QUOTE_RE = re.compile("[" + re.escape(_QUOTE_CHARS) + "]")
NAME_QUOTE_MAX_CHARS = 120  # a quoted name («...: ...») closes within this many characters


def _closes_later(t: str, pos: int, b: int) -> bool:
    """True when the next quote mark after pos closes a pair (a quote left open by a typo does not).

    ``"سكاي نيوز عربي، إن "ممارسات``: the next mark opens a new quote (space before, letter
    after), so the earlier one was never closed and the إن after it is a real boundary.
    """
    q = _NEXT_QUOTE_RE.search(t, pos, min(b, pos + NAME_QUOTE_MAX_CHARS))
    if q is None:
        return False
    c, i = q.group(), q.start()
    if c in "\u00ab\u201e":
        return False
    if c == '"' and (i == 0 or t[i - 1].isspace()) and i + 1 < len(t) and t[i + 1].isalnum():
        return False
    return True


QUOTED_NAME_MAX_TOKENS = 3  # "إن إتش كيه": a quote opening with إن that closes this soon is a name


def _short_quoted_name(t: str, pos: int, b: int) -> bool:
    """True when the quote holding pos closes within a few words (a name such as "إن إتش كيه")."""
    q = _NEXT_QUOTE_RE.search(t, pos, b)
    return q is not None and len(TOKEN_RE.findall(t, pos, q.start())) < QUOTED_NAME_MAX_TOKENS


_COLON_AFTER_RE = re.compile(r" *:(?= *\S)")


def _content_start_after_intro(t: str, m: re.Match) -> int:
    """Content begins after إن/أن, or at it when it carries the subject pronoun (إنها ستعيد)."""
    if m.group(0) == ":":
        return m.end()
    if m.group(2) and len(m.group(2)) > len(_AN):
        return m.start(2)
    colon = _COLON_AFTER_RE.match(t, m.end())  # قال إن: "..." -- the colon is punctuation, not the end
    return colon.end() if colon else m.end()


_TA = "\u062a"  # ت
_FEM_ENDINGS = ("\u0647", "\u0627\u062a")  # ة (folded to ه), ات (plurals of things agree as feminine)


_HA, _HUM = "\u0647", "\u0647\u0645"  # ه (also ة folded), هم
_MIM = "\u0645"  # م: participles (مضيفا، مؤكدة، قائلين) open with it or with a long alef (قائلا)


def _verb_gender(form: str, lemma: str, participle: bool = False) -> str:
    """Gender of a singular reporting verb: ``f`` for قالت/تقول/تابعت, ``m`` for قال/يقول, else ``""``.

    An object pronoun (وصفته، أبلغهم) says nothing about the subject and is dropped first.
    A participle is feminine with ة (مضيفة), plural with ين (مضيفين); the by-saying nouns
    (بقوله، بقولها، بقولهم) carry their subject as a pronoun.
    """
    if participle:
        if form.startswith((_BA, _LAM, "\u0627\u0644\u064a ")):  # بقوله، ليقول، إلى القول
            bare = form.split()[-1]
            if bare.endswith(_HUM) or bare.startswith(_BA + _AL):
                return ""
            if bare.endswith(_HA + "\u0627"):
                return "f"
            if bare.endswith(_HA):
                return "m"
            return "f" if bare[1:].startswith(_TA) else "m" if bare[1:].startswith("\u064a") else ""
        if form.endswith("\u064a\u0646"):
            return ""
        return "f" if form.endswith(_HA) else "m"
    if len(form) > len(lemma) and not lemma.endswith(_HA):
        form = _OBJ_SUFFIX_RE.sub("", form) or form
    if form.endswith(("\u0648\u0627", "\u0648\u0646", "\u0627", "\u0646")) and not lemma.endswith(form[-1]):
        return ""  # plural or dual (قالوا، يقولون، قالا)
    if form.endswith(_TA) and not lemma.endswith(_TA):
        return "f"
    if form.startswith(_TA) and not lemma.startswith(_TA):
        return "f"
    if form.startswith(_TA + _TA):
        return "f"
    return "m"


def _speaker_gender(speaker: str, mentions: Sequence[Mention], start: int) -> str:
    """``f`` for a feminine head (الوزارة، السلطات، a country), ``""`` for a bare person name, else ``m``."""
    words = TOKEN_RE.findall(normalize(speaker).text)
    if not words:
        return ""
    head = words[0]
    if head.startswith(_AL):
        head = head[2:]
    for mention in mentions:
        if start <= mention.start <= start + 2:  # a name opening the phrase (quote mark allowed)
            if mention.type == "GPE":
                return "f"
            if mention.type == "PERSON":
                return ""
    return "f" if head.endswith(_FEM_ENDINGS) else "m"


SUBJECT_MAX_CHARS = 300  # a sentence opening longer than this before a participle is not searched
SUBJECT_MAX_TOKENS = 8  # a longer phrase after a sentence-initial verb is not one speaker
_OBJECT_PREFIXES = (_BA + _AL, _LAM + _LAM, _LAM + _AL)  # بال لل (لال is never written, kept for safety)


def _sentence_subject(tx: _Text, lex: _Lexicon, ss: int, vs: int, gender: str = "") -> tuple[int, int] | None:
    """The subject after a sentence-initial verb, for a participle with no reporting verb before it.

    ``وعلقت المديرة، ماجدالينا مغربي، على التطورات بالقول``: the first word (not definite, not a
    number) is taken as the verb and the speaker phrase follows it. None when a reporting verb
    comes earlier in the sentence (the participle continues that claim) or the opening is long.
    """
    if vs - ss > SUBJECT_MAX_CHARS or lex.verb_re.search(tx.t, ss, vs):
        return None
    toks = tx.tokens(ss, vs)
    lead = lex.role.get("lead", frozenset())
    while toks and _in(lead, tx.word(toks[0])):
        toks = toks[1:]
    if len(toks) < 2:
        return None
    w0 = tx.word(toks[0])
    if gender == "f" and not w0.endswith(_TA):
        # الشركة رفضت التعقيب مؤكدة ...: a subject written first, then its verb in -ت (not a plural in -ات)
        bad = lex.role.get("stop", frozenset()) | lex.role.get("subordinator", frozenset())
        for i, tok in enumerate(toks[1 : SUBJECT_MAX_TOKENS + 1], start=1):
            w = tx.word(tok)
            if _in(bad, w) or w.isdigit() or _COMP_RE.fullmatch(w):
                break
            if w.endswith(_TA) and not w.endswith("\u0627" + _TA) and len(_bare(w)) >= 4:
                return _extend_quotes(tx.t, toks[0][0], toks[i - 1][1], ss, vs)
    if w0.startswith(_AL) or _bare(w0).startswith(_AL) or w0.isdigit() or len(_bare(w0)) < 3:
        return None
    span = _speaker_after(tx, lex, toks[0][1], vs)
    if span is None:
        return None
    # The verb's object or adjunct follows its subject: cut at a definite word with ب/ل (بالدور، للتعاون).
    kept = tx.tokens(*span)
    for i, tok in enumerate(kept[1:], start=1):
        if tx.word(tok).startswith(_OBJECT_PREFIXES):
            kept = kept[:i]
            break
    first = tx.word(kept[0])
    if len(kept) > SUBJECT_MAX_TOKENS or first in (_BA, _LAM) or first.startswith(_OBJECT_PREFIXES):
        return None  # a preposition opens an adjunct (لـ"العربية.نت"، للصحفيين), not a subject
    subordinators = lex.role.get("subordinator", frozenset())
    if any(_in(subordinators, tx.word(tok)) or _COMP_RE.fullmatch(tx.word(tok)) for tok in kept):
        return None  # a clause (فإن الإجراءات، البرنامج أنه), not a noun phrase
    return _extend_quotes(tx.t, kept[0][0], kept[-1][1], span[0], vs)


def _cut_at_measure(tx: _Text, lex: _Lexicon, span: tuple[int, int]) -> tuple[int, int] | None:
    """``قدرت الأمم المتحدة عدد اللاجئين بـ``: the speaker ends before the measured object."""
    toks = tx.tokens(*span)
    heads = lex.role.get("measure_head", frozenset())
    for i, tok in enumerate(toks[1:], start=1):
        if _in(heads, tx.word(tok)):
            return (toks[0][0], toks[i - 1][1])
    return span


_SPACES = re.compile(r"\s+")


def _closed_apposition(tx: _Text, a: int, b: int) -> bool:
    """``وقالت آمايا آرانز، الباحثة في جامعة ... (دورية ...)، إن``: a short name, a comma, a long
    apposition closed by a comma right before the complement."""
    t = tx.t
    tail = t[a:b].rstrip()
    if not tail or tail[-1] not in _COMMA:
        return False
    first = _CLAUSE_RE.search(t, a, b)
    return first is not None and 1 <= len(tx.tokens(a, first.start())) <= SUBJECT_MAX_TOKENS \
        and not _quote_open(t[a : first.start()])


_TOPIC_PREPS = ("\u0639\u0646", "\u0645\u0646", "\u0641\u064a")  # عن من في (شكك في صحة)
_TOPIC_PREP_RE = re.compile(f"(?<!{_W})(?:{'|'.join(_TOPIC_PREPS)})(?!{_W})")


def _topic_prep(tx: _Text, lex: _Lexicon, a: int, b: int, preps: list[str]) -> re.Match | None:
    """The preposition in [a, b) that opens the verb's topic (أعلن ... عن، حذر ... من), or None.

    A من after a number or a partitive word (عدد من الخبراء، أحد من) belongs to the subject.
    """
    partitive = lex.role.get("partitive", frozenset())
    for m in _TOPIC_PREP_RE.finditer(tx.t, a, b):
        if m.group() not in preps:
            continue
        prev = tx.tokens(max(a, m.start() - 30), m.start())
        w = tx.word(prev[-1]) if prev else ""
        if w.isdigit() or _in(partitive, w) or w in _number_words():
            continue
        nxt = tx.tokens(m.end(), min(b, m.end() + 40))
        return m if nxt else None
    return None


def _verb_frame(tx: _Text, lex: _Lexicon, m: re.Match, limit: int) -> _Frame | None:
    t = tx.t
    row = lex.verbs[_SPACES.sub(" ", m.group(2))]  # ورد\xa0في: any blank between the words of a cue
    vs, ve = m.start(2), m.end(2)
    prefixed = bool(m.group(1))
    ss, se = tx.sentence(vs)
    roles = lex.role
    prev = tx.tokens(max(ss, vs - 30), m.start())
    prev_word = tx.word(prev[-1]) if prev else ""
    if _in(roles.get("negator", frozenset()), prev_word) and not prefixed:
        return None
    frame = _Frame("verb", (vs, ve), vs, stance=row.get("stance") or "assert", hedged=row.get("hedged") == "1")
    frame.gender = _verb_gender(m.group(2), _norm(row["lemma"]), row.get("continues") == "2")
    end = min(se, limit)
    intro = _search_outside_quotes(t, lex.intro_re, ve, end)
    if intro and row.get("bare_bi") == "passive" and intro.group(1) and not t[ve : intro.start()].strip():
        return None  # وُصف بأنه / وصفوا بأنهم: "was described as", nobody speaks
    takes_all = row.get("takes", "").split("|")
    takes = takes_all[0]
    extra = None
    if takes in ("\u0627\u0644\u0649", "\u0627\u0644\u064a"):  # الى: a call (دعا إلى)
        extra = _ILA_RE.search(t, ve, end)
    elif takes == _BA:  # a demand (طالب بـ)
        extra = _BI_RE.search(t, ve, end)
    topic = [w for w in takes_all if w in _TOPIC_PREPS]
    if topic:  # أعلن ... عن فقدان، تحدثت ... عن عقد اتفاق، حذر ... من الانخداع
        extra = _topic_prep(tx, lex, ve, end, topic)
    if topic:
        if intro and intro.group(0) != ":" and not t[intro.start() : intro.start(2)].strip() \
                and row.get("bare_an") == "no":
            intro = None  # تحدث اللغة ...، رغم أن: only عن أن is the complement of تحدث
        fh = _fact_head(tx, lex, ve, end) if extra is not None and "fact" in takes_all else None
        if fh is not None and fh <= extra.start():
            extra = None  # أعلن التنظيم مسؤوليته عن ...: the fact noun comes first
    elif intro and extra is not None and intro.group(0) != ":" and not t[intro.start() : intro.start(2)].strip():
        intro = None  # طالب/دعا take their preposition: a bare أن after them is not their complement
    quote = _long_quote(tx, ve, intro.start() if intro else end)
    region_end = None
    if quote:
        region_end = quote[0]
        frame.content_start, frame.quote_end = quote[0] + 1, quote[1]
    elif intro and (extra is None or intro.start() <= extra.start()):
        region_end = intro.start()
        frame.content_start = _content_start_after_intro(t, intro)
        after = max(intro.end(), frame.content_start)
        q = _match_quote(tx, after)
        if q > 0:
            frame.content_start, frame.quote_end = _quote_start(t, after), q
    elif extra:
        region_end = extra.start()
        frame.content_start = extra.end()
    elif "fact" in takes_all:
        fh = _fact_head(tx, lex, ve, end)
        if fh is not None:
            region_end = fh
            frame.content_start = fh
    if region_end is not None:
        n_region = len(tx.tokens(ve, region_end))
        if n_region > REGION_MAX_TOKENS and not (
            n_region <= APPOSITION_MAX_TOKENS and _closed_apposition(tx, ve, region_end)
        ):
            return None
        frame.speaker = _speaker_after(tx, lex, ve, region_end)
        if frame.speaker and _norm(row["lemma"]) == _RELAY_LEMMA:
            frame.speaker = _relayed_source(tx, lex, frame.speaker, region_end)
        if frame.speaker and extra is not None and region_end == extra.start():
            frame.speaker = _cut_at_measure(tx, lex, frame.speaker)
    elif takes == "inline":
        # رفض اتهامات ...: the cue holds its object noun; the subject came before (SVO) or is carried over
        c = _CLAUSE_RE.search(t, ve, end)
        toks = tx.tokens(ve, c.start() if c else end) or tx.tokens(vs, ve)[-1:]  # رفضت الاتهامات.: the noun itself
        frame.content_start, frame.content_end = toks[0][0], toks[-1][1]
    elif takes == "object" and _bare(prev_word) in _MASDAR_PREPS and not prefixed:
        # دأبت إيران على نفي تسليح الحوثيين: after a preposition the form is the verbal noun (نفي);
        # the denier is the subject of the governing verb and the whole object is denied.
        c = _CLAUSE_RE.search(t, ve, end)
        toks = tx.tokens(ve, c.start() if c else end)
        if not toks:
            return None
        frame.content_start, frame.content_end = toks[0][0], toks[-1][1]
        frame.speaker = _sentence_subject(tx, lex, ss, m.start())
        if frame.speaker is None and len(prev) > 1 and _bare(tx.word(prev[-2])).startswith(_OBJECT_PREFIXES + (_AL,)):
            return None  # الحصول على نفي، بالإضافة إلى نفي: a noun governs it, nobody is said to deny
        return frame
    elif takes == "object":
        clause_end = end
        c = _CLAUSE_RE.search(t, ve, end)
        if c:
            clause_end = c.start()
        toks = tx.tokens(ve, clause_end)
        if not toks:
            return None
        heads = roles.get("object_head", frozenset())
        split = next((i for i, tok in enumerate(toks) if tx.word(tok) in heads), None)
        if split is None:
            if len(toks) < 2:
                return None
            split = 1 if tx.word(toks[0]).startswith(_AL) or len(toks) == 2 else 2
        if split > 0:
            frame.speaker = _extend_quotes(t, toks[0][0], toks[split - 1][1], ve, clause_end)
        if split >= len(toks):
            return None
        frame.content_start = toks[split][0]
        frame.content_end = toks[-1][1]
    else:
        return None
    continues = row.get("continues", "0")
    frame.impersonal = continues == "impersonal"
    if continues == "2":  # a participle (مضيفا أن، بقوله) continues the subject of its sentence
        frame.speaker, frame.head, frame.inherit = None, vs, True
        subject = _sentence_subject(tx, lex, ss, m.start(), frame.gender)
        if subject:  # no earlier reporting verb: وعلق الوزير على ذلك بقوله إن ...
            frame.speaker, frame.inherit = subject, False
        return frame
    if frame.speaker is None and not prefixed:
        frame.speaker = _document_speaker(tx, lex, ss, m.start())
    # إنه يؤكد، أنها تعتقد: the subject pronoun on إن/أن makes the verb part of a clause
    frame.embedded = bool(_COMP_RE.fullmatch(prev_word)) and len(_bare(prev_word)) > len(_AN)
    if frame.speaker is None:
        # Impersonal hedged verbs (يُعتقد، قيل) have no preposed subject.
        svo = None if prefixed or frame.hedged else _speaker_before(tx, lex, ss, m.start())
        if svo:
            frame.speaker, frame.head = svo, svo[0]
        elif prefixed or _in(roles.get("lead", frozenset()), prev_word) or prev_word in roles.get("pronoun_lead", frozenset()):
            frame.inherit = not frame.hedged  # يعتقد/يقال without subject are impersonal
        frame.embedded = frame.embedded or frame.speaker is None and not frame.inherit
    return frame


_THROUGH_RE = re.compile(f"{_W}+\\s+\u0641\u064a(?:\u0647|\u0647\u0627)(?!{_W})")  # (قالت) فيه/فيها: its issuer speaks
DOCUMENT_ISSUER_MAX_CHARS = 200  # sentence opening before أصدر X بيانا searched for the issuer


def _document_speaker(tx: _Text, lex: _Lexicon, ss: int, vs: int) -> tuple[int, int] | None:
    """``وأصدر الحزب بيانا (مشتركا) قال فيه إن``: the issuer after the sentence's first verb;
    ``بعد تقرير ذكر أن``: the document itself. None when no document noun comes right before the verb."""
    roles = lex.role
    docs = roles.get("document_noun", frozenset())
    if not docs or vs - ss > DOCUMENT_ISSUER_MAX_CHARS:
        return None
    toks = tx.tokens(ss, vs)
    if not toks:
        return None
    def doc_noun(tok: tuple[int, int]) -> int:
        """How many proclitic letters precede a document noun at tok (ورد بتقرير أفاد: ب), or -1."""
        w = tx.word(tok)
        if w in docs:
            return 0
        return 1 if len(w) > 3 and w[0] in _BA + _LAM and w[1:] in docs else -1

    i = len(toks) - 1
    if doc_noun(toks[i]) < 0 and i > 0 and doc_noun(toks[i - 1]) >= 0 and not tx.word(toks[i]).startswith(_AL):
        i -= 1  # بيانا مشتركا، تقريرا جديدا: one adjective after the noun
    clitic = doc_noun(toks[i])
    if clitic < 0:
        return None
    if _CLAUSE_RE.search(tx.t, toks[i][1], vs):
        return None
    noun = (toks[i][0] + clitic, toks[-1][1])
    preps = roles.get("complement_prep", frozenset()) | roles.get("stop", frozenset())
    through = _THROUGH_RE.match(tx.t, vs)
    if (clitic or i > 0 and tx.word(toks[i - 1]) in preps) and not through:
        return noun  # ورد بتقرير أفاد، استند إلى تقرير يقول: after a preposition the document itself speaks
    lead, time = roles.get("lead", frozenset()), roles.get("time", frozenset())
    bad = roles.get("stop", frozenset()) | roles.get("subordinator", frozenset())

    def verb_like(w: str) -> bool:  # أصدر، نشر، وتلا: indefinite, not a particle, a number or إن/أن
        return not (w.startswith(_AL) or _bare(w).startswith(_AL) or w.isdigit() or len(_bare(w)) < 3
                    or _in(bad, w) or _COMP_RE.fullmatch(w) or lex.verb_re.fullmatch(w))

    clause = tx.clause_start(ss, toks[i][0])
    for a in ((clause, ss) if clause > ss else (ss,)):
        j = next((k for k, tok in enumerate(toks) if tok[0] >= a), i)
        while j < i and (_in(lead, tx.word(toks[j])) or _in(time, tx.word(toks[j]))):
            j += 1
        if j < i and verb_like(tx.word(toks[j])):  # VSO: أصدر الحزب بيانا
            issuer = _speaker_after(tx, lex, toks[j][1], toks[i][0])
            if issuer and not lex.verb_re.search(tx.t, *issuer) and not _COMP_RE.search(tx.t, *issuer):
                return issuer
            return noun
        k = i - 1
        while k > j and _in(time, tx.word(toks[k])):
            k -= 1
        e = k - 1
        while e > j and _in(lead, tx.word(toks[e])):
            e -= 1  # البيت الأبيض قد أصدر
        if j <= e < j + SVO_MAX_TOKENS and verb_like(tx.word(toks[k])) and tx.word(toks[j]).startswith(_AL) \
                and not any(_in(bad, tx.word(tok)) or _in(lead, tx.word(tok)) for tok in toks[j + 1 : e + 1]):
            return _extend_quotes(tx.t, toks[j][0], toks[e][1], a, vs)  # SVO: البيت الأبيض أصدر بيانا
    return noun


def _attr_frame(tx: _Text, lex: _Lexicon, m: re.Match) -> _Frame | None:
    t = tx.t
    cs, ce = m.span()
    cs += len(m.group(1))  # the conjunction و (ووفقا، وبحسب) is not part of the cue
    trailing = _norm(t[cs:ce]) in lex.trailing_attr
    v = lex.after_attr_verb_re.match(t, ce)
    if v:
        ce = v.end()
    elif trailing:
        return None  # كما without a reporting verb means "also" / "as"
    ss, se = tx.sentence(cs)
    if trailing and _quote_open(t[ss:cs]):
        return None  # "... كما قالوا ...": words inside a quotation, not our attribution
    # Source noun phrase: up to a comma, colon, sentence end or (ف)إن.
    np_start = ce
    while np_start < se and t[np_start] == " ":
        np_start += 1
    prefix = ""
    if t[cs:ce].endswith(_LAM) and not v:
        if t.startswith(_LAM, np_start):  # للخبراء = ل + الخبراء
            np_start += 1
            prefix = _AL
    bound = _search_outside_quotes(t, _CLAUSE_RE, np_start, se)
    np_end = bound.start() if bound else se
    comp = _search_outside_quotes(t, _COMP_RE, np_start, np_end)  # not the إن of "إن إتش كيه"
    if comp:
        np_end = comp.start()
    if trailing and comp:
        return None  # كما قال X إن ...: "as X also said that", a verb claim of its own
    toks = tx.tokens(np_start, np_end)
    roles = lex.role
    quote_noun = roles.get("quote_noun", frozenset())
    time = roles.get("time", frozenset())
    if v:
        # وفق ما أعلن الخميس وزير ...: a time word right after the verb precedes the source
        while toks and (_in(time, tx.word(toks[0])) or tx.word(toks[0]).isdigit()):
            toks = toks[1:]
        if toks:
            np_start = toks[0][0]
    for i, tok in enumerate(toks):
        w = tx.word(tok)
        # After a verb (حسبما ذكرت الصحيفة اليوم، كما قال الوزير للصحفيين) adjuncts end the source.
        if w in quote_noun or v and (w in roles.get("stop", ()) or _in(time, w) or _is_addressee(roles, w)):
            toks = toks[:i]
            break
    # Is the phrase at the start of its clause (only particles before it)?
    clause = ss
    for c in _CLAUSE_RE.finditer(t, ss, cs):
        clause = c.end()
    lead = lex.role.get("lead", frozenset())
    at_clause_start = all(_in(lead, tx.word(tok)) for tok in tx.tokens(clause, cs))
    mid_sentence = False
    # ...، بحسب الحزب بينهم اثنان ...: after a clause of its own the phrase may also close it mid-sentence
    after_clause = at_clause_start and clause > ss
    if (not at_clause_start or after_clause and len(toks) > SOURCE_MAX_TOKENS) and toks \
            and (len(toks) > SOURCE_MAX_TOKENS or trailing and tx.tokens(toks[-1][1], se)):
        # ضربت هزة ... الجزيرة وفق المركز الأمريكي بعد أربعة أيام من ...، كما أعلن المتحدث فيما أصيب ...:
        # the source ends at an adjunct or a new clause, and the sentence goes on after it.
        ends = roles.get("stop", frozenset()) | roles.get("clause_link", frozenset())
        cut = next((i for i, tok in enumerate(toks) if i and (_in(ends, tx.word(tok)) or _in(time, tx.word(tok)))), 0)
        if cut:
            toks, mid_sentence = toks[:cut], True
    if not toks or len(toks) > SOURCE_MAX_TOKENS:
        return None
    if not v and _in(roles.get("non_source", frozenset()), tx.word(toks[0])):
        return None  # وفق المادة 62، حسب العمر: a norm or a criterion, not a source
    if trailing and (tx.word(toks[0]).isdigit() or tx.word(toks[0]) in _number_words()):
        return None  # كما نقلت مليون راكب: "also carried a million passengers", a count is no source
    facts = roles.get("fact_head", frozenset())
    if trailing and any(tx.word(tok) in _FACT_PREPS or _in(facts, tx.word(tok)) for tok in toks):
        return None  # كما أعلن عن حفل / كما أعلنت مقتل: "also announced", an object, not a source
    frame = _Frame("attr", (cs, ce), cs, speaker_prefix=prefix)
    frame.speaker = _extend_quotes(t, np_start if prefix else toks[0][0], toks[-1][1], np_start, np_end)
    if v and _RELAY_LEMMA in _norm(t[v.start() : v.end()]):
        frame.speaker = _relayed_source(tx, lex, frame.speaker, np_end)
    rest = tx.tokens(np_end, se)
    if mid_sentence:
        rest = []
    if trailing and rest:
        return None
    if at_clause_start and rest:
        pos = np_end
        while pos < se and (t[pos] in " " + _COMMA or t[pos] == ":"):
            pos += 1
        c2 = re.compile(f"{_FA}?({_AN}{_PRONOUN}?)(?!{_W})").match(t, pos)
        if c2:
            pos = c2.start(1) if len(c2.group(1)) > len(_AN) else c2.end()
        q = _match_quote(tx, pos)
        if q > 0:
            frame.content_start, frame.quote_end = _quote_start(t, pos), q
        else:
            frame.content_start = pos
    elif not rest or not bound or not at_clause_start:
        before = tx.tokens(ss, cs)
        if len(before) < 3:
            return None
        frame.before = (before[0][0], before[-1][1])
        # تفاقم الوضع بحسب الأمم المتحدة، وبخاصة في ...: inside the clause the phrase attributes the whole
        # sentence when a named source follows it (بحسب حرية الصحافة، وفقا لطريقة ... name criteria)
        frame.named_source = bool(rest and bound)
    else:
        return None
    return frame


@lru_cache(maxsize=1)
def _number_words() -> frozenset:
    """Normalised cardinal number words (``number_words.tsv``, shared with the quantity extractor)."""
    return frozenset(_norm(r["word"]) for r in load_tsv("number_words.tsv", required=("word",)))


def _report_frame(tx: _Text, lex: _Lexicon, m: re.Match) -> _Frame:
    t = tx.t
    cs = m.start() + len(m.group(1))
    frame = _Frame("report", (cs, m.end()), cs, hedged=True)
    frame.content_start = m.end()
    ss, se = tx.sentence(m.start())
    den = lex.sentence_denial_re.search(t, ss, se)
    if den:
        frame.stance = "deny"
        agent = re.compile("\u0645\u0646\\s+(?:\u0642\u0628\u0644|\u062c\u0627\u0646\u0628|\u0637\u0631\u0641)\\s+").search(t, den.end(), se)  # من قبل/جانب/طرف
        if agent:
            c = _CLAUSE_RE.search(t, agent.end(), se)
            toks = tx.tokens(agent.end(), c.start() if c else se)[:SPEAKER_MAX_TOKENS]
            if toks:
                frame.speaker = (toks[0][0], toks[-1][1])
    return frame


def _merge_trailing_sources(tx: _Text, frames: list[_Frame]) -> list[_Frame]:
    """``قال مسؤول إن ...، بحسب رويترز``: the trailing source belongs to the verb's claim.

    The verb's content stops before the attribution phrase; a verb without a subject of
    its own (``ويتوقع أن ...، بحسب صحيفة الوطن``) takes the source as its speaker.
    """
    verbs = [f for f in frames if f.kind == "verb" and f.quote_end < 0]
    out = []
    for f in frames:
        if f.kind == "attr" and f.before is not None:
            ss, _ = tx.sentence(f.cue[0])
            host = [v for v in verbs if ss <= v.cue[0] and v.content_start <= f.cue[0]]
            if host and f.named_source:
                continue  # قال إن الوضع تفاقم بحسب الأمم المتحدة، و...: a nested source stays in the content
            if host:
                v = host[-1]
                v.content_end = f.cue[0] if v.content_end < 0 else min(v.content_end, f.cue[0])
                if v.speaker is None:
                    v.speaker, v.speaker_prefix, v.inherit = f.speaker, f.speaker_prefix, False
                continue
        out.append(f)
    return out


_TOPIC_AFTER_RE = re.compile(f"\\s+(?:{_W}+\\s+){{0,3}}?\u0639\u0646(?!{_W})")  # (up to 3 words) عن


def _drop_embedded(tx: _Text, frames: list[_Frame]) -> list[_Frame]:
    """A verb with no subject of its own inside the content of an earlier claim of its sentence
    (``قال إن ... بناء على أدلة تشير إلى``، ``وأضاف المصدر أنه كان يعتقد أن``) is part of that content."""
    out = []
    for f in frames:
        if f.kind == "verb" and f.embedded:
            ss, _ = tx.sentence(f.cue[0])
            if any(
                g.kind in ("verb", "attr") and g.before is None and ss <= g.cue[0] < f.cue[0]
                and not g.embedded and not (g.impersonal and g.speaker is None)
                and 0 <= g.content_start <= f.cue[0] and (g.quote_end < 0 or f.cue[0] < g.quote_end)
                for g in frames
            ):
                continue
        out.append(f)
    return out


# A paragraph that is one quotation (و"...". alone on its line) continues the last speaker.
_QUOTE_PARAGRAPH_RE = re.compile("(?:^|\n)[ \t]*(\u0648?)[ \t]*([\u00ab\"\u201c])")
_PARAGRAPH_END_RE = re.compile("[ \t.]*(?:\n|$)")


def _frames(tx: _Text, lex: _Lexicon) -> list[_Frame]:
    t = tx.t
    frames: list[_Frame] = []
    covered: list[tuple[int, int]] = []
    for m in lex.attr_re.finditer(t):
        f = _attr_frame(tx, lex, m)
        if f:
            frames.append(f)
            covered.append(f.cue)
    verb_matches = [m for m in lex.verb_re.finditer(t) if not any(a <= m.start(2) < b for a, b in covered)]
    # تحدث ends an earlier verb's speaker only with its topic (تحدث عن): مسؤول، تحدث شريطة عدم ...، إنه
    cue_starts = sorted([f.cue[0] for f in frames if not f.named_source] + [
        m.start() for m in verb_matches
        if lex.verbs[_SPACES.sub(" ", m.group(2))].get("bare_an") != "no" or _TOPIC_AFTER_RE.match(t, m.end())
    ])
    for m in verb_matches:
        i = bisect.bisect_right(cue_starts, m.start())
        limit = cue_starts[i] if i < len(cue_starts) else len(t)
        f = _verb_frame(tx, lex, m, limit)
        if f:
            frames.append(f)
    frames = _drop_embedded(tx, _merge_trailing_sources(tx, frames))
    for m in _QUOTE_PARAGRAPH_RE.finditer(t):
        q = m.start(2)
        close = _match_quote(tx, q)
        if close < 0 or not _PARAGRAPH_END_RE.match(t, close + 1):
            continue
        if len(TOKEN_RE.findall(t, q, close)) < QUOTE_MIN_TOKENS:
            continue
        if any(q <= f.cue[0] <= close for f in frames):
            continue  # a claim of its own starts inside
        frame = _Frame("quote", (q, q + 1), m.start(1), inherit=True)
        frame.content_start, frame.quote_end = q + 1, close
        frames.append(frame)
    heads = [(f.head, max(f.content_start, f.cue[1])) for f in frames]
    for m in lex.report_re.finditer(t):
        if not any(a <= m.start() < b or a < m.end() <= b for a, b in heads):
            frames.append(_report_frame(tx, lex, m))
    frames.sort(key=lambda f: (f.head, f.cue[0]))
    return frames


def _resolve_content(tx: _Text, frames: list[_Frame]) -> list[_Frame]:
    """Set where each content ends: the quote's close, else sentence end, colon or the next frame."""
    t = tx.t
    starts = sorted(f.head for f in frames if not f.named_source)  # a nested source ends no content
    out = []
    for f in frames:
        if f.before is not None:
            out.append(f)
            continue
        cs = f.content_start
        while cs < len(t) and t[cs] == " ":
            cs += 1
        f.content_start = cs
        if f.quote_end >= 0:
            f.content_end = f.quote_end
        else:
            ss, se = tx.sentence(cs)
            end = se if f.content_end < 0 else f.content_end
            colon = t.find(":", cs, end)
            if colon >= 0:
                end = colon
            i = bisect.bisect_right(starts, cs)
            if i < len(starts) and starts[i] < end:
                end = starts[i]
            while end > cs and (t[end - 1] in " " + _COMMA or t[end - 1] in "-\u2013("):
                end -= 1
            # Drop a dangling conjunction و before the next claim.
            if end - 1 > cs and t[end - 1] == "\u0648" and t[end - 2] == " ":
                end -= 1
                while end > cs and t[end - 1] in " " + _COMMA:
                    end -= 1
            f.content_end = end
        if len(TOKEN_RE.findall(t, f.content_start, f.content_end)) < MIN_CONTENT_TOKENS:
            continue
        out.append(f)
    return out


def _entity_for(mentions: Sequence[Mention], start: int, end: int) -> str | None:
    best = None
    for mention in mentions:
        if mention.start >= start and mention.end <= end and mention.type in SPEAKER_TYPE_PRIORITY:
            key = (SPEAKER_TYPE_PRIORITY.index(mention.type), mention.start)
            if best is None or key < best[0]:
                best = (key, mention.entity_id)
    return best[1] if best else None


MENTION_MAX_LEAD = 2  # words allowed before a name that is the subject of a later verb (وبوسع فيسبوك)
_MENTION_PREPS = frozenset(
    _norm(w) for w in ("مع", "بين", "ضد", "نحو", "حول", "تجاه", "مثل", "بحق", "بشأن", "لصالح", "بواسطة", "باسم")
)


def _mention_gender(mention: Mention) -> str:
    """``f`` for a country, the ending of a common-noun head for an ORG (الوزارة، المجلس), else ``""``."""
    if mention.type == "GPE":
        return "f"
    words = TOKEN_RE.findall(normalize(mention.text).text)
    if mention.type != "ORG" or not words or not words[0].startswith(_AL) and not words[0].endswith(_FEM_ENDINGS):
        return ""  # a person or a bare brand name (فيسبوك) may take either agreement
    return "f" if words[0].endswith(_FEM_ENDINGS) else "m"


def _sentence_mention(tx: _Text, lex: _Lexicon, norm: NormText, mentions: Sequence[Mention], f: _Frame,
                      cue_starts: list[int]) -> tuple[str, str | None] | None:
    """The subject of a verb that has none of its own, named earlier in its sentence.

    ``وبعد انتخاب الرئيس الجديد لباراغواي، ماريو بنيتيز، أكد أنه ...``، ``وبوسع فيسبوك أن ترد ...،
    وقالت إنها ...``: the first PERSON/ORG/GPE mention of the sentence that agrees with the verb and
    is not the object of a preposition (لقناة الجزيرة، على المفوضة، مع نظيره). None when an earlier
    claim in the same sentence is what the verb continues, or no such mention precedes the verb.
    """
    ss, _ = tx.sentence(f.cue[0])
    i = bisect.bisect_left(cue_starts, ss)
    if i < len(cue_starts) and cue_starts[i] < f.cue[0]:
        return None
    text = norm.original
    o_ss, o_cue = norm.span(ss, ss + 1)[0], norm.span(*f.cue)[0]
    lo = bisect.bisect_left([m.start for m in mentions], o_ss)
    roles = lex.role
    preps = roles.get("stop", frozenset()) | roles.get("complement_prep", frozenset()) | _MENTION_PREPS
    for m in mentions[lo:]:
        if m.end > o_cue:
            break
        if _quote_open(text[o_ss : m.start]) or m.start > 0 and text[m.start - 1] in "\u0644\u0628\u0643":
            continue  # inside a quotation, or ل/ب/ك written on the name (لباراغواي)
        clause = normalize(text[o_ss : m.start]).text
        clause = clause[max(clause.rfind(c) for c in _COMMA + ":") + 1 :]
        prev = TOKEN_RE.findall(clause)
        if m.type == "GPE" or len(prev) > MENTION_MAX_LEAD:
            continue  # a place, or a name deep inside its clause, is rarely the subject
        if prev:
            w = _bare(prev[-1])
            if w in preps or _in(roles.get("addressee", frozenset()), w) or _is_addressee(roles, prev[-1]):
                continue  # لقناة الجزيرة، مع نظيره ماكرون: the name is governed by a preposition
        g = _mention_gender(m)
        if f.gender and g and g != f.gender:
            continue
        return m.text, m.entity_id
    return None


def extract_claims(doc: Document, mentions: Sequence[Mention] = (), norm: NormText | None = None) -> list[Claim]:
    """Attributed claims of ``doc`` in text order; offsets index ``doc.text``, ``end`` exclusive.

    ``mentions`` (from the entity extractor) link the speaker to an entity id;
    ``norm`` may pass an already built ``normalize(doc.text)``.
    """
    text = doc.text
    if not text:
        return []
    norm = norm if norm is not None and norm.original == text else normalize(text)
    lex = _lexicon()
    tx = _Text(norm.text)
    t = tx.t
    claims: list[Claim] = []
    recent: list[tuple[str, str | None, int, str]] = []  # text, entity id, normalised position, gender
    frames = _resolve_content(tx, _frames(tx, lex))
    cue_starts = sorted(f.cue[0] for f in frames)
    mentions = sorted((m for m in mentions if m.type in SPEAKER_TYPE_PRIORITY), key=lambda m: m.start)
    last_kind = ""
    for f in frames:
        if f.before is not None:
            c_ns, c_ne = f.before
            span_ns, span_ne = f.before[0], f.speaker[1]
        else:
            c_ns, c_ne = f.content_start, f.content_end
            span_ns = min(f.head, f.cue[0])
            span_ne = f.quote_end + 1 if f.quote_end >= 0 else f.content_end
            if f.speaker and f.kind != "report":
                span_ne = max(span_ne, f.speaker[1])
        if f.speaker and f.kind == "report":
            span_ne = max(span_ne, f.speaker[1])
        if f.impersonal and not f.speaker:
            continue
        if f.named_source and not _entity_for(mentions, *norm.span(*f.speaker)):
            continue
        if f.kind == "quote" and not (
            recent and f.cue[0] - recent[-1][2] <= QUOTE_PARAGRAPH_WINDOW and last_kind in ("verb", "quote")
        ):
            continue  # no one speaking just before: a title, a slogan, a quoted document (وفق النص)
        hedged = f.hedged or bool(lex.hedge_re.search(t, span_ns, span_ne))
        stance = f.stance
        if stance == "assert" and lex.content_denial_re.search(t, c_ns, c_ne):
            stance = "deny"
        speaker, entity = "", None
        if f.speaker:
            s0, s1 = norm.span(*f.speaker)
            speaker = f.speaker_prefix + text[s0:s1]
            entity = _entity_for(mentions, s0, s1)
            recent.append((speaker, entity, f.cue[0], _speaker_gender(text[s0:s1], mentions, s0)))
        elif f.kind == "verb" and not f.impersonal and (f.inherit or not f.hedged) and (
            pick := _sentence_mention(tx, lex, norm, mentions, f, cue_starts)
        ):
            speaker, entity = pick
        elif f.inherit and recent and f.cue[0] - recent[-1][2] <= INHERIT_WINDOW:
            # The carried-over speaker agrees with the verb: وقالت prefers the last feminine one.
            pick = recent[-1]
            if f.gender:
                for cand in reversed(recent[-4:]):
                    if f.cue[0] - cand[2] > INHERIT_WINDOW:
                        break
                    if not cand[3] or cand[3] == f.gender:
                        pick = cand
                        break
            speaker, entity = pick[0], pick[1]
        last_kind = f.kind
        start, _ = norm.span(span_ns, span_ns + 1)
        _, end = norm.span(span_ne - 1, span_ne)
        cue0, cue1 = norm.span(*f.cue)
        con0, con1 = norm.span(c_ns, c_ne)
        claims.append(
            Claim(
                doc_id=doc.doc_id,
                claim_id="",
                speaker=speaker,
                speaker_entity_id=entity,
                cue=text[cue0:cue1],
                content=text[con0:con1],
                start=start,
                end=end,
                hedged=hedged,
                stance=stance,
                text=text[start:end],
            )
        )
    claims.sort(key=lambda c: (c.start, c.end))
    return [
        Claim(**{**c.__dict__, "claim_id": f"{doc.doc_id}:c{i}"}) for i, c in enumerate(claims, start=1)
    ]


def is_inherited(claim: Claim) -> bool:
    """True when the speaker was carried over from an earlier claim (not inside the claim's span)."""
    return bool(claim.speaker) and claim.speaker not in claim.text
