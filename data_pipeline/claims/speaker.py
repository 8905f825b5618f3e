"""Who speaks: the speaker phrase around a cue, and the grammatical gender of verbs and speakers.

Every finder takes normalised offsets and returns a span ``(start, end)`` of the speaker phrase, or
None. The phrase is the whole noun phrase as written (titles, names and quote marks included), cut
before adjuncts (``في بيان``، time words, ``للصحفيين``); no part-of-speech tags are used, only the
function words of ``Grammar`` and positions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..lang.ar.clitics import HA, MEEM, NOON, YA
from ..lang.ar.letters import ALEF, ARTICLE, BA, LAM, WAW
from ..lang.ar.normalize import TOKEN_RE, normalize
from ..records import Mention
from .lexicon import COMPLEMENTIZER_RE, OBJECT_SUFFIX_RE, WORD, ClaimLexicon, Grammar
from .quotes import extend_quotes, marks_outside_quotes
from .text import CLAUSE_MARK_RE, ClaimText, Span, bare, in_role, is_addressee

SPEAKER_MAX_TOKENS = 14
SVO_MAX_TOKENS = 6  # subject written before the verb
SUBJECT_MAX_CHARS = 300  # a sentence opening longer than this before a participle is not searched
SUBJECT_MAX_TOKENS = 8  # a longer phrase after a sentence-initial verb is not one speaker
DOCUMENT_ISSUER_MAX_CHARS = 200  # sentence opening before أصدر X بيانا searched for the issuer

RELAY_LEMMA = "نقل"  # نقلت X عن Y relays Y's words
_RELAY_PREP = "عن"
_MIN = "من"  # من جهته: the aside takes the من before it
TA = "ت"
TARGET_MAX_TOKENS = 6  # the target noun phrase opening a complement
_NISBA_ENDINGS = (YA, YA + HA, YA + WAW + NOON, YA + YA + NOON)  # ي، ية، يون، يين
_HUM = HA + MEEM  # ـهم
_FEM_ENDINGS = (HA, ALEF + TA)  # ة (folded to ه), ات (plurals of things agree as feminine)
_PLURAL_ENDINGS = (WAW + ALEF, WAW + NOON, ALEF, NOON)  # قالوا، يقولون، قالا
_PARTICIPLE_PLURAL = YA + NOON  # مضيفين
_ILA_SPACE = "الي "  # إلى القول
_OBJECT_PREFIXES = (BA + ARTICLE, LAM + LAM, LAM + ARTICLE)  # بال لل (لال is never written, kept for safety)
_THROUGH_RE = re.compile(f"{WORD}+\\s+في(?:ه|ها)(?!{WORD})")  # (قالت) فيه/فيها: the document's issuer speaks


def speaker_after(tx: ClaimText, lex: ClaimLexicon, a: int, b: int) -> Span | None:
    """The speaker phrase in [a, b) (VSO: between verb and complement), or None.

    The phrase runs over comma segments (an apposition) until an adjunct ends it; a time adverb
    may come before it (``قال الاثنين وزير ...``، ``أعلن، الأربعاء، التحالف ...``).
    """
    g = lex.grammar
    t = tx.t
    ends = marks_outside_quotes(t, a, [m.start() for m in CLAUSE_MARK_RE.finditer(t, a, b)]) + [b]
    found = _first_segment(tx, g, ends, a, b)
    if found is None:
        return None
    n, toks = found
    cut = _phrase_cut(tx, g, toks, first=True)
    kept = toks[:cut]
    first_segment = len(kept)
    if cut == len(toks):
        kept += _later_segments(tx, g, ends[n + 1 :], ends[n] + 1)
    if len(kept) > SPEAKER_MAX_TOKENS and 1 < first_segment <= SPEAKER_MAX_TOKENS:
        kept = kept[:first_segment]  # قال مايك بومبيو، <a long apposition>، إن: the name before the comma
    if not kept or len(kept) > SPEAKER_MAX_TOKENS or all(k[1] - k[0] < 2 for k in kept):
        return None  # a lone clitic (لـ) is no speaker
    return extend_quotes(t, kept[0][0], kept[-1][1], a, b)


def _first_segment(tx: ClaimText, g: Grammar, ends: list[int], a: int, b: int) -> tuple[int, list[Span]] | None:
    """The index and tokens of the first comma segment that holds the subject, time adverbs skipped."""
    start = a
    for n, seg_end in enumerate(ends):
        seen = tx.tokens(start, seg_end)
        start = seg_end + 1
        toks = _skip_time_adverb(tx, g, seen)
        if toks is None:
            return None
        if toks:
            return n, toks
        if not (seg_end < b and _time_only(tx, g, seg_end + 1, b, seen)):
            return None
    return None


def _skip_time_adverb(tx: ClaimText, g: Grammar, toks: list[Span]) -> list[Span] | None:
    """``toks`` without the particles and time words that open it; None when an object follows them."""
    skipped_time = False
    while toks and (in_role(g.lead, tx.word(toks[0])) or in_role(g.time, tx.word(toks[0]))):
        if in_role(g.time, tx.word(toks[0])):
            skipped_time = True
        elif skipped_time:
            return None  # أعلن الأسبوع الماضي عن صدور ...: an object follows, the subject came before
        toks = toks[1:]
    if skipped_time and toks and tx.word(toks[0]) in g.stop:
        return None
    return toks


def _time_only(tx: ClaimText, g: Grammar, a: int, b: int, seen: list[Span]) -> bool:
    """A segment skipped before the subject held a time word (قال الاثنين،), or is empty and the
    next comma segment, from a, is only time words (أعلن، الأربعاء، التحالف ...)."""
    if seen:
        return any(in_role(g.time, tx.word(x)) for x in seen)
    c = CLAUSE_MARK_RE.search(tx.t, a, b)
    nxt = tx.tokens(a, c.start() if c else b)
    return bool(nxt) and all(in_role(g.time, tx.word(x)) or in_role(g.lead, tx.word(x)) for x in nxt)


def _later_segments(tx: ClaimText, g: Grammar, ends: list[int], start: int) -> list[Span]:
    """The tokens of the apposition segments after the first, until an adjunct ends the phrase."""
    kept: list[Span] = []
    for seg_end in ends:
        toks = tx.tokens(start, seg_end)
        start = seg_end + 1
        if not toks:
            continue
        w0 = tx.word(toks[0])
        if in_role(g.time, w0) or w0 in g.stop or w0.isdigit():
            break
        cut = _phrase_cut(tx, g, toks, first=False)
        kept.extend(toks[:cut])
        if cut < len(toks):
            break
    return kept


def _phrase_cut(tx: ClaimText, g: Grammar, toks: list[Span], first: bool) -> int:
    """How many of ``toks`` belong to the speaker: an adjunct, an addressee or an aside ends it."""
    for i, tok in enumerate(toks):
        w = tx.word(tok)
        if w in g.stop and i + 1 < len(toks) and tx.word(toks[i + 1]) in g.percent_noun:
            continue  # قال 7 في المئة من المشاركين: a share of people speaks
        if w in g.stop or w in g.time or w in g.quote_noun or (i == 0 and w.isdigit() and not first) \
                or is_addressee(g.addressee, w):
            return i
        if w in g.aside:  # من جهته
            return i - 1 if i > 0 and tx.word(toks[i - 1]) == _MIN else i
    return len(toks)


def relayed_source(tx: ClaimText, lex: ClaimLexicon, speaker: Span, b: int) -> Span:
    """``نقلت الوكالة (السبت) عن مصدر عسكري``: the relayed source after عن speaks, not the relay."""
    return relay(tx, lex, speaker, b)[0]


def relay(tx: ClaimText, lex: ClaimLexicon, speaker: Span, b: int) -> tuple[Span, Span | None]:
    """The relayed source and the relay (``نقلت الوكالة عن مصدر``: the source, the agency), or
    ``speaker`` and None when no عن names a source."""
    toks = tx.tokens(speaker[0], b)
    for i, tok in enumerate(toks):
        w = tx.word(tok)
        if w == _RELAY_PREP and i > 0:
            source = speaker_after(tx, lex, tok[1], b)
            via = [x for x in toks[:i] if not (in_role(lex.grammar.time, tx.word(x)) or tx.word(x).isdigit())]
            if source is None or not via:
                return speaker, None
            return source, extend_quotes(tx.t, via[0][0], via[-1][1], speaker[0], tok[0])
        if tok[0] >= speaker[1] and not (in_role(lex.grammar.time, w) or w.isdigit()):
            break
    return speaker, None


def split_object(tx: ClaimText, lex: ClaimLexicon, span: Span) -> tuple[Span, Span | None]:
    """VSO with an object (اتهم الرئيس دونالد ترامب الصين بـ): the subject noun phrase and the object after it
    (None when the phrase is one noun phrase: the object was a pronoun or is not written)."""
    toks = tx.tokens(*span)
    n = noun_phrase_length(tx, lex.grammar, toks)
    if not toks or n >= len(toks):
        return span, None
    subject = extend_quotes(tx.t, toks[0][0], toks[n - 1][1], span[0], toks[n][0])
    return subject, extend_quotes(tx.t, toks[n][0], toks[-1][1], subject[1], span[1])


def object_phrase(tx: ClaimText, lex: ClaimLexicon, a: int, b: int) -> Span | None:
    """The noun phrase opening [a, b): whom or what a condemnation, criticism or praise is about
    (ندد بالهجوم الذي ...: الهجوم), cut before a relative pronoun, a preposition or a comma."""
    c = CLAUSE_MARK_RE.search(tx.t, a, b)
    toks = tx.tokens(a, c.start() if c else b)[:TARGET_MAX_TOKENS]
    g = lex.grammar
    cut = next((i for i, tok in enumerate(toks) if i and (in_role(g.stop | g.subordinator, tx.word(tok))
                                                           or in_role(g.time, tx.word(tok)))), len(toks))
    toks = toks[:cut]
    while toks and in_role(g.adverb, tx.word(toks[0])):
        toks = toks[1:]  # انتقد الرئيس بشدة اعتماد واشنطن ...
    if not toks:
        return None
    n = noun_phrase_length(tx, g, toks)
    return extend_quotes(tx.t, toks[0][0], toks[n - 1][1], toks[0][0], b)


def noun_phrase_length(tx: ClaimText, g: Grammar, toks: list[Span]) -> int:
    """How many of ``toks`` make the noun phrase they open: a name (an entity mention), or a head with its
    construct chain (وزير الخارجية، رئيس وزراء إسرائيل), نسبة adjectives (الجيش الإسرائيلي), a genitive with
    لل (الأمين العام للأمم المتحدة), a title link (المتحدث باسم) and one person's name after a title."""
    if not toks:
        return 0
    first = tx.name_at(toks[0][0])
    i = _name_tokens(toks, 1, first)
    person, after_name = bool(first) and first[2] == "PERSON", first is not None
    while i < len(toks) and not person:
        step = _noun_phrase_step(tx, g, toks, i, after_name)
        if step is None:
            break
        i, person, after_name = step
    return i


