"""The reporting-verb rules: a verb of ``reporting_verbs.tsv``, its speaker and what it reports.

A verb's row says what it takes after it. Every verb takes a quoted statement, an إن/أن clause or a
colon; the column ``takes`` adds a preposition (``ب``، ``عن|من|في``: a topic), a fact noun (``fact``),
a plain object (``object``) or an object written in the cue (``inline``). One small function finds
each complement and names the rule of the claim:

- ``REGION_COMPLEMENTS`` are tried in order and the first found wins; the speaker is then looked for
  between the verb and the complement (VSO);
- ``OBJECT_COMPLEMENTS`` (by ``takes``) apply when none of those is found.

``NOT_A_CLAIM`` are named checks that drop a verb before anything else (a negation, a passive).
Then the subject: a participle (``continues=2``) continues its sentence's subject; else the issuer
of a document noun before the verb, a subject written before it (SVO), or none, carried over later.

A new verb frame is a row of ``reporting_verbs.tsv`` and, for a new kind of complement, one function
added to one of the two tables with its rule id in ``resources/rules.tsv`` (``RULES``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from ..entities.lexicon import TITLES
from ..lang.ar.letters import ARTICLE, BA, HA
from ..lang.ar.normalize import TOKEN_RE, normalize_key
from ..lang.ar.punctuation import COMMAS, DOUBLE_QUOTES
from .candidate import Frame
from .content import (
    BI_RE,
    ILA_RE,
    content_start_after_intro,
    fact_head,
    is_bare_intro,
    region_too_long,
    topic_prep,
)
from .lexicon import AN, COMPLEMENTIZER_RE, ClaimLexicon
from .quotes import extend_quotes, long_quote, match_quote, quote_start, search_outside_quotes
from .speaker import (
    RELAY_LEMMA,
    SPEAKER_MAX_TOKENS,
    cut_at_measure,
    document_speaker,
    noun_governs,
    noun_phrase_length,
    object_phrase,
    relay,
    sentence_subject,
    speaker_after,
    speaker_before,
    split_object,
    verb_gender,
)
from .text import CLAUSE_MARK_RE, SPACES_RE, ClaimText, Span, bare, in_role

PREV_WORD_CHARS = 30  # the word before a verb (a negation, a preposition) is looked for this far back
_ILA = "الي"  # إلى, folded: takes=إلى is a call (دعا إلى)


@cache
def _key(lemma: str) -> str:
    return normalize_key(lemma)


@dataclass
class VerbMatch:
    """One reporting verb found in the text, with what every complement finder needs."""

    tx: ClaimText
    lex: ClaimLexicon
    m: re.Match  # group 1: a و/ف proclitic, group 2: the verb
    row: dict[str, str]  # its reporting_verbs.tsv row
    takes: list[str]  # its ``takes`` column, split at |
    vs: int  # the verb, without its proclitic
    ve: int
    prefixed: bool  # و/ف written on the verb
    ss: int  # the statement holding it
    end: int  # where the search for a complement stops: the statement end or the next cue
    prev: list[Span]  # the tokens just before the verb
    prev_word: str
    intro: re.Match | None  # (prep) (ب)أن(ه) or a colon after the verb
    extra: re.Match | None = None  # the preposition the verb takes (بـ، عن، من ...)
    pronoun_subject: bool = False  # a pronoun of respect is the subject (وقال سموه): carried over like و/ف


@dataclass(frozen=True)
class Complement:
    """What a verb reports, as one complement finder found it."""

    rule: str
    content_start: int
    quote_end: int = -1
    content_end: int = -1
    region_end: int | None = None  # the speaker is looked for between the verb and here (VSO)
    speaker: Span | None = None  # found with the complement (an object's subject), when region_end is None
    settled: bool = False  # the speaker is final: no subject is looked for


def _negated(vm: VerbMatch) -> bool:
    """لم يؤكد، لا يعتقد: a negation right before the verb makes no claim."""
    return in_role(vm.lex.grammar.negator, vm.prev_word) and not vm.prefixed


def _described_as(vm: VerbMatch) -> bool:
    """وُصف بأنه / وصفوا بأنهم / اتُّهم بالفساد: "was described as, was accused of" (bare_bi=passive): a ب
    right after the bare form, nobody speaks."""
    return vm.row.get("bare_bi") == "passive" and vm.tx.t[vm.ve : vm.ve + 2].lstrip().startswith(BA)


def _mid_clause(vm: VerbMatch) -> bool:
    """بين الأطفال دون أن، بينه وبين النادي: a form that is also another word (``opens=1``: بين = between) is a
    verb only when it opens its clause (nothing but lead words before it since a comma or the sentence start)
    and its subject holds no comma before its إن/أن (بين الحكومة والانقلابيين، من أجل ...، غير أنها)."""
    if vm.row.get("opens") != "1":
        return False
    if not opens_its_clause(vm.tx, vm.lex, vm.m):
        return True
    return bool(vm.intro and CLAUSE_MARK_RE.search(vm.tx.t[vm.ve : vm.intro.start()].rstrip(" " + COMMAS)))


def opens_its_clause(tx: ClaimText, lex: ClaimLexicon, m: re.Match) -> bool:
    """Nothing but lead words before the verb matched by ``m`` since a comma or the sentence start; a form
    with ``opens=1`` (بين) is no cue elsewhere, so it does not end an earlier verb's complement either."""
    clause = tx.clause_start(tx.sentence(m.start(2))[0], m.start())
    return tx.core_tokens(clause, m.start(), lex.grammar.lead, 0) is not None


