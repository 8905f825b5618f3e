"""Resolved frames -> ``Claim`` records: speakers carried over, entities linked, hedges and denials set.

Frames are read in text order, and each emitted claim with a speaker of its own is remembered, so a
later verb without a subject (``وأضاف أن ...``) can carry that speaker over. Offsets of the records
index ``Document.text`` (``NormText.span`` maps them back from the normalised view).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..lang.ar.clitics import PREPOSITIONS
from ..lang.ar.letters import ARTICLE
from ..lang.ar.normalize import TOKEN_RE, NormText, normalize
from ..lang.ar.punctuation import COMMAS
from ..records import Claim, Document, Mention
from .candidate import Frame
from .guards import noun_phrase, speaker_text
from .lexicon import ClaimLexicon
from .quotes import DIRECTED_QUOTES, quote_open
from .speaker import feminine_ending, speaker_gender
from .text import ClaimText, bare, in_role, is_addressee

SPEAKER_TYPE_PRIORITY = ("PERSON", "ORG", "GPE")
INHERIT_WINDOW = 1500  # a speaker is carried over at most this many normalised characters
INHERIT_CANDIDATES = 4  # the recent speakers searched for one of the verb's gender
QUOTE_PARAGRAPH_WINDOW = 600  # a verbless quoted paragraph continues a claim at most this far back
QUOTATION_WINDOW = 2000  # a quotation around a subjectless verb is searched this far on either side
FULL_FORM_CANDIDATES = 20  # the recent speakers searched for the full form of a short one
MENTION_MAX_LEAD = 2  # words allowed before a name that is the subject of a later verb (وبوسع فيسبوك)


@dataclass(frozen=True)
class Said:
    """A speaker named by an emitted claim."""

    speaker: str
    entity: str | None
    pos: int  # the cue's normalised offset
    gender: str


@dataclass
class Emission:
    """One document being emitted: what every claim reads, and the speakers said so far."""

    doc: Document
    norm: NormText
    tx: ClaimText
    lex: ClaimLexicon
    mentions: list[Mention]  # PERSON, ORG and GPE mentions, by start
    cue_starts: list[int]
    recent: list[Said] = field(default_factory=list)
    last_kind: str = ""  # the kind of the last frame emitted
    mention_starts: list[int] = field(init=False)

    def __post_init__(self):
        self.mention_starts = [m.start for m in self.mentions]


def emit_claims(doc: Document, norm: NormText, tx: ClaimText, lex: ClaimLexicon, frames: list[Frame],
                mentions: Sequence[Mention]) -> list[Claim]:
    """The claims of the resolved ``frames``, sorted by span, with ids ``<doc_id>:c<n>``."""
    em = Emission(doc, norm, tx, lex, sorted((m for m in mentions if m.type in SPEAKER_TYPE_PRIORITY),
                                             key=lambda m: m.start), sorted(f.cue[0] for f in frames))
    claims = [c for f in frames if (c := _claim(em, f)) is not None]
    claims.sort(key=lambda c: (c.start, c.end))
    return [Claim(**{**vars(c), "claim_id": f"{doc.doc_id}:c{i}"}) for i, c in enumerate(claims, start=1)]


def _impersonal(em: Emission, f: Frame) -> bool:
    """ويذكر أن، يتوقع أن with no subject: "it is noted / expected", nobody claims."""
    return f.impersonal and not f.speaker


def _unnamed_nested_source(em: Emission, f: Frame) -> bool:
    """بحسب حرية الصحافة inside a clause: the source must be a named entity."""
    return f.named_source and not entity_for(em.mentions, *em.norm.span(*f.speaker))


def _nobody_before_quote(em: Emission, f: Frame) -> bool:
    """A quoted paragraph with no one speaking just before: a title, a slogan, a quoted document."""
    return f.kind == "quote" and not (
        em.recent and f.cue[0] - em.recent[-1].pos <= QUOTE_PARAGRAPH_WINDOW and em.last_kind in ("verb", "quote")
    )


def _verb_inside_quotation(em: Emission, f: Frame) -> bool:
    """«... لم يقولا لي شيئا، وإنما قالا إنهما سيعودان»: a verb with no subject of its own inside someone's
    quoted words reports what the quoted speaker was told, not a claim of the earlier speaker."""
    if f.kind != "verb" or f.speaker:
        return False
    t, cue = em.tx.t, f.cue[0]
    start = max(t.rfind("\n", max(0, cue - QUOTATION_WINDOW), cue) + 1, cue - QUOTATION_WINDOW)
    end = t.find("\n", cue, cue + QUOTATION_WINDOW)
    before, after = t[start:cue], t[cue : end if end >= 0 else cue + QUOTATION_WINDOW]
    return any(_open_and_closed(before, after, pair) for pair in DIRECTED_QUOTES)


def _open_and_closed(before: str, after: str, pair: str) -> bool:
    """A «» or “” quotation opened in the paragraph before the verb closes after it (a straight " or a
    mark written the wrong way, as in « المدينة «, never counts: the corpora write them loosely)."""
    opener, closer = pair
    if before.count(opener) <= before.count(closer) or before.rfind(opener) < before.rfind(closer):
        return False
    close, reopen = after.find(closer), after.find(opener)
    return close >= 0 and (reopen < 0 or close < reopen)


def _passive_accusation(em: Emission, f: Frame) -> bool:
    """واتُّهم على الأثر بالفساد: an accusation with no subject, no accused and no object pronoun on the verb
    (اتهمها) is passive: the accused is the subject, nobody is said to accuse."""
    if f.frame != "accuse" or f.speaker or f.target is not None:
        return False
    row = em.lex.verbs.get(bare(em.tx.t[f.cue[0] : f.cue[1]]))
    return row is not None and row.get("target") == "object"  # the bare form (اتهمه has its object)


def _prayer(em: Emission, f: Frame) -> bool:
    """داعيا الله أن يحفظ البلاد: a call addressed to God (role ``prayer_object``) is a prayer, not a demand."""
    if f.frame != "demand" or f.target is None:
        return False
    words = em.tx.tokens(*f.target)
    return bool(words) and em.tx.word(words[0]) in em.lex.grammar.prayer_object


NOT_EMITTED: tuple[Callable[[Emission, Frame], bool], ...] = (
    _impersonal, _unnamed_nested_source, _nobody_before_quote, _verb_inside_quotation, _passive_accusation, _prayer)


def _spans(f: Frame) -> tuple[int, int, int, int]:
    """The content and the whole claim (cue, explicit speaker, content, closing quote), normalised offsets."""
    if f.before is not None:
        return f.before[0], f.before[1], f.before[0], f.speaker[1]
    span_ne = f.quote_end + 1 if f.quote_end >= 0 else f.content_end
    if f.speaker:
        span_ne = max(span_ne, f.speaker[1])
    return f.content_start, f.content_end, min(f.head, f.cue[0]), span_ne


def _claim(em: Emission, f: Frame) -> Claim | None:
    c_ns, c_ne, span_ns, span_ne = _spans(f)
    if any(check(em, f) for check in NOT_EMITTED):
        return None
    t, text, norm, lex = em.tx.t, em.doc.text, em.norm, em.lex
    hedged = f.hedged or bool(lex.hedge_re.search(t, span_ns, span_ne))
    stance = f.stance
    if stance == "assert" and lex.content_denial_re.search(t, c_ns, c_ne):
        stance = "deny"
    speaker, entity = _speaker(em, f)
    if not speaker:
        return None  # no noun phrase names the source: no claim
    em.last_kind = f.kind
    target, target_entity = _phrase(em, f.target, f.speaker)
    via, _ = _phrase(em, f.via, f.speaker)
    start, _ = norm.span(span_ns, span_ns + 1)
    _, end = norm.span(span_ne - 1, span_ne)
    cue0, cue1 = norm.span(*f.cue)
    con0, con1 = norm.span(c_ns, c_ne)
    return Claim(
        doc_id=em.doc.doc_id,
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
        rule=f.rule,
        frame="deny" if f.kind == "report" and stance == "deny" else f.frame,
        target=target,
        target_entity_id=target_entity,
        via=via,
    )


def _phrase(em: Emission, span: tuple[int, int] | None, speaker: tuple[int, int] | None) -> tuple[str, str | None]:
    """A target or relay span as written (no quote marks) and its entity; ("", None) for none or for
    a span inside the speaker's."""
    if span is None or speaker is not None and span[0] < speaker[1] and speaker[0] < span[1]:
        return "", None
    s0, s1 = em.norm.span(*span)
    return speaker_text(em.doc.text[s0:s1]), entity_for(em.mentions, s0, s1)