def _noun_phrase_step(tx: ClaimText, g: Grammar, toks: list[Span], i: int,
                      after_name: bool) -> tuple[int, bool, bool] | None:
    """Whether ``toks[i]`` continues the noun phrase: (the next index, a person's name was read, a name
    ends there), or None."""
    w, prev = tx.word(toks[i]), tx.word(toks[i - 1])
    genitive = w.startswith(LAM + LAM)  # الأمين العام للأمم المتحدة
    name = tx.name_at(toks[i][0]) or (tx.name_at(toks[i][0] + 1) if genitive else None)
    if name is not None:
        if name[2] != "PERSON" and not genitive and (after_name or _definite(prev) or prev.startswith(LAM + LAM)):
            return None  # a second noun phrase (the object) opens with a name
        return _name_tokens(toks, i + 1, name), name[2] == "PERSON", True
    if w in g.title_link:  # المتحدث باسم
        return i + 1, False, False
    return None if _phrase_ends_at(g, w, prev, i, after_name) else (i + 1, False, False)


def _phrase_ends_at(g: Grammar, w: str, prev: str, i: int, after_name: bool) -> bool:
    """``w`` (no name) opens another phrase: an adjunct, an addressee, a number, or a word that is neither
    in construct with ``prev`` (وزير الخارجية), a genitive with لل, a نسبة or title adjective, nor an
    indefinite adjective of an indefinite head (مسؤول كبير)."""
    if in_role(g.stop | g.subordinator, w) or is_addressee(g.addressee, w) or w.isdigit():
        return True
    if after_name and prev not in g.title_link and not _nisba(w):
        return True  # واشنطن الحكومة: a construct chain never follows a whole name
    if prev.startswith(LAM + LAM) and w.startswith(ARTICLE) and not in_role(g.honorific, w):
        return not (_nisba(w) or in_role(g.title_adjective, w))  # المديرية العامة للجوازات الإخوة: an object
    linked = prev in g.title_link or (not _definite(prev) and _definite(w))
    return not (linked or w.startswith(LAM + LAM) or _nisba(w) or in_role(g.title_adjective, w)
                or not _definite(prev) and not _definite(w) and i == 1)