NOT_A_CLAIM: tuple[Callable[[VerbMatch], bool], ...] = (_negated, _described_as, _mid_clause)


@cache
def _titles() -> frozenset[str]:
    """Person titles (``person_titles.tsv``: الناطق، المتحدث، مدير ...), normalised, one word each."""
    return frozenset(normalize_key(t) for t in TITLES.words() if " " not in t)


def _statement_before(vm: VerbMatch) -> Frame | None:
    """... وحالته الصحية مستقرة. أوضح ذلك الناطق الإعلامي لحرس الحدود: the verb and ذلك/هذا point back to the
    statement before it, which its speaker said (none when that statement has a reporting verb of its own)."""
    tx, lex = vm.tx, vm.lex
    after = _back_reference(vm)
    if after is None:
        return None
    c = CLAUSE_MARK_RE.search(tx.t, after, vm.end)
    speaker = speaker_after(tx, lex, after, c.start() if c else vm.end)
    end = vm.ss - 1
    while end > 0 and not tx.tokens(tx.sentence(end)[0], end):  # ... مستقرة.. أوضح ذلك: empty statements
        end = tx.sentence(end)[0] - 1
    toks = tx.tokens(tx.sentence(end)[0], end) if end > 0 else []
    if speaker is None or not toks or lex.verb_re.search(tx.t, toks[0][0], toks[-1][1]) \
            or lex.attr_re.search(tx.t, toks[0][0], toks[-1][1]) or not _names_someone(vm, speaker):
        return None
    return Frame("verb", "claims.verb_after_statement", (vm.vs, vm.ve), vm.vs, speaker=speaker,
                 before=(toks[0][0], toks[-1][1]), stance=vm.row.get("stance") or "assert",
                 frame=vm.row.get("frame") or "say")


def _back_reference(vm: VerbMatch) -> int | None:
    """Where ذلك/هذا right after a verb opening its statement ends, or None: not when إن/أن follows (وأكد هذا
    الناطق أن: a demonstrative on the subject) nor inside a quotation (أضافت "ذلك التصعيد ...")."""
    tx = vm.tx
    after = tx.tokens(vm.ve, min(vm.end, vm.ve + PREV_WORD_CHARS))
    if vm.prev or vm.intro or not after or not in_role(vm.lex.grammar.back_reference, tx.word(after[0])):
        return None
    return None if any(q in tx.t[vm.ve : after[0][0]] for q in DOUBLE_QUOTES) else after[0][1]


def _names_someone(vm: VerbMatch, speaker: Span) -> bool:
    """A person title opens the phrase, or a person or body is named in it (أقر هذا القانون الأوروبي names nobody)."""
    words = vm.tx.tokens(*speaker)
    if words and bare(vm.tx.word(words[0])) in _titles():
        return True
    return any((n := vm.tx.name_at(tok[0])) is not None and n[2] in SPEAKER_NAME_TYPES for tok in words)


