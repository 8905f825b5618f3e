"""The attribution rules: a phrase of ``attributions.tsv`` (وفقا لـ، بحسب، نقلا عن، كما قال ...) and its source.

The source is the noun phrase after the phrase, up to a comma, a colon, the statement end or إن/أن.
Where the phrase stands says what is attributed:

- ``claims.attribution_then_claim``: at the start of its clause with words after the source, it
  attributes what follows (``وفقا لمصادر مطلعة، فإن ...``);
- ``claims.claim_then_attribution``: else it attributes the statement before it (``...، بحسب رويترز``).

Named checks drop a phrase that attributes nothing: ``NOT_AN_ATTRIBUTION`` on the phrase itself,
``NOT_A_SOURCE`` on the noun phrase after it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..lang.ar.letters import ARTICLE, FA, LAM
from ..lang.ar.normalize import normalize_key
from ..lang.ar.punctuation import COMMAS
from .candidate import Frame
from .lexicon import AN, COMPLEMENTIZER_RE, PRONOUN, WORD, ClaimLexicon, Grammar
from .quotes import extend_quotes, match_quote, quote_open, quote_start, search_outside_quotes
from .speaker import RELAY_LEMMA, relayed_source
from .text import CLAUSE_MARK_RE, ClaimText, Span, in_role, is_addressee

SOURCE_MAX_TOKENS = 10  # noun phrase after an attribution phrase
BEFORE_MIN_TOKENS = 3  # a statement before a trailing attribution has at least this many words
_CONTENT_INTRO_RE = re.compile(f"{FA}?({AN}{PRONOUN}?)(?!{WORD})")  # (ف)إن(ه) opening the attributed content


@dataclass(frozen=True)
class AttributionCue:
    """An attribution phrase, with the reporting verb after it (وفق ما أعلن، كما قال) when there is one."""

    start: int
    end: int  # after the verb, when there is one
    verb: re.Match | None
    trailing: bool  # kind ``trailing=verb`` (كما، مثلما): attributes only the statement before it
    ss: int  # the statement holding it
    se: int
    relay_after_verb: bool = False  # نقلا عن after a reporting verb and its outlet: part of the verb's claim


@dataclass(frozen=True)
class SourcePhrase:
    """The noun phrase after an attribution phrase."""

    start: int
    end: int  # a comma, a colon, إن/أن or the statement end
    prefix: str  # "ال" restored after a dropped لـ (للخبراء -> الخبراء)
    bounded: bool  # a comma or colon ends it, not the statement end
    complement: bool  # إن/أن ends it
    toks: list[Span]
    at_clause_start: bool  # only particles come before the attribution phrase in its clause
    mid_sentence: bool  # it ends at an adjunct, and the statement goes on after it


def _trailing_without_verb(tx: ClaimText, cue: AttributionCue) -> bool:
    """كما without a reporting verb means "also" / "as"."""
    return cue.trailing and cue.verb is None


def _trailing_inside_quotation(tx: ClaimText, cue: AttributionCue) -> bool:
    """"... كما قالوا ...": words inside a quotation, not our attribution."""
    return cue.trailing and quote_open(tx.t[cue.ss : cue.start])


def _relay_of_a_verb(tx: ClaimText, cue: AttributionCue) -> bool:
    """ذكرت صحيفة "عكاظ" نقلا عن مسؤول أن ...: the verb's claim, the source relayed by the outlet."""
    return cue.relay_after_verb


NOT_AN_ATTRIBUTION: tuple[Callable[[ClaimText, AttributionCue], bool], ...] = (
    _trailing_without_verb,
    _trailing_inside_quotation,
    _relay_of_a_verb,
)


def _trailing_before_complement(tx: ClaimText, lex: ClaimLexicon, cue: AttributionCue, src: SourcePhrase) -> bool:
    """كما قال X إن ...: "as X also said that", a verb claim of its own."""
    return cue.trailing and src.complement


def _no_source(tx: ClaimText, lex: ClaimLexicon, cue: AttributionCue, src: SourcePhrase) -> bool:
    """No word left after the adjuncts are cut, or more than a source phrase holds."""
    return not src.toks or len(src.toks) > SOURCE_MAX_TOKENS


