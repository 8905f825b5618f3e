"""What a claim rule proposes (``Frame``), and the id of every rule with what it matches (``RULES``).

Offsets in a ``Frame`` index the normalised text (``NormText.text``), ``end`` exclusive; the
claims are reported in ``Document.text`` offsets only when they are emitted (``emit.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

# Rule id -> what it matched, in one sentence an analyst reads next to the claim ("why was this extracted").
RULES: dict[str, str] = {
    "claims.verb_then_quote": "A reporting verb (قال، أكد ...) and its speaker, followed by a quoted statement.",
    "claims.verb_then_clause": "A reporting verb (قال، أكد، أشار ...) and its speaker, followed by إن/أن (بأن، إلى أن)"
    " or a colon and the statement.",
    "claims.verb_then_preposition": "A reporting verb that takes a preposition (تعهد بـ، أعلن عن، حذر من، شكك في)"
    " and its speaker, followed by what was pledged, announced, warned of or doubted.",
    "claims.verb_then_fact": "A reporting verb (أعلن، أكد، كشف ...) and its speaker, followed by a fact noun as its"
    " object (أعلن الجيش مقتل ...، أكد استعداده ...).",
    "claims.verb_then_object": "A denial verb (نفى، كذّب، دحض) with its subject and a plain object: the object is"
    " what is denied (نفت الدولتان هذه التبادلات).",
    "claims.verb_object_in_cue": "A rejection written with its object (رفض اتهامات، رفضت المزاعم ...): the rest of"
    " the clause is what is denied.",
    "claims.verbal_noun_denial": "The verbal noun نفي after a preposition (دأبت إيران على نفي ...): the subject of"
    " the sentence denies the object.",
    "claims.participle": "A participle or by-saying phrase (مضيفا، مؤكدة، قائلا، بقوله) continuing the subject of its"
    " sentence, followed by the statement.",
    "claims.attribution_then_claim": "An attribution phrase and its source opening a clause (وفقا لـ، بحسب، نقلا عن"
    " ...), followed by the statement.",
    "claims.claim_then_attribution": "A statement followed by an attribution phrase and its source (...، بحسب وكالة"
    " رويترز؛ ...، كما قال الوزير).",
    "claims.rumour_noun": "A rumour or unverified-report noun introducing its content (إشاعات تفيد بـ، أنباء عن)"
    "; always hedged, a denial when the sentence denies it.",
    "claims.quoted_paragraph": "A paragraph that is one quotation, continuing the speaker of the claim just before"
    " it.",
}


@dataclass
class Frame:
    """A candidate claim: its rule, cue, speaker and content, before overlaps are resolved."""

    kind: str  # verb, attr, report, quote: the family of the rule
    rule: str  # a key of RULES
    cue: tuple[int, int]
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
    match_start: int = -1  # a rumour noun's match, its و/ف proclitic included

    def copy(self) -> Frame:
        """A shallow copy (its spans are tuples, so nothing is shared that can change)."""
        twin = object.__new__(Frame)
        twin.__dict__.update(self.__dict__)
        return twin