def verb_frame(tx: ClaimText, lex: ClaimLexicon, m: re.Match, limit: int) -> Frame | None:
    """The claim of the reporting verb matched by ``m`` (``lex.verb_re``), or None.

    ``limit`` is where the next cue starts: the verb's complement is looked for before it.
    """
    vm = _verb_match(tx, lex, m, limit)
    if any(check(vm) for check in NOT_A_CLAIM):
        return None
    back = _statement_before(vm)
    if back is not None:
        return back
    vm.intro, vm.extra = _complement_marks(vm)
    comp = next((c for find in REGION_COMPLEMENTS if (c := find(vm)) is not None), None)
    via = target = None
    if comp is not None:
        if region_too_long(tx, vm.ve, comp.region_end):
            return None
        speaker, via = _region_speaker(vm, comp.region_end)
        if speaker and _respect_pronoun(vm, speaker):
            speaker, vm.pronoun_subject = None, True
        if vm.row.get("target") == "object":
            speaker, target = _subject_and_object(vm, speaker)
    else:
        find = OBJECT_COMPLEMENTS.get(vm.takes[0])
        comp = find(vm) if find else None
        if comp is None:
            return None
        speaker = comp.speaker
    if vm.row.get("target") == "complement":
        target = object_phrase(tx, lex, comp.content_start, comp.content_end if comp.content_end >= 0 else vm.end)
    frame = Frame(
        "verb", comp.rule, (vm.vs, vm.ve), vm.vs, speaker=speaker, content_start=comp.content_start,
        quote_end=comp.quote_end, content_end=comp.content_end, stance=vm.row.get("stance") or "assert",
        hedged=vm.row.get("hedged") == "1",
        gender=verb_gender(vm.m.group(2), _key(vm.row["lemma"]), _participle(vm)),
        frame=vm.row.get("frame") or "say", target=target, via=via,
    )
    return frame if comp.settled else _find_subject(vm, frame)


def _respect_pronoun(vm: VerbMatch, speaker: Span) -> bool:
    """وقال سموه، وأوضح معاليه: a pronoun of respect is the verb's pronoun subject; the speaker is carried over."""
    toks = vm.tx.tokens(*speaker)
    return len(toks) == 1 and in_role(vm.lex.grammar.respect_pronoun, vm.tx.word(toks[0]))


def _after_topic(vm: VerbMatch) -> bool:
    """وعن أسباب قبول الزوج ...، أوضح أن; وحول إقامة الكأس في لندن أكد سموه أن: a sentence opened by its topic
    (role ``topic_lead``) has the verb's subject unwritten, not in the topic phrase."""
    first = vm.tx.tokens(vm.ss, min(vm.m.start(), vm.ss + PREV_WORD_CHARS))[:1]
    return bool(first) and not vm.prefixed and in_role(vm.lex.grammar.topic_lead, vm.tx.word(first[0]))


def _participle(vm: VerbMatch) -> bool:
    return vm.row.get("continues") == "2"


def _subject_and_object(vm: VerbMatch, phrase: Span | None) -> tuple[Span | None, Span | None]:
    """اتهم الوزير المعارضة بـ: the phrase between the verb and its complement is the subject, then the
    object (the target). After a participle (متهما المعارضة), a plural verb (طالبوا السلطات: a subject after
    the verb would leave it singular) or a subject written before the verb (الوزير اتهم المعارضة) the whole
    phrase is the object."""
    if phrase is None:
        return None, None
    plural = not verb_gender(vm.m.group(2), _key(vm.row["lemma"]))  # طالبوا السلطات: the subject is the pronoun
    if _participle(vm) or plural or not vm.prefixed and speaker_before(vm.tx, vm.lex, vm.ss, vm.m.start()):
        return None, phrase
    return split_object(vm.tx, vm.lex, phrase)