def _norm_or_criterion(tx: ClaimText, lex: ClaimLexicon, cue: AttributionCue, src: SourcePhrase) -> bool:
    """وفق المادة 62، حسب العمر: a norm or a criterion, not a source."""
    return cue.verb is None and in_role(lex.grammar.non_source, tx.word(src.toks[0]))


def _a_count(tx: ClaimText, lex: ClaimLexicon, cue: AttributionCue, src: SourcePhrase) -> bool:
    """كما نقلت مليون راكب: "also carried a million passengers", a count is no source."""
    first = tx.word(src.toks[0])
    return cue.trailing and (first.isdigit() or first in lex.number_words)


def _an_object(tx: ClaimText, lex: ClaimLexicon, cue: AttributionCue, src: SourcePhrase) -> bool:
    """كما أعلن عن حفل / كما أعلنت مقتل: "also announced", an object, not a source."""
    g = lex.grammar
    return cue.trailing and any(tx.word(tok) in g.fact_prep or in_role(g.fact_head, tx.word(tok)) for tok in src.toks)


NOT_A_SOURCE: tuple[Callable[[ClaimText, ClaimLexicon, AttributionCue, SourcePhrase], bool], ...] = (
    _trailing_before_complement,
    _no_source,  # before the checks that read the first word
    _norm_or_criterion,
    _a_count,
    _an_object,
)


def attribution_frame(tx: ClaimText, lex: ClaimLexicon, m: re.Match) -> Frame | None:
    """The claim attributed by the phrase matched by ``m`` (``lex.attr_re``), or None."""
    cue = _cue(tx, lex, m)
    if any(check(tx, cue) for check in NOT_AN_ATTRIBUTION):
        return None
    src = _source_phrase(tx, lex, cue)
    if any(check(tx, lex, cue, src) for check in NOT_A_SOURCE):
        return None
    t = tx.t
    speaker = extend_quotes(t, src.start if src.prefix else src.toks[0][0], src.toks[-1][1], src.start, src.end)
    if cue.verb and RELAY_LEMMA in normalize_key(t[cue.verb.start() : cue.verb.end()]):
        speaker = relayed_source(tx, lex, speaker, src.end)
    rest = [] if src.mid_sentence else tx.tokens(src.end, cue.se)
    if cue.trailing and rest:
        return None  # كما قال الوزير ... and the statement goes on: the verb's own claim, not an attribution
    if src.at_clause_start and rest:
        return _claim_after_source(tx, cue, src, speaker)
    return _claim_before_source(tx, cue, src, speaker, bool(rest))


def _cue(tx: ClaimText, lex: ClaimLexicon, m: re.Match) -> AttributionCue:
    t = tx.t
    cs, ce = m.span()
    cs += len(m.group(1))  # the conjunction و (ووفقا، وبحسب) is not part of the cue
    trailing = normalize_key(t[cs:ce]) in lex.trailing_attr
    verb = lex.after_attr_verb_re.match(t, ce)
    ss, se = tx.sentence(cs)
    relay = bool(lex.relay_re.match(t, cs)) and bool(lex.verb_re.search(t, tx.clause_start(ss, cs), cs))
    return AttributionCue(cs, verb.end() if verb else ce, verb, trailing, ss, se, relay)


def _source_phrase(tx: ClaimText, lex: ClaimLexicon, cue: AttributionCue) -> SourcePhrase:
    """The source noun phrase: up to a comma, colon, statement end or (ف)إن, adjuncts cut off."""
    t, g = tx.t, lex.grammar
    start = cue.end
    while start < cue.se and t[start] == " ":
        start += 1
    prefix = ""
    if t[cue.start : cue.end].endswith(LAM) and not cue.verb and t.startswith(LAM, start):
        start += 1  # للخبراء = ل + الخبراء
        prefix = ARTICLE
    bound = search_outside_quotes(t, CLAUSE_MARK_RE, start, cue.se)
    end = bound.start() if bound else cue.se
    comp = search_outside_quotes(t, COMPLEMENTIZER_RE, start, end)  # not the إن of "إن إتش كيه"
    if comp:
        end = comp.start()
    toks = tx.tokens(start, end)
    if cue.verb:
        # وفق ما أعلن الخميس وزير ...: a time word right after the verb precedes the source
        while toks and (in_role(g.time, tx.word(toks[0])) or tx.word(toks[0]).isdigit()):
            toks = toks[1:]
        if toks:
            start = toks[0][0]
    toks = _cut_adjuncts(tx, g, toks, cue.verb is not None)
    clause = tx.clause_start(cue.ss, cue.start)
    at_clause_start = all(in_role(g.lead, tx.word(tok)) for tok in tx.tokens(clause, cue.start))
    cut = _mid_sentence_end(tx, g, cue, toks, at_clause_start, clause > cue.ss)
    if cut:
        toks = toks[:cut]
    return SourcePhrase(start, end, prefix, bound is not None, comp is not None, toks, at_clause_start, bool(cut))