def _name_tokens(toks: list[Span], j: int, name: tuple[int, int, str] | None) -> int:
    """The index of the first of ``toks[j:]`` after the entity mention ``name`` (j when None)."""
    while name is not None and j < len(toks) and toks[j][0] < name[1]:
        j += 1
    return j


def _definite(w: str) -> bool:
    return w.startswith(ARTICLE) or bare(w).startswith(ARTICLE)


def _nisba(w: str) -> bool:
    """An adjective of relation (الإسرائيلي، الأمريكية، المصريون; ة is folded to ه)."""
    core = w[2:] if w.startswith(ARTICLE) else w
    return len(core) >= 4 and core.endswith(_NISBA_ENDINGS)


def cut_at_measure(tx: ClaimText, lex: ClaimLexicon, span: Span) -> Span:
    """``قدرت الأمم المتحدة عدد اللاجئين بـ``: the speaker ends before the measured object."""
    toks = tx.tokens(*span)
    for i, tok in enumerate(toks[1:], start=1):
        w = tx.word(tok)
        stem = OBJECT_SUFFIX_RE.sub("", w)
        stem = stem[:-1] + HA if stem != w and stem.endswith(TA) else stem  # ثروته: ثروة (folded ثروه)
        if in_role(lex.grammar.measure_head, w) or in_role(lex.grammar.measure_head, stem):
            return (toks[0][0], toks[i - 1][1])  # عدد اللاجئين، ثروته
    return span