def _verb_match(tx: ClaimText, lex: ClaimLexicon, m: re.Match, limit: int) -> VerbMatch:
    row = lex.verbs[SPACES_RE.sub(" ", m.group(2))]  # ورد\xa0في: any blank between the words of a cue
    vs, ve = m.span(2)
    ss, se = tx.sentence(vs)
    end = min(se, limit)
    prev = tx.tokens(max(ss, vs - PREV_WORD_CHARS), m.start())
    intro = search_outside_quotes(tx.t, lex.intro_re, ve, end)
    prev_word = tx.word(prev[-1]) if prev else ""
    return VerbMatch(tx, lex, m, row, row.get("takes", "").split("|"), vs, ve, bool(m.group(1)), ss, end, prev,
                     prev_word, intro)


def _complement_marks(vm: VerbMatch) -> tuple[re.Match | None, re.Match | None]:
    """The verb's إن/أن (or colon) and the preposition it takes; a bare أن that is not its complement
    is dropped."""
    t, lex, takes = vm.tx.t, vm.lex, vm.takes
    intro, extra = vm.intro, None
    if _key(takes[0]) == _ILA:  # a call (دعا إلى)
        extra = ILA_RE.search(t, vm.ve, vm.end)
    elif takes[0] == BA:  # a demand or a pledge (طالب بـ، تعهد بـ)
        extra = _bi_complement(vm)
    topic = [w for w in map(_key, takes) if w in lex.grammar.topic_prep]
    if topic:  # أعلن ... عن فقدان، تحدثت ... عن عقد اتفاق، حذر ... من الانخداع
        extra = topic_prep(vm.tx, lex, vm.ve, vm.end, topic)
        if intro and is_bare_intro(t, intro) and vm.row.get("bare_an") == "no":
            intro = None  # تحدث اللغة ...، رغم أن: only عن أن is the complement of تحدث
        fh = fact_head(vm.tx, lex, vm.ve, vm.end) if extra is not None and "fact" in takes else None
        if fh is not None and fh <= extra.start():
            extra = None  # أعلن التنظيم مسؤوليته عن ...: the fact noun comes first
    elif intro and extra is not None and is_bare_intro(t, intro):
        intro = None  # طالب/دعا take their preposition: a bare أن after them is not their complement
    return intro, extra


def _bi_complement(vm: VerbMatch) -> re.Match | None:
    """The ب that opens the complement (طالب الحزب الحكومة بالاستقالة), not one written on a name
    (بريطانيا، بوتين) or on a title link (المتحدث باسم). A name of several words tagged a person
    after ب (بدعم الإرهاب) is more often a complement the name finder misread."""
    t, tx = vm.tx.t, vm.tx
    for m in BI_RE.finditer(t, vm.ve, vm.end):
        word = TOKEN_RE.match(t, m.start())
        name = tx.name_at(m.start())
        on_name = name is not None and (name[2] != "PERSON" or word is not None and name[1] <= word.end())
        if not on_name and not (word and word.group() in vm.lex.grammar.title_link):
            return m
    return None


def _quoted_statement(vm: VerbMatch) -> Complement | None:
    """قال "...": a long quotation before any إن/أن."""
    quote = long_quote(vm.tx, vm.ve, vm.intro.start() if vm.intro else vm.end)
    if quote is None:
        return None
    return Complement("claims.verb_then_quote", quote[0] + 1, quote_end=quote[1], region_end=quote[0])


def _clause(vm: VerbMatch) -> Complement | None:
    """قال إن ...، أشار إلى أن ...، قال: ... (the clause may be quoted: قال إن "...")."""
    intro, extra = vm.intro, vm.extra
    if not intro or (extra is not None and intro.start() > extra.start()):
        return None
    t = vm.tx.t
    start = content_start_after_intro(t, intro)
    after = max(intro.end(), start)
    close = match_quote(vm.tx, after)
    if close > 0:
        return Complement("claims.verb_then_clause", quote_start(t, after), quote_end=close, region_end=intro.start())
    return Complement("claims.verb_then_clause", start, region_end=intro.start())


def _preposition_object(vm: VerbMatch) -> Complement | None:
    """تعهد بـ...، أعلن ... عن ...، حذر ... من ...: what follows the verb's preposition."""
    if vm.extra is None:
        return None
    return Complement("claims.verb_then_preposition", vm.extra.end(), region_end=vm.extra.start())


