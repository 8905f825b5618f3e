"""Speakers that are noun phrases: the phrase a rule found is trimmed, then checked by named guards.

``trim_speaker`` cuts what follows the noun phrase inside a found span: an addressee (``المصادر لـ"سكاي
نيوز"``، ``للصحفيين``), an adverb (``ترمب مرارا``, role ``adverb``), a relative or subordinate clause.
``SPEAKER_CHECKS`` are named checks on what is left; one that holds makes the span no speaker (a
pronoun-suffixed preposition ``لها``، a particle ``رغم``، a verb ``ومضى``، a noun with a pronoun
``عددهم``، a clause). Words live in ``speaker_grammar.tsv`` (roles ``not_speaker``, ``adverb``,
``addressee``, ``subordinator``). A claim whose speaker is no noun phrase, and none can be carried
over, is dropped (``emit.py``): the ``speaker`` column is never empty.

``speaker_text`` is the phrase as written without quote marks and brackets (eval/gold/README.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..lang.ar.clitics import HA, MEEM, NOON, THIRD_PERSON_SUFFIXES
from ..lang.ar.letters import ALEF, ARTICLE, BA, FATHATAN, LAM
from ..lang.ar.normalize import TOKEN_RE, NormText
from ..lang.ar.punctuation import QUOTES
from .lexicon import COMPLEMENTIZER_RE, ClaimLexicon
from .quotes import match_quote
from .text import ClaimText, Span, bare, in_role, is_addressee

_QUOTE_MARKS_RE = re.compile(f"[{re.escape(QUOTES)}]")
_BLANKS_RE = re.compile(r"\s+")
_TRAILING = " ،,؛;:-–"  # punctuation left at either end of the phrase
_TANWIN_FATH = (FATHATAN, FATHATAN + ALEF)  # رديفاً، رديفًا
_MIN = "من"  # 90 بالمئة منهم: a partitive with its pronoun stays in the phrase
_MA = "ما"  # بحسب ما نشرته: a relative clause whose subject is the source
_PARTICIPLE_MIN = 5
# ـه، ـها، ـهم، ـهما in the original text (where ة is not folded to ه); not ـهن, which ends nouns (ذهن)
_PRONOUN_ENDINGS = tuple(s for s in THIRD_PERSON_SUFFIXES if s != HA + NOON)
_OBLIQUE_PLURAL = "ين"  # الصحفيين: a sound plural in the oblique case is an object, not a subject


def speaker_text(text: str) -> str:
    """The phrase without quote marks, blanks collapsed; brackets only when they open or close it, or
    are left unbalanced (``(يونهاب`` -> ``يونهاب``; ``alert(1)`` stays)."""
    text = _BLANKS_RE.sub(" ", _QUOTE_MARKS_RE.sub("", text)).strip()
    if text.count("(") != text.count(")"):
        text = text.replace("(", "").replace(")", "")
    elif text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    return text.strip(_TRAILING)


def trim_speaker(tx: ClaimText, lex: ClaimLexicon, norm: NormText, span: Span) -> Span | None:
    """``span`` up to the first word after its first that ends a noun phrase: an addressee, an adverb,
    an adjunct (role ``stop``), a subordinate word, a reporting verb (``مسؤول، تحدث شريطة ...``) or, after
    a name, an object with a pronoun (``ماكرون إرادته``، ``نفى ستروميا تحيزه``); None when nothing is left."""
    span = _after_addressee(tx, lex, span)
    toks = tx.tokens(*span)
    for i, _ in enumerate(toks):
        if i and _ends_phrase(tx, lex, norm, toks, i):
            toks = toks[:i]
            break
    while len(toks) > 1 and tx.word(toks[-1]) in (lex.grammar.stop | {_MIN}) and not tx.word(toks[-1]).startswith(LAM):
        toks = toks[:-1]  # شبكة من الشركات، من
    if not toks:
        return None
    end = toks[-1][1]
    while end < span[1] and not tx.t[end].isspace():
        end += 1  # a closing quote mark or bracket right after the last word
    return span[0], end


def _after_addressee(tx: ClaimText, lex: ClaimLexicon, span: Span) -> Span:
    """``قال لـ"الاقتصادية" الدكتور ...``، ``قال لـ«الشرق الأوسط»، الدكتور ...``، ``حذر كذلك رئيس ...``: an
    adverb or an addressee written between the verb and its subject is skipped (a quoted outlet after a
    detached ل, or one addressee word)."""
    toks = tx.tokens(*span)
    while len(toks) > 1 and in_role(lex.grammar.adverb, tx.word(toks[0])):
        toks = toks[1:]  # حذر كذلك رئيس الوزراء: an adverb before the subject
        span = (toks[0][0], span[1])
    if not toks or not (tx.word(toks[0]) == LAM or is_addressee(lex.grammar.addressee, tx.word(toks[0]))):
        return span
    close = match_quote(tx, toks[0][1])
    pos = close + 1 if 0 <= close < span[1] else toks[0][1]
    while pos < span[1] and (tx.t[pos].isspace() or tx.t[pos] in _TRAILING):
        pos += 1
    return (pos, span[1]) if pos < span[1] else span


def _ends_phrase(tx: ClaimText, lex: ClaimLexicon, norm: NormText, toks: list[Span], i: int) -> bool:
    """``toks[i]`` ends the speaker phrase (``PHRASE_ENDS``), unless it names a document's owner
    (تقرير لرويترز)."""
    w = tx.word(toks[i])
    if w.startswith(LAM) and bare(tx.word(toks[0])) in lex.grammar.document_noun:
        return False
    return any(end(tx, lex, norm, toks, i) for end in PHRASE_ENDS)


def _adjunct(tx: ClaimText, lex: ClaimLexicon, norm: NormText, toks: list[Span], i: int) -> bool:
    """في، خلال، للصحفيين ... (role stop), but not في of a share (7 في المئة)."""
    g = lex.grammar
    return tx.word(toks[i]) in g.stop and not (i + 1 < len(toks) and tx.word(toks[i + 1]) in g.percent_noun)


def _no_part_of_a_name(tx: ClaimText, lex: ClaimLexicon, norm: NormText, toks: list[Span], i: int) -> bool:
    """An addressee (لـ، لشبكة), an adverb (مرارا), a subordinate word, a word of role ``not_speaker``
    (هذه، هي; not a partitive منهم) or a reporting verb."""
    g, w = lex.grammar, tx.word(toks[i])
    return bool(w == LAM or is_addressee(g.addressee, w) or in_role(g.adverb, w) or in_role(g.subordinator, w)
                or in_role(g.not_speaker, w) and w not in g.stop and not w.startswith(_MIN) or lex.verb_re.fullmatch(w))


def _addressee_after_person(tx: ClaimText, lex: ClaimLexicon, norm: NormText, toks: list[Span], i: int) -> bool:
    """وزير الخارجية إبراهيم الجعفري لوكيل الوزارة: ل on the word right after a person's name."""
    w, before = tx.word(toks[i]), tx.name_at(toks[i - 1][0])
    return w.startswith(LAM) and len(w) > 3 and before is not None and before[2] == "PERSON" \
        and tx.name_at(toks[i][0]) is None


def _object_after_name(tx: ClaimText, lex: ClaimLexicon, norm: NormText, toks: list[Span], i: int) -> bool:
    """ماكرون إرادته، ستروميا تحيزه: after a whole name a word with a pronoun is the verb's object."""
    return tx.name_at(toks[i - 1][0]) is not None and tx.name_at(toks[i][0]) is None \
        and not tx.word(toks[i]).startswith(_MIN) and _pronoun_suffixed(norm.to_original(*toks[i]))


def _accusative_after_head(tx: ClaimText, lex: ClaimLexicon, norm: NormText, toks: list[Span], i: int) -> bool:
    """نتنياهو متهكما، مرغلاني وفقاً: a word with the accusative تنوين, or after a definite word or a name an
    indefinite participle in م...ا (a circumstantial), is no part of the subject."""
    w, prev = tx.word(toks[i]), tx.word(toks[i - 1])
    if tx.name_at(toks[i][0]) is not None:
        return False
    if norm.to_original(*toks[i]).endswith(_TANWIN_FATH):
        return True  # وعاد مضواح مقدمًا
    return bool(bare(prev).startswith(ARTICLE) or tx.name_at(toks[i - 1][0])) and w.startswith(MEEM) \
        and w.endswith(ALEF) and len(w) >= _PARTICIPLE_MIN and not w.startswith(ARTICLE)


def _fact_after_definite(tx: ClaimText, lex: ClaimLexicon, norm: NormText, toks: list[Span], i: int) -> bool:
    """معالي الأمين العام ضرورة ...، الحكومة المصرية خفض ...: an indefinite fact, measure or object noun after
    a definite word opens the verb's object (a construct chain never follows a definite word)."""
    g, w = lex.grammar, tx.word(toks[i])
    return bare(tx.word(toks[i - 1])).startswith(ARTICLE) and tx.name_at(toks[i][0]) is None \
        and w in g.fact_head | g.measure_head | g.object_head and not w.startswith(ARTICLE)


PHRASE_ENDS: tuple[Callable[[ClaimText, ClaimLexicon, NormText, list[Span], int], bool], ...] = (
    _adjunct,
    _no_part_of_a_name,
    _addressee_after_person,
    _object_after_name,
    _accusative_after_head,
    _fact_after_definite,
)


def _pronoun_suffixed(word: str) -> bool:
    """ـه، ـها، ـهم، ـهما in the original text (not ة), on a word longer than the suffix."""
    return len(word) > 3 and word.endswith(_PRONOUN_ENDINGS)


def _no_word(tx: ClaimText, lex: ClaimLexicon, span: Span, kind: str, original: str) -> bool:
    """No letter at all (an empty phrase, a quote mark, a number)."""
    return not any(c.isalpha() for c in tx.t[span[0] : span[1]])


def _not_a_noun_phrase(tx: ClaimText, lex: ClaimLexicon, span: Span, kind: str, original: str) -> bool:
    """It opens with a word that never opens a speaker: لها، عليه، رغم، ومضى، هو، الأمر، عددهم, or with a
    conjunction that opens a clause (مما جعله يطالب)."""
    toks = tx.tokens(*span)
    if not toks:
        return False
    w, g = tx.word(toks[0]), lex.grammar
    return in_role(g.not_speaker, w) or len(toks) > 1 and w in g.clause_link and not in_role(g.lead | g.subordinator, w)


def _preposition_on_first_word(tx: ClaimText, lex: ClaimLexicon, span: Span, kind: str, original: str) -> bool:
    """لمتسابق، لأحلام، للصحفيين: ل written on the first word makes it an object, not a subject (a name
    that begins with ل, لافروف، لندن, is an entity mention); بحماس: ب written on a name."""
    toks = tx.tokens(*span)
    if not toks:
        return False
    a, w = toks[0][0], tx.word(toks[0])
    if w.startswith(LAM) and len(w) > 3 and tx.name_at(a) is None:
        return True
    after = tx.name_at(a + 1)
    return w.startswith(BA) and after is not None and after[0] == a + 1


def _opens_with_a_verb(tx: ClaimText, lex: ClaimLexicon, span: Span, kind: str, original: str) -> bool:
    """A clause, not a noun phrase: it opens with a reporting verb or إن/أن standing alone."""
    toks = tx.tokens(*span)
    if not toks:
        return False
    w = tx.word(toks[0])
    return bool(lex.verb_re.fullmatch(w) or COMPLEMENTIZER_RE.fullmatch(w) and toks[0][0] == span[0])


def _word_with_pronoun(tx: ClaimText, lex: ClaimLexicon, span: Span, kind: str, original: str) -> bool:
    """It opens with a word with a pronoun suffix that is no name (رفعها، عددهم، استعداده لعقد): an object
    or a verb."""
    toks = tx.tokens(*span)
    words = TOKEN_RE.findall(original)
    return bool(toks and words) and tx.name_at(toks[0][0]) is None and _pronoun_suffixed(words[0])


def _opens_with_a_preposition(tx: ClaimText, lex: ClaimLexicon, span: Span, kind: str, original: str) -> bool:
    """مع الناس، في المدينة: an adjunct (role ``stop``), not a subject (``ما نشرته صحيفة ...`` is one)."""
    toks = tx.tokens(*span)
    return bool(toks) and tx.word(toks[0]) in lex.grammar.stop and tx.word(toks[0]) not in lex.grammar.object_head


def _accusative_first(tx: ClaimText, lex: ClaimLexicon, span: Span, kind: str, original: str) -> bool:
    """يُعتبر رديفًا قويًا: a first word written with the accusative تنوين is no subject."""
    words = original.split()
    return bool(words) and words[0].endswith(_TANWIN_FATH)


def _opens_with_time(tx: ClaimText, lex: ClaimLexicon, span: Span, kind: str, original: str) -> bool:
    """A time adverb (أمس، الأسبوع الماضي) or a date (عام 2016), not a source."""
    toks = tx.tokens(*span)
    return bool(toks) and (in_role(lex.grammar.time, tx.word(toks[0]))
                           or len(toks) > 1 and tx.word(toks[1]).isdigit() and not tx.word(toks[0]).isdigit())


def _oblique_plural(tx: ClaimText, lex: ClaimLexicon, span: Span, kind: str, original: str) -> bool:
    """After a verb, one definite sound plural in -ين that is no name (الصحفيين): its object or addressee
    (the subject would be الصحفيون)."""
    toks = tx.tokens(*span)
    if kind != "verb" or len(toks) != 1 or tx.name_at(toks[0][0]) is not None:
        return False
    w = bare(tx.word(toks[0]))
    return w.startswith(ARTICLE) and w.endswith(_OBLIQUE_PLURAL)


SPEAKER_CHECKS: tuple[Callable[[ClaimText, ClaimLexicon, Span, str, str], bool], ...] = (
    _no_word,
    _not_a_noun_phrase,
    _preposition_on_first_word,
    _opens_with_a_verb,
    _word_with_pronoun,
    _opens_with_time,
    _accusative_first,
    _opens_with_a_preposition,
    _oblique_plural,
)


def noun_phrase(tx: ClaimText, lex: ClaimLexicon, norm: NormText, span: Span, kind: str) -> Span | None:
    """The trimmed speaker span (normalised offsets), or None when a check finds it is no noun phrase
    (``kind`` is the frame's family: verb, attr ...)."""
    after = _after_relative_verb(tx, lex, span) if kind == "attr" else None
    if after:
        return _checked(tx, lex, norm, after, kind) or _checked(tx, lex, norm, span, kind)
    return None if after == () else _checked(tx, lex, norm, span, kind)


def _checked(tx: ClaimText, lex: ClaimLexicon, norm: NormText, span: Span, kind: str) -> Span | None:
    trimmed = trim_speaker(tx, lex, norm, span)
    if trimmed is None:
        return None
    original = norm.to_original(*trimmed)  # a pronoun suffix is told from ة only in the original text
    if any(check(tx, lex, trimmed, kind, original) for check in SPEAKER_CHECKS):
        return None
    return trimmed


def _after_relative_verb(tx: ClaimText, lex: ClaimLexicon, span: Span) -> Span | tuple[()] | None:
    """حسب ما نشرته صحيفة "عكاظ": the phrase after the verb of ما (its subject speaks); ``()`` when nothing
    follows the verb (حسب ما رأيناه: no source is named); None when the span does not open with ما."""
    toks = tx.tokens(*span)
    if len(toks) < 2 or tx.word(toks[0]) != _MA:
        return None
    return (toks[2][0], span[1]) if len(toks) > 2 else ()