def speaker_before(tx: ClaimText, lex: ClaimLexicon, sent_start: int, verb_start: int) -> Span | None:
    """A subject written before the verb (SVO) in the same clause, or None."""
    t = tx.t
    g = lex.grammar
    clause = tx.clause_start(sent_start, verb_start)
    toks = tx.core_tokens(clause, verb_start, g.lead, SVO_MAX_TOKENS)
    if not toks:
        return None
    bad = g.subordinator | g.stop | g.pronoun_lead | g.negator
    if any(in_role(bad, tx.word(tok)) for tok in toks) or tx.word(toks[0]).isdigit():
        return None
    if any(lex.verb_re.fullmatch(tx.word(tok)) for tok in toks):
        return None
    a = toks[0][0]
    # A conjunction written on the subject (ووزارة، والجيش) is not part of its name.
    if t.startswith(WAW + WAW, a) or t.startswith(WAW + ARTICLE, a):
        a += 1
    return extend_quotes(t, a, toks[-1][1], clause, verb_start)


def sentence_subject(tx: ClaimText, lex: ClaimLexicon, ss: int, vs: int, gender: str = "") -> Span | None:
    """The subject after a sentence-initial verb, for a participle with no reporting verb before it.

    ``وعلقت المديرة، ماجدالينا مغربي، على التطورات بالقول``: the first word (not definite, not a
    number) is taken as the verb and the speaker phrase follows it. None when a reporting verb
    comes earlier in the sentence (the participle continues that claim) or the opening is long.
    """
    if vs - ss > SUBJECT_MAX_CHARS or lex.verb_re.search(tx.t, ss, vs):
        return None
    toks = _skip_aside(tx, lex.grammar, tx.tokens(ss, vs))
    if len(toks) < 2:
        return None
    linked = _subject_after_link(tx, lex, toks, vs)
    if linked:
        return linked
    w0 = tx.word(toks[0])
    if gender == "f" and not w0.endswith(TA):
        subject = _subject_before_feminine_verb(tx, lex.grammar, toks, ss, vs)
        if subject:
            return subject
    if w0.startswith(ARTICLE) or bare(w0).startswith(ARTICLE) or w0.isdigit() or len(bare(w0)) < 3:
        return None
    return _subject_after_first_word(tx, lex, toks[0][1], vs)