def _fact_object(vm: VerbMatch) -> Complement | None:
    """أعلن الجيش مقتل ...، أكد استعداده ...: a fact noun as the verb's object (takes=fact)."""
    if "fact" not in vm.takes:
        return None
    head = fact_head(vm.tx, vm.lex, vm.ve, vm.end)
    return None if head is None else Complement("claims.verb_then_fact", head, region_end=head)


REGION_COMPLEMENTS: tuple[Callable[[VerbMatch], Complement | None], ...] = (
    _quoted_statement,
    _clause,
    _preposition_object,
    _fact_object,
)


def _region_speaker(vm: VerbMatch, region_end: int) -> tuple[Span | None, Span | None]:
    """The speaker between the verb and its complement, and the outlet relaying it: a relay
    (نقلت X عن Y، ذكرت X نقلا عن Y) gives its source and X; a measured object (قدرت X عدد ... بـ) is cut off."""
    tx, lex = vm.tx, vm.lex
    chain = lex.relay_re.search(tx.t, vm.ve, region_end)
    if chain:  # ذكرت صحيفة "عكاظ" نقلا عن مسؤول أن
        via = speaker_after(tx, lex, vm.ve, chain.start())
        return speaker_after(tx, lex, chain.end(), region_end), via
    speaker, via = speaker_after(tx, lex, vm.ve, region_end), None
    if speaker and _key(vm.row["lemma"]) == RELAY_LEMMA:
        speaker, via = relay(tx, lex, speaker, region_end)
    if speaker and vm.extra is not None and region_end == vm.extra.start():
        speaker = cut_at_measure(tx, lex, speaker)
    return speaker, via


def _clause_words(vm: VerbMatch) -> tuple[int, list[Span]]:
    """Where the verb's clause ends (a comma, a colon, or the search end) and its words after the verb."""
    c = CLAUSE_MARK_RE.search(vm.tx.t, vm.ve, vm.end)
    clause_end = c.start() if c else vm.end
    return clause_end, vm.tx.tokens(vm.ve, clause_end)


def _object_in_cue(vm: VerbMatch) -> Complement | None:
    """رفض اتهامات ...: the cue holds its object noun; the subject came before (SVO) or is carried over."""
    _, toks = _clause_words(vm)
    toks = toks or vm.tx.tokens(vm.vs, vm.ve)[-1:]  # رفضت الاتهامات.: the noun itself
    return Complement("claims.verb_object_in_cue", toks[0][0], content_end=toks[-1][1])


def _plain_object(vm: VerbMatch) -> Complement | None:
    """نفت الدولتان هذه التبادلات: subject then object, split at an object head (هذه، الأنباء ...),
    else after the first word (a definite one or one of two) or the second."""
    if bare(vm.prev_word) in vm.lex.grammar.masdar_prep and not vm.prefixed:
        return _verbal_noun_object(vm)
    clause_end, toks = _clause_words(vm)
    if not toks:
        return None
    tx = vm.tx
    if vm.row.get("target") == "complement":
        return _judged_object(vm, clause_end, toks)
    split = next((i for i, tok in enumerate(toks) if tx.word(tok) in vm.lex.grammar.object_head), None)
    if split is None:
        if len(toks) < 2:
            return None
        split = 1 if tx.word(toks[0]).startswith(ARTICLE) or len(toks) == 2 else 2
    if split >= len(toks):
        return None
    speaker = extend_quotes(tx.t, toks[0][0], toks[split - 1][1], vm.ve, clause_end) if split > 0 else None
    return Complement("claims.verb_then_object", toks[split][0], content_end=toks[-1][1], speaker=speaker)


def _judged_object(vm: VerbMatch, clause_end: int, toks: list[Span]) -> Complement | None:
    """أدان الأمين العام للأمم المتحدة الهجوم، انتقد ترامب الاتفاق: the subject noun phrase, then what is
    condemned, criticized or praised. After a participle, a plural verb, a subject written before the verb
    or a و/ف with one noun phrase (وأدان الهجوم) the whole clause is the object."""
    tx = vm.tx
    whole = Complement("claims.verb_then_object", toks[0][0], content_end=toks[-1][1])
    plural = not verb_gender(vm.m.group(2), _key(vm.row["lemma"]))  # انتقدوا رايس: the subject is the pronoun
    if _participle(vm) or plural or not vm.prefixed and speaker_before(tx, vm.lex, vm.ss, vm.m.start()):
        return whole
    n = noun_phrase_length(tx, vm.lex.grammar, toks)
    if n >= len(toks):
        return whole if vm.prefixed else None
    speaker = extend_quotes(tx.t, toks[0][0], toks[n - 1][1], vm.ve, clause_end)
    return Complement("claims.verb_then_object", toks[n][0], content_end=toks[-1][1], speaker=speaker)