def _cut_adjuncts(tx: ClaimText, g: Grammar, toks: list[Span], after_verb: bool) -> list[Span]:
    """Cut the source before "his saying"; after a verb (حسبما ذكرت الصحيفة اليوم، كما قال الوزير
    للصحفيين) also before an adjunct, a time word or an addressee."""
    for i, tok in enumerate(toks):
        w = tx.word(tok)
        if w in g.quote_noun or after_verb and (w in g.stop or in_role(g.time, w) or is_addressee(g.addressee, w)):
            return toks[:i]
    return toks


def _mid_sentence_end(tx: ClaimText, g: Grammar, cue: AttributionCue, toks: list[Span], at_clause_start: bool,
                      after_clause: bool) -> int:
    """How many words of a source named mid-sentence are the source (0: not cut).

    ضربت هزة ... الجزيرة وفق المركز الأمريكي بعد أربعة أيام من ...، كما أعلن المتحدث فيما أصيب ...: the
    source ends at an adjunct or a new clause, and the sentence goes on after it. After a clause of its
    own (...، بحسب الحزب بينهم اثنان ...) a long source is cut the same way.
    """
    long = len(toks) > SOURCE_MAX_TOKENS
    if not (not at_clause_start or after_clause and long) or not toks:
        return 0
    if not (long or cue.trailing and tx.tokens(toks[-1][1], cue.se)):
        return 0
    ends = g.stop | g.clause_link
    return next((i for i, tok in enumerate(toks) if i and (in_role(ends, tx.word(tok)) or in_role(g.time, tx.word(tok)))), 0)


def _claim_after_source(tx: ClaimText, cue: AttributionCue, src: SourcePhrase, speaker: Span) -> Frame:
    """وفقا لمصادر مطلعة، فإن ...: the content follows the source (a quote, or after (ف)إن)."""
    t = tx.t
    pos = src.end
    while pos < cue.se and (t[pos] in " " + COMMAS or t[pos] == ":"):
        pos += 1
    intro = _CONTENT_INTRO_RE.match(t, pos)
    if intro:
        pos = intro.start(1) if len(intro.group(1)) > len(AN) else intro.end()
    frame = Frame("attr", "claims.attribution_then_claim", (cue.start, cue.end), cue.start, speaker=speaker,
                  speaker_prefix=src.prefix, content_start=pos)
    close = match_quote(tx, pos)
    if close > 0:
        frame.content_start, frame.quote_end = quote_start(t, pos), close
    return frame


def _claim_before_source(tx: ClaimText, cue: AttributionCue, src: SourcePhrase, speaker: Span,
                         words_after: bool) -> Frame | None:
    """...، بحسب رويترز: the statement before the phrase is attributed."""
    before = tx.tokens(cue.ss, cue.start)
    if len(before) < BEFORE_MIN_TOKENS:
        return None
    frame = Frame("attr", "claims.claim_then_attribution", (cue.start, cue.end), cue.start, speaker=speaker,
                  speaker_prefix=src.prefix, before=(before[0][0], before[-1][1]))
    # تفاقم الوضع بحسب الأمم المتحدة، وبخاصة في ...: inside the clause the phrase attributes the whole
    # sentence when a named source follows it (بحسب حرية الصحافة، وفقا لطريقة ... name criteria)
    frame.named_source = words_after and src.bounded
    return frame