def _skip_aside(tx: ClaimText, g: Grammar, toks: list[Span]) -> list[Span]:
    """``toks`` without the particles and the aside (من جهته، من جانبه) that open the sentence."""
    while toks:
        if in_role(g.lead, tx.word(toks[0])):
            toks = toks[1:]
        elif len(toks) > 1 and bare(tx.word(toks[0])) == _MIN and tx.word(toks[1]) in g.aside:
            toks = toks[2:]
        else:
            return toks
    return toks


def _subject_after_link(tx: ClaimText, lex: ClaimLexicon, toks: list[Span], vs: int) -> Span | None:
    """وعرض الوالد المكافأة، غير أن الموظف رفض ذلك، مؤكدا ...: the subject written first in the last clause
    opened by a link (غير أن، لكن، فيما، بينما) before the participle, then its verb."""
    g = lex.grammar
    last = max((i for i, tok in enumerate(toks[:-1]) if i and in_role(g.clause_link, tx.word(tok))
                and (COMPLEMENTIZER_RE.fullmatch(tx.word(toks[i + 1])) or in_role(g.lead, tx.word(tok)))),
               default=-1)  # غير أن، لكن، فيما (غير العادية is no link)
    if last < 0:
        return None
    rest = toks[last + 1 :]
    while rest and (COMPLEMENTIZER_RE.fullmatch(tx.word(rest[0])) or in_role(g.lead, tx.word(rest[0]))):
        rest = rest[1:]
    n = 0
    while n < min(len(rest), SVO_MAX_TOKENS) and (_definite(tx.word(rest[n])) or tx.name_at(rest[n][0])):
        n = _name_tokens(rest, n + 1, tx.name_at(rest[n][0]))
    if n == 0 or n >= len(rest) or not _verb_like(lex, tx.word(rest[n])) or tx.word(rest[n]).startswith(_OBJECT_PREFIXES):
        return None
    return extend_quotes(tx.t, rest[0][0], rest[n - 1][1], rest[0][0], vs)


def _subject_before_feminine_verb(tx: ClaimText, g: Grammar, toks: list[Span], ss: int, vs: int) -> Span | None:
    """الشركة رفضت التعقيب مؤكدة ...: a subject written first, then its verb in -ت (not a plural in -ات)."""
    bad = g.stop | g.subordinator
    for i, tok in enumerate(toks[1 : SUBJECT_MAX_TOKENS + 1], start=1):
        w = tx.word(tok)
        if in_role(bad, w) or w.isdigit() or COMPLEMENTIZER_RE.fullmatch(w):
            break
        if w.endswith(TA) and not w.endswith(ALEF + TA) and len(bare(w)) >= 4:
            return extend_quotes(tx.t, toks[0][0], toks[i - 1][1], ss, vs)
    return None