def _verbal_noun_object(vm: VerbMatch) -> Complement | None:
    """دأبت إيران على نفي تسليح الحوثيين: after a preposition the form is the verbal noun (نفي); the
    denier is the subject of the governing verb and the whole object is denied."""
    _, toks = _clause_words(vm)
    if not toks:
        return None
    speaker = sentence_subject(vm.tx, vm.lex, vm.ss, vm.m.start())
    if speaker is None and noun_governs(vm.tx, vm.prev):
        return None  # الحصول على نفي، بالإضافة إلى نفي: a noun governs it, nobody is said to deny
    return Complement("claims.verbal_noun_denial", toks[0][0], content_end=toks[-1][1], speaker=speaker,
                      settled=True)


OBJECT_COMPLEMENTS: dict[str, Callable[[VerbMatch], Complement | None]] = {
    "inline": _object_in_cue,
    "object": _plain_object,
}


SPEAKER_NAME_TYPES = frozenset({"PERSON", "ORG"})
_BEFORE_NAME_RE = re.compile(r"[\s,،]*$")


def _named_antecedent(vm: VerbMatch) -> Span | None:
    """A person or body named right before a relative pronoun (السفير أسامة نقلي الذي أكد أن) or
    before a comma that opens the verb's clause (مدير الشرطة العميد عبدالرحمن الثمالي، أكد أن) is the
    subject: the name after a relative pronoun, the whole short phrase before a comma."""
    tx, g = vm.tx, vm.lex.grammar
    after = tx.tokens(vm.ve, min(vm.end, vm.ve + PREV_WORD_CHARS))
    if after and in_role(g.resumptive, tx.word(after[0])):
        return None
    relative = bool(vm.prev) and in_role(g.relative, vm.prev_word)
    name = _name_before(vm, vm.prev[-1][0] if relative else _opening_comma(vm))
    if name is None:
        return None
    head = tx.tokens(name[0], name[1])[:1]
    feminine = bool(head) and tx.word(head[0]).endswith(HA)  # ة is folded to ه: منظمة، هيئة
    if name[2] != "PERSON" and feminine and in_role(g.masculine_relative, vm.prev_word):
        return None
    return (name[0], name[1]) if relative else (_phrase_start(vm, name[0]), name[1])


def _opening_comma(vm: VerbMatch) -> int:
    """The comma right before the verb that opens its clause, or -1."""
    clause = vm.tx.clause_start(vm.ss, vm.m.start())
    return clause - 1 if clause > vm.ss and not vm.tx.t[clause : vm.m.start()].strip() else -1


def _name_before(vm: VerbMatch, before: int) -> tuple[int, int, str] | None:
    """The person or body mention ending right before ``before`` (blanks and commas between), or None."""
    if before < 0:
        return None
    gap = _BEFORE_NAME_RE.search(vm.tx.t, max(vm.ss, before - 3), before)
    name = vm.tx.name_at(gap.start() - 1) if gap and gap.start() > vm.ss else None
    return name if name is not None and name[2] in SPEAKER_NAME_TYPES and name[1] == gap.start() else None


def _phrase_start(vm: VerbMatch, name_start: int) -> int:
    """Where the subject before a comma starts: its clause start (lead words skipped) when the phrase is
    short and holds no adjunct or verb (لكن مسؤولا كبيرا بالاتحاد الأوروبي،), else the name itself."""
    tx, g = vm.tx, vm.lex.grammar
    toks = tx.core_tokens(tx.clause_start(vm.ss, name_start), name_start, g.lead, SPEAKER_MAX_TOKENS)
    bad = g.subordinator | g.stop | g.negator | g.mention_prep
    if not toks or any(in_role(bad, tx.word(tok)) or _is_reporting_verb(vm, tok) for tok in toks):
        return name_start
    return toks[0][0]