def _speaker(em: Emission, f: Frame) -> tuple[str, str | None]:
    """The frame's own speaker (remembered), else a name earlier in its sentence, else a carried-over one."""
    own = f.speaker and noun_phrase(em.tx, em.lex, em.norm, f.speaker, f.kind)
    if own:
        s0, s1 = em.norm.span(*own)
        text = em.doc.text
        speaker = speaker_text(f.speaker_prefix + text[s0:s1])
        entity = entity_for(em.mentions, s0, s1)
        speaker, entity = _full_form(em.recent, speaker, entity)
        em.recent.append(Said(speaker, entity, f.cue[0], speaker_gender(text[s0:s1], em.mentions, s0)))
        return speaker, entity
    if f.speaker and f.kind != "verb":
        return "", None  # an attribution names its source or is none
    if f.kind == "verb" and not f.impersonal and (f.inherit or not f.hedged) and (pick := _sentence_mention(em, f)):
        return pick
    if f.inherit and em.recent and f.cue[0] - em.recent[-1].pos <= INHERIT_WINDOW:
        return _carried_over(em.recent, f)
    return "", None


def _full_form(recent: list[Said], speaker: str, entity: str | None) -> tuple[str, str | None]:
    """وأكد الوزير: a lone definite noun names the earlier speaker whose phrase opens or ends with it (وزير
    الخارجية عادل الجبير), or holds it and names the same entity (سياف المعاوي عضو الاتحاد), when exactly one
    earlier speaker does; else the phrase as written."""
    words = TOKEN_RE.findall(normalize(speaker).text)
    if len(words) != 1 or not words[0].startswith(ARTICLE):
        return speaker, entity
    core = words[0][len(ARTICLE):]
    found = {s.speaker: s.entity for s in recent[-FULL_FORM_CANDIDATES:] if len(_cores(s.speaker)) > 1
             and (core in _ends(s.speaker) or entity is not None and s.entity == entity and core in _cores(s.speaker))}
    if len(found) != 1:
        return speaker, entity
    full, full_entity = next(iter(found.items()))
    return full, entity or full_entity