def _subject_after_first_word(tx: ClaimText, lex: ClaimLexicon, a: int, vs: int) -> Span | None:
    """The speaker phrase after the sentence's first word (its verb), cut before the verb's object."""
    span = speaker_after(tx, lex, a, vs)
    if span is None:
        return None
    # The verb's object or adjunct follows its subject: cut at a definite word with ب/ل (بالدور، للتعاون).
    kept = tx.tokens(*span)
    for i, tok in enumerate(kept[1:], start=1):
        if tx.word(tok).startswith(_OBJECT_PREFIXES):
            kept = kept[:i]
            break
    first = tx.word(kept[0])
    if len(kept) > SUBJECT_MAX_TOKENS or first in (BA, LAM) or first.startswith(_OBJECT_PREFIXES):
        return None  # a preposition opens an adjunct (لـ"العربية.نت"، للصحفيين), not a subject
    subordinators = lex.grammar.subordinator
    if any(in_role(subordinators, tx.word(tok)) or COMPLEMENTIZER_RE.fullmatch(tx.word(tok)) for tok in kept):
        return None  # a clause (فإن الإجراءات، البرنامج أنه), not a noun phrase
    return extend_quotes(tx.t, kept[0][0], kept[-1][1], span[0], vs)


def noun_governs(tx: ClaimText, prev: list[Span]) -> bool:
    """The word before the preposition before a verbal noun is a noun (الحصول على نفي، بالإضافة إلى نفي)."""
    return len(prev) > 1 and bare(tx.word(prev[-2])).startswith(_OBJECT_PREFIXES + (ARTICLE,))


def document_speaker(tx: ClaimText, lex: ClaimLexicon, ss: int, vs: int) -> Span | None:
    """``وأصدر الحزب بيانا (مشتركا) قال فيه إن``: the issuer after the sentence's first verb;
    ``بعد تقرير ذكر أن``: the document itself. None when no document noun comes right before the verb."""
    g = lex.grammar
    if not g.document_noun or vs - ss > DOCUMENT_ISSUER_MAX_CHARS:
        return None
    toks = tx.tokens(ss, vs)
    found = _document_noun(tx, g.document_noun, toks) if toks else None
    if found is None:
        return None
    i, clitic = found
    if CLAUSE_MARK_RE.search(tx.t, toks[i][1], vs):
        return None
    noun = (toks[i][0] + clitic, toks[-1][1])
    through = _THROUGH_RE.match(tx.t, vs)
    if (clitic or i > 0 and tx.word(toks[i - 1]) in g.complement_prep | g.stop) and not through:
        return noun  # ورد بتقرير أفاد، استند إلى تقرير يقول: after a preposition the document itself speaks
    return _issuer(tx, lex, ss, vs, toks, i) or noun


def _document_noun(tx: ClaimText, docs: frozenset, toks: list[Span]) -> tuple[int, int] | None:
    """The index of the document noun closing ``toks`` (one adjective may follow it) and how many
    proclitic letters it carries (ورد بتقرير أفاد: 1 for ب), or None."""

    def clitics(tok: Span) -> int:
        w = tx.word(tok)
        if w in docs:
            return 0
        return 1 if len(w) > 3 and w[0] in BA + LAM and w[1:] in docs else -1

    i = len(toks) - 1
    if clitics(toks[i]) < 0 and i > 0 and clitics(toks[i - 1]) >= 0 and not tx.word(toks[i]).startswith(ARTICLE):
        i -= 1  # بيانا مشتركا، تقريرا جديدا: one adjective after the noun
    found = clitics(toks[i])
    return None if found < 0 else (i, found)


def _verb_like(lex: ClaimLexicon, w: str) -> bool:
    """أصدر، نشر، وتلا: indefinite, not a particle, a number, إن/أن or a reporting verb."""
    bad = lex.grammar.stop | lex.grammar.subordinator
    return not (w.startswith(ARTICLE) or bare(w).startswith(ARTICLE) or w.isdigit() or len(bare(w)) < 3
                or in_role(bad, w) or COMPLEMENTIZER_RE.fullmatch(w) or lex.verb_re.fullmatch(w))