def _opening_verb_subject(vm: VerbMatch) -> Span | None:
    """أكد المدير العام للقناة جاسر الجاسر، عن قرب انفصال القناة، مبيّناً أن ...: the reporting verb that opens
    the sentence took no complement of its own; its subject, up to the first comma, is the participle's."""
    tx, lex = vm.tx, vm.lex
    first = lex.verb_re.search(tx.t, vm.ss, vm.m.start())
    if first is None or first.group(1) == "" and tx.tokens(vm.ss, first.start()) \
            or tx.core_tokens(vm.ss, first.start(), lex.grammar.lead, 0) is None:
        return None
    c = CLAUSE_MARK_RE.search(tx.t, first.end(), vm.m.start())
    end = c.start() if c else vm.m.start()
    if lex.intro_re.search(tx.t, first.end(), end) or any(q in tx.t[first.end() : end] for q in DOUBLE_QUOTES):
        return None  # وأكد أن ...، مبينا، أضافت "..." مشيرة: the opening verb has a complement of its own
    speaker = speaker_after(tx, lex, first.end(), end)
    toks = tx.tokens(*speaker) if speaker else []
    # ونوه الأمير ... بما تحقق: the verb's object after ب (not on a name, not باسم) ends the subject
    cut = next((i for i, tok in enumerate(toks) if i and tx.word(tok).startswith(BA) and tx.name_at(tok[0]) is None
                and tx.word(tok) not in lex.grammar.title_link), len(toks))
    subject = (toks[0][0], toks[cut - 1][1]) if toks else None
    return subject if subject and _names_someone(vm, subject) else None  # وختم حديثه بالقول: no subject, carried over


def _is_reporting_verb(vm: VerbMatch, tok: Span) -> bool:
    """The token is a reporting verb."""
    return bool(vm.lex.verb_re.fullmatch(vm.tx.word(tok)))


def _participle_subject(vm: VerbMatch, frame: Frame) -> Frame:
    """A participle (مضيفا أن، بقوله) continues the subject of its sentence, else the previous speaker."""
    frame.rule = "claims.participle"
    frame.speaker, frame.head, frame.inherit = None, vm.vs, True
    subject = sentence_subject(vm.tx, vm.lex, vm.ss, vm.m.start(), frame.gender) or _opening_verb_subject(vm)
    if subject:  # no earlier reporting verb: وعلق الوزير على ذلك بقوله إن ...
        frame.speaker, frame.inherit = subject, False
    return frame


def _find_subject(vm: VerbMatch, frame: Frame) -> Frame:
    """Settle who speaks when the complement did not say: a participle's sentence subject, a document's
    issuer, a subject before the verb, or nobody yet (carried over from an earlier claim)."""
    continues = vm.row.get("continues", "0")
    frame.impersonal = continues == "impersonal"
    if continues == "2":  # a participle (مضيفا أن، بقوله) continues the subject of its sentence
        return _participle_subject(vm, frame)
    if frame.speaker is None and not vm.prefixed:
        frame.speaker = document_speaker(vm.tx, vm.lex, vm.ss, vm.m.start())
    # إنه يؤكد، أنها تعتقد: the subject pronoun on إن/أن makes the verb part of a clause
    prev_word = vm.prev_word
    frame.embedded = bool(COMPLEMENTIZER_RE.fullmatch(prev_word)) and len(bare(prev_word)) > len(AN)
    if frame.speaker is None:
        # Impersonal hedged verbs (يُعتقد، قيل) have no preposed subject.
        g = vm.lex.grammar
        pronoun = vm.prefixed or vm.pronoun_subject or _after_topic(vm)
        svo = None if pronoun or frame.hedged else speaker_before(vm.tx, vm.lex, vm.ss, vm.m.start())
        svo = svo or (None if pronoun or frame.hedged else _named_antecedent(vm))
        if svo:
            frame.speaker, frame.head = svo, svo[0]
        elif pronoun or in_role(g.lead, prev_word) or prev_word in g.pronoun_lead:
            frame.inherit = not frame.hedged  # يعتقد/يقال without subject are impersonal
        frame.embedded = frame.embedded or frame.speaker is None and not frame.inherit
    return frame