@lru_cache(maxsize=4096)
def _cores(phrase: str) -> tuple[str, ...]:
    """The words of a phrase, normalised, without ال."""
    return tuple(w[len(ARTICLE):] if w.startswith(ARTICLE) else w for w in TOKEN_RE.findall(normalize(phrase).text))


def _ends(phrase: str) -> set[str]:
    """The head and the last word of a phrase (وزير ... الجبير), normalised, without ال: a short form repeats
    one of them (الوزير، الجبير), not a word inside (مدير المرصد is not المرصد)."""
    words = _cores(phrase)
    return {words[0], words[-1]} if words else set()


def _carried_over(recent: list[Said], f: Frame) -> tuple[str, str | None]:
    """The last speaker; a verb with a gender (وقالت) prefers the last one that agrees with it."""
    pick = recent[-1]
    if f.gender:
        for cand in reversed(recent[-INHERIT_CANDIDATES:]):
            if f.cue[0] - cand.pos > INHERIT_WINDOW:
                break
            if not cand.gender or cand.gender == f.gender:
                pick = cand
                break
    return pick.speaker, pick.entity


def entity_for(mentions: Sequence[Mention], start: int, end: int) -> str | None:
    """The entity of the first PERSON (else ORG, else GPE) mention inside [start, end) of the original text."""
    best = None
    for mention in mentions:
        if mention.start >= start and mention.end <= end and mention.type in SPEAKER_TYPE_PRIORITY:
            key = (SPEAKER_TYPE_PRIORITY.index(mention.type), mention.start)
            if best is None or key < best[0]:
                best = (key, mention.entity_id)
    return best[1] if best else None


def _mention_gender(mention: Mention) -> str:
    """``f`` for a country, the ending of a common-noun head for an ORG (الوزارة، المجلس), else ``""``."""
    if mention.type == "GPE":
        return "f"
    words = TOKEN_RE.findall(normalize(mention.text).text)
    if mention.type != "ORG" or not words or not words[0].startswith(ARTICLE) and not feminine_ending(words[0]):
        return ""  # a person or a bare brand name (فيسبوك) may take either agreement
    return "f" if feminine_ending(words[0]) else "m"


def _sentence_mention(em: Emission, f: Frame) -> tuple[str, str | None] | None:
    """The subject of a verb that has none of its own, named earlier in its sentence.

    ``وبعد انتخاب الرئيس الجديد لباراغواي، ماريو بنيتيز، أكد أنه ...``، ``وبوسع فيسبوك أن ترد ...،
    وقالت إنها ...``: the first PERSON/ORG/GPE mention of the sentence that agrees with the verb and
    is not the object of a preposition (لقناة الجزيرة، على المفوضة، مع نظيره). None when an earlier
    claim in the same sentence is what the verb continues, or no such mention precedes the verb.
    """
    ss, _ = em.tx.sentence(f.cue[0])
    i = bisect.bisect_left(em.cue_starts, ss)
    if i < len(em.cue_starts) and em.cue_starts[i] < f.cue[0]:
        return None
    text, norm = em.doc.text, em.norm
    o_ss, o_cue = norm.span(ss, ss + 1)[0], norm.span(*f.cue)[0]
    for m in em.mentions[bisect.bisect_left(em.mention_starts, o_ss) :]:
        if m.end > o_cue:
            break
        if quote_open(text[o_ss : m.start]) or m.start > 0 and text[m.start - 1] in PREPOSITIONS:
            continue  # inside a quotation, or ل/ب/ك written on the name (لباراغواي)
        if m.type == "GPE" or _governed(em, normalize(text[o_ss : m.start]).text):
            continue  # a place, a name deep inside its clause or after a preposition is rarely the subject
        g = _mention_gender(m)
        if f.gender and g and g != f.gender:
            continue
        return m.text, m.entity_id
    return None


def _governed(em: Emission, before: str) -> bool:
    """The clause before a name holds too many words, or ends with a preposition or an addressee
    (لقناة الجزيرة، مع نظيره ماكرون) that governs the name."""
    g = em.lex.grammar
    clause = before[max(before.rfind(c) for c in COMMAS + ":") + 1 :]
    prev = TOKEN_RE.findall(clause)
    if len(prev) > MENTION_MAX_LEAD:
        return True
    if not prev:
        return False
    w = bare(prev[-1])
    return w in g.stop | g.complement_prep | g.mention_prep or in_role(g.addressee, w) or is_addressee(g.addressee, prev[-1])