def _issuer(tx: ClaimText, lex: ClaimLexicon, ss: int, vs: int, toks: list[Span], i: int) -> Span | None:
    """Who issued the document noun ``toks[i]``: the subject of the verb before it (VSO or SVO)."""
    g = lex.grammar
    clause = tx.clause_start(ss, toks[i][0])
    for a in ((clause, ss) if clause > ss else (ss,)):
        j = next((k for k, tok in enumerate(toks) if tok[0] >= a), i)
        while j < i and (in_role(g.lead, tx.word(toks[j])) or in_role(g.time, tx.word(toks[j]))):
            j += 1
        if j < i and _verb_like(lex, tx.word(toks[j])):  # VSO: أصدر الحزب بيانا
            issuer = speaker_after(tx, lex, toks[j][1], toks[i][0])
            if issuer and not lex.verb_re.search(tx.t, *issuer) and not COMPLEMENTIZER_RE.search(tx.t, *issuer):
                return issuer
            return None
        subject = _issuer_before_verb(tx, lex, toks, i, j, a, vs)
        if subject:
            return subject
    return None


def _issuer_before_verb(tx: ClaimText, lex: ClaimLexicon, toks: list[Span], i: int, j: int, a: int,
                        vs: int) -> Span | None:
    """SVO: البيت الأبيض (قد) أصدر بيانا: a definite subject from toks[j], then the verb before the noun."""
    g = lex.grammar
    k = i - 1
    while k > j and in_role(g.time, tx.word(toks[k])):
        k -= 1
    e = k - 1
    while e > j and in_role(g.lead, tx.word(toks[e])):
        e -= 1  # البيت الأبيض قد أصدر
    bad = g.stop | g.subordinator
    if j <= e < j + SVO_MAX_TOKENS and _verb_like(lex, tx.word(toks[k])) and tx.word(toks[j]).startswith(ARTICLE) \
            and not any(in_role(bad, tx.word(tok)) or in_role(g.lead, tx.word(tok)) for tok in toks[j + 1 : e + 1]):
        return extend_quotes(tx.t, toks[j][0], toks[e][1], a, vs)
    return None


def verb_gender(form: str, lemma: str, participle: bool = False) -> str:
    """Gender of a singular reporting verb: ``f`` for قالت/تقول/تابعت, ``m`` for قال/يقول, else ``""``.

    An object pronoun (وصفته، أبلغهم) says nothing about the subject and is dropped first.
    """
    if participle:
        return _participle_gender(form)
    if len(form) > len(lemma) and not lemma.endswith(HA):
        form = OBJECT_SUFFIX_RE.sub("", form) or form
    if form.endswith(_PLURAL_ENDINGS) and not lemma.endswith(form[-1]):
        return ""  # plural or dual (قالوا، يقولون، قالا)
    if form.endswith(TA) and not lemma.endswith(TA):
        return "f"
    if form.startswith(TA) and not lemma.startswith(TA):
        return "f"
    if form.startswith(TA + TA):
        return "f"
    return "m"


def _participle_gender(form: str) -> str:
    """A participle is feminine with ة (مضيفة), plural with ين (مضيفين); the by-saying nouns
    (بقوله، بقولها، بقولهم) carry their subject as a pronoun."""
    if form.startswith((BA, LAM, _ILA_SPACE)):  # بقوله، ليقول، إلى القول
        word = form.split()[-1]
        if word.endswith(_HUM) or word.startswith(BA + ARTICLE):
            return ""
        if word.endswith(HA + ALEF):
            return "f"
        if word.endswith(HA):
            return "m"
        return "f" if word[1:].startswith(TA) else "m" if word[1:].startswith(YA) else ""
    if form.endswith(_PARTICIPLE_PLURAL):
        return ""
    return "f" if form.endswith(HA) else "m"


def speaker_gender(speaker: str, mentions: Sequence[Mention], start: int) -> str:
    """``f`` for a feminine head (الوزارة، السلطات، a country), ``""`` for a bare person name, else ``m``."""
    words = TOKEN_RE.findall(normalize(speaker).text)
    if not words:
        return ""
    head = words[0]
    if head.startswith(ARTICLE):
        head = head[2:]
    for mention in mentions:
        if start <= mention.start <= start + 2:  # a name opening the phrase (quote mark allowed)
            if mention.type == "GPE":
                return "f"
            if mention.type == "PERSON":
                return ""
    return "f" if head.endswith(_FEM_ENDINGS) else "m"


def feminine_ending(word: str) -> bool:
    """ة (folded to ه) or ات: the ending of a feminine noun or a plural of things."""
    return word.endswith(_FEM_ENDINGS)
